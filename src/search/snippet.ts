// Where a result's snippet is cut from. The snippet is built in Node (src/search/highlight.ts;
// before, PostgreSQL's ts_headline, which parses all the text it is given: about a fifth of a
// millisecond per 1,600-character article), so the store sends a passage around the first place a
// query word appears instead of the whole article. The place is found with plain substring search on lower-cased text, for
// the root of each word (src/text rootOf: "strikes" finds "strike" and "striking"); when none
// appears (a stem the root does not cover), the whole text is given as before.
import { words, rootOf } from '../text/tokenise.ts';
import { splitCjk } from './cjk.ts';

/** Characters of text kept before the first match, and the passage's whole length: room for two fragments of 35 words (MaxWords). */
export const SNIPPET_BEFORE = 200;
export const SNIPPET_PASSAGE = 800;

/** Lower-case roots of the words of the query's positive terms (CJK runs have their own snippets), longest first. */
export function snippetNeedles(terms: string[]): string[] {
  const out = new Set<string>();
  for (const term of terms) {
    for (const segment of splitCjk(term)) {
      if (segment.cjk) continue;
      for (const word of words(segment.text)) {
        const root = rootOf(word);
        if (root.length >= 3) out.add(root);
      }
    }
  }
  return [...out].sort((a, b) => b.length - a.length).slice(0, 8);
}

/**
 * The passage a snippet is cut from, out of the text the store sends for a page row (the excerpt
 * and text as chosen by the statement, at most 20,000 characters): from SNIPPET_BEFORE characters
 * before the first place a needle appears in the lower-cased text, starting at a word, for
 * SNIPPET_PASSAGE characters; the first SNIPPET_PASSAGE characters when that place is near the
 * start; the whole text when no needle appears. PostgreSQL did this in the statement (lower(),
 * strpos(), regexp_replace()), lower-casing every page row's whole text through the C library's
 * wide-character functions, about 20 us a row of PostgreSQL's CPU; here it is a few microseconds
 * of Node's. Positions count characters (code points), as PostgreSQL's do.
 */
export function passageOf(source: string, needles: readonly string[]): string {
  if (!needles.length) return source;
  // Lower-case character by character, so that positions stay those of the source (a few
  // characters lower-case to two, e.g. "İ"); the plain call when it keeps the length.
  let low = source.toLowerCase();
  if (low.length !== source.length) low = Array.from(source, (c) => (c.toLowerCase().length === c.length ? c.toLowerCase() : c)).join('');
  let at = -1;
  for (const needle of needles) {
    const i = low.indexOf(needle);
    if (i >= 0 && (at < 0 || i < at)) at = i;
  }
  if (at < 0) return source;
  // Code units to characters: only text holding characters outside the BMP differs.
  const astral = /[\uD800-\uDFFF]/.test(source);
  const chars = astral ? Array.from(source) : null;
  const position = chars ? Array.from(source.slice(0, at)).length : at;
  const cut = (from: number, length: number) => (chars ? chars.slice(from, from + length).join('') : source.slice(from, from + length));
  // PostgreSQL's 1-based strpos: a match within the first SNIPPET_BEFORE characters keeps the start.
  if (position + 1 <= SNIPPET_BEFORE) return cut(0, SNIPPET_PASSAGE);
  // substr(text, at - SNIPPET_BEFORE, SNIPPET_PASSAGE) with a 1-based `at`, the partial first word dropped.
  return cut(position - SNIPPET_BEFORE, SNIPPET_PASSAGE).replace(/^\S*\s+/, '');
}
