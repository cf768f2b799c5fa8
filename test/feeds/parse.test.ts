// Feed formats, dates, OPML and discovery on the fixture files: what each format's fields become,
// broken entries reported while good ones are kept, hostile XML refused.
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { FeedParseError, parseFeedText } from '../../src/feeds/parse.ts';
import { parseFeedBytes } from '../../src/feeds/poll.ts';
import { parseFeedDate } from '../../src/feeds/dates.ts';
import { OpmlError, readOpml, writeOpml } from '../../src/feeds/opml.ts';
import { discoverFeeds, looksLikeHtmlPage } from '../../src/feeds/discover.ts';
import { intervalAfterSuccess, backoffAfterFailure, isFlagged, medianGapSeconds } from '../../src/feeds/schedule.ts';

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/feeds/${name}`, import.meta.url));
const text = (name: string) => readFileSync(fixture(name), 'utf8');

describe('feed formats', () => {
  it('reads RSS 2.0: content, authors, categories, enclosures, media, relative links, ttl', () => {
    const feed = parseFeedText(text('rss2.xml'), 'https://gazette.example/rss');
    expect(feed.format).toBe('rss');
    expect(feed.title).toBe('Harbour Gazette');
    expect(feed.siteUrl).toBe('https://gazette.example/');
    expect(feed.ttlSeconds).toBe(3600);
    expect(feed.entries).toHaveLength(3);
    const [wall, ferry, lifeboat] = feed.entries;
    expect(wall!.guid).toBe('gazette-4411');
    expect(wall!.title).toBe('Council approves new & wider sea wall');
    expect(wall!.contentHtml).toContain('nine to two');
    expect(wall!.authors).toEqual(['Mira Holt']);
    expect(wall!.categories).toEqual(['Council', 'Coast']);
    expect(wall!.enclosures).toEqual([{ url: 'https://gazette.example/audio/wall.mp3', type: 'audio/mpeg', length: 482133 }]);
    expect(wall!.imageUrl).toBe('https://gazette.example/img/wall.jpg');
    expect(wall!.publishedAt?.toISOString()).toBe('2025-03-04T09:30:00.000Z');
    // A relative link resolves against the site; a missing guid falls back to the link.
    expect(ferry!.url).toBe('https://gazette.example/2025/03/ferry');
    expect(ferry!.guid).toBe('https://gazette.example/2025/03/ferry');
    expect(ferry!.publishedAt?.toISOString()).toBe('2025-03-03T16:05:00.000Z');
    expect(ferry!.authors).toEqual(['Ferry Desk']);
    // An impossible date is reported, and the entry kept without it.
    expect(lifeboat!.publishedAt).toBeNull();
    expect(feed.problems).toEqual(['entry 3: unreadable date "31/02/2025 25:61"; stored without a date']);
  });

  it('reads Atom 1.0 with html titles, several authors and enclosure links', () => {
    const feed = parseFeedText(text('atom.xml'), 'https://ledger.example/atom.xml');
    expect(feed.format).toBe('atom');
    expect(feed.siteUrl).toBe('https://ledger.example/');
    const entry = feed.entries[0]!;
    expect(entry.title).toBe('Mill reopens after fire');
    expect(entry.guid).toBe('tag:ledger.example,2025:mill');
    expect(entry.url).toBe('https://ledger.example/mill');
    expect(entry.authors).toEqual(['Oskar Lind', 'Siri Berg']);
    expect(entry.categories).toEqual(['Business']);
    expect(entry.publishedAt?.toISOString()).toBe('2025-03-05T06:15:00.000Z');
    expect(entry.updatedAt?.toISOString()).toBe('2025-03-05T08:00:00.000Z');
    expect(entry.enclosures[0]).toEqual({ url: 'https://ledger.example/mill.jpg', type: 'image/jpeg', length: 2048 });
    expect(entry.imageUrl).toBe('https://ledger.example/mill.jpg');
    expect(feed.problems).toEqual([]);
  });

  it('reads JSON Feed 1.1, including an entry with text only', () => {
    const feed = parseFeedText(text('feed.json'), 'https://wire.example/feed.json');
    expect(feed.format).toBe('json');
    expect(feed.title).toBe('Valley Wire');
    const [bridge, plain] = feed.entries;
    expect(bridge!.authors).toEqual(['Ada Pike']);
    expect(bridge!.categories).toEqual(['Transport']);
    expect(bridge!.enclosures[0]!.type).toBe('application/pdf');
    expect(plain!.guid).toBe('wire-78');
    expect(plain!.contentHtml).toBe('<p>No title, just text.</p>\n<p>Second paragraph.</p>');
  });

  it('reads RSS 1.0 (RDF) and RSS 0.91', () => {
    const rdf = parseFeedText(text('rss1.rdf'), 'https://old.example/rss');
    expect(rdf.format).toBe('rdf');
    expect(rdf.entries[0]!.authors).toEqual(['E. Vance']);
    expect(rdf.entries[0]!.publishedAt?.toISOString()).toBe('2025-03-01T12:00:00.000Z');
    const old = parseFeedText(text('rss091.xml'), 'https://parish.example/rss');
    expect(old.entries.map((e) => e.title)).toEqual(['Bell tower repairs']);
  });

  it('keeps the good entries of a malformed feed and names each problem', () => {
    const feed = parseFeedText(text('broken-entries.xml'), 'https://shaky.example/rss');
    expect(feed.entries.map((e) => e.guid)).toEqual(['shaky-1', 'shaky-3', 'shaky-4', 'shaky-5']);
    const bad = feed.entries.find((e) => e.guid === 'shaky-3')!;
    expect(bad.url).toBeNull();
    expect(feed.problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/cut off before its end/),
        'entry 2: no title, summary or content; skipped',
        'entry 3: link "javascript:alert(1)" is not a usable http(s) URL; kept without it',
        'entry 4: repeats the id "shaky-1" of an earlier entry; skipped',
        'entry 5: unreadable date "not a date at all"; stored without a date',
      ]),
    );
  });

  it('refuses a billion-laughs document with a clear error, without expanding it', () => {
    expect(() => parseFeedText(text('billion-laughs.xml'), 'https://bomb.example/rss')).toThrow(FeedParseError);
    expect(() => parseFeedText(text('billion-laughs.xml'), 'https://bomb.example/rss')).toThrow(/declares XML entities/);
  });

  it('says what a document is when it is no feed', () => {
    expect(() => parseFeedText('<!doctype html><html><body>hi</body></html>', null)).toThrow(/HTML page, not a feed/);
    expect(() => parseFeedText('{"version": ', null)).toThrow(/not valid JSON/);
    expect(() => parseFeedText('   ', null)).toThrow(/empty document/);
    expect(() => parseFeedText('<note>hello</note>', null)).toThrow(/not a feed Dateline reads/);
  });

  it('decodes an EUC-KR feed from its XML declaration and from the Content-Type', () => {
    const bytes = readFileSync(fixture('euc-kr.xml'));
    for (const contentType of [null, 'application/rss+xml; charset=euc-kr']) {
      const feed = parseFeedBytes(bytes, contentType, 'https://hangu.example/rss');
      expect(feed.title).toBe('항구 일보');
      expect(feed.entries[0]!.title).toBe('부산항 물동량 사상 최대');
      expect(feed.entries[0]!.summaryHtml).toContain('컨테이너');
    }
  });
});

describe('feed dates', () => {
  it('reads the forms real feeds use and refuses impossible or relative ones', () => {
    expect(parseFeedDate('Tue, 10 Jun 2003 04:00:00 GMT')?.toISOString()).toBe('2003-06-10T04:00:00.000Z');
    expect(parseFeedDate('Mon, 5 Aug 2024 14:00:00 EDT')?.toISOString()).toBe('2024-08-05T18:00:00.000Z');
    expect(parseFeedDate('Mon, 5 Aug 2024 14:00:00 KST')?.toISOString()).toBe('2024-08-05T05:00:00.000Z');
    expect(parseFeedDate('2024-01-01 10:00')?.toISOString()).toBe('2024-01-01T10:00:00.000Z');
    expect(parseFeedDate('August 5, 2024 3:00 PM')?.toISOString()).toBe('2024-08-05T15:00:00.000Z');
    expect(parseFeedDate('05.08.2024 14:00')?.toISOString()).toBe('2024-08-05T14:00:00.000Z');
    expect(parseFeedDate('2024-02-30')).toBeNull();
    expect(parseFeedDate('yesterday')).toBeNull();
    expect(parseFeedDate('')).toBeNull();
  });
});

describe('OPML', () => {
  it('imports nested outlines as categories, reports bad ones, drops repeats', () => {
    const opml = readOpml(text('nested.opml'));
    expect(opml.subscriptions).toEqual([
      { url: 'https://ledger.example/atom.xml', title: 'Northern Ledger', siteUrl: 'https://ledger.example/', category: 'News/World' },
      { url: 'https://gazette.example/rss', title: 'Harbour Gazette', siteUrl: null, category: 'News' },
      { url: 'https://wire.example/feed.json', title: 'Valley Wire', siteUrl: null, category: null },
    ]);
    expect(opml.problems).toEqual(['outline "Broken": xmlUrl "ftp://nope.example/feed" is not an http(s) URL; skipped']);
  });

  it('exports categories as nested folders that import back the same', () => {
    const subscriptions = readOpml(text('nested.opml')).subscriptions;
    const written = writeOpml(subscriptions);
    expect(written).toContain('<outline text="News">');
    expect(readOpml(written).subscriptions).toEqual(subscriptions);
  });

  it('refuses what is not OPML', () => {
    expect(() => readOpml('<opml version="2.0"><body></body></opml>')).toThrow(OpmlError);
    expect(() => readOpml('<!DOCTYPE x [<!ENTITY a "b">]><opml/>')).toThrow(/XML entities/);
  });
});

describe('discovery', () => {
  it('finds the feeds a page announces, absolute and without repeats', () => {
    const found = discoverFeeds(text('page-with-feeds.html'), 'https://gazette.example/news/');
    expect(found).toEqual([
      { url: 'https://gazette.example/rss', title: 'All stories', type: 'application/rss+xml' },
      { url: 'https://gazette.example/council.atom', title: 'Council', type: 'application/atom+xml' },
      { url: 'https://gazette.example/news/feed.json', title: 'JSON Feed', type: 'application/feed+json' },
    ]);
    expect(looksLikeHtmlPage(text('page-with-feeds.html'), null)).toBe(true);
    expect(looksLikeHtmlPage(text('rss2.xml'), 'application/xml')).toBe(false);
  });
});

describe('schedule', () => {
  const bounds = { minSeconds: 300, maxSeconds: 86_400, flagAfter: 5 };
  const hourly = Array.from({ length: 6 }, (_, i) => new Date(Date.UTC(2025, 2, 1, 12 - i)));
  it('polls a changing feed about twice per gap between its entries, an idle one less and less often', () => {
    expect(medianGapSeconds(hourly)).toBe(3600);
    expect(intervalAfterSuccess(7200, { changed: true, entryDates: hourly, ttlSeconds: null }, bounds)).toBe(1800);
    expect(intervalAfterSuccess(1800, { changed: false, entryDates: [], ttlSeconds: null }, bounds)).toBe(2700);
    expect(intervalAfterSuccess(80_000, { changed: false, entryDates: [], ttlSeconds: null }, bounds)).toBe(86_400);
    expect(intervalAfterSuccess(400, { changed: true, entryDates: [], ttlSeconds: null }, bounds)).toBe(300);
    // The feed's own ttl is a floor.
    expect(intervalAfterSuccess(7200, { changed: true, entryDates: hourly, ttlSeconds: 7200 }, bounds)).toBe(7200);
  });
  it('backs off exponentially, honours Retry-After, and flags after many failures', () => {
    expect([1, 2, 3, 4].map((n) => backoffAfterFailure(n, null, bounds))).toEqual([300, 600, 1200, 2400]);
    expect(backoffAfterFailure(40, null, bounds)).toBe(86_400);
    expect(backoffAfterFailure(1, 5000, bounds)).toBe(5000);
    expect(isFlagged(4, bounds)).toBe(false);
    expect(isFlagged(5, bounds)).toBe(true);
  });
});

const demoFeeds = fileURLToPath(new URL('../../demo/feeds/', import.meta.url));
if (!existsSync(demoFeeds)) console.warn(`[feeds] skipping the demo feeds test: ${demoFeeds} is missing`);
describe.skipIf(!existsSync(demoFeeds))('the demo corpus feeds', () => {
  it('parse without problems, every entry with a link, a title and a date', () => {
    const files = readdirSync(demoFeeds).filter((f) => /\.(xml|json)$/.test(f));
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const feed = parseFeedText(readFileSync(demoFeeds + file, 'utf8'), `https://demo.invalid/${file}`);
      expect(feed.problems, file).toEqual([]);
      expect(feed.entries.length, file).toBeGreaterThan(0);
      for (const entry of feed.entries) {
        expect(entry.url, file).toMatch(/^https?:/);
        expect(entry.title, file).toBeTruthy();
        expect(entry.publishedAt, `${file} ${entry.guid}`).toBeInstanceOf(Date);
      }
    }
  });
});
