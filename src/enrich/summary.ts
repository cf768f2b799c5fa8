// Extractive summaries: the three sentences that best carry an article, and five sentences
// across a story's sources (no two near-identical, each cited to its article). Classical: a
// sentence scores by the weight of its terms (within the article; across sources for a story,
// where a term many sources share is the story's core), with a lead bonus and a redundancy check.
import { splitSentences, type Sentence } from '../text/sentences.ts';
import { terms } from '../text/tokenise.ts';

export interface SummarySentence {
  text: string;
  articleId: number | null;
  sourceName: string | null;
  sentenceIndex: number;
}

/** Term-set overlap: two sentences above 0.5 say the same thing (wire copies, restated facts). */
export function similarity(a: Set<string>, b: Set<string>): number {
  if (!a.size || !b.size) return 0;
  let shared = 0;
  for (const t of a) if (b.has(t)) shared++;
  return shared / Math.min(a.size, b.size);
}

const NEAR_IDENTICAL = 0.6;

function usable(sentence: string): boolean {
  const n = sentence.split(/\s+/).length;
  // Fragments, captions and run-on list dumps make poor summary sentences.
  return n >= 6 && n <= 70 && /[.!?"'”’]$/.test(sentence);
}

/** The article's best `count` sentences, in their original order. */
export function summariseArticle(title: string, text: string, count = 3, sentences: Sentence[] = splitSentences(text)): Sentence[] {
  const candidates = sentences.filter((s) => usable(s.text));
  if (!candidates.length) return sentences.slice(0, count);
  const tf = new Map<string, number>();
  const sentenceTerms = candidates.map((s) => new Set(terms(s.text)));
  for (const set of sentenceTerms) for (const t of set) tf.set(t, (tf.get(t) ?? 0) + 1);
  const titleTerms = new Set(terms(title));
  const scored = candidates.map((s, i) => {
    const set = sentenceTerms[i]!;
    let weight = 0;
    for (const t of set) weight += Math.log(1 + (tf.get(t) ?? 0)) + (titleTerms.has(t) ? 1 : 0);
    const position = s.index === 0 ? 1.5 : s.index < 3 ? 1.2 : 1;
    return { s, set, score: (weight / Math.sqrt(set.size + 4)) * position };
  });
  scored.sort((a, b) => b.score - a.score);
  const picked: typeof scored = [];
  for (const c of scored) {
    if (picked.length >= count) break;
    if (picked.some((p) => similarity(p.set, c.set) >= NEAR_IDENTICAL)) continue;
    picked.push(c);
  }
  return picked.map((p) => p.s).sort((a, b) => a.index - b.index);
}

export interface StoryArticleText {
  articleId: number;
  sourceName: string | null;
  title: string;
  text: string;
  publishedAt: Date | null;
}

/** `count` sentences across the story's articles, each cited, in time order of their articles. */
export function summariseStory(articles: StoryArticleText[], count = 5): SummarySentence[] {
  const pool: { a: StoryArticleText; s: Sentence; set: Set<string> }[] = [];
  const documentFrequency = new Map<string, number>();
  for (const a of articles) {
    const seen = new Set<string>();
    for (const s of splitSentences(a.text)) {
      if (!usable(s.text)) continue;
      const set = new Set(terms(s.text));
      pool.push({ a, s, set });
      for (const t of set) seen.add(t);
    }
    for (const t of terms(a.title)) seen.add(t);
    for (const t of seen) documentFrequency.set(t, (documentFrequency.get(t) ?? 0) + 1);
  }
  const n = Math.max(1, articles.length);
  const scored = pool.map((c) => {
    let weight = 0;
    for (const t of c.set) weight += (documentFrequency.get(t) ?? 0) / n;
    const position = c.s.index === 0 ? 1.4 : c.s.index < 3 ? 1.15 : 1;
    return { ...c, score: (weight / Math.sqrt(c.set.size + 4)) * position };
  });
  scored.sort((x, y) => y.score - x.score);
  const picked: typeof scored = [];
  const perSource = new Map<string, number>();
  // Two passes: first at most two sentences per source, then fill from anywhere.
  for (const limit of [2, Infinity]) {
    for (const c of scored) {
      if (picked.length >= count) break;
      if (picked.includes(c)) continue;
      const source = c.a.sourceName ?? `#${c.a.articleId}`;
      if ((perSource.get(source) ?? 0) >= limit) continue;
      if (picked.some((p) => similarity(p.set, c.set) >= NEAR_IDENTICAL)) continue;
      picked.push(c);
      perSource.set(source, (perSource.get(source) ?? 0) + 1);
    }
  }
  const time = (a: StoryArticleText) => a.publishedAt?.getTime() ?? Number.MAX_SAFE_INTEGER;
  picked.sort((x, y) => time(x.a) - time(y.a) || x.a.articleId - y.a.articleId || x.s.index - y.s.index);
  return picked.map((c) => ({ text: c.s.text, articleId: c.a.articleId, sourceName: c.a.sourceName, sentenceIndex: c.s.index }));
}
