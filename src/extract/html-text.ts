// Turns an element's content into plain text the way a reader sees it: one paragraph per block
// element, separated by a blank line, whitespace inside a paragraph collapsed. `textContent`
// would run adjacent blocks together ("...end.Next paragraph"), which breaks sentences and shingles.

const BLOCK_TAGS = new Set([
  'ADDRESS',
  'ARTICLE',
  'ASIDE',
  'BLOCKQUOTE',
  'BODY',
  'CAPTION',
  'DD',
  'DETAILS',
  'DIV',
  'DL',
  'DT',
  'FIELDSET',
  'FIGCAPTION',
  'FIGURE',
  'FOOTER',
  'FORM',
  'H1',
  'H2',
  'H3',
  'H4',
  'H5',
  'H6',
  'HEADER',
  'HR',
  'LI',
  'MAIN',
  'NAV',
  'OL',
  'P',
  'PRE',
  'SECTION',
  'SUMMARY',
  'TABLE',
  'TBODY',
  'TFOOT',
  'THEAD',
  'TR',
  'UL',
  'HTML',
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
  // An explicit stack rather than recursion: a page can nest thousands of elements deep.
  const stack: { node: Node; leaving: boolean }[] = [{ node: root, leaving: false }];
  while (stack.length > 0) {
    const { node, leaving } = stack.pop()!;
    if (leaving) {
      flush();
      continue;
    }
    if (node.nodeType === TEXT_NODE) {
      current += node.nodeValue ?? '';
      continue;
    }
    if (node.nodeType !== ELEMENT_NODE) continue;
    const tag = (node as Element).tagName.toUpperCase();
    if (SKIP_TAGS.has(tag)) continue;
    if (tag === 'BR') {
      // A line break inside a paragraph: keep the line apart, as the page shows it.
      flush();
      continue;
    }
    const block = BLOCK_TAGS.has(tag);
    if (block) {
      flush();
      stack.push({ node, leaving: true });
    } else if (tag === 'IMG' || tag === 'TD' || tag === 'TH') {
      // Table cells are words of one row; a row is one line.
      current += ' ';
    }
    for (let child = node.lastChild; child; child = child.previousSibling) stack.push({ node: child, leaving: false });
  }
  flush();
  return paragraphs;
}

/** `root`'s text with paragraphs joined by a blank line. */
export function blockText(root: Node): string {
  return blockParagraphs(root).join('\n\n');
}
