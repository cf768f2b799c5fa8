// Cuts what can never be article text out of a page before it is parsed: script bodies (JSON-LD
// blocks are handed back as text for the metadata reader), style sheets, inline SVG, comments,
// and blocks of interface (navigation, embeds, players, buttons). News pages are often more than
// half script by bytes, so parsing and Readability both get much cheaper. A scanner rather than
// one big lazy regex: on a hostile page full of unclosed tags, a lazy regex rescans to the end of
// the page for every opening tag (seconds per megabyte); this stays linear.

/** Blocks whose whole content goes. Interface blocks rarely nest in themselves; when they do, the
 * cut ends at the first close tag and the parser ignores the stray outer one. */
const BLOCK_TAGS = ['script', 'style', 'svg', 'nav', 'noscript', 'template', 'iframe', 'select', 'button', 'video', 'audio', 'object'];

// Attributes are bounded so a page of "<script" with no ">" cannot make each match scan the rest.
const OPENING = new RegExp(`<(${BLOCK_TAGS.join('|')})\\b([^>]{0,4000})>|<!--`, 'gi');

/** The page without inert markup, and the JSON-LD blocks it carried (taken out as text, unparsed). */
export interface LeanPage {
  html: string;
  jsonLd: string[];
}

export function stripInert(html: string): LeanPage {
  const jsonLd: string[] = [];
  const parts: string[] = [];
  // Tags seen once without a closing tag have none further on either: no need to search again.
  const unclosed = new Set<string>();
  const closers = new Map<string, RegExp>();
  let copiedUpTo = 0;
  OPENING.lastIndex = 0;
  for (let match = OPENING.exec(html); match; match = OPENING.exec(html)) {
    const start = match.index;
    const name = match[1]?.toLowerCase() ?? '--';
    if (unclosed.has(name)) continue;
    let closer = closers.get(name);
    if (!closer) {
      closer = name === '--' ? /-->/g : new RegExp(`</${name}\\s*>`, 'gi');
      closers.set(name, closer);
    }
    closer.lastIndex = OPENING.lastIndex;
    const close = closer.exec(html);
    if (!close) {
      unclosed.add(name);
      continue;
    }
    const end = close.index + close[0].length;
    if (name === 'script' && /application\/ld\+json/i.test(match[2] ?? '')) {
      // Metadata reads these as text; keeping them out of the DOM saves building and walking them.
      jsonLd.push(html.slice(OPENING.lastIndex, close.index));
    }
    parts.push(html.slice(copiedUpTo, start));
    copiedUpTo = end;
    OPENING.lastIndex = end;
  }
  parts.push(html.slice(copiedUpTo));
  return { html: dropBlockWhitespace(parts.join('')), jsonLd };
}

/** Tags that start or end a line of their own (or hold no text): whitespace between two of them is never text. */
const LINE_TAGS =
  'div|p|li|ul|ol|dl|dt|dd|section|article|header|footer|aside|main|h[1-6]|table|thead|tbody|tfoot|tr|td|th|form|figure|figcaption|head|meta|link|title|body|html|blockquote|hr|br|picture|source|option|fieldset|details|summary|address|caption|colgroup|col';
const BETWEEN_LINE_TAGS = new RegExp(`(<(?:${LINE_TAGS})\\b[^<>]{0,4000}>|</(?:${LINE_TAGS})\\s*>)\\s+(?=</?(?:${LINE_TAGS})\\b)`, 'gi');
const PRE_OPEN = /<(pre|textarea)\b/gi;

/**
 * Drops the indentation between block tags (most text nodes of a page, none of them text), so the
 * parser builds, and every later walk visits, far fewer nodes. <pre> keeps its whitespace.
 */
function dropBlockWhitespace(html: string): string {
  let out = '';
  let from = 0;
  PRE_OPEN.lastIndex = 0;
  for (let m = PRE_OPEN.exec(html); m; m = PRE_OPEN.exec(html)) {
    out += html.slice(from, m.index).replace(BETWEEN_LINE_TAGS, '$1');
    const close = new RegExp(`</${m[1]}\\s*>`, 'gi');
    close.lastIndex = PRE_OPEN.lastIndex;
    // An unclosed <pre> keeps the rest of the page as it is; one search, so the pass stays linear.
    if (!close.exec(html)) return out + html.slice(m.index);
    from = close.lastIndex;
    out += html.slice(m.index, from);
    PRE_OPEN.lastIndex = from;
  }
  return out + html.slice(from).replace(BETWEEN_LINE_TAGS, '$1');
}
