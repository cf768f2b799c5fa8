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
