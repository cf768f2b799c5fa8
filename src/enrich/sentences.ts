// Sentences and words of an article's clean text, with character offsets into that text, for
// every enrichment stage (entities, figures, quotes, events, summaries, questions). News prose
// is full of abbreviations ("Adm.", "Aug. 1", "U.S.", "S. Korea") that a naive split breaks on.

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
const ABBREVIATIONS = new Set(
  [
    'mr', 'mrs', 'ms', 'dr', 'prof', 'sen', 'rep', 'gov', 'gen', 'adm', 'lt', 'col', 'maj', 'capt', 'cmdr', 'sgt',
    'st', 'jr', 'sr', 'inc', 'corp', 'co', 'ltd', 'no', 'vs', 'etc', 'e.g', 'i.e', 'jan', 'feb', 'mar', 'apr',
    'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec', 'u.s', 'u.k', 'u.n', 'p.m', 'a.m', 'approx', 'est',
    'dept', 'univ', 'fig', 'pres', 'rev', 'hon', 'ft', 'mt',
  ],
);

/** Splits a paragraph's text into sentence ranges (relative offsets). */
function splitParagraph(text: string): [number, number][] {
  const ranges: [number, number][] = [];
  let start = 0;
  // A terminator, optional closing quotes/brackets, then space and something that can open a sentence.
  const boundary = /([.!?…]+)(["'”’)\]]*)(\s+)(?=["'“‘(\[]?[\p{Lu}\p{N}])/gu;
  let match: RegExpExecArray | null;
  while ((match = boundary.exec(text))) {
    const end = match.index + match[1]!.length + match[2]!.length;
    if (match[1] === '.' && !match[2]) {
      const before = text.slice(start, match.index);
      const word = /([\p{L}.]+)$/u.exec(before)?.[1]?.toLowerCase() ?? '';
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

const STOPWORDS = new Set(
  (
    'a an the and or but nor of in on at to for from by with as into onto over under about against between among ' +
    'through during without within via than that which who whose whom this these those it its it\'s he she they them ' +
    'his her their our your my we you i me us is are was were be been being am do does did done has have had having ' +
    'will would shall should can could may might must not no yes so if then there here what when where why how all ' +
    'any both each few more most other some such only own same too very just also said says say says told according ' +
    'up down out off again further once while after before since amid until s t'
  ).split(/\s+/),
);

export function isStopword(word: string): boolean {
  return STOPWORDS.has(word);
}

/** A crude English stem: enough that "tariffs"/"tariff", "agree"/"agreement" and
 * "negotiating"/"negotiated" meet; not a linguist's stemmer. */
export function stem(word: string): string {
  let w = word;
  if (w.length > 4 && w.endsWith('ies')) w = w.slice(0, -3) + 'y';
  else if (w.endsWith('sses')) w = w.slice(0, -2);
  else if (w.length > 3 && w.endsWith('s') && !/(?:ss|us|is)$/.test(w)) w = w.slice(0, -1);
  if (w.length > 6 && w.endsWith('ment')) w = w.slice(0, -4);
  else if (w.length > 6 && w.endsWith('ation')) w = w.slice(0, -5) + 'ate';
  else if (w.length > 5 && w.endsWith('ing')) w = w.slice(0, -3);
  else if (w.length > 4 && w.endsWith('ed')) w = w.slice(0, -2);
  if (w.length > 3 && w.endsWith('e')) w = w.slice(0, -1);
  return w;
}

/** Lower-cased words of a text (letters and digits; hyphenated words kept whole and split). */
export function words(text: string): string[] {
  return (text.toLowerCase().normalize('NFKD').replace(/[\u0300-\u036f]/g, '').match(/[\p{L}\p{N}]+(?:['’][\p{L}]+)?/gu) ?? []).map(
    (w) => w.replace(/['’]s$/, ''),
  );
}

/** The content terms of a text: words without stopwords, stemmed. */
export function terms(text: string): string[] {
  return words(text)
    .filter((w) => !STOPWORDS.has(w) && !(w.length === 1 && !/\d/.test(w)))
    .map(stem);
}
