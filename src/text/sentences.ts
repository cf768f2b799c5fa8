// Sentences and paragraphs of an article's clean text, with character offsets into that text: the
// one splitter for every stage (the lead clustering compares, and every enrichment stage: entities,
// figures, quotes, events, summaries, questions). News prose is full of abbreviations ("Adm.",
// "Aug. 1", "U.S.", "S. Korea") that a naive split breaks on.

export interface Sentence {
  /** Position in the article, from 0. */
  index: number;
  /** Paragraph number, from 0. */
  paragraph: number;
  text: string;
  start: number;
  end: number;
}

// Words after which a full stop does not end a sentence.
const ABBREVIATIONS = new Set([
  'mr',
  'mrs',
  'ms',
  'dr',
  'prof',
  'sen',
  'rep',
  'gov',
  'gen',
  'adm',
  'lt',
  'col',
  'maj',
  'capt',
  'cmdr',
  'sgt',
  'st',
  'jr',
  'sr',
  'inc',
  'corp',
  'co',
  'ltd',
  'no',
  'vs',
  'etc',
  'e.g',
  'i.e',
  'jan',
  'feb',
  'mar',
  'apr',
  'jun',
  'jul',
  'aug',
  'sep',
  'sept',
  'oct',
  'nov',
  'dec',
  'u.s',
  'u.k',
  'u.n',
  'p.m',
  'a.m',
  'approx',
  'est',
  'dept',
  'univ',
  'fig',
  'pres',
  'rev',
  'hon',
  'ft',
  'mt',
]);

const LETTER = /^\p{L}$/u;

/**
 * The letters and full stops right before `end` (back to `from` at most): what /([\p{L}.]+)$/u
 * finds in text.slice(from, end), read backwards from the end instead of tried from every
 * position of the slice (which cost time in proportion to the sentence so far at each stop).
 */
function wordBefore(text: string, from: number, end: number): string {
  let i = end;
  while (i > from) {
    const unit = text.charCodeAt(i - 1);
    if (unit === 46) {
      i--;
      continue;
    }
    // A letter outside the basic plane is a surrogate pair: test the whole code point.
    const pair = unit >= 0xdc00 && unit <= 0xdfff && i - 2 >= from && text.charCodeAt(i - 2) >= 0xd800 && text.charCodeAt(i - 2) <= 0xdbff;
    const width = pair ? 2 : 1;
    if (!LETTER.test(text.slice(i - width, i))) break;
    i -= width;
  }
  return text.slice(i, end);
}

/** Splits a paragraph's text into sentence ranges (relative offsets). */
function splitParagraph(text: string): [number, number][] {
  const ranges: [number, number][] = [];
  let start = 0;
  // A terminator, optional closing quotes/brackets, then space and something that can open a sentence.
  const boundary = /([.!?…]+)(["'”’)\]]*)(\s+)(?=["'“‘([]?[\p{Lu}\p{N}])/gu;
  let match: RegExpExecArray | null;
  while ((match = boundary.exec(text))) {
    const end = match.index + match[1]!.length + match[2]!.length;
    if (match[1] === '.' && !match[2]) {
      const word = wordBefore(text, start, match.index).toLowerCase();
      // "Adm. Kim", "Aug. 1", "S. Korea", "U.S. troops": not ends.
      if (ABBREVIATIONS.has(word) || /^\p{L}$/u.test(word) || /^(?:\p{L}\.)+\p{L}$/u.test(word)) continue;
    }
    ranges.push([start, end]);
    start = end + match[3]!.length;
  }
  if (start < text.length) ranges.push([start, text.length]);
  return ranges.filter(([s, e]) => text.slice(s, e).trim().length > 0);
}

/** Sentences of a clean text (paragraphs separated by blank lines or single newlines). */
export function splitSentences(text: string): Sentence[] {
  const sentences: Sentence[] = [];
  const paragraphPattern = /[^\n]+/g;
  let paragraph = 0;
  let match: RegExpExecArray | null;
  while ((match = paragraphPattern.exec(text))) {
    const body = match[0];
    if (!body.trim()) continue;
    for (const [s, e] of splitParagraph(body)) {
      const raw = body.slice(s, e);
      const lead = raw.length - raw.trimStart().length;
      const trimmed = raw.trim();
      sentences.push({
        index: sentences.length,
        paragraph,
        text: trimmed,
        start: match.index + s + lead,
        end: match.index + s + lead + trimmed.length,
      });
    }
    paragraph++;
  }
  return sentences;
}

/** The paragraphs of a clean text with their offsets. */
export function splitParagraphs(text: string): { text: string; start: number }[] {
  const out: { text: string; start: number }[] = [];
  const pattern = /[^\n]+/g;
  let match: RegExpExecArray | null;
  while ((match = pattern.exec(text))) if (match[0].trim()) out.push({ text: match[0], start: match.index });
  return out;
}

/** The sentences of a text as strings (see splitSentences). */
export function sentences(text: string): string[] {
  return splitSentences(text).map((s) => s.text);
}

/** The first sentences of a text up to about `maxWords` words: its lead. */
export function lead(text: string, maxWords = 60): string {
  const out: string[] = [];
  let count = 0;
  for (const sentence of sentences(text)) {
    out.push(sentence);
    count += sentence.split(/\s+/).length;
    if (count >= maxWords) break;
  }
  return out.join(' ');
}
