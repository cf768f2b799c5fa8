// OPML, the format feed readers exchange subscription lists in: import walks nested outlines
// (a folder's path becomes the feed's category, "News/World"); export writes them back the
// same way. Parsing and writing are feedsmith's. Pure.
import { parseOpml, generateOpml } from 'feedsmith';
import { absolute } from './parse.ts';

export interface OpmlSubscription {
  url: string;
  title: string | null;
  siteUrl: string | null;
  /** Folder path, "/"-separated; null at the top level. */
  category: string | null;
}

export interface OpmlImport {
  subscriptions: OpmlSubscription[];
  /** Outlines that looked like feeds but could not be used, one line each. */
  problems: string[];
}

export class OpmlError extends Error {}

type Outline = { text?: string; title?: string; xmlUrl?: string; htmlUrl?: string; type?: string; outlines?: Outline[] };

export function readOpml(text: string): OpmlImport {
  const body = text.replace(/^\uFEFF/, '');
  if (/<!ENTITY/i.test(body.slice(0, 64 * 1024))) throw new OpmlError('the document declares XML entities (<!ENTITY>); refused');
  let document: { body?: { outlines?: Outline[] } };
  try {
    document = parseOpml(body) as typeof document;
  } catch (error) {
    throw new OpmlError(`not an OPML document: ${(error as Error).message}`);
  }
  const subscriptions: OpmlSubscription[] = [];
  const problems: string[] = [];
  const seen = new Set<string>();
  const walk = (outlines: Outline[] | undefined, path: string[]) => {
    for (const outline of outlines ?? []) {
      const name = (outline.title ?? outline.text ?? '').trim();
      if (outline.xmlUrl !== undefined) {
        const url = absolute(outline.xmlUrl.trim(), null);
        if (!url) problems.push(`outline ${JSON.stringify(name || outline.xmlUrl)}: xmlUrl ${JSON.stringify(outline.xmlUrl)} is not an http(s) URL; skipped`);
        else if (!seen.has(url)) {
          seen.add(url);
          subscriptions.push({ url, title: name || null, siteUrl: absolute(outline.htmlUrl?.trim() ?? null, null), category: path.length ? path.join('/') : null });
        }
      }
      // An outline with children is a folder (even if it also names a feed, as some readers write).
      if (outline.outlines?.length) walk(outline.outlines, name ? [...path, name.replace(/\//g, '-')] : path);
    }
  };
  walk(document.body?.outlines, []);
  if (!subscriptions.length && !problems.length) throw new OpmlError('the OPML document lists no feeds (no outline has an xmlUrl)');
  return { subscriptions, problems };
}

export function writeOpml(subscriptions: OpmlSubscription[], title = 'Dateline subscriptions'): string {
  const root: Outline[] = [];
  const folders = new Map<string, Outline[]>();
  const folder = (path: string): Outline[] => {
    const existing = folders.get(path);
    if (existing) return existing;
    const parts = path.split('/');
    const parent = parts.length > 1 ? folder(parts.slice(0, -1).join('/')) : root;
    const children: Outline[] = [];
    parent.push({ text: parts[parts.length - 1]!, outlines: children });
    folders.set(path, children);
    return children;
  };
  for (const sub of subscriptions) {
    const target = sub.category ? folder(sub.category) : root;
    const name = sub.title ?? sub.url;
    target.push({ text: name, title: name, type: 'rss', xmlUrl: sub.url, ...(sub.siteUrl ? { htmlUrl: sub.siteUrl } : {}) });
  }
  // feedsmith refuses a body without outlines; no subscriptions is still a valid document.
  if (!root.length) {
    const escaped = title.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
    return `<?xml version="1.0" encoding="utf-8"?>\n<opml version="2.0"><head><title>${escaped}</title></head><body></body></opml>\n`;
  }
  return String(generateOpml({ head: { title }, body: { outlines: root } } as never));
}
