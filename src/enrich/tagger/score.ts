// Precision, recall and F1 per entity type for exact spans, with the tokens a corpus marks as
// following its own conventions (see cleanSentence) left out on both sides: a gold span that
// touches one is not counted, nor is a predicted span that does.
import { ENTITY_TYPES, tagSpans, type CorpusDoc, type EntityType } from './conll.ts';

export interface Counts {
  tp: number;
  fp: number;
  fn: number;
}
export type TypeCounts = Record<EntityType | 'ALL', Counts>;

export const emptyCounts = (): TypeCounts => ({
  PER: { tp: 0, fp: 0, fn: 0 },
  ORG: { tp: 0, fp: 0, fn: 0 },
  LOC: { tp: 0, fp: 0, fn: 0 },
  ALL: { tp: 0, fp: 0, fn: 0 },
});

export interface TypedSpan {
  start: number;
  end: number;
  type: EntityType;
}

/** Adds one sentence (or text) to the counts; `known(i)` says whether position i is scored. */
export function countSpans(counts: TypeCounts, gold: readonly TypedSpan[], predicted: readonly TypedSpan[], scored: (s: TypedSpan) => boolean = () => true): void {
  const g = gold.filter(scored);
  const p = predicted.filter(scored);
  const key = (s: TypedSpan) => `${s.start}:${s.end}:${s.type}`;
  const goldKeys = new Set(g.map(key));
  const matched = new Set(p.filter((s) => goldKeys.has(key(s))).map(key));
  for (const s of g) {
    const hit = matched.has(key(s));
    counts[s.type][hit ? 'tp' : 'fn']++;
    counts.ALL[hit ? 'tp' : 'fn']++;
  }
  for (const s of p) {
    if (matched.has(key(s))) continue;
    counts[s.type].fp++;
    counts.ALL.fp++;
  }
}

/** Counts for token-level tags of one sentence. */
export function countTags(counts: TypeCounts, goldTags: readonly string[], predictedTags: readonly string[], known: readonly boolean[]): void {
  const scored = (s: TypedSpan) => known.slice(s.start, s.end).every(Boolean);
  countSpans(counts, tagSpans(goldTags), tagSpans(predictedTags), scored);
}

export function prf(c: Counts): { p: number; r: number; f1: number } {
  const p = c.tp + c.fp ? c.tp / (c.tp + c.fp) : 0;
  const r = c.tp + c.fn ? c.tp / (c.tp + c.fn) : 0;
  return { p, r, f1: p + r ? (2 * p * r) / (p + r) : 0 };
}

export const TYPES_AND_ALL = [...ENTITY_TYPES, 'ALL'] as const;

/** "F1 .812 (P .850 R .777)" per type, for printed tables. */
export function formatCounts(counts: TypeCounts): string {
  return TYPES_AND_ALL.map((t) => {
    const { p, r, f1 } = prf(counts[t]);
    return `${t} ${f1.toFixed(3)} (${p.toFixed(2)}/${r.toFixed(2)})`;
  }).join('  ');
}

/** A document as the text the stage reads: tokens joined by spaces, a sentence a line; with the gold spans and the spans of words the corpus marks unknown, as character offsets. */
export function documentText(doc: CorpusDoc): { text: string; gold: TypedSpan[]; unknown: [number, number][] } {
  let text = '';
  const gold: TypedSpan[] = [];
  const unknown: [number, number][] = [];
  for (const s of doc.sentences) {
    const offsets: number[] = [];
    for (const [i, token] of s.tokens.entries()) {
      if (i) text += ' ';
      offsets.push(text.length);
      text += token;
      if (!s.known[i]) unknown.push([offsets[i]!, text.length]);
    }
    for (const span of tagSpans(s.tags)) gold.push({ start: offsets[span.start]!, end: offsets[span.end - 1]! + s.tokens[span.end - 1]!.length, type: span.type });
    text += '\n';
  }
  return { text, gold, unknown };
}
