// Where a highlight sits in an article's text, found again however the page is rendered. A
// highlight is stored as the quoted text with up to 32 characters of context on each side and
// its offsets (a text-quote plus text-position anchor, the way web annotations are kept). To find
// it again, whitespace is ignored (the page's paragraphs and the stored text space differently),
// every occurrence of the quote is scored by how much of its context still matches, and the
// stored offset breaks ties. The reader's page does the same in public/highlights.js.

export const CONTEXT_CHARS = 32;
export const MAX_QUOTE_CHARS = 5000;

export interface TextAnchor {
  quote: string;
  prefix: string;
  suffix: string;
  /** Offsets in the article's anchor text (see anchorText); a hint once the text changes. */
  start: number;
  end: number;
}

/** The article's text as offsets count it: whitespace runs collapsed to one space, trimmed. */
export function anchorText(text: string): string {
  return text.replace(/\s+/gu, ' ').trim();
}

/** The text without whitespace, and for each of its characters the offset in the input. */
function stripped(text: string): { chars: string; at: number[] } {
  let chars = '';
  const at: number[] = [];
  for (let i = 0; i < text.length; i++) {
    if (!/\s/u.test(text[i]!)) {
      chars += text[i];
      at.push(i);
    }
  }
  return { chars, at };
}

const squeeze = (s: string) => s.replace(/\s+/gu, '');

/** How many characters two strings share at their ends (a's last with b's last). */
function commonSuffix(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[a.length - 1 - n] === b[b.length - 1 - n]) n++;
  return n;
}
function commonPrefix(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n++;
  return n;
}

/**
 * The offsets of the anchor in `text` (already in anchorText form): the occurrence of the quote
 * whose surroundings best match the stored context, nearest the stored offset among equals;
 * null when the quote is no longer in the text.
 */
export function locateAnchor(text: string, anchor: Pick<TextAnchor, 'quote' | 'prefix' | 'suffix' | 'start'>): { start: number; end: number } | null {
  const quote = squeeze(anchor.quote);
  if (!quote) return null;
  const { chars, at } = stripped(text);
  const prefix = squeeze(anchor.prefix);
  const suffix = squeeze(anchor.suffix);
  let best: { start: number; end: number; score: number; distance: number } | null = null;
  for (let i = chars.indexOf(quote); i >= 0; i = chars.indexOf(quote, i + 1)) {
    const score = commonSuffix(chars.slice(Math.max(0, i - prefix.length), i), prefix) + commonPrefix(chars.slice(i + quote.length, i + quote.length + suffix.length), suffix);
    const start = at[i]!;
    const distance = Math.abs(start - anchor.start);
    if (!best || score > best.score || (score === best.score && distance < best.distance)) {
      best = { start, end: at[i + quote.length - 1]! + 1, score, distance };
    }
  }
  return best ? { start: best.start, end: best.end } : null;
}

export class AnchorError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
  }
}

/**
 * Checks a new highlight against the article's text and returns its anchor as stored: the
 * quote and context in anchorText form, and the offsets where it was found.
 */
export function anchorIn(articleText: string, input: { quote: string; prefix?: string; suffix?: string; start?: number }): TextAnchor {
  const quote = anchorText(input.quote ?? '');
  if (!quote) throw new AnchorError('quote', "is empty: select some of the article's text");
  if (quote.length > MAX_QUOTE_CHARS) throw new AnchorError('quote', `is at most ${MAX_QUOTE_CHARS} characters`);
  const text = anchorText(articleText);
  const found = locateAnchor(text, { quote, prefix: input.prefix ?? '', suffix: input.suffix ?? '', start: input.start ?? 0 });
  if (!found) throw new AnchorError('quote', "is not in this article's text");
  return {
    quote: text.slice(found.start, found.end),
    prefix: text.slice(Math.max(0, found.start - CONTEXT_CHARS), found.start),
    suffix: text.slice(found.end, found.end + CONTEXT_CHARS),
    start: found.start,
    end: found.end,
  };
}
