// Line classifiers for text dumps of pages: what a line looks like on its own (prose, a
// headline-sized line, a link or button label, a video duration). Shared by the dump parser
// and the site-profile builder so both see lines the same way.

export function wordCount(line: string): number {
  // A loop, not a split: bodies are lines of many kilobytes and this is asked often.
  let words = 0;
  let inWord = false;
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    const space = c === 32 || c === 9 || c === 10 || c === 13 || c === 0xa0;
    if (!space && !inWord) words++;
    inWord = !space;
  }
  return words;
}

/** Lower case, bullets and dashes at the start dropped, spaces collapsed: how lines are compared. */
export function normaliseLine(line: string): string {
  return stripBullet(line).replace(/\s+/g, ' ').trim().toLowerCase();
}

/** "- Korea Herald", "  • Korea Herald" → "Korea Herald". */
export function stripBullet(line: string): string {
  return line.replace(/^\s*[-–—•·*▪►]+\s*/u, '').trim();
}

export function hasBullet(line: string): boolean {
  return /^\s*[-–—•·*▪►]+\s*\S/u.test(line);
}

const SENTENCE_END = /[.!?…]["'”’)\]]*$/;

/** A line that reads as running text: a finished sentence of some length, or a long line. */
export function isProse(line: string): boolean {
  const words = wordCount(line);
  return words >= 20 || (words >= 5 && SENTENCE_END.test(line.trim()));
}

/** A line long enough to be an article's text rather than a headline or a label. */
export function isBodySized(line: string): boolean {
  return wordCount(line) > 25 || line.length > 220;
}

/** A video or audio duration left by an embedded player: "01:42", "1:02:03". */
export function isDuration(line: string): boolean {
  return /^\d{1,2}:\d{2}(?::\d{2})?$/.test(line.trim());
}

/**
 * Button labels, image alt texts and links rather than text: a URL, one run of letters and
 * hyphens without spaces ("app-storeplay-store"), or a single lower-case word ("logo").
 */
export function isLinkLike(line: string): boolean {
  const t = line.trim();
  if (t.length === 0) return false;
  if (/^(?:https?:\/\/|www\.)\S+$/i.test(t)) return true;
  if (!/\s/.test(t) && /[a-z]-[a-z]/i.test(t) && !/[.!?]$/.test(t)) return true;
  return /^[a-z]+$/.test(t);
}

/** Short, capitalised, unpunctuated: what a publisher's name on its own line looks like. */
export function looksLikeSourceName(text: string): boolean {
  const t = text.trim();
  const words = wordCount(t);
  return words >= 1 && words <= 6 && /^[A-Z]/.test(t) && !/[.!?:;,]$/.test(t) && !isDuration(t) && t.length <= 60;
}
