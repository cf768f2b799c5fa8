// An article as a story-clustering vector in three channels, each at unit length: the words of
// title, lead and body (no prefix), the names it mentions ("n:"), and its headline alone ("t:").
// A story's score is a weighted sum of the three channels' cosines (src/cluster/stories.ts).
// Terms are weighted by IDF from the stream seen so far; a headline term takes its word's IDF.
import { contentTerms, nameTerms } from '../text/tokenise.ts';
import { lead } from '../text/sentences.ts';
import { idf, normalise, topTerms, type TermStats, type TermVector } from '../text/tfidf.ts';
import { headlineOf, outletWords } from '../text/site-title.ts';

export interface FeatureConfig {
  titleWeight: number;
  leadWeight: number;
  bodyWeight: number;
  /** Weight of a name in the title against one in the body. */
  nameWeight: number;
  /**
   * Weight of a year or date the text mentions (in the names channel). 2, not 1: on dev, look-alike
   * events of one topic (two arrests of one team's players, two quakes on one coast) part more
   * often when the dates they name count as much as a name said twice (bench/cluster, every
   * file and both dev halves at or above 1).
   */
  dateWeight: number;
  leadWords: number;
  /** Body words read (long features add little and cost time). */
  bodyWords: number;
  /** Terms kept per article in the words channel... */
  vectorSize: number;
  /** ...in the names channel... */
  nameTerms: number;
  /** ...and in the headline channel. */
  headlineTerms: number;
}

export const DEFAULT_FEATURES: FeatureConfig = {
  titleWeight: 3,
  leadWeight: 0,
  bodyWeight: 1,
  nameWeight: 1,
  dateWeight: 2,
  leadWords: 60,
  bodyWords: 400,
  vectorSize: 150,
  nameTerms: 60,
  headlineTerms: 30,
};

export interface ClusterArticle {
  id: number;
  title: string;
  text: string;
  publishedAt: Date | null;
  /** The outlet's name and the page's address: a title that only names the outlet is no headline. */
  sourceName?: string | null;
  url?: string | null;
}

const MONTHS = 'jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec';
const MONTH_DAY = new RegExp(`\\b(${MONTHS})[a-z]*\\.?\\s+(\\d{1,2})\\b`, 'gi');
const YEAR = /\b(19[5-9]\d|20[0-4]\d)\b/g;

/**
 * When the text says the event happened: years and month-day dates it mentions. Two events of
 * one kind (two quakes, two arrests) are told apart by when as much as by who and where.
 * Also reading day-month dates ('4 August') and tokenised ones ('Feb . 04') was tried: no
 * B-cubed figure of any file's dev part or dev half moved, so the two patterns stay as they are.
 */
export function dateTerms(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(YEAR)) out.push('n:y' + m[1]);
  for (const m of text.matchAll(MONTH_DAY)) out.push(`n:d${m[1]!.slice(0, 3).toLowerCase()}${Number(m[2])}`);
  return out;
}

/**
 * Raw weighted term frequencies (before IDF) of all three channels. The stream's document
 * frequencies count the words and names (`statTerms`); a headline term is its word again.
 */
/** Terms already made, per article object and configuration (the story step asks twice: statistics prefetch, then the engine). Callers never change them. */
const termsMade = new WeakMap<object, { config: FeatureConfig; terms: TermVector }>();

export function articleTerms(article: Pick<ClusterArticle, 'title' | 'text' | 'sourceName' | 'url'>, config: FeatureConfig = DEFAULT_FEATURES): TermVector {
  const made = termsMade.get(article);
  if (made?.config === config) return made.terms;
  const tf: TermVector = new Map();
  const add = (term: string, weight: number) => tf.set(term, (tf.get(term) ?? 0) + weight);
  const body = article.text.split(/\s+/).slice(0, config.bodyWords).join(' ');
  // A site or section title ("World news - RT International") is no headline: it weighs nothing.
  const title = headlineOf(article.title, outletWords([article.sourceName, article.url]));
  for (const t of contentTerms(title)) {
    add(t, config.titleWeight);
    add(HEADLINE + t, 1);
  }
  if (config.leadWeight) for (const t of contentTerms(lead(body, config.leadWords))) add(t, config.leadWeight);
  for (const t of contentTerms(body)) add(t, config.bodyWeight);
  for (const n of nameTerms(title)) add(NAME + n, config.nameWeight);
  for (const n of nameTerms(body)) add(NAME + n, 1);
  if (config.dateWeight) for (const d of dateTerms(title + '\n' + body)) add(d, config.dateWeight);
  // Sublinear counts: a word said ten times is not ten times the topic.
  for (const [t, w] of tf) tf.set(t, 1 + Math.log(w));
  termsMade.set(article, { config, terms: tf });
  return tf;
}

const NAME = 'n:';
const HEADLINE = 't:';
export const isNameTerm = (term: string) => term.startsWith(NAME);
export const isHeadlineTerm = (term: string) => term.startsWith(HEADLINE);

export type Channel = 'words' | 'names' | 'headline';
export const channelOf = (term: string): Channel => (term.startsWith(NAME) ? 'names' : term.startsWith(HEADLINE) ? 'headline' : 'words');

/** The terms whose document frequencies the stream keeps (a headline term counts as its word). */
export function statTerms(terms: TermVector): string[] {
  return [...terms.keys()].filter((t) => !isHeadlineTerm(t));
}

/**
 * TF-IDF weighted, each channel pruned to its heaviest terms and brought to unit length on its
 * own, so that a story can weigh the channels' cosines (words, names, headline) separately.
 */
export function weighTerms(terms: TermVector, stats: TermStats, config: FeatureConfig = DEFAULT_FEATURES): TermVector {
  const channels: Record<Channel, TermVector> = { words: new Map(), names: new Map(), headline: new Map() };
  for (const [t, w] of terms) {
    const channel = channelOf(t);
    channels[channel].set(t, w * idf(stats, channel === 'headline' ? t.slice(HEADLINE.length) : t));
  }
  const out: TermVector = new Map();
  const sizes: Record<Channel, number> = { words: config.vectorSize, names: config.nameTerms, headline: config.headlineTerms };
  for (const channel of ['words', 'names', 'headline'] as const) {
    for (const [t, w] of normalise(topTerms(channels[channel], sizes[channel]))) out.set(t, w);
  }
  return out;
}

/** Each channel of a vector (a story's summed centroid) brought to unit length on its own. */
export function channelUnit(vector: TermVector): TermVector {
  const sums: Record<Channel, number> = { words: 0, names: 0, headline: 0 };
  for (const [t, w] of vector) sums[channelOf(t)] += w * w;
  const out: TermVector = new Map();
  for (const [t, w] of vector) out.set(t, w / Math.sqrt(sums[channelOf(t)]));
  return out;
}

export interface ChannelCosines extends Record<Channel, number> {
  /** How many headline terms the two share. */
  headlineTerms: number;
}

/**
 * A vector's terms, weights and channels as arrays, made once per vector (vectors are never changed
 * once made): scoring walks the smaller vector of each pair, the same article's or story's for a
 * dozen candidates, and arrays walk faster than a Map's entries. Same order, same products, same sums.
 */
interface Walk {
  terms: string[];
  weights: Float64Array;
  /** 0 words, 1 names, 2 headline. */
  channels: Uint8Array;
}
const walks = new WeakMap<TermVector, Walk>();
const CHANNEL_CODE: Record<Channel, number> = { words: 0, names: 1, headline: 2 };

function walkOf(vector: TermVector): Walk {
  let walk = walks.get(vector);
  if (walk) return walk;
  walk = { terms: [], weights: new Float64Array(vector.size), channels: new Uint8Array(vector.size) };
  let i = 0;
  for (const [t, w] of vector) {
    walk.terms.push(t);
    walk.weights[i] = w;
    walk.channels[i] = CHANNEL_CODE[channelOf(t)];
    i++;
  }
  walks.set(vector, walk);
  return walk;
}

/** The cosine of each channel between two channel-unit vectors. */
export function channelCosines(a: TermVector, b: TermVector): ChannelCosines {
  if (a.size > b.size) [a, b] = [b, a];
  const { terms, weights, channels } = walkOf(a);
  let words = 0;
  let names = 0;
  let headline = 0;
  let headlineTerms = 0;
  for (let i = 0; i < terms.length; i++) {
    const other = b.get(terms[i]!);
    if (other === undefined) continue;
    const product = weights[i]! * other;
    const channel = channels[i];
    if (channel === 0) words += product;
    else if (channel === 1) names += product;
    else {
      headline += product;
      headlineTerms++;
    }
  }
  return { words, names, headline, headlineTerms };
}
