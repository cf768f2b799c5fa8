// Removes page furniture from the DOM, by general cues rather than site rules: before Readability
// (navigation, forms, hidden blocks, share/newsletter/comment blocks, then every branch but the one
// holding the prose — which also makes Readability cheaper) and after it, on the chosen content
// (captions, bylines, datelines, link lists and their headings, the repeated headline).

/** Class or id of blocks that are furniture when they hold little prose ("overflow-hidden" is a layout utility, not a hidden block). */
const FURNITURE_LABEL =
  /(?:^|[\s_-])(?:share|sharing|social|newsletter|subscri(?:be|ption)|signup|promo|advert(?:isement)?|ads?|ad-?slot|dfp|gpt|cookie|consent|gdpr|related|recommend(?:ed|ations)?|comments?|disqus|breadcrumbs?|sidebar|popup|modal|overlay|outbrain|taboola|paywall|byline|author-?bio|more-?stories|read-?more|trending|most-?popular|tags|topics|toolbar|sponsor(?:ed)?|jump-?link|skip-?link|print-?only|visually-?hidden|sr-only|screen-?reader|classifieds?|tools|tooltip|popover|hover-?card|rollover|(?<!overflow[_-])hidden|invisible)(?:$|[\s_-])/i;

/** Labels that must never be removed by the furniture rule (they usually wrap the article). */
const CONTENT_LABEL = /(?:^|[\s_-])(?:article|story|post|entry|content|body|main|text)(?:-?body|-?content|-?text)?(?:$|[\s_-])/i;

function label(el: Element): string {
  return `${el.getAttribute('class') ?? ''} ${el.getAttribute('id') ?? ''}`;
}

/** Sizes of an element's text, measured once per pass so decisions stay linear in page size. */
interface Sizes {
  /** Characters of text, whitespace runs counted once. */
  text: number;
  /** Of which inside links. */
  link: number;
  /** Characters in paragraphs of at least 120 characters: real sentences. */
  prose: number;
  /** Characters of runs of at least 120 written straight into a block other than <p> (text and <br> in a <div>). */
  loose: number;
}

const TEXT_NODE = 3;
const ELEMENT_NODE = 1;

// Both walks below keep their own stack rather than recursing: a page can nest thousands deep.

function measure(root: Element): Map<Element, Sizes> {
  const sizes = new Map<Element, Sizes>();
  const linked = new Set<Element>();
  // Post-order: an element is summed once all its children are.
  const stack: { el: Element; expanded: boolean }[] = [{ el: root, expanded: false }];
  while (stack.length > 0) {
    const top = stack[stack.length - 1];
    const el = top.el;
    if (!top.expanded) {
      top.expanded = true;
      if (el.tagName.toUpperCase() === 'A' || (el.parentElement && linked.has(el.parentElement))) linked.add(el);
      for (let child = el.lastElementChild; child; child = child.previousElementSibling) stack.push({ el: child, expanded: false });
      continue;
    }
    stack.pop();
    const own: Sizes = { text: 0, link: 0, prose: 0, loose: 0 };
    const inLink = linked.has(el);
    let ownText = 0;
    for (let child = el.firstChild; child; child = child.nextSibling) {
      if (child.nodeType === TEXT_NODE) {
        // Trimmed length: indentation between tags is not text (cheaper than collapsing runs).
        const len = (child.nodeValue ?? '').trim().length;
        own.text += len;
        ownText += len;
        if (inLink) own.link += len;
      } else if (child.nodeType === ELEMENT_NODE) {
        const sub = sizes.get(child as Element) ?? NO_SIZES;
        own.text += sub.text;
        own.link += sub.link;
        own.prose += sub.prose;
        own.loose += sub.loose;
      }
    }
    if (el.tagName.toUpperCase() === 'P') {
      if (own.text >= 120) own.prose = Math.max(own.prose, own.text);
    } else if (ownText >= 120 && !inLink && LOOSE_TEXT_TAGS.has(el.tagName.toUpperCase()) && !NOT_STORY_LABEL.test(label(el))) {
      // Running text written straight into a block, without <p> (text and <br> in a <div>).
      own.loose += ownText;
    }
    sizes.set(el, own);
  }
  return sizes;
}

/** Blocks whose own running text can be a story's; captions, credits and bios written the same way are not. */
const LOOSE_TEXT_TAGS = new Set(['DIV', 'SECTION', 'ARTICLE', 'MAIN', 'TD', 'BLOCKQUOTE']);
const NOT_STORY_LABEL = /caption|credit|byline|author|bio(?:$|[\s_-])|citation|copyright|teaser|summary|excerpt/i;

const NO_SIZES: Sizes = { text: 0, link: 0, prose: 0, loose: 0 };

/** Whether a block carries prose: a few paragraphs of real sentences. */
function holdsProse(sizes: Sizes): boolean {
  return sizes.prose >= 400;
}

/** Whether a block carries prose, counting text not set in paragraphs too: before a block is removed as furniture. */
function holdsAnyProse(sizes: Sizes): boolean {
  return sizes.prose + sizes.loose >= 400;
}

function isHiddenByStyle(el: Element): boolean {
  const style = el.getAttribute('style');
  return !!style && /(?:display\s*:\s*none|visibility\s*:\s*hidden)/i.test(style);
}

/** Walks `root` in document order; `decide` returning true removes the element and skips it. */
function sweep(root: Element, decide: (el: Element, tag: string) => boolean): void {
  // Document order; each element's children are decided after it, so a removed element's subtree is skipped.
  const stack: Element[] = [];
  for (let child = root.lastElementChild; child; child = child.previousElementSibling) stack.push(child);
  while (stack.length > 0) {
    const el = stack.pop()!;
    // Decided earlier elements may have removed this one (a list marked with its heading).
    if (!el.parentElement) continue;
    if (decide(el, el.tagName.toUpperCase())) {
      el.remove();
      continue;
    }
    for (let child = el.lastElementChild; child; child = child.previousElementSibling) stack.push(child);
  }
}

const NEVER_TEXT_TAGS = new Set(['NAV', 'FORM', 'BUTTON', 'SELECT', 'INPUT', 'TEXTAREA', 'IFRAME', 'NOSCRIPT', 'DIALOG', 'TEMPLATE']);
const NEVER_TEXT_ROLES = new Set(['navigation', 'banner', 'contentinfo', 'dialog', 'alert', 'search', 'menu', 'menubar']);
const KEEP_TAGS = new Set(['ARTICLE', 'MAIN']);

/** Pre-Readability pass over the whole page. */
export function pruneDocument(doc: Document): void {
  const body = doc.body;
  if (!body) return;
  const sizes = measure(body);
  sweep(body, (el, tag) => {
    const size = sizes.get(el) ?? NO_SIZES;
    const role = el.getAttribute('role');
    // Some CMSs wrap the whole page in one <form> or hide-then-reveal the article: keep prose.
    if (NEVER_TEXT_TAGS.has(tag) || el.hasAttribute('hidden') || el.getAttribute('aria-hidden') === 'true' || (role && NEVER_TEXT_ROLES.has(role))) {
      return !holdsAnyProse(size);
    }
    if (isHiddenByStyle(el)) return true;
    // A javascript: link is a button ("Print this story"); Readability would keep its text.
    if (tag === 'A' && /^\s*javascript:/i.test(el.getAttribute('href') ?? '')) return true;
    if (KEEP_TAGS.has(tag)) return false;
    const name = label(el);
    // The CSS frameworks' "display: none" utility, unless a breakpoint shows the block again (print-only copies, mobile duplicates).
    if (/(?:^|\s)d-none(?:$|\s)/.test(name) && !/(?:^|\s)d-(?:sm|md|lg|xl|xxl)-(?!none)/.test(name)) return !holdsProse(size);
    return name.length > 1 && FURNITURE_LABEL.test(name) && !CONTENT_LABEL.test(name) && !holdsAnyProse(size);
  });
}

/**
 * Cuts the page down to the block that holds nearly all its prose (and two levels around it, so
 * headings, lists and tables beside the paragraphs stay), removing every other branch of the body.
 * Readability then scores a fraction of the page: it is the dominant cost of extraction, and the
 * branches cut are the ones holding sidebars and footers it could wrongly pick.
 */
export function narrowToProse(doc: Document, share = 0.9): Element | null {
  const body = doc.body;
  if (!body) return null;
  collapseWrapperChain(body);
  const sizes = measure(body);
  const storyText = (el: Element): number => {
    const size = sizes.get(el);
    return size ? size.prose + size.loose : 0;
  };
  const total = storyText(body);
  if (total < 500) return null;
  let node: Element = body;
  for (;;) {
    let best: Element | null = null;
    let bestProse = 0;
    for (let child = node.firstElementChild; child; child = child.nextElementSibling) {
      const prose = storyText(child);
      if (prose > bestProse) {
        best = child;
        bestProse = prose;
      }
    }
    if (!best || bestProse < share * total) break;
    node = best;
  }
  const keep = node === body ? body : (node.parentElement?.parentElement ?? node.parentElement ?? body);
  let depth = 0;
  for (let el: Element = keep; el !== body && el.parentElement; el = el.parentElement) {
    for (const sibling of Array.from(el.parentElement.children)) if (sibling !== el) sibling.remove();
    depth++;
  }
  // The wrappers above the block carry Readability's class-name cues, so they normally stay; a
  // chain thousands deep (hostile or broken markup) goes, as Readability slows with every level.
  if (depth > MAX_WRAPPER_DEPTH) body.replaceChildren(keep);
  if (node === body) return null;
  // Confident only when the block's own paragraphs carry its prose: comments, teasers and
  // other nested blocks of prose inside it are left for Readability's scoring to sort out.
  let direct = 0;
  for (let child = node.firstElementChild; child; child = child.nextElementSibling) if (child.tagName.toUpperCase() === 'P') direct += sizes.get(child)?.prose ?? 0;
  if (direct < 0.7 * storyText(node)) return null;
  // Wrappers beside those paragraphs that hold none of their own are galleries, teasers and widgets.
  for (const child of Array.from(node.children)) {
    const size = sizes.get(child) ?? NO_SIZES;
    if (!WRAPPER_TAGS.has(child.tagName.toUpperCase()) || size.prose + size.loose > 0) continue;
    // Code, tables and lists kept in a wrapper are text; unless they are mostly links (teasers) or
    // a list of pictures (a gallery, its captions).
    if (size.link <= 0.5 * size.text && (child.querySelector('pre, code, table') || (child.querySelector('ul, ol, dl') && !child.querySelector('img')))) continue;
    // A sub-heading set as a <div> between paragraphs: one short line, no link, no picture.
    if (size.link === 0 && size.text > 0 && size.text <= 150 && child.childElementCount === 0 && isBetweenParagraphs(child)) continue;
    child.remove();
  }
  return node;
}

/** Whether the element stands between two paragraphs of the block (a sub-heading does; a widget at the end does not). */
function isBetweenParagraphs(el: Element): boolean {
  const before = el.previousElementSibling;
  const after = el.nextElementSibling;
  return !!before && !!after && before.tagName.toUpperCase() === 'P' && after.tagName.toUpperCase() === 'P';
}

const WRAPPER_TAGS = new Set(['DIV', 'SECTION', 'ASIDE', 'FOOTER', 'HEADER']);

const MAX_WRAPPER_DEPTH = 64;

/** A chain of single-child wrappers deeper than any real layout is cut down to its end. */
function collapseWrapperChain(body: Element): void {
  let node: Element = body;
  let depth = 0;
  while (node.childElementCount === 1 && !hasOwnText(node)) {
    node = node.firstElementChild!;
    depth++;
  }
  if (depth > MAX_WRAPPER_DEPTH) body.replaceChildren(node);
}

function hasOwnText(el: Element): boolean {
  for (let child = el.firstChild; child; child = child.nextSibling) if (child.nodeType === TEXT_NODE && (child.nodeValue ?? '').trim()) return true;
  return false;
}

/** Class or id of caption, credit, byline and timestamp blocks inside the content. */
const META_LABEL = /caption|credit|byline|dateline|timestamp|author|published|updated|posted|date|share|social|tags|related|subscribe|newsletter|pull-?quote|deck|(?:^|[\s_-])dek|standfirst|kicker|strapline|sub-?title|meta(?:$|[\s_-])/i;

const HEADING_TAGS = new Set(['H2', 'H3', 'H4', 'H5', 'H6']);
const LIST_HEADING = /^(?:more|related|read (?:more|next|also)|recommended|see also|also (?:read|see)|you (?:may|might) (?:also )?(?:like|enjoy)|further reading|most (?:read|popular|viewed)|trending|top stories|latest)\b|\bstories$/;

const MEDIA_TAGS = new Set(['FIGCAPTION', 'PICTURE', 'VIDEO', 'AUDIO', 'H1']);
const LINK_LIST_TAGS = new Set(['UL', 'OL', 'DIV', 'P', 'LI']);

/** Post-Readability pass over the content Readability chose (a detached element). */
export function pruneContent(root: Element, title: string | null): void {
  const sizes = measure(root);
  const normalisedTitle = title ? normalise(title) : null;
  const doomed = new Set<Element>();
  sweep(root, (el, tag) => {
    if (doomed.has(el)) return true;
    const size = sizes.get(el) ?? NO_SIZES;
    if (MEDIA_TAGS.has(tag)) return true;
    // A figure keeps its image for the HTML but loses its credit lines; a figure that wraps
    // the article in odd markup (prose inside) is left alone.
    if (tag === 'FIGURE') {
      // A figure can hold a table or code listing, which are text.
      if (holdsProse(size) || el.querySelector('table, pre')) return false;
      const images = Array.from(el.querySelectorAll('img'));
      if (images.length === 0) return true;
      el.replaceChildren(...images);
      return false;
    }
    if (tag === 'TIME') {
      // A date on its own line is furniture; a date inside a sentence is text.
      const parent = el.parentElement ? sizes.get(el.parentElement) : undefined;
      return !parent || parent.text - size.text < 40;
    }
    const name = label(el);
    // Small blocks only, so a wrapper named "story-meta-and-body" cannot take the story with it.
    if (name.length > 1 && META_LABEL.test(name) && size.text < 200 && !holdsProse(size)) return true;
    if (size.text === 0) return false;
    if (tag === 'P' && size.text <= 80) {
      // A paragraph used as a heading ("<p>More stories</p><ul>…") counts only with its list below.
      const next = el.nextElementSibling;
      if (next && (next.tagName === 'UL' || next.tagName === 'OL') && LIST_HEADING.test(normalise(el.textContent ?? ''))) {
        doomed.add(next);
        return true;
      }
    }
    if (HEADING_TAGS.has(tag) && size.text <= 80) {
      const heading = normalise(el.textContent ?? '');
      if (normalisedTitle && heading === normalisedTitle) return true;
      // "More stories", "Related", "Read next": the heading and the list under it go together.
      if (LIST_HEADING.test(heading)) {
        const next = el.nextElementSibling;
        // Marked, not removed here: the sweep is standing on this element and walks on to it.
        if (next && (next.tagName === 'UL' || next.tagName === 'OL')) doomed.add(next);
        return true;
      }
    }
    // Blocks that are (nearly) all link text: menus, "more stories" lists, tag clouds; and the
    // heading right above one, in any language ("Lesen Sie auch", "Neueste Artikel").
    if (!(LINK_LIST_TAGS.has(tag) && size.link / size.text > 0.8)) return false;
    const above = el.previousElementSibling;
    if (above && isHeadingLike(above, sizes.get(above) ?? NO_SIZES)) above.remove();
    return true;
  });
}

/** A heading, or a short line standing as one: few characters, no links, no sentence end. */
function isHeadingLike(el: Element, size: Sizes): boolean {
  const tag = el.tagName.toUpperCase();
  if (HEADING_TAGS.has(tag)) return size.text <= 80;
  if (!LINK_LIST_TAGS.has(tag) || size.text === 0 || size.text > 60 || size.link > 0 || el.querySelector('img')) return false;
  return !/[.!?]["'”’)]*$/.test((el.textContent ?? '').trim());
}

function normalise(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

const TEXT_BLOCKS = new Set(['P', 'LI', 'H2', 'H3', 'H4', 'H5', 'H6', 'BLOCKQUOTE', 'DIV', 'SPAN', 'TD', 'DD', 'DT']);

/** Removes from the content the blocks whose whole text was dropped as clutter, so the HTML agrees with the text. */
export function removeBlocksWithText(root: Element, lines: string[]): void {
  if (lines.length === 0) return;
  const dropped = new Set(lines.map((line) => line.replace(/\s+/g, ' ').trim()));
  const longest = Math.max(...Array.from(dropped, (line) => line.length));
  const sizes = measure(root);
  sweep(root, (el, tag) => {
    const size = sizes.get(el) ?? NO_SIZES;
    // Only blocks about as long as a dropped line can be one; skip the rest without reading text.
    if (!TEXT_BLOCKS.has(tag) || size.text > longest + 2 || el.querySelector('img')) return false;
    return dropped.has((el.textContent ?? '').replace(/\s+/g, ' ').trim());
  });
}
