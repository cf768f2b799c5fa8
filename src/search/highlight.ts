// Titles and snippets with the query's words marked, built in Node from the stored text of a
// result page's rows. PostgreSQL's ts_headline parsed every page row's passage again for each
// search — at 200k articles about half of a search's time (12 of 27 ms per query, wall, on the
// bench mix). A word here is marked when its lexeme (src/search/stem.ts, the English Snowball
// stemmer the index uses; words holding a digit are kept as written, as PostgreSQL's "simple"
// dictionary keeps numbers) is one of the lexemes the query's positive terms stand for, which is
// what the index matched. CJK runs are not words here (the index holds their bigrams; the store
// marks those itself, as before).
import { escapeHtml } from '../web/html.ts';
import { stemEnglish } from './stem.ts';

// A run of letters and digits, CJK scripts excepted; an apostrophe ends a word, as in PostgreSQL's parser.
const WORD_CHAR = /[\p{L}\p{N}\p{M}]/u;
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;

/** What a word is matched against: the query's lexemes, and how the database stems (stemEnglish). */
export interface Lexemes {
  set: ReadonlySet<string>;
  keepShortDoubles: boolean;
}

/** The lexeme the index holds for a word of text (lower-cased, stemmed; numbers as written). */
export function lexemeOf(word: string, keepShortDoubles = false): string {
  const lower = word.toLowerCase();
  return /\p{N}/u.test(lower) ? lower : stemEnglish(lower, keepShortDoubles);
}

// Stemming every word of a page's passages cost more than ts_headline had (9 ms of Node CPU per
// search on the bench mix): words recur, so their lexemes are kept (both stemmer versions).
const STEM_CACHE_SIZE = 100_000;
const stemCache = [new Map<string, string>(), new Map<string, string>()];
function cachedLexeme(word: string, keepShortDoubles: boolean): string {
  const cache = stemCache[keepShortDoubles ? 1 : 0]!;
  let lexeme = cache.get(word);
  if (lexeme === undefined) {
    if (cache.size >= STEM_CACHE_SIZE) cache.clear();
    lexeme = lexemeOf(word, keepShortDoubles);
    cache.set(word, lexeme);
  }
  return lexeme;
}

/**
 * Whether a word's lexeme is one of the query's. Stemming changes only a word's ending: but for
 * three irregular words (dying, lying, tying), a lexeme begins with its word's first two letters,
 * so a word whose first two letters begin none of the query's lexemes is not stemmed at all.
 * Called with the word's place in the text, so that most words (those whose first two letters
 * are ASCII and begin no lexeme) are judged from their character codes, without a string made,
 * lower-cased and hashed for each.
 */
function matcher(lexemes: Lexemes): (text: string, start: number, end: number) => boolean {
  if (!lexemes.set.size) return () => false;
  const heads = new Set<string>();
  let short = false;
  for (const l of lexemes.set) {
    if (l.length < 2) short = true;
    heads.add(l.slice(0, 2));
  }
  for (const l of ['die', 'lie', 'tie']) if (lexemes.set.has(l)) heads.add(`${l[0]}y`);
  // The two-letter ASCII heads as numbers (first code * 128 + second).
  const asciiHeads = new Set<number>();
  for (const h of heads) if (h.length === 2 && h.charCodeAt(0) < 128 && h.charCodeAt(1) < 128) asciiHeads.add(h.charCodeAt(0) * 128 + h.charCodeAt(1));
  const lower = (c: number) => (c >= 65 && c <= 90 ? c + 32 : c);
  return (text, start, end) => {
    if (!short) {
      const c0 = text.charCodeAt(start);
      const c1 = end - start > 1 ? text.charCodeAt(start + 1) : 128;
      if (c0 < 128 && c1 < 128) {
        // word.slice(0, 2).toLowerCase() is these two ASCII letters: a head only if an ASCII one.
        if (!asciiHeads.has(lower(c0) * 128 + lower(c1))) return false;
      } else if (!heads.has(text.slice(start, start + 2).toLowerCase())) return false;
    }
    return lexemes.set.has(cachedLexeme(text.slice(start, end), lexemes.keepShortDoubles));
  };
}

interface Token {
  start: number;
  end: number;
  hit: boolean;
}

// What a character is to the tokenizer: 0 not a word character, 1 a letter, digit or mark
// (WORD_CHAR), 2 one of those of a CJK script (a run holding one is not a word here). ASCII from
// a table; other characters tested once and kept.
const ASCII_WORD = Uint8Array.from({ length: 128 }, (_, c) => (WORD_CHAR.test(String.fromCharCode(c)) ? 1 : 0));
const CLASS_CACHE_SIZE = 50_000;
const classCache = new Map<number, number>();
function charClass(codePoint: number): number {
  let c = classCache.get(codePoint);
  if (c === undefined) {
    const char = String.fromCodePoint(codePoint);
    c = WORD_CHAR.test(char) ? (CJK.test(char) ? 2 : 1) : 0;
    if (classCache.size >= CLASS_CACHE_SIZE) classCache.clear();
    classCache.set(codePoint, c);
  }
  return c;
}

/**
 * The words of a text (runs of letters, digits and marks, CJK runs left out: the runs of
 * matchAll(/[\p{L}\p{N}\p{M}]+/gu)) and whether each matches. A loop over character codes: the
 * regular expression's match objects and a string per word were, with the lexeme lookups, about
 * a sixth of the bench server's CPU (perf, one search at a time).
 */
function tokens(text: string, lexemes: Lexemes): Token[] {
  const out: Token[] = [];
  const matches = matcher(lexemes);
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c < 128 ? ASCII_WORD[c] === 0 : charClass(text.codePointAt(i)!) === 0) {
      i += c >= 0xd800 && c <= 0xdbff && text.codePointAt(i)! > 0xffff ? 2 : 1;
      continue;
    }
    const start = i;
    let cjk = false;
    while (i < n) {
      const d = text.charCodeAt(i);
      if (d < 128) {
        if (ASCII_WORD[d] === 0) break;
        i++;
        continue;
      }
      const cp = text.codePointAt(i)!;
      const k = charClass(cp);
      if (k === 0) break;
      if (k === 2) cjk = true;
      i += cp > 0xffff ? 2 : 1;
    }
    if (!cjk) out.push({ start, end: i, hit: matches(text, start, i) });
  }
  return out;
}

/** text[from, to) HTML-escaped, its matching words in <mark>, runs of white space as one space. */
function markRange(text: string, list: Token[], from: number, to: number): string {
  let out = '';
  let at = from;
  for (const t of list) {
    if (!t.hit || t.start < from || t.end > to) continue;
    out += escapeHtml(text.slice(at, t.start)) + '<mark>' + escapeHtml(text.slice(t.start, t.end)) + '</mark>';
    at = t.end;
  }
  return (out + escapeHtml(text.slice(at, to))).replace(/\s+/g, ' ');
}

/** The whole text (a title), HTML-escaped, every matching word in <mark>. */
export function highlightAll(text: string, lexemes: Lexemes): string {
  return markRange(text, tokens(text, lexemes), 0, text.length);
}

/** Words in a fragment, and words shown before its first match (the rest come after it). */
export const FRAGMENT_WORDS = 35;
const LEAD_WORDS = 5;
const FRAGMENTS = 2;
export const FRAGMENT_DELIMITER = ' … ';

/**
 * A snippet of the passage: up to two fragments of FRAGMENT_WORDS words, the first beginning a few
 * words before the first matching word, the second at the first match after it; the passage's
 * first words when nothing matches. HTML-escaped, matches in <mark>.
 */
export function snippet(text: string, lexemes: Lexemes): string {
  const list = tokens(text, lexemes);
  if (!list.length) return escapeHtml(text.trim()).replace(/\s+/g, ' ');
  const parts: string[] = [];
  let next = 0;
  for (let f = 0; f < FRAGMENTS; f++) {
    let hit = -1;
    for (let i = next; i < list.length; i++) {
      if (list[i]!.hit) {
        hit = i;
        break;
      }
    }
    if (hit < 0 && f > 0) break;
    const first = hit < 0 ? 0 : Math.max(next, hit - LEAD_WORDS);
    const last = Math.min(list.length, first + FRAGMENT_WORDS) - 1;
    // With the punctuation that opens the first word and closes the last ("(strike." or "“port”).
    const start = list[first]!.start - (/[^\s\p{L}\p{N}]*$/u.exec(text.slice(Math.max(0, list[first]!.start - 4), list[first]!.start))?.[0].length ?? 0);
    const end = list[last]!.end + (/^[^\s\p{L}\p{N}]*/u.exec(text.slice(list[last]!.end, list[last]!.end + 4))?.[0].length ?? 0);
    parts.push(markRange(text, list, start, end).trim());
    next = last + 1;
    if (next >= list.length) break;
  }
  return parts.join(FRAGMENT_DELIMITER);
}
