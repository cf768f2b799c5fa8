// A synthetic news stream for the scale benchmark: vocabulary and names taken from the real
// article texts in ../shared/bench (word frequencies kept), stories with their own specific
// words and names that run for a few days across outlets, and wire copies republished by other
// outlets with the dedup benchmark's edits. Seeded: the same stream every run.
import { readFileSync } from 'node:fs';
import { republish, seededRandom, type Random } from '../dedup/edits.ts';

export interface GeneratedArticle {
  id: number;
  title: string;
  text: string;
  publishedAt: Date;
  source: number;
  story: number;
  /** The article this one copies, when it is a copy. */
  copyOf: number | null;
}

interface Vocabulary {
  words: string[];
  /** Cumulative frequencies for sampling by frequency. */
  cumulative: Float64Array;
  names: string[];
}

export function loadVocabulary(sharedBench: string): Vocabulary {
  const texts: string[] = [];
  const truth = JSON.parse(readFileSync(`${sharedBench}article-extraction/ground-truth.json`, 'utf8')) as Record<string, { articleBody: string }>;
  for (const gold of Object.values(truth)) texts.push(gold.articleBody);
  for (const file of ['news-cluster.jsonl', 'ecbplus.jsonl']) {
    for (const line of readFileSync(`${sharedBench}news-clustering/${file}`, 'utf8').split('\n').filter(Boolean)) texts.push((JSON.parse(line) as { text: string }).text);
  }
  const counts = new Map<string, number>();
  const names = new Set<string>();
  for (const text of texts) {
    for (const m of text.matchAll(/(?<![.!?]\s)\b([A-Z][a-z]{2,})\b|\b([a-z]{2,})\b/g)) {
      if (m[1]) names.add(m[1]);
      else counts.set(m[2]!, (counts.get(m[2]!) ?? 0) + 1);
    }
  }
  const words = [...counts.keys()].sort();
  const cumulative = new Float64Array(words.length);
  let sum = 0;
  for (const [i, w] of words.entries()) cumulative[i] = sum += counts.get(w)!;
  for (let i = 0; i < cumulative.length; i++) cumulative[i]! /= sum;
  return { words, cumulative, names: [...names].sort() };
}

function sampleWord(v: Vocabulary, random: Random): string {
  const r = random();
  let lo = 0;
  let hi = v.cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (v.cumulative[mid]! < r) lo = mid + 1;
    else hi = mid;
  }
  return v.words[lo]!;
}

interface StorySeed {
  id: number;
  words: string[];
  names: string[];
  endsAt: number;
}

/**
 * `count` articles over `days` days in time order. Each article belongs to a story (new stories
 * start all the time and run 1–6 days); about `copyShare` of them are copies of an earlier
 * article of their story by another outlet.
 */
export function* generateStream(v: Vocabulary, count: number, options: { days: number; seed: number; copyShare: number }): Generator<GeneratedArticle> {
  const random = seededRandom(options.seed);
  const rareStart = Math.floor(v.words.length * 0.2);
  const rare = () => v.words[rareStart + Math.floor(random() * (v.words.length - rareStart))]!;
  const name = () => v.names[Math.floor(random() * v.names.length)]!;
  const span = options.days * 86_400_000;
  const start = Date.UTC(2024, 0, 1);
  const live: StorySeed[] = [];
  let nextStory = 1;
  const recentByStory = new Map<number, GeneratedArticle[]>();
  for (let id = 1; id <= count; id++) {
    const at = start + Math.floor((id / count) * span);
    while (live.length && live[0]!.endsAt < at) {
      recentByStory.delete(live[0]!.id);
      live.shift();
    }
    // A new story with probability ~1/4, or when none is live.
    if (!live.length || random() < 0.25) {
      const seed: StorySeed = {
        id: nextStory++,
        words: Array.from({ length: 12 }, rare),
        names: [name() + ' ' + name(), name(), name() + ' ' + name()],
        endsAt: at + (1 + Math.floor(random() * 6)) * 86_400_000,
      };
      // Keep `live` ordered by end time.
      const at2 = live.findIndex((s) => s.endsAt > seed.endsAt);
      live.splice(at2 < 0 ? live.length : at2, 0, seed);
    }
    // Busier stories get more articles: pick among the live ones with a bias to the newest.
    const story = live[Math.floor(random() ** 0.7 * live.length)]!;
    const recent = recentByStory.get(story.id) ?? [];
    const source = Math.floor(random() * 400);
    let article: GeneratedArticle;
    if (recent.length && random() < options.copyShare) {
      const original = recent[Math.floor(random() * recent.length)]!;
      const copy = republish(original.title, original.text, random);
      article = { id, title: copy.title, text: copy.text, publishedAt: new Date(at), source, story: story.id, copyOf: original.copyOf ?? original.id };
    } else {
      const title = [story.names[0]!, ...Array.from({ length: 6 }, () => (random() < 0.5 ? story.words[Math.floor(random() * 12)]! : sampleWord(v, random)))].join(' ');
      const paragraphs: string[] = [];
      const length = 120 + Math.floor(random() * 200);
      let sentence: string[] = [];
      let paragraph: string[] = [];
      for (let w = 0; w < length; w++) {
        const r = random();
        const word = r < 0.12 ? story.words[Math.floor(random() * 12)]! : r < 0.18 ? story.names[Math.floor(random() * 3)]! : r < 0.2 ? name() : sampleWord(v, random);
        sentence.push(word);
        if (sentence.length > 8 + random() * 14) {
          const s = sentence.join(' ');
          paragraph.push(s[0]!.toUpperCase() + s.slice(1) + '.');
          sentence = [];
          if (paragraph.length >= 2 + random() * 3) {
            paragraphs.push(paragraph.join(' '));
            paragraph = [];
          }
        }
      }
      if (paragraph.length) paragraphs.push(paragraph.join(' '));
      article = { id, title, text: paragraphs.join('\n\n'), publishedAt: new Date(at), source, story: story.id, copyOf: null };
    }
    recent.push(article);
    if (recent.length > 8) recent.shift();
    recentByStory.set(story.id, recent);
    yield article;
  }
}
