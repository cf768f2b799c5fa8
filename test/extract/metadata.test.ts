// What a page says about itself: <meta>, Open Graph, <link rel=canonical>, <title> and JSON-LD,
// and which source wins when they disagree.
import { describe, expect, it } from 'vitest';
import { parseHTML } from 'linkedom';
import { parseDateline, parsePageDate, primaryLanguage, readPageMetadata, stripBylinePrefix } from '../../src/extract/metadata.ts';

const meta = (html: string, baseUrl: string | null = 'https://paper.example/news/story-1') => readPageMetadata(parseHTML(html).document as unknown as Document, baseUrl);

describe('readPageMetadata', () => {
  it('reads a NewsArticle inside a JSON-LD @graph and skips broken JSON-LD blocks', () => {
    const m = meta(`<html><head>
      <script type="application/ld+json">{ broken</script>
      <script type="application/ld+json">{"@context":"https://schema.org","@graph":[
        {"@type":"WebPage","name":"ignored"},
        {"@type":["NewsArticle"],"headline":"Dam repairs finish early","author":{"@type":"Person","name":"Ada Quill"},
         "datePublished":"2025-05-04T08:00:00Z","publisher":{"@type":"Organization","name":"River Paper"},
         "image":[{"@type":"ImageObject","url":"/img/dam.jpg"}],"articleBody":"The dam reopened.","inLanguage":"fr-CA",
         "mainEntityOfPage":"https://paper.example/news/dam-repairs-finish-early"}]}</script>
    </head><body></body></html>`);
    expect(m.title).toBe('Dam repairs finish early');
    expect(m.author).toBe('Ada Quill');
    expect(m.publishedAt?.toISOString()).toBe('2025-05-04T08:00:00.000Z');
    expect(m.publishedText).toBe('2025-05-04T08:00:00Z');
    expect(m.sourceName).toBe('River Paper');
    expect(m.imageUrl).toBe('https://paper.example/img/dam.jpg');
    expect(m.articleBody).toBe('The dam reopened.');
    expect(m.language).toBe('fr');
    expect(m.canonicalUrl).toBe('https://paper.example/news/dam-repairs-finish-early');
  });

  it('joins JSON-LD people with "and" and puts an agency after a comma', () => {
    const m = meta(`<script type="application/ld+json">{"@type":"NewsArticle","author":[
      {"@type":"Person","name":"Ada Quill"},{"@type":"Person","name":"Bo Lind"},{"@type":"Person","name":"Cy Moss"},
      {"@type":"Organization","name":"Northwire"}]}</script>`);
    expect(m.author).toBe('Ada Quill, Bo Lind and Cy Moss, Northwire');
  });

  it('prefers the <meta name=author> byline string, without its "By", and ignores profile URLs', () => {
    expect(meta('<meta name="author" content="By Ada Quill"><script type="application/ld+json">{"@type":"NewsArticle","author":"Other"}</script>').author).toBe('Ada Quill');
    expect(meta('<meta name="author" content="https://social.example/adaquill"><script type="application/ld+json">{"@type":"NewsArticle","author":"Ada Quill"}</script>').author).toBe('Ada Quill');
  });

  it('falls back to Open Graph and meta tags, and prefers <link rel=canonical> to og:url', () => {
    const m = meta(`<html lang="pt-BR"><head>
      <meta property="og:title" content="Ponte reaberta">
      <meta property="og:site_name" content="Jornal do Vale">
      <meta property="og:url" content="https://paper.example/og">
      <meta property="article:published_time" content="2025-06-01T12:30:00-03:00">
      <meta name="description" content="A ponte foi reaberta.">
      <meta property="og:image" content="//cdn.paper.example/p.jpg">
      <link rel="canonical" href="/noticias/ponte-reaberta-881">
    </head></html>`);
    expect(m.title).toBe('Ponte reaberta');
    expect(m.sourceName).toBe('Jornal do Vale');
    expect(m.publishedAt?.toISOString()).toBe('2025-06-01T15:30:00.000Z');
    expect(m.canonicalUrl).toBe('https://paper.example/noticias/ponte-reaberta-881');
    expect(m.language).toBe('pt');
    expect(m.description).toBe('A ponte foi reaberta.');
    expect(m.imageUrl).toBe('https://cdn.paper.example/p.jpg');
  });

  it('takes title and site name from "<title>Headline | Site" when nothing else states them', () => {
    const m = meta('<html><head><title>Council votes to keep the night bus | Eastvale Echo</title></head></html>');
    expect(m.title).toBe('Council votes to keep the night bus');
    expect(m.sourceName).toBe('Eastvale Echo');
    // A dash inside a headline is not a site separator.
    const plain = meta('<html><head><title>Q&A - the new mayor</title></head></html>');
    expect(plain.title).toBe('Q&A - the new mayor');
    expect(plain.sourceName).toBeNull();
  });

  it('returns nulls, not errors, for a page that states nothing', () => {
    const m = meta('<html><body><p>Just text.</p></body></html>', null);
    expect(m).toEqual({
      title: null,
      author: null,
      publishedText: null,
      publishedAt: null,
      sourceName: null,
      canonicalUrl: null,
      language: null,
      imageUrl: null,
      description: null,
      articleBody: null,
      dataText: [],
    });
  });

  it('drops canonical URLs that are not http(s)', () => {
    expect(meta('<link rel="canonical" href="javascript:alert(1)">').canonicalUrl).toBeNull();
  });

  it("takes the page's headline when its stated title only names the site and a section", () => {
    const m = meta(
      `<html><head><title>World news - RT International</title><meta property="og:title" content="World news - RT International">
      <meta property="og:site_name" content="RT International"></head>
      <body><header><h1>RT</h1></header><article><h1>Quake hits island off southern Iran, five hurt</h1><p>Text.</p></article></body></html>`,
      'https://www.rt.com/news/1-quake/',
    );
    expect(m.title).toBe('Quake hits island off southern Iran, five hurt');
    // No headline anywhere: the title stays as the page states it.
    expect(meta('<html><head><title>NPR Search : NPR</title></head><body><p>Results</p></body></html>', 'https://www.npr.org/search').title).toBe('NPR Search : NPR');
    // A headline naming the outlet is still a headline.
    expect(meta('<meta property="og:title" content="Latvia bans RT International"><body><h1>Other</h1></body>', 'https://www.rt.com/news/2/').title).toBe('Latvia bans RT International');
  });
});

describe('parsePageDate, primaryLanguage, stripBylinePrefix', () => {
  it('parses ISO dates and epoch numbers; refuses dates without a year or out of range', () => {
    expect(parsePageDate('2025-08-12T09:00:00+09:00')?.toISOString()).toBe('2025-08-12T00:00:00.000Z');
    expect(parsePageDate('1754989200')?.toISOString()).toBe('2025-08-12T09:00:00.000Z');
    expect(parsePageDate('Tuesday')).toBeNull();
    expect(parsePageDate('0001-01-01T00:00:00Z')).toBeNull();
    expect(parsePageDate('not a date 2025')).toBeNull();
  });

  it('reduces language tags to their primary subtag', () => {
    expect(primaryLanguage('en-GB')).toBe('en');
    expect(primaryLanguage('ko_KR')).toBe('ko');
    expect(primaryLanguage('')).toBeNull();
  });

  it('strips a byline prefix in several languages', () => {
    expect(stripBylinePrefix('By Ada Quill')).toBe('Ada Quill');
    expect(stripBylinePrefix('Von Lena Aigner')).toBe('Lena Aigner');
    expect(stripBylinePrefix('Par Jeanne Roux')).toBe('Jeanne Roux');
    expect(stripBylinePrefix('Byron Hale')).toBe('Byron Hale');
  });
});

describe('parsePageDate wordings', () => {
  it('reads RFC 2822 and written-out dates, as UTC when no zone is given', () => {
    expect(parsePageDate('Tue, 12 Aug 2025 09:00:00 +0900')?.toISOString()).toBe('2025-08-12T00:00:00.000Z');
    expect(parsePageDate('August 12, 2025 9:30 AM')?.toISOString()).toBe('2025-08-12T09:30:00.000Z');
    expect(parsePageDate('2025-08-12')?.toISOString()).toBe('2025-08-12T00:00:00.000Z');
  });
});

describe('parseDateline', () => {
  const ref = new Date('2025-09-01T00:00:00Z');
  it('reads a dateline with a year, and one without (placed at or before the reference time)', () => {
    expect(parseDateline('SINGAPORE, Aug. 12, 2025 — Officials said', ref)).toEqual({ date: new Date('2025-08-12T00:00:00Z'), text: 'SINGAPORE, Aug. 12, 2025' });
    expect(parseDateline('NORTHGATE, Ontario, Aug. 5 (Meridian Wire) — Voters', ref)?.date.toISOString()).toBe('2025-08-05T00:00:00.000Z');
    // December is after the reference month, so it is last year's.
    expect(parseDateline('OSLO, Dec. 3 — The council', ref)?.date.toISOString()).toBe('2024-12-03T00:00:00.000Z');
  });

  it('ignores paragraphs that do not open with a dateline', () => {
    expect(parseDateline('The council met on Aug. 12, 2025 to vote.', ref)).toBeNull();
    expect(parseDateline('SEOUL — Officials said on Tuesday', ref)).toBeNull();
  });
});
