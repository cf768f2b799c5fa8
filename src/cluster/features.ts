// An article as a story-clustering vector: title, lead and entity-like names weigh more than
// the rest of the body; terms are weighted by IDF from the stream seen so far.
import { contentTerms, nameTerms } from '../text/tokenise.ts';
import { lead } from '../text/sentences.ts';
import { idf, normalise, topTerms, type TermStats, type TermVector } from '../text/tfidf.ts';

export interface FeatureConfig {
  titleWeight: number;
  leadWeight: number;
  bodyWeight: number;
  /** Weight of a name in the title against one in the body. */
  nameWeight: number;
  /** Distinct names (and dates) an article needs for names to take their full share. */
  fullNames: number;
  /** Weight of a year or date the text mentions. */
  dateWeight: number;
  /** Share of the similarity that comes from names (capitalised words and runs), 0..1. */
  nameShare: number;
  leadWords: number;
  /** Body words read (long features add little and cost time). */
  bodyWords: number;
  /** Terms kept per article vector. */
  vectorSize: number;
}

export const DEFAULT_FEATURES: FeatureConfig = {
  titleWeight: 3,
  leadWeight: 2,
  bodyWeight: 1,
  nameWeight: 2,
  nameShare: 0.7,
  dateWeight: 1,
  fullNames: 8,
  leadWords: 60,
  bodyWords: 400,
  vectorSize: 120,
};

export interface ClusterArticle {
  id: number;
  title: string;
  text: string;
  publishedAt: Date | null;
  sourceName?: string | null;
}

const MONTHS = 'jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec';
const MONTH_DAY = new RegExp(`\\b(${MONTHS})[a-z]*\\.?\\s+(\\d{1,2})\\b`, 'gi');
const YEAR = /\b(19[5-9]\d|20[0-4]\d)\b/g;

/**
 * When the text says the event happened: years and month-day dates it mentions. Two events of
 * one kind (two quakes, two arrests) are told apart by when as much as by who and where.
 */
export function dateTerms(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(YEAR)) out.push('n:y' + m[1]);
  for (const m of text.matchAll(MONTH_DAY)) out.push(`n:d${m[1]!.slice(0, 3).toLowerCase()}${Number(m[2])}`);
  return out;
}

/** Raw weighted term frequencies (before IDF): the article's terms, each counted once for stats. */
export function articleTerms(article: Pick<ClusterArticle, 'title' | 'text'>, config: FeatureConfig = DEFAULT_FEATURES): TermVector {
  const tf: TermVector = new Map();
  const add = (term: string, weight: number) => tf.set(term, (tf.get(term) ?? 0) + weight);
  const body = article.text.split(/\s+/).slice(0, config.bodyWords).join(' ');
  const leadText = lead(body, config.leadWords);
  for (const t of contentTerms(article.title)) add(t, config.titleWeight);
  for (const t of contentTerms(leadText)) add(t, config.leadWeight);
  for (const t of contentTerms(body)) add(t, config.bodyWeight);
  for (const n of nameTerms(article.title)) add('n:' + n, config.nameWeight);
  for (const n of nameTerms(body)) add('n:' + n, 1);
  for (const d of dateTerms(article.title + '\n' + body)) add(d, config.dateWeight);
  // Sublinear counts: a word said ten times is not ten times the topic.
  for (const [t, w] of tf) tf.set(t, 1 + Math.log(w));
  return tf;
}

export const isNameTerm = (term: string) => term.startsWith('n:');

/**
 * TF-IDF weighted, pruned to the heaviest terms; the words and the names are each of unit
 * length, then scaled so that a dot product is (1 - nameShare) × words cosine + nameShare ×
 * names cosine: two events of one kind (two rehab stays) differ by who and where.
 */
export function weighTerms(terms: TermVector, stats: TermStats, config: FeatureConfig = DEFAULT_FEATURES): TermVector {
  const content: TermVector = new Map();
  const names: TermVector = new Map();
  for (const [t, w] of terms) (isNameTerm(t) ? names : content).set(t, w * idf(stats, t));
  // An article naming only one or two things must not lean on them: full share from `fullNames` distinct names.
  const share = !names.size ? 0 : !content.size ? 1 : config.nameShare * Math.min(1, names.size / config.fullNames);
  const out: TermVector = new Map();
  const part = (vector: TermVector, scale: number, size: number) => {
    for (const [t, w] of normalise(topTerms(vector, size))) out.set(t, w * scale);
  };
  part(content, Math.sqrt(1 - share), Math.ceil(config.vectorSize * (1 - config.nameShare / 2)));
  part(names, Math.sqrt(share), Math.ceil(config.vectorSize * (0.5 + config.nameShare / 2)));
  return out;
}
