// Secrets that ride in addresses: a feed URL may carry a login (http://user:pass@host/) or a
// key in its query (?token=…, ?api_key=…). Only admins see them; everyone else, and every log
// line, gets the address with those parts replaced by "***".
// `T` is the Google Reader clients' token parameter.
const SECRET_PARAM = /(token|key|secret|pass|auth|sig|session|sid|credential|code)|^t$/i;
const MASK = '***';

/** The address with its userinfo and secret-looking query values masked; text that is not a URL is returned as is. */
export function maskUrl(address: string): string {
  const match = /^([a-z][a-z0-9+.-]*:\/\/)([^/?#]*@)?([^?#]*)(\?[^#]*)?(#.*)?$/i.exec(address);
  if (!match) return address;
  const [, scheme, userinfo, rest, query, fragment] = match;
  const maskedQuery = query
    ? '?' +
      query
        .slice(1)
        .split('&')
        .map((pair) => {
          const eq = pair.indexOf('=');
          if (eq < 0) return pair;
          let name = pair.slice(0, eq);
          try {
            name = decodeURIComponent(name.replace(/\+/g, ' '));
          } catch {
            // a malformed escape: judge the name as written
          }
          return SECRET_PARAM.test(name) ? `${pair.slice(0, eq)}=${MASK}` : pair;
        })
        .join('&')
    : '';
  return `${scheme}${userinfo ? `${MASK}@` : ''}${rest}${maskedQuery}${fragment ?? ''}`;
}

/** Every http(s) address inside a text (an error message, a log line) masked. */
export const maskUrlsIn = (text: string): string =>
  // Punctuation that ends a sentence ("…?token=abc: timeout") is not part of the address.
  text.replace(/\bhttps?:\/\/[^\s"'<>]+/gi, (found) => {
    const [, url, tail] = /^(.*?)([.,;:!?)]*)$/.exec(found)!;
    return maskUrl(url!) + tail;
  });

/** A path and query as a server log writes them (/fever/?api_key=…): secret query values masked. */
export const maskRequestTarget = (target: string): string => maskUrl(`http://x${target.startsWith('/') ? '' : '/'}${target}`).slice('http://x'.length);

/** A feed as someone who is not an admin may see it: addresses and the last error masked. */
export function maskFeed<T extends { url: string; siteUrl?: string | null; lastError?: string | null }>(feed: T): T {
  return {
    ...feed,
    url: maskUrl(feed.url),
    ...(feed.siteUrl ? { siteUrl: maskUrl(feed.siteUrl) } : {}),
    ...(feed.lastError ? { lastError: maskUrlsIn(feed.lastError) } : {}),
  };
}
