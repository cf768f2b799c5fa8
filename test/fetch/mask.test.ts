// Feed addresses with logins and query tokens, as non-admins and logs see them.
import { describe, expect, it } from 'vitest';
import { maskFeed, maskRequestTarget, maskUrl, maskUrlsIn } from '../../src/fetch/mask.ts';
import pino from 'pino';
import { loggerOptions } from '../../src/log.ts';

describe('masking secrets in addresses', () => {
  it.each([
    ['http://user:secret@feeds.example/rss?token=abc&page=2', 'http://***@feeds.example/rss?token=***&page=2'],
    ['https://feeds.example/a.xml?api_key=1&apikey=2&access_token=3&sig=4&q=news', 'https://feeds.example/a.xml?api_key=***&apikey=***&access_token=***&sig=***&q=news'],
    ['https://user@feeds.example/', 'https://***@feeds.example/'],
    ['https://feeds.example/path?Password=x#frag', 'https://feeds.example/path?Password=***#frag'],
    ['https://feeds.example/plain.xml', 'https://feeds.example/plain.xml'],
    ['not an address', 'not an address'],
  ])('%s → %s', (url, masked) => {
    expect(maskUrl(url)).toBe(masked);
  });

  it('masks addresses inside a message and a feed record', () => {
    expect(maskUrlsIn('GET http://a:b@h.example/x?key=1 failed: HTTP 404')).toBe('GET http://***@h.example/x?key=*** failed: HTTP 404');
    const feed = maskFeed({ id: 1, url: 'http://u:p@h.example/f?token=t', siteUrl: 'http://h.example/?sid=9', lastError: 'http://u:p@h.example/f?token=t: timeout' });
    expect(JSON.stringify(feed)).not.toMatch(/u:p|token=t|sid=9/);
    expect(feed.id).toBe(1);
  });

  it('keeps query tokens out of request logs', () => {
    const req = loggerOptions().serializers!.req as (r: { method: string; url: string }) => { url: string };
    expect(req({ method: 'GET', url: '/fever/?api&api_key=0123456789abcdef' }).url).toBe('/fever/?api&api_key=***');
    expect(req({ method: 'GET', url: '/reader/api/0/stream/contents?T=dlg_secret&n=20' }).url).toBe('/reader/api/0/stream/contents?T=***&n=20');
    expect(maskRequestTarget('/api/v1/articles?limit=2')).toBe('/api/v1/articles?limit=2');
  });

  it('masks feed addresses in the fields of any log line', () => {
    const lines: string[] = [];
    const log = pino(loggerOptions('info'), { write: (line: string) => lines.push(line) } as never);
    log.warn({ feedId: 3, err: 'http://u:pw@h.example/f?token=tt: HTTP 500' }, 'feed poll failed');
    expect(lines.join('')).toContain('http://***@h.example/f?token=***: HTTP 500');
    expect(lines.join('')).not.toMatch(/pw|token=tt/);
  });
});
