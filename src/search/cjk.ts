// Chinese, Japanese and Korean text for full-text search. PostgreSQL's parser keeps a run of
// these characters as one token, so the index also holds every two-character window of each run
// (SQL function dateline_cjk_bigrams in migration 006). This builds the matching query side
// with the same character ranges: a run becomes a phrase of its bigrams, one character a prefix.

// Keep in step with the character class in 006_search.sql (a test checks both agree).
const CJK_CLASS = '\u1100-\u11ff\u3040-\u30ff\u3130-\u318f\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\uff66-\uff9f';
const CJK_RUN = new RegExp(`[${CJK_CLASS}]+`, 'gu');
const HAS_CJK = new RegExp(`[${CJK_CLASS}]`, 'u');

export function hasCjk(text: string): boolean {
  return HAS_CJK.test(text);
}

export interface TextSegment {
  cjk: boolean;
  text: string;
}

/** Splits text into alternating CJK runs and other text, in order, dropping empty pieces. */
export function splitCjk(text: string): TextSegment[] {
  const segments: TextSegment[] = [];
  let last = 0;
  for (const match of text.matchAll(CJK_RUN)) {
    const before = text.slice(last, match.index);
    if (before.trim()) segments.push({ cjk: false, text: before.trim() });
    segments.push({ cjk: true, text: match[0] });
    last = match.index! + match[0].length;
  }
  const rest = text.slice(last);
  if (rest.trim()) segments.push({ cjk: false, text: rest.trim() });
  return segments;
}

/** The lexemes the index holds for one run: each two-character window, then the last character. */
export function runLexemes(run: string): string[] {
  const chars = [...run];
  return chars.map((_, i) => chars.slice(i, i + 2).join(''));
}

const quoteLexeme = (lexeme: string) => `'${lexeme.replace(/'/g, "''").replace(/\\/g, '\\\\')}'`;

/**
 * tsquery text (for a `::tsquery` cast, which applies no dictionary) matching a CJK run where it
 * occurs: its bigrams in sequence, or a prefix match for a single character.
 */
export function runTsquery(run: string): string {
  const chars = [...run];
  if (chars.length === 1) return `${quoteLexeme(chars[0]!)}:*`;
  const grams: string[] = [];
  for (let i = 0; i + 1 < chars.length; i++) grams.push(quoteLexeme(chars[i]! + chars[i + 1]!));
  return grams.join(' <-> ');
}
