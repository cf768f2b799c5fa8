// What a reader sees for an article's publisher: its name, else the host of its URL (a page that
// names no publisher is still from a site), else a plain statement that the page named none.
import { siteHost } from '../extract/site-host.ts';

export const UNNAMED_SOURCE = 'source not named';

export function sourceLabel(sourceName: string | null | undefined, url?: string | null): string {
  return sourceName || siteHost(url) || UNNAMED_SOURCE;
}
