// The HTML page extractor on hand-written fixture pages (test/fixtures/html, fictional text) and
// on every saved HTML page of the demo corpus, checked against the corpus manifest.
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { extractHtml } from '../../src/extract/html.ts';
import { decodePage } from '../../src/extract/decode.ts';

const fixtures = fileURLToPath(new URL('../fixtures/html/', import.meta.url));
const read = (name: string): string => readFileSync(`${fixtures}${name}`, 'utf8');
const REF = new Date('2026-03-01T00:00:00Z');

describe('extractHtml on a news page with JSON-LD, Open Graph and furniture', () => {
  const url = 'https://lakesidetribune.example/transport/2026/02/ferry-night-crossings-gull-island-4411?utm_source=feed';
  const page = extractHtml(read('lakeside-tribune.html'), { url, referenceTime: REF });
  const { main } = page;
  const paragraphs = main.text.split('\n\n');

  it('reads the metadata the page states', () => {
    expect(page.kind).toBe('html');
    expect(main.role).toBe('main');
    expect(main.title).toBe('Ferry operator adds night crossings to Gull Island');
    // JSON-LD publisher wins over og:site_name; the JSON-LD author list reads as a byline.
    expect(main.sourceName).toBe('The Lakeside Tribune');
    expect(main.byline).toBe('Maren Ostby and Callum Reyes');
    expect(main.publishedAt?.toISOString()).toBe('2026-02-11T06:45:00.000Z');
    expect(main.timeBasis).toBe('page');
    expect(main.publishedText).toBe('2026-02-11T07:45:00+01:00');
    // <link rel=canonical> wins over og:url and is absolutised against the page URL.
    expect(main.canonicalUrl).toBe('https://lakesidetribune.example/transport/2026/02/ferry-night-crossings-gull-island-4411');
    expect(main.url).toBe(url);
    expect(main.language).toBe('en');
    expect(main.excerpt).toBe('Night crossings start on 3 March after a two-year campaign by island residents.');
    expect(main.imageUrl).toBe('https://lakesidetribune.example/img/ferry-night.jpg');
  });

  it('keeps the body as its paragraphs, in order, separated by blank lines', () => {
    expect(paragraphs).toHaveLength(6);
    expect(paragraphs[0]).toMatch(/^The ferry between Port Haldane and Gull Island will run after dark/);
    expect(paragraphs[3]).toBe('Bluewake said it could add the crossings because a second crew would be based on the island from March. The company will review the timetable in September, as it does each year.');
    expect(paragraphs[5]).toBe('Night sailings were last offered in 2009 and were dropped after a fuel-price rise.');
  });

  it('loses the clutter: headline, byline, ads, share bar, caption, video length, player link, newsletter, comments', () => {
    for (const clutter of [
      'Ferry operator adds night crossings',
      'By Maren Ostby',
      'Advertisement',
      'Facebook',
      'Photo: Tomas Brandt',
      '01:42',
      'Watch the crossing',
      'newsletter',
      'Share this article',
      'Join the discussion',
      'About time',
      'Most read',
      'All rights reserved',
      'cookies',
    ]) {
      expect(main.text).not.toContain(clutter);
    }
    expect(page.removedLines).toContain('01:42');
  });

  it('lists the related stories with absolute URLs, in page order, and no navigation or most-read links', () => {
    expect(page.related).toEqual([]);
    expect(page.links).toEqual([
      { position: 1, title: 'Gull Island residents petition for a later ferry', sourceName: null, url: 'https://lakesidetribune.example/transport/2025/11/gull-island-residents-petition-later-ferry-4102', articleIndex: null },
      { position: 2, title: 'Port Haldane hospital struggles to staff night shifts', sourceName: null, url: 'https://lakesidetribune.example/health/2026/01/port-haldane-hospital-night-shift-staffing-4307', articleIndex: null },
      { position: 3, title: 'Bluewake to review island timetables every September', sourceName: null, url: 'https://lakesidetribune.example/transport/2025/09/bluewake-timetable-review-3980', articleIndex: null },
    ]);
  });

  it('returns sanitised HTML: no scripts, handlers or javascript: links; links absolute and nofollow', () => {
    const html = main.html ?? '';
    expect(html).toContain('<p>The ferry between Port Haldane');
    expect(html).not.toMatch(/<script|<style|<iframe|<form|<button|on\w+=|javascript:|document\.cookie|tracker\.example/i);
    expect(html).toContain('<a rel="nofollow noopener" href="https://lakesidetribune.example/transport/2025/09/bluewake-timetable-review-3980">as it does each year</a>');
    expect(html).toContain('<img src="https://lakesidetribune.example/img/ferry-night.jpg" alt="The ferry at the Gull Island slipway" />');
    expect(html).not.toContain('01:42');
    expect(html).not.toContain('Advertisement');
    expect(page.warnings).toEqual([]);
  });
});

describe('extractHtml on an old table layout with meta tags only', () => {
  const url = 'https://bergblatt.example/lokales/seilbahn-am-hochkar-faehrt-wieder/artikel_2450.html';
  const page = extractHtml(read('bergblatt-de.html'), { url, referenceTime: REF });
  const { main } = page;

  it('takes title and site from "<title>Headline :: Site", byline without "Von", date from article:published_time', () => {
    expect(main.title).toBe('Seilbahn am Hochkar fährt wieder – nach sieben Monaten Pause');
    expect(main.sourceName).toBe('Bergblatt');
    expect(main.byline).toBe('Lena Aigner');
    expect(main.publishedAt?.toISOString()).toBe('2026-01-19T16:05:00.000Z');
    expect(main.canonicalUrl).toBeNull();
  });

  it('detects the language from the text when the page does not state it', () => {
    expect(main.language).toBe('de');
  });

  it('splits <br><br> paragraphs and drops the print/send tools, ad box and footer', () => {
    const paragraphs = main.text.split('\n\n');
    expect(paragraphs).toHaveLength(4);
    expect(paragraphs[0]).toMatch(/^Die Seilbahn auf das Hochkar hat am Montag/);
    expect(paragraphs[3]).toMatch(/Kinder unter zehn Jahren fahren gratis\.$/);
    for (const clutter of ['Artikel drucken', 'Anzeige', 'Skiverleih', 'Bergblatt Verlag', 'Mehr zum Thema']) expect(main.text).not.toContain(clutter);
  });

  it('finds a related list named by a bold label rather than a heading', () => {
    expect(page.links.map((l) => [l.position, l.title])).toEqual([
      [1, 'Tragseil gebrochen: Hochkar-Bahn steht still'],
      [2, 'Gemeinde beschließt Zuschuss für neue Seilbahn'],
    ]);
  });
});

describe('extractHtml dates', () => {
  const page = (first: string): string =>
    `<html><head><title>Port reopens</title></head><body><article><h1>Port reopens</h1><p>${first}</p>` +
    '<p>Officials said the channel had been cleared of debris overnight and that pilots would guide the first ships in at dawn, with more to follow through the week.</p>' +
    '<p>Shipping companies said they expected delays of several days as vessels waiting offshore were brought in one at a time.</p></article></body></html>';

  it('takes the date from a wire dateline when the page states none, the year from the reference time', () => {
    const { main } = extractHtml(page('SANDHAVEN, British Columbia, Feb. 3 (Northwire) — The port reopened on Tuesday after a storm closed it for two days.'), {
      url: null,
      referenceTime: REF,
    });
    expect(main.publishedAt?.toISOString()).toBe('2026-02-03T00:00:00.000Z');
    expect(main.timeBasis).toBe('page');
    expect(main.publishedText).toBe('SANDHAVEN, British Columbia, Feb. 3');
  });

  it('leaves the time unknown when the page gives no date at all', () => {
    const { main } = extractHtml(page('The port reopened on Tuesday after a storm closed it for two days, the harbour authority said.'), { url: null, referenceTime: REF });
    expect(main.publishedAt).toBeNull();
    expect(main.timeBasis).toBe('unknown');
  });
});

describe('extractHtml on bad pages', () => {
  it('extracts a truncated page with a warning', () => {
    const page = extractHtml(read('truncated.html'), { url: null, referenceTime: REF });
    expect(page.main.title).toBe('Library extends weekend hours');
    expect(page.main.sourceName).toBe('Fenwick Post');
    expect(page.main.text.split('\n\n')).toHaveLength(4);
    expect(page.main.text).toMatch(/than when it is convenient for$/);
    expect(page.warnings).toEqual(['page is truncated: no closing </html>; extracted what was there']);
  });

  it('throws a clear error for a page without an article', () => {
    expect(() => extractHtml(read('no-article.html'), { url: 'https://fenwickpost.example/sport/', referenceTime: REF })).toThrow(/^extractHtml: no article (?:found|text) in the page https:\/\/fenwickpost\.example\/sport\/$/);
  });

  it('reads a story wrapped in markup nested 20,000 deep (no stack overflow)', () => {
    const depth = 20_000;
    const story = '<p>The council voted on Tuesday to keep the night bus running through the winter, after riders filled the public gallery to object to the cut.</p>'.repeat(4);
    const html = `<html><head><title>Night bus stays</title></head><body>${'<div>'.repeat(depth)}${story}${'</div>'.repeat(depth)}</body></html>`;
    const page = extractHtml(html, { url: null, referenceTime: REF });
    expect(page.main.text.split('\n\n')).toHaveLength(4);
  });

  it('throws for an empty page', () => {
    expect(() => extractHtml('   \n', { url: null, referenceTime: REF })).toThrow('extractHtml: the page is empty');
  });

  it('does not read the clock: the same page gives the same result at any reference time', () => {
    const a = extractHtml(read('lakeside-tribune.html'), { url: null, referenceTime: new Date('2020-01-01T00:00:00Z') });
    const b = extractHtml(read('lakeside-tribune.html'), { url: null, referenceTime: new Date('2030-01-01T00:00:00Z') });
    expect(a).toEqual(b);
  });
});

// The demo corpus's saved pages, against the facts its manifest records for each article.
const demoDir = fileURLToPath(new URL('../../demo/', import.meta.url));
const manifestPath = `${demoDir}manifest.json`;
const haveDemo = existsSync(manifestPath);
if (!haveDemo) console.warn(`html.test: ${manifestPath} is missing; the demo-page checks are skipped`);

interface ManifestArticle {
  key: string;
  outlet: string;
  title: string;
  byline: string | null;
  published_at: string;
  canonical_url: string;
  paragraphs: number;
  first_sentence: string;
  last_paragraph_start: string;
  page_related_urls?: string[];
  appears_in: { file: string; format: string; role: string }[];
}

function demoPages(): { file: string; article: ManifestArticle }[] {
  if (!haveDemo) return [];
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { articles: ManifestArticle[] };
  return manifest.articles.flatMap((article) => article.appears_in.filter((p) => p.format === 'html' && p.role === 'main').map((p) => ({ file: p.file, article })));
}

/** Bytes to text as the importer does it (one demo page is windows-1252). */
function readDemoPage(file: string): string {
  return decodePage(new Uint8Array(readFileSync(`${demoDir}${file}`))).text;
}

describe.skipIf(!haveDemo)('extractHtml on the demo corpus pages', () => {
  const pages = demoPages();

  it('has pages to check', () => {
    expect(pages.length).toBeGreaterThanOrEqual(40);
  });

  it.each(pages.map((p) => [p.file, p]))('%s', (_file, { file, article }) => {
    const page = extractHtml(readDemoPage(file), { url: null, referenceTime: REF });
    const { main } = page;
    const paragraphs = main.text.split('\n\n');
    expect(main.title).toBe(article.title);
    expect(main.sourceName).toBe(article.outlet);
    expect(main.byline ?? null).toBe(article.byline);
    expect(main.publishedAt?.toISOString().replace('.000Z', 'Z')).toBe(article.published_at);
    expect(main.canonicalUrl).toBe(article.canonical_url);
    expect(main.language).toBe('en');
    expect(paragraphs[0].startsWith(article.first_sentence)).toBe(true);
    if (page.warnings.length === 0) {
      expect(paragraphs.at(-1)!.startsWith(article.last_paragraph_start)).toBe(true);
      expect(paragraphs).toHaveLength(article.paragraphs);
      expect(page.links.map((l) => l.url)).toEqual(article.page_related_urls ?? []);
    } else {
      // The corpus's truncated page: what is there is right, the rest is missing.
      expect(page.warnings.join(' ')).toMatch(/truncated/);
      expect(paragraphs.length).toBeLessThan(article.paragraphs);
    }
  });
});

describe("extractHtml and the CSS frameworks' hidden blocks", () => {
  const story = [
    'The ferry will run through the night from March, the operator said on Monday.',
    'Crossings every two hours were asked for by the island council after the winter storms cut the last boat twice.',
    'The timetable is published next week, with fares unchanged for residents and a late supplement for visitors.',
  ];
  const page = (hiddenClass: string): string =>
    `<html><body><main><article><h1>Night ferries</h1>${story.map((p) => `<p>${p} ${p}</p>`).join('')}` +
    `<div class="${hiddenClass}"><div class="box">Citation: Night ferries (2026, March 1) retrieved 2 March 2026 from the Lakeside Tribune. This document is subject to copyright and may not be reproduced without written permission of the publisher.</div></div>` +
    '</article></main></body></html>';

  it('drops a print-only copy (d-none d-print-block) but keeps a block a breakpoint shows again', () => {
    const printOnly = extractHtml(page('d-none d-print-block'), { url: 'https://lakesidetribune.example/ferries', referenceTime: REF }).main.text;
    expect(printOnly).toContain('The ferry will run through the night');
    expect(printOnly).not.toContain('Citation:');
    const desktop = extractHtml(page('d-none d-lg-block'), { url: 'https://lakesidetribune.example/ferries', referenceTime: REF }).main.text;
    expect(desktop).toContain('Citation:');
  });
});

describe('extractHtml and sub-headings set as <div>', () => {
  it('keeps a one-line <div> between two paragraphs of the story, drops the empty widgets beside them', () => {
    const para = (n: number): string => `<p>Paragraph ${n} of the explainer says who pays a tariff at the border and how the cost moves along to shops and, in the end, to the people who buy the goods.</p>`;
    const html =
      `<html><body><main><article><h1>Tariffs explained</h1>${para(1)}${para(2)}<div class="sub">Who pays the cost of a tariff?</div>${para(3)}${para(4)}` +
      '<div class="widget"><img src="/chart.png"></div><div class="promo"><span>Sponsored</span></div></article></main></body></html>';
    const text = extractHtml(html, { url: 'https://facts.example/tariffs', referenceTime: REF }).main.text;
    expect(text.split('\n\n')).toContain('Who pays the cost of a tariff?');
    expect(text).toContain('Paragraph 4 of the explainer');
    expect(text).not.toContain('Sponsored');
  });
});
