// Finds the lists of links to other articles a page shows beside its own ("Related", "More
// stories", "Read next" asides) and returns them as RelatedListings in page order. Must run on the
// page as parsed, before Readability strips those blocks out.
import type { RelatedListing } from '../model/index.ts';
import { absoluteUrl } from './sanitize.ts';

/** Labels (class, id, aria-label or heading) of a related-articles block. */
const RELATED_LABEL =
  /related|more[ _-]?(?:stories|news|articles|headlines|coverage|from|on|in|to read)|read[ _-]?(?:more|next|also)|recommend|also[ _-]?(?:read|see|on|in)|see[ _-]?also|elsewhere|in[ _-]other[ _-]news|you[ _-](?:may|might)[ _-](?:also[ _-])?(?:like|enjoy)|further[ _-]reading|popular|most[ _-]?(?:read|viewed|shared)|trending|top[ _-]stories|latest[ _-]news|what to read|mehr zum thema|lesen sie auch|weitere artikel|lire aussi|sur le même sujet|leia também|veja também|lee también|ver también|te puede interesar|leggi anche|potrebbe interessarti|lees ook|czytaj (?:też|także)|читайте также|по теме/i;

/** Blocks that hold site navigation rather than article links. */
const NAV_LABEL = /\b(?:nav|menu|breadcrumb|pagination|pager|footer-links|social|share|tags?|topics?)\b/i;

const CONTAINER_TAGS = new Set(['ASIDE', 'SECTION', 'DIV', 'UL', 'OL']);
// Headings (and role="heading"), and the bold label some layouts use instead ("<b>Also in the news</b><br>").
const HEADING_TAGS = new Set(['H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'B', 'STRONG']);

function collapse(text: string | null | undefined): string {
  return (text ?? '').replace(/\s+/g, ' ').trim();
}

function ownLabel(el: Element): string {
  return [el.getAttribute('class'), el.getAttribute('id'), el.getAttribute('aria-label'), el.getAttribute('data-component')].filter(Boolean).join(' ');
}

/**
 * Whether a URL names one article rather than a section front or the home page: a path with a
 * slug of several words, a long number (an id or a date), a deep path, or an id in the query.
 */
function looksLikeArticleUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  const segments = parsed.pathname.split('/').filter(Boolean);
  if (segments.some((segment) => (segment.match(/[-_]/g) ?? []).length >= 2 || /\d{4,}/.test(segment))) return true;
  // Query ids: "?id=…", "?p=…", or any parameter holding a long number ("?no=20250812048392").
  return /[?&](?:[^=&]*id|p|story|article)=\w/i.test(parsed.search) || /[?&][^=&]+=\d{5,}/.test(parsed.search) || segments.length >= 3;
}

interface Candidate {
  el: Element;
  links: { title: string; url: string }[];
}

/** Article-like links of a block: titles of a few words, pointing to another page. */
function articleLinks(el: Element, baseUrl: string | null | undefined, pageUrl: string | null): { title: string; url: string }[] {
  const out: { title: string; url: string }[] = [];
  const seen = new Set<string>();
  for (const a of Array.from(el.querySelectorAll('a[href]'))) {
    // Cheap text test first: most links of a page are one or two words of navigation.
    const rawText = a.textContent ?? '';
    if (rawText.length < 8 && !a.getAttribute('title')) continue;
    const url = absoluteUrl(a.getAttribute('href') ?? '', baseUrl);
    if (!url || !/^https?:/.test(url)) continue;
    const noHash = url.replace(/#.*$/, '');
    if (pageUrl && noHash === pageUrl) continue;
    const heading = a.querySelector('h1, h2, h3, h4, h5, h6');
    const title = collapse(heading ? heading.textContent : a.textContent) || collapse(a.getAttribute('title'));
    if (title.split(' ').length < 3 || title.length > 300 || !looksLikeArticleUrl(url)) continue;
    if (seen.has(noHash)) continue;
    seen.add(noHash);
    out.push({ title, url });
  }
  return out;
}

function isCandidate(el: Element, namedByHeading: boolean, baseUrl: string | null | undefined, pageUrl: string | null): Candidate | null {
  if (!namedByHeading && NAV_LABEL.test(ownLabel(el)) && !/related/i.test(ownLabel(el))) return null;
  if (el.closest('nav, header')) return null;
  const links = articleLinks(el, baseUrl, pageUrl);
  // One link is a list only when the block says outright that it is related coverage.
  const minLinks = /related/i.test(ownLabel(el)) || namedByHeading ? 1 : 2;
  if (links.length < minLinks || links.length > 40) return null;
  // A block of mostly links; a wrapper around the article itself is not a related list.
  const total = collapse(el.textContent).length;
  const linked = links.reduce((n, l) => n + l.title.length, 0);
  if (total > 0 && linked / total < 0.4) return null;
  return { el, links };
}

/**
 * The page's containers and headings in document order: what querySelectorAll(CONTAINERS,
 * HEADINGS) finds, by one walk of the tree (the selector engine costs several times more).
 */
function containersAndHeadings(doc: Document): Element[] {
  const out: Element[] = [];
  const root = doc.documentElement;
  if (!root) return out;
  const stack: Element[] = [root];
  while (stack.length > 0) {
    const el = stack.pop()!;
    const tag = el.tagName.toUpperCase();
    if (el !== root && (CONTAINER_TAGS.has(tag) || HEADING_TAGS.has(tag) || el.getAttribute('role') === 'heading')) out.push(el);
    for (let child = el.lastElementChild; child; child = child.previousElementSibling) stack.push(child);
  }
  return out;
}

/** Blocks named as related lists by their class/id/label, or by a short heading inside them. */
function labelledBlocks(doc: Document): { el: Element; namedByHeading: boolean }[] {
  const blocks: { el: Element; namedByHeading: boolean }[] = [];
  // One pass over the page finds both kinds: labelled containers and label-like headings.
  for (const el of containersAndHeadings(doc)) {
    const tag = el.tagName.toUpperCase();
    if (!HEADING_TAGS.has(tag) && el.getAttribute('role') !== 'heading') {
      if (RELATED_LABEL.test(ownLabel(el))) blocks.push({ el, namedByHeading: false });
      continue;
    }
    const text = collapse(el.textContent);
    if (text.length > 60 || !RELATED_LABEL.test(text)) continue;
    // A bold link is an item, not a label.
    if ((tag === 'B' || tag === 'STRONG') && (el.closest('a') || el.querySelector('a'))) continue;
    // The heading's own block holds the list; climb a little when the heading is wrapped.
    let block = el.parentElement;
    for (let depth = 0; block && depth < 3; depth++, block = block.parentElement) {
      if (block.querySelectorAll('a[href]').length >= 2) {
        blocks.push({ el: block, namedByHeading: true });
        break;
      }
    }
  }
  return blocks;
}

/** Every related-articles list on the page, flattened in page order, positions from 1. */
export function findRelatedLinks(doc: Document, baseUrl: string | null | undefined): RelatedListing[] {
  const pageUrl = baseUrl ? baseUrl.replace(/#.*$/, '') : null;
  const candidates: Candidate[] = [];
  const seenBlocks = new Set<Element>();
  for (const { el, namedByHeading } of labelledBlocks(doc)) {
    if (seenBlocks.has(el)) continue;
    seenBlocks.add(el);
    const candidate = isCandidate(el, namedByHeading, baseUrl, pageUrl);
    if (candidate) candidates.push(candidate);
  }
  // Keep the innermost blocks so a wrapper and its list do not both count.
  const innermost = candidates.filter((c) => !candidates.some((o) => o !== c && c.el.contains(o.el)));
  const listings: RelatedListing[] = [];
  const seen = new Set<string>();
  for (const { links } of innermost) {
    for (const link of links) {
      if (seen.has(link.url)) continue;
      seen.add(link.url);
      listings.push({ position: listings.length + 1, title: link.title, sourceName: null, url: link.url, articleIndex: null });
    }
  }
  return listings;
}
