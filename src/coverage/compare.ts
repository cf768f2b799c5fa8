// The coverage comparison, pure: for one story's articles with what is known about their
// publishers, which outlets covered it, the words each outlet's headlines use that no other
// outlet's do (and the words most of them share), the split of outlets by lean where a lean is
// labelled, and whether only one side (left or right) covered it. Nothing is guessed: an outlet
// without a label counts as unlabelled, and the one-side marker needs labelled outlets.
import { words, stem } from '../text/tokenise.ts';
import { STOPWORDS } from '../text/stopwords.ts';

export const LEANS = ['left', 'centre', 'right'] as const;
export type Lean = (typeof LEANS)[number];

export interface SourceFacts {
  country: string | null;
  language: string | null;
  owner: string | null;
  lean: Lean | null;
}

export interface CoveredArticle {
  articleId: number;
  title: string;
  /** null for an article whose page named no publisher. */
  sourceId: number | null;
  sourceName: string | null;
  facts: SourceFacts | null;
}

export interface OutletCoverage {
  sourceId: number | null;
  name: string;
  facts: SourceFacts;
  articles: { id: number; title: string }[];
  /** Words of this outlet's headlines found in no other outlet's headline (as first written). */
  uniqueWords: string[];
}

export interface CoverageComparison {
  outlets: OutletCoverage[];
  /** Words in the headlines of at least half the outlets (two at least). */
  sharedWords: string[];
  /** Outlets by lean; unlabelled ones apart. */
  leanSplit: Record<Lean | 'unlabelled', number>;
  /** 'left' or 'right' when at least `minOneSide` labelled outlets of that side covered it and none of the other. */
  oneSide: 'left' | 'right' | null;
}

export interface CompareOptions {
  /** Outlets of one side needed before "covered by one side only" is said (a single outlet says little). */
  minOneSide?: number;
}

const EMPTY_FACTS: SourceFacts = { country: null, language: null, owner: null, lean: null };

/** Headline words as stems (so "tariff" and "tariffs" are one), each with its first written form. */
function headlineTerms(titles: string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const title of titles) {
    for (const word of words(title)) {
      if (word.length < 2 || STOPWORDS.has(word) || /^\d{1,2}$/.test(word)) continue;
      const key = stem(word);
      if (!out.has(key)) out.set(key, word);
    }
  }
  return out;
}

export function compareCoverage(articles: CoveredArticle[], options: CompareOptions = {}): CoverageComparison {
  const minOneSide = options.minOneSide ?? 2;
  // One outlet per source; articles without a named publisher are grouped as one "unknown" outlet.
  const bySource = new Map<string, OutletCoverage>();
  for (const a of articles) {
    const key = a.sourceId === null ? 'unknown' : String(a.sourceId);
    let outlet = bySource.get(key);
    if (!outlet) {
      outlet = { sourceId: a.sourceId, name: a.sourceName ?? 'unknown publisher', facts: a.facts ?? EMPTY_FACTS, articles: [], uniqueWords: [] };
      bySource.set(key, outlet);
    }
    outlet.articles.push({ id: a.articleId, title: a.title });
  }
  const outlets = [...bySource.values()];
  const terms = outlets.map((o) => headlineTerms(o.articles.map((a) => a.title)));
  const outletsUsing = new Map<string, number>();
  for (const set of terms) for (const key of set.keys()) outletsUsing.set(key, (outletsUsing.get(key) ?? 0) + 1);
  outlets.forEach((outlet, i) => {
    outlet.uniqueWords = outlets.length < 2 ? [] : [...terms[i]!].filter(([key]) => outletsUsing.get(key) === 1).map(([, word]) => word);
  });
  const shared = new Map<string, string>();
  const needed = Math.max(2, Math.ceil(outlets.length / 2));
  for (const set of terms) for (const [key, word] of set) if ((outletsUsing.get(key) ?? 0) >= needed && !shared.has(key)) shared.set(key, word);

  const leanSplit: Record<Lean | 'unlabelled', number> = { left: 0, centre: 0, right: 0, unlabelled: 0 };
  for (const outlet of outlets) leanSplit[outlet.facts.lean ?? 'unlabelled']++;
  let oneSide: 'left' | 'right' | null = null;
  if (leanSplit.left >= minOneSide && leanSplit.right === 0) oneSide = 'left';
  else if (leanSplit.right >= minOneSide && leanSplit.left === 0) oneSide = 'right';
  return { outlets, sharedWords: [...shared.values()], leanSplit, oneSide };
}
