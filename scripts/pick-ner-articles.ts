// Picks the real news articles that are annotated by hand with people, organisations and places for
// the entity tagger (src/enrich/tagger/annotations/), by a rule fixed before any of them was read:
//   news-cluster: events of no enrichment gold part (news, news-test, news-dev2) and in bench/cluster's
//     dev split; ids ordered by SHA-256 of `dateline-ner-news:<id>`; 120-700 words; at most four per
//     event; the first 40 (30 articles pass).
//   ecbplus: events in bench/cluster's dev split; ids ordered by SHA-256 of `dateline-ner-ecb:<id>`;
//     120-600 words; one per event (36 articles), then, in the same order, a second per event (72), then a
//     third (108), then a fourth to a seventh: 220 in all.
//   allsides-leads: stories in bench/cluster's dev split; ids ordered by SHA-256 of `dateline-ner-leads:<id>`;
//     20-150 words; at most one per story; the first 300.
//   article-extraction (../shared/bench/article-extraction/ground-truth.json, MIT: news and blog pages of
//     many sites, the gold main text of each): English pages (at least 12% of the words are "the", "and",
//     "of", "to", "a", "in", "is"); ids ordered by SHA-256 of `dateline-ner-web:<id>`; 150-1100 words; the
//     first 130 (all 121 that pass; the first 90 were annotated first). Its split goes by the page's site (host name without "www."), so one site's pages are in one split.
// Each list was annotated in order, so a longer list keeps the shorter one as its beginning (ecbplus was
// first 36 long, then 72, then 108; allsides-leads 150; article-extraction 90).
// Each article's tagger split (train / dev / test) goes by its event (news-cluster, allsides-leads) or topic (ecbplus):
// the first hex digit of SHA-256 of `dateline-ner-split:<event or topic>`: 0-9 train, a-c dev, d-f test.
// So no event (topic) is in two splits, and no clustering test event is ever trained on.
// Run: npx tsx scripts/pick-ner-articles.ts [news-cluster|ecbplus|allsides-leads]   (prints id, split, words, event)
import { createHash } from 'node:crypto';
import { inSplit, loadFile, type Row } from '../bench/cluster/data.ts';
import { extractionRows } from '../src/enrich/tagger/annotations.ts';
import { pickNewsDev2, pickNewsGold, pickNewsTest } from '../test/fixtures/gold/news-corpus.ts';

export type NerSource = 'news-cluster' | 'ecbplus' | 'allsides-leads' | 'article-extraction';
export const NER_SOURCES: readonly NerSource[] = ['news-cluster', 'ecbplus', 'allsides-leads', 'article-extraction'];
export interface NerPick {
  id: string;
  event: string;
  split: 'train' | 'dev' | 'test';
  words: number;
}

const sha = (s: string) => createHash('sha256').update(s).digest('hex');
const wordCount = (s: string) => s.split(/\s+/).filter(Boolean).length;

/** The tagger split of an event or topic key. */
export function nerSplit(key: string): NerPick['split'] {
  const d = Number.parseInt(sha(`dateline-ner-split:${key}`)[0]!, 16);
  return d <= 9 ? 'train' : d <= 12 ? 'dev' : 'test';
}

const ENGLISH_WORDS = new Set(['the', 'and', 'of', 'to', 'a', 'in', 'is']);
function pickExtractionPages(): NerPick[] {
  const out: NerPick[] = [];
  const rows = [...extractionRows().values()].sort((a, b) => (sha(`dateline-ner-web:${a.id}`) < sha(`dateline-ner-web:${b.id}`) ? -1 : 1));
  for (const row of rows) {
    const tokens = row.text.split(/\s+/).filter(Boolean);
    const english = tokens.filter((w) => ENGLISH_WORDS.has(w.toLowerCase())).length / Math.max(1, tokens.length);
    if (english < 0.12 || tokens.length < 150 || tokens.length > 1100) continue;
    let site: string;
    try {
      site = new URL(row.url).hostname.replace(/^www\./, '');
    } catch {
      site = row.id;
    }
    out.push({ id: row.id, event: site, split: nerSplit(site), words: tokens.length });
    if (out.length === 130) break;
  }
  return out;
}

/** The picked articles of one source, in pick order. */
export function pickNerArticles(source: NerSource): NerPick[] {
  if (source === 'article-extraction') return pickExtractionPages();
  const rows: Row[] = loadFile(source);
  const news = source === 'news-cluster';
  const salt = news ? 'dateline-ner-news' : source === 'ecbplus' ? 'dateline-ner-ecb' : 'dateline-ner-leads';
  // Rounds of at most this many per event each: news-cluster one round of four; ecbplus seven rounds of one.
  const [min, max, rounds, n] = news ? [120, 700, [4], 40] : source === 'ecbplus' ? [120, 600, [1, 2, 3, 4, 5, 6, 7], 220] : [20, 150, [1], 300];
  const excluded = new Set(news ? [...pickNewsGold(), ...pickNewsTest(), ...pickNewsDev2()].map((a) => a.cluster) : []);
  const taken = new Map<string, number>();
  const out: NerPick[] = [];
  const ordered = [...rows].sort((a, b) => (sha(`${salt}:${a.id}`) < sha(`${salt}:${b.id}`) ? -1 : 1));
  for (const perEvent of rounds) {
    for (const row of ordered) {
      if (out.length === n) return out;
      const words = wordCount(row.text);
      if (words < min || words > max || excluded.has(row.cluster) || !inSplit(row.cluster, 'dev')) continue;
      if ((taken.get(row.cluster) ?? 0) >= perEvent || out.some((p) => p.id === row.id)) continue;
      taken.set(row.cluster, (taken.get(row.cluster) ?? 0) + 1);
      const key = source === 'ecbplus' ? row.cluster.split('_')[0]! : row.cluster;
      out.push({ id: row.id, event: row.cluster, split: nerSplit(key), words });
    }
  }
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const source = (process.argv[2] ?? 'news-cluster') as NerSource;
  if (!NER_SOURCES.includes(source)) {
    console.error(`pick-ner-articles: source is ${NER_SOURCES.join(', ')}, not ${source}`);
    process.exit(1);
  }
  for (const p of pickNerArticles(source)) console.log(`${p.id}\t${p.split}\t${p.words}\t${p.event}`);
}
