// The one vocabulary of words, stems and terms for every stage (dedup, clustering, coverage,
// enrichment): Unicode letters and digits, lower-cased, with the punctuation, quotes and spacing
// differences between copies of one text ignored.
import { normaliseForHash } from './hash.ts';
import { FUNCTION_WORDS, STOPWORDS } from './stopwords.ts';

const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)?/gu;
const APOSTROPHES = /[\u2018\u2019\u201b\u2032]/g;
// A clitic set off by a space, as tokenised text writes it ("Lohan 's", "they 're"): it belongs to
// the word before it. Any other apostrophe after a space opens a quotation and starts a word.
const SPACED_CLITIC = /\s+'(s|m|re|ve|ll|d|t)(?![\p{L}\p{N}])/gu;

/**
 * The text words are read from: lower-cased, one apostrophe, a spaced clitic back on its word.
 * Not the content hash's normalisation (src/text/hash.ts), which drops the space before any
 * apostrophe and would glue an opening quote to the word before it ("said 'no" -> "saidno").
 */
function normaliseForWords(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(APOSTROPHES, "'").replace(SPACED_CLITIC, "'$1");
}

/**
 * Every word of a text, lower-cased, in order (stopwords kept: shingles need them). With
 * `foldAccents`, letters lose their accents ("Zürich" = "zurich"), for matching what a reader types;
 * dedup and clustering keep them (stored fingerprints and term vectors were made that way).
 */
export function words(text: string, options: { foldAccents?: boolean } = {}): string[] {
  const normal = options.foldAccents
    ? normaliseForWords(text)
        .normalize('NFKD')
        .replace(/[\u0300-\u036f]/g, '')
    : normaliseForWords(text);
  return wordsOf(normal);
}

/**
 * The words near-duplicate fingerprints are made of (src/text/shingles.ts): read from the content
 * hash's normal form, which glues an opening quote to the word before it. Kept apart from `words`
 * because stored fingerprints were made this way and there is no re-fingerprinting: a new copy of a
 * stored article must shingle as the stored one did (a glued word glues alike in both copies).
 */
export function fingerprintWords(text: string): string[] {
  return wordsOf(normaliseForHash(text));
}

function wordsOf(normal: string): string[] {
  const out: string[] = [];
  for (const match of normal.matchAll(WORD)) {
    const word = match[0];
    // Most words hold no apostrophe: kept as found, without two replace() passes each.
    out.push(word.includes("'") || word.includes('’') ? word.replace(/['’]s$/, '').replace(/['’]/g, '') : word);
  }
  return out;
}

/** A light English stem: enough to make "tariffs" and "tariff", "talks" and "talk" one term. */
export function stem(word: string): string {
  if (word.length <= 3 || /\d/.test(word)) return word;
  if (word.endsWith('ies') && word.length > 4) return word.slice(0, -3) + 'y';
  if (word.endsWith('sses')) return word.slice(0, -2);
  if (word.endsWith('ss') || word.endsWith('us') || word.endsWith('is')) return word;
  if (word.endsWith('s')) return word.slice(0, -1);
  return word;
}

/**
 * A deeper stem on top of `stem`, so that "agree"/"agreement" and "negotiating"/"negotiated" meet:
 * for matching a question or a summary against sentences, where a miss costs more than a loose match.
 */
export function rootOf(word: string): string {
  let w = stem(word);
  if (w.length > 6 && w.endsWith('ment')) w = w.slice(0, -4);
  else if (w.length > 6 && w.endsWith('ation')) w = w.slice(0, -5) + 'ate';
  else if (w.length > 5 && w.endsWith('ing')) w = w.slice(0, -3);
  else if (w.length > 4 && w.endsWith('ed')) w = w.slice(0, -2);
  if (w.length > 3 && w.endsWith('e')) w = w.slice(0, -1);
  return w;
}

/** Terms a question, a summary and the sentences of articles are matched on: words without function words, rooted. */
export function terms(text: string): string[] {
  return words(text, { foldAccents: true })
    .filter((w) => !FUNCTION_WORDS.has(w) && !(w.length === 1 && !/\d/.test(w)))
    .map(rootOf);
}

/** Content terms of a text: words that are not stopwords, stemmed. */
export function contentTerms(text: string): string[] {
  const out: string[] = [];
  for (const word of words(text)) {
    if (word.length < 2 || STOPWORDS.has(word) || /^\d{1,2}$/.test(word)) continue;
    out.push(stem(word));
  }
  return out;
}

const CAPITALISED = /^[\p{Lu}][\p{L}\p{N}'’.-]*$/u;
const TOKEN_WITH_CASE = /[\p{L}\p{N}][\p{L}\p{N}'’.-]*[\p{L}\p{N}]|[\p{L}\p{N}]|[.!?;:"“”()\n]/gu;

/**
 * Entity-like names: runs of capitalised words ("Betty Ford Center", "Lindsay Lohan"), each run
 * and each of its words as a key. A capitalised word opening a sentence counts only when it is
 * not a common word ("The", "After"). Cheap and language-light; enrichment does real entities.
 */
export function nameTerms(text: string): string[] {
  const out: string[] = [];
  let run: string[] = [];
  let sentenceStart = true;
  const flush = () => {
    if (run.length) {
      for (const w of run) out.push(w);
      if (run.length > 1) out.push(run.join('_'));
    }
    run = [];
  };
  for (const match of text.normalize('NFKC').matchAll(TOKEN_WITH_CASE)) {
    const token = match[0];
    // Punctuation tokens are one character long (a word token never is one of these).
    if (token.length === 1 && /^[.!?;:"“”()\n]$/.test(token)) {
      flush();
      if (/[.!?\n]/.test(token)) sentenceStart = true;
      continue;
    }
    // Only a capitalised token can be a name: the others are not lower-cased at all.
    const capitalised = CAPITALISED.test(token);
    const lower = capitalised
      ? token
          .toLowerCase()
          .replace(/['’]s$/, '')
          .replace(/['’.]/g, '')
      : '';
    const isName = capitalised && !(sentenceStart && STOPWORDS.has(lower)) && !STOPWORDS.has(lower) && lower.length > 1;
    // An all-capitals line ("BREAKING NEWS") is shouting, not a name; acronyms up to 5 letters stay.
    const shouting = token.length > 5 && token === token.toUpperCase() && /\p{L}/u.test(token);
    if (isName && !shouting) run.push(stem(lower));
    else flush();
    sentenceStart = false;
  }
  flush();
  return out;
}
