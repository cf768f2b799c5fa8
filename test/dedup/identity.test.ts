// The identity rule over plain candidates: which stored copy an incoming article is, and whether
// it replaces it (src/dedup/identity.ts; the store applies it in saveArticle).
import { describe, expect, it } from 'vitest';
import { decideIdentity, keepsStoredTime, type IncomingCopy, type StoredCopy } from '../../src/dedup/identity.ts';
import type { ExtractedArticle } from '../../src/model/index.ts';
import { extractedArticle } from '../helpers/article.ts';

const at = (iso: string) => new Date(iso);
const article = (over: Partial<ExtractedArticle> = {}): ExtractedArticle =>
  extractedArticle({ title: 'Harbour ferry fares rise by eight percent from September', text: 'The island ferry company will raise fares.', sourceName: 'Tidewater Post', publishedAt: at('2025-08-01T09:00:00Z'), ...over });
const stored = (over: Partial<StoredCopy> = {}): StoredCopy => ({
  id: 7,
  role: 'main',
  title: 'Harbour ferry fares rise by eight percent from September',
  text: 'The island ferry company will raise fares.',
  contentHash: 'h1',
  canonicalUrl: null,
  sourceId: 1,
  publishedAt: at('2025-08-01T09:00:00Z'),
  timeBasis: 'page',
  byline: null,
  url: null,
  ...over,
});
const incoming = (a: ExtractedArticle, contentHash = 'h1', sourceId: number | null = 1): IncomingCopy => ({ article: a, contentHash, sourceId });

describe('article identity', () => {
  it('is new when no candidate is the same article', () => {
    expect(decideIdentity([], incoming(article()))).toEqual({ kind: 'new' });
    expect(decideIdentity([stored({ contentHash: 'other', title: 'Something else entirely' })], incoming(article()))).toEqual({ kind: 'new' });
  });

  it('keeps the stored copy when it is as rich; a main page replaces a related listing', () => {
    expect(decideIdentity([stored()], incoming(article()))).toMatchObject({ kind: 'present', id: 7 });
    const listed = stored({ role: 'related' });
    expect(decideIdentity([listed], incoming(article()))).toMatchObject({ kind: 'replace', id: 7 });
    expect(decideIdentity([stored()], incoming(article({ role: 'related' })))).toMatchObject({ kind: 'present', id: 7 });
  });

  it("takes the publisher's new version found by canonical URL, even when shorter", () => {
    const url = 'https://tidewater.example/ferry';
    const decision = decideIdentity([stored({ canonicalUrl: url, text: 'A much longer earlier version of the text.' })], incoming(article({ canonicalUrl: url, text: 'Short.' }), 'h2'));
    expect(decision).toMatchObject({ kind: 'replace', id: 7 });
  });

  it('never takes two pages for one article by a title that only names the site and a section', () => {
    const siteTitle = 'World news - RT International';
    const page = stored({ title: siteTitle, contentHash: 'quake', text: 'A quake struck an island off Iran.' });
    const other = article({ title: siteTitle, text: 'A club signed a midfielder.', sourceName: 'RT International', url: 'https://www.rt.com/sport/2/' });
    expect(decideIdentity([page], incoming(other, 'transfer'))).toEqual({ kind: 'new' });
    // The same page again is still found by its content.
    expect(decideIdentity([page], incoming(other, 'quake'))).toMatchObject({ kind: 'present', id: 7 });
  });

  it("matches one publisher's same title only within the time window", () => {
    const teaser = stored({ contentHash: 'teaser', text: 'Short teaser.', role: 'related' });
    expect(decideIdentity([teaser], incoming(article({ publishedAt: at('2025-08-02T12:00:00Z') }), 'h2'))).toMatchObject({ kind: 'replace' });
    expect(decideIdentity([teaser], incoming(article({ publishedAt: at('2025-08-05T12:00:00Z') }), 'h2'))).toEqual({ kind: 'new' });
    // Without a publisher on one side, a long identical headline suffices; a short one never does.
    expect(decideIdentity([teaser], incoming(article({ publishedAt: at('2025-09-05T12:00:00Z') }), 'h2', null))).toMatchObject({ kind: 'replace' });
    const short = stored({ title: 'Weather', contentHash: 'w', sourceId: null });
    expect(decideIdentity([short], incoming(article({ title: 'Weather' }), 'h3', null))).toEqual({ kind: 'new' });
  });

  it('prefers a content match over a URL match over a title match', () => {
    const url = 'https://tidewater.example/ferry';
    const byTitle = stored({ id: 1, contentHash: 'x', text: 'x' });
    const byUrl = stored({ id: 2, contentHash: 'y', canonicalUrl: url });
    const byContent = stored({ id: 3 });
    expect(decideIdentity([byTitle, byUrl, byContent], incoming(article({ canonicalUrl: url })))).toMatchObject({ kind: 'present', id: 3 });
    expect(decideIdentity([byTitle, byUrl], incoming(article({ canonicalUrl: url })))).toMatchObject({ kind: 'replace', id: 2 });
  });

  it('fills what the kept copy lacks from the other copy, and nothing it has', () => {
    const bare = stored({ publishedAt: null, timeBasis: 'unknown', sourceId: null });
    const decision = decideIdentity([bare], incoming(article({ byline: 'Ana Ruiz', url: 'https://tidewater.example/f', timeBasis: 'feed', role: 'related' })));
    expect(decision).toEqual({
      kind: 'present',
      id: 7,
      fill: { publishedAt: { at: at('2025-08-01T09:00:00Z'), basis: 'feed', text: null }, byline: 'Ana Ruiz', sourceId: 1, url: 'https://tidewater.example/f' },
    });
    expect(decideIdentity([stored({ byline: 'B', url: 'u' })], incoming(article({ byline: 'Ana Ruiz', url: 'x' })))).toEqual({ kind: 'present', id: 7, fill: null });
  });

  it('replaces a publication time only with one as trustworthy', () => {
    expect(keepsStoredTime({ publishedAt: at('2025-08-01T00:00:00Z'), timeBasis: 'page' }, { publishedAt: at('2025-08-02T00:00:00Z'), timeBasis: 'relative' })).toBe(true);
    expect(keepsStoredTime({ publishedAt: at('2025-08-01T00:00:00Z'), timeBasis: 'relative' }, { publishedAt: at('2025-08-02T00:00:00Z'), timeBasis: 'feed' })).toBe(false);
    expect(keepsStoredTime({ publishedAt: at('2025-08-01T00:00:00Z'), timeBasis: 'feed' }, { publishedAt: at('2025-08-02T00:00:00Z'), timeBasis: 'feed' })).toBe(false);
    expect(keepsStoredTime({ publishedAt: null, timeBasis: 'unknown' }, { publishedAt: null, timeBasis: 'unknown' })).toBe(true);
  });
});
