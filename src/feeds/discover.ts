// Feed discovery: the feeds an HTML page announces with <link rel="alternate" type="…rss/atom/
// json feed…">, so a reader can subscribe to a site by its page address. Pure.
import { parseHTML } from 'linkedom';
import { absolute } from './parse.ts';

export interface DiscoveredFeed {
  url: string;
  title: string | null;
  type: string;
}

const FEED_TYPES = /^application\/(rss\+xml|atom\+xml|feed\+json|json|rdf\+xml|x\.atom\+xml|x-rss\+xml)$|^text\/xml$/i;

/** The feeds a page links to, in the page's order, without repeats. */
export function discoverFeeds(html: string, pageUrl: string): DiscoveredFeed[] {
  const { document } = parseHTML(html);
  const base = absolute(document.querySelector('base[href]')?.getAttribute('href') ?? null, pageUrl) ?? pageUrl;
  const found: DiscoveredFeed[] = [];
  for (const link of Array.from(document.querySelectorAll('link[rel][href]') as ArrayLike<Element>)) {
    const rel = (link.getAttribute('rel') ?? '').toLowerCase().split(/\s+/);
    const type = (link.getAttribute('type') ?? '').trim();
    if (!rel.includes('alternate') || !FEED_TYPES.test(type)) continue;
    // Plain application/json alternates are often APIs, not feeds: only when titled as one.
    if (/^application\/json$/i.test(type) && !/feed/i.test(link.getAttribute('title') ?? '')) continue;
    const url = absolute(link.getAttribute('href'), base);
    if (!url || found.some((f) => f.url === url)) continue;
    found.push({ url, title: link.getAttribute('title')?.trim() || null, type });
  }
  return found;
}

/** Whether fetched content is an HTML page rather than a feed document. */
export function looksLikeHtmlPage(text: string, contentType: string | null): boolean {
  if (contentType && /html/i.test(contentType) && !/xml/i.test(contentType)) return true;
  const head = text
    .slice(0, 1024)
    .replace(/^\uFEFF/, '')
    .trimStart()
    .toLowerCase();
  return head.startsWith('<!doctype html') || head.startsWith('<html');
}
