// Finds the lists of links to other articles a page shows beside its own ("Related", "More
// stories", "Read next" asides) and returns them as RelatedListings in page order. Must run on the
// page as parsed, before Readability strips those blocks out.
import type { RelatedListing } from '../model/index.ts';
import { absoluteUrl } from './sanitize.ts';

/** Labels (class, id, aria-label or heading) of a related-articles block. */
const RELATED_LABEL = /related|more[ _-]?(?:stories|news|articles|headlines|coverage|from|on|to read)|read[ _-]?(?:more|next|also)|recommend|also[ _-]?(?:read|see|on)|see[ _-]?also|you[ _-](?:may|might)[ _-](?:also[ _-])?(?:like|enjoy)|further[ _-]reading|popular|most[ _-]?(?:read|viewed|shared)|trending|top[ _-]stories|latest[ _-]news|what to read/i;

/** Blocks that hold site navigation rather than article links. */
const NAV_LABEL = /\b(?:nav|menu|breadcrumb|pagination|pager|footer-links|social|share|tags?|topics?)\b/i;

const CONTAINERS = 'aside, section, div, ul, ol';

function collapse(text: string | null | undefined): string {
  return (text ?? '').replace(/\s+/g, ' ').trim();
}

function ownLabel(el: Element): string {
  return [el.getAttribute('class'), el.getAttribute('id'), el.getAttribute('aria-label'), el.getAttribute('data-component')].filter(Boolean).join(' ');
}

/** The heading that names a block: its first heading inside, or the heading just before it. */
function headingLabel(el: Element): string {
  const inner = el.querySelector('h1, h2, h3, h4, h5, h6, header, [role="heading"]');
  if (inner && collapse(inner.textContent).length <= 60) return collapse(inner.textContent);
  const prev = el.previousElementSibling;
  if (prev && /^H[1-6]$/.test(prev.tagName.toUpperCase())) return collapse(prev.textContent);
  return '';
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
    const url = absoluteUrl(a.getAttribute('href') ?? '', baseUrl);
    if (!url || !/^https?:/.test(url)) continue;
    const noHash = url.replace(/#.*$/, '');
    if (pageUrl && noHash === pageUrl) continue;
    const heading = a.querySelector('h1, h2, h3, h4, h5, h6');
    const title = collapse(heading ? heading.textContent : a.textContent) || collapse(a.getAttribute('title'));
    if (title.split(' ').length < 3 || title.length > 300) continue;
    if (seen.has(noHash)) continue;
    seen.add(noHash);
    out.push({ title, url });
  }
  return out;
}

function isCandidate(el: Element, baseUrl: string | null | undefined, pageUrl: string | null): Candidate | null {
  const label = ownLabel(el);
  const heading = headingLabel(el);
  if (!RELATED_LABEL.test(label) && !RELATED_LABEL.test(heading)) return null;
  if (NAV_LABEL.test(label) && !RELATED_LABEL.test(heading)) return null;
  if (el.closest('nav, header')) return null;
  const links = articleLinks(el, baseUrl, pageUrl);
  if (links.length < 2 || links.length > 40) return null;
  // A block of mostly links; a wrapper around the article itself is not a related list.
  const total = collapse(el.textContent).length;
  const linked = links.reduce((n, l) => n + l.title.length, 0);
  if (total > 0 && linked / total < 0.4) return null;
  return { el, links };
}

/** Every related-articles list on the page, flattened in page order, positions from 1. */
export function findRelatedLinks(doc: Document, baseUrl: string | null | undefined): RelatedListing[] {
  const pageUrl = baseUrl ? baseUrl.replace(/#.*$/, '') : null;
  const candidates: Candidate[] = [];
  for (const el of Array.from(doc.querySelectorAll(CONTAINERS))) {
    const candidate = isCandidate(el, baseUrl, pageUrl);
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
