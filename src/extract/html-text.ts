// Turns an element's content into plain text the way a reader sees it: one paragraph per block
// element, separated by a blank line, whitespace inside a paragraph collapsed. `textContent`
// would run adjacent blocks together ("...end.Next paragraph"), which breaks sentences and shingles.

const BLOCK_TAGS = new Set([
  'ADDRESS', 'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'BODY', 'CAPTION', 'DD', 'DETAILS', 'DIV', 'DL', 'DT',
  'FIELDSET', 'FIGCAPTION', 'FIGURE', 'FOOTER', 'FORM', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'HEADER',
  'HR', 'LI', 'MAIN', 'NAV', 'OL', 'P', 'PRE', 'SECTION', 'SUMMARY', 'TABLE', 'TBODY', 'TFOOT',
  'THEAD', 'TR', 'UL', 'HTML',
]);

const SKIP_TAGS = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'SVG', 'BUTTON', 'SELECT', 'TEXTAREA', 'IFRAME', 'OBJECT']);

const TEXT_NODE = 3;
const ELEMENT_NODE = 1;

/** Paragraphs of `root`, in document order, each with whitespace collapsed. */
export function blockParagraphs(root: Node): string[] {
  const paragraphs: string[] = [];
  let current = '';
  const flush = (): void => {
    const text = current.replace(/[ \t\r\n\f\u00a0\u200b]+/g, ' ').trim();
    if (text) paragraphs.push(text);
    current = '';
  };
  const walk = (node: Node): void => {
    if (node.nodeType === TEXT_NODE) {
      current += node.nodeValue ?? '';
      return;
    }
    if (node.nodeType !== ELEMENT_NODE) return;
    const tag = (node as Element).tagName.toUpperCase();
    if (SKIP_TAGS.has(tag)) return;
    if (tag === 'BR') {
      // A line break inside a paragraph: keep the line apart, as the page shows it.
      flush();
      return;
    }
    const block = BLOCK_TAGS.has(tag);
    if (block) flush();
    // Table cells are words of one row; a row is one line.
    else if (tag === 'IMG' || tag === 'TD' || tag === 'TH') current += ' ';
    for (let child = node.firstChild; child; child = child.nextSibling) walk(child);
    if (block) flush();
  };
  walk(root);
  flush();
  return paragraphs;
}

/** `root`'s text with paragraphs joined by a blank line. */
export function blockText(root: Node): string {
  return blockParagraphs(root).join('\n\n');
}
