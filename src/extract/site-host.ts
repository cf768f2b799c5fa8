// A page's site as a reader names it when the page names no publisher. Its own module, with no
// imports, so that what only labels sources (src/web/source-label.ts, the CLI's listings) does not load
// the extraction (linkedom, Readability) that src/extract/html.ts needs.

/** "www.example.com" -> "example.com"; null for a URL without a host (a file, nothing). */
export function siteHost(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const { protocol, hostname } = new URL(url);
    if ((protocol !== 'http:' && protocol !== 'https:') || !hostname) return null;
    return hostname.replace(/^www\./, '');
  } catch {
    return null;
  }
}
