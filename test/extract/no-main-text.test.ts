// Pages that hold no main text (a shop listing, a login wall) give an honest empty result with a
// warning, never their menus as an article; in a batch they cost only their own line. And a page
// with a few stray NUL bytes deep inside is read, not refused as binary.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { extractHtml } from '../../src/extract/html.ts';
import { extractPage } from '../../src/extract/page.ts';
import { decodePage } from '../../src/extract/decode.ts';
import { PageError } from '../../src/extract/errors.ts';

const fixture = (path: string) => readFileSync(new URL(`../fixtures/${path}`, import.meta.url));
const REF = new Date('2026-03-10T09:00:00Z');

describe('a page with no main text', () => {
  it('a shop listing gives an empty main text and says why, keeping none of its labels', () => {
    const page = extractHtml(fixture('html/shop-listing.html').toString('utf8'), { url: 'https://shop.example/rain-jackets/', referenceTime: REF });
    expect(page.main.text).toBe('');
    expect(page.main.html).toBe('');
    expect(page.warnings.some((w) => w.startsWith('no main text: the page holds only labels and links'))).toBe(true);
    expect(page.removedLines.length).toBeGreaterThan(0);
  });

  it('a login wall gives no article text: its prompt, form and lists are not an article', () => {
    let text = '';
    let reason = '';
    try {
      const page = extractHtml(fixture('html/login-wall.html').toString('utf8'), { url: 'https://fenwickpost.example/news/budget', referenceTime: REF });
      text = page.main.text;
      reason = page.warnings.join(' ');
    } catch (error) {
      reason = (error as Error).message;
    }
    expect(text).toBe('');
    expect(reason).toMatch(/no (?:main|article) text/);
  });

  it('a page drawn by script takes its main text from its structured data, and says so', () => {
    const steps = {
      '@context': 'https://schema.org',
      '@type': 'HowTo',
      name: 'How to hem a round tablecloth',
      description: 'A round table needs a round cloth, and cutting one takes less time than it seems.',
      step: [
        { '@type': 'HowToStep', itemListElement: { '@type': 'HowToDirection', text: '<p>Measure the diameter of the table top, from edge to edge through the middle.</p>' } },
        { '@type': 'HowToStep', text: 'Fold the fabric in four and mark the radius plus the drop with a string and chalk.' },
      ],
    };
    const html =
      `<html><head><title>Round tablecloth</title><script type="application/ld+json">${JSON.stringify(steps)}</script></head>` + '<body><div id="app"><a href="/">Home</a><a href="/diy">DIY</a><span>Loading…</span></div></body></html>';
    const page = extractHtml(html, { url: 'https://diy.example/round-tablecloth', referenceTime: REF });
    expect(page.main.text.split('\n\n')).toEqual([
      'A round table needs a round cloth, and cutting one takes less time than it seems.',
      'Measure the diameter of the table top, from edge to edge through the middle.',
      'Fold the fabric in four and mark the radius plus the drop with a string and chalk.',
    ]);
    expect(page.main.html).toContain('<p>Measure the diameter');
    expect(page.warnings.some((w) => w.includes('structured data'))).toBe(true);
  });

  it('running text set straight into a <div> (no <p>) is kept, even in a block named like furniture', () => {
    const story = 'The council agreed on Tuesday to rebuild the weir above the mill, after two winters of floods that closed the towpath for months. '.repeat(4);
    const html =
      '<html><body><nav><a href="/">Home</a></nav><section class="row non-paywall"><article><h1>Weir to be rebuilt</h1>' +
      `<div class="article-text">${story}<br><br>Work starts in May and should take a year.</div></article></section>` +
      '<div class="teasers"><p>A festival of wine and live music will open by the river next summer, with three stages and a market of local growers, its organisers said. By the culture desk</p></div></body></html>';
    const page = extractHtml(html, { url: 'https://news.example/weir', referenceTime: REF });
    expect(page.main.text).toContain('The council agreed on Tuesday to rebuild the weir');
    expect(page.main.text).toContain('Work starts in May');
    expect(page.main.text).not.toContain('festival');
  });

  it('in a batch, each such page is one clear refusal and the good pages are read', () => {
    const good = `<!DOCTYPE html><html><head><title>Ferry resumes</title></head><body><article>${'<p>The ferry between the two islands resumed on Tuesday after a week of storms, the operator said, and extra sailings were added for the weekend.</p>'.repeat(3)}</article></body></html>`;
    const files = [
      { location: 'good-1.html', bytes: new Uint8Array(Buffer.from(good)) },
      { location: 'shop-listing.html', bytes: new Uint8Array(fixture('html/shop-listing.html')) },
      { location: 'login-wall.html', bytes: new Uint8Array(fixture('html/login-wall.html')) },
      { location: 'good-2.html', bytes: new Uint8Array(Buffer.from(good.replace('Ferry resumes', 'Ferry resumes again'))) },
    ];
    const read: string[] = [];
    const refused: string[] = [];
    for (const file of files) {
      try {
        read.push(`${file.location}: ${extractPage({ ...file, modifiedAt: REF, asOf: null }).main.title}`);
      } catch (error) {
        expect(error).toBeInstanceOf(PageError);
        expect((error as PageError).code).toBe('no-article');
        refused.push(`${file.location}: ${(error as Error).message}`);
      }
    }
    expect(read).toEqual(['good-1.html: Ferry resumes', 'good-2.html: Ferry resumes again']);
    expect(refused).toHaveLength(2);
    expect(refused[0]).toMatch(/^shop-listing\.html: no main text: the page holds only labels and links/);
    expect(refused[1]).toMatch(/^login-wall\.html: no article text/);
    for (const line of refused) expect(line).not.toMatch(/\n|Add to cart|Sort by/);
  });
});

describe('stray NUL bytes', () => {
  it('a long page with a few NULs deep inside is decoded without them', () => {
    const page = Buffer.concat([Buffer.from(`<html><body>${'<p>Plain text of a page. </p>'.repeat(300)}`), Buffer.from([0, 0, 0]), Buffer.from('<p>After the glitch.</p></body></html>')]);
    const { text } = decodePage(new Uint8Array(page));
    expect(text).toContain('After the glitch.');
    expect(text.includes('\u0000')).toBe(false);
  });

  it('NULs near the start, or many of them, still mark a binary file', () => {
    const early = Buffer.concat([Buffer.from('<html>'), Buffer.from([0]), Buffer.from('x'.repeat(10000))]);
    expect(() => decodePage(new Uint8Array(early))).toThrow(/binary/);
    const many = Buffer.concat([Buffer.from('a'.repeat(5000)), Buffer.alloc(100, 0), Buffer.from('b'.repeat(5000))]);
    expect(() => decodePage(new Uint8Array(many))).toThrow(/binary/);
  });
});
