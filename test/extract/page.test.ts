// extractPage: bytes of a saved page in, articles out; decoding, telling HTML from a dump,
// truncated pages and the errors a caller reports with the file's name.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { extractPage, looksLikeHtml } from '../../src/extract/page.ts';
import { PageError } from '../../src/extract/errors.ts';

const fixture = (path: string) => new Uint8Array(readFileSync(new URL(`../fixtures/${path}`, import.meta.url)));
const MODIFIED = new Date('2026-03-10T09:00:00Z');

function failure(run: () => unknown): PageError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(PageError);
    return error as PageError;
  }
  throw new Error('expected a PageError');
}

const article = (paragraphs: string[]) => `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Night ferry to return to Westholm</title>
<meta property="og:site_name" content="Harbor Gazette"></head>
<body><nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article><h1>Night ferry to return to Westholm</h1>
${paragraphs.map((p) => `<p>${p}</p>`).join('\n')}
</article>
<footer>© Harbor Gazette</footer>
</body></html>
`;
const PARAGRAPHS = [
  'The night ferry between Northbay and Westholm will run again from June, the port authority said on Tuesday, after a two-year pause caused by a shortage of crew.',
  'The crossing will leave Northbay at eleven in the evening on Fridays and Saturdays, and tickets will cost the same as on the day service, officials said.',
  'Islanders had campaigned for the return of the service, which many of them used to reach late shifts at the hospital and the fish market on the mainland.',
];

describe('extractPage', () => {
  it('reads a text dump as a page dump, with --as-of as the reference time', () => {
    const page = extractPage({ bytes: fixture('dumps/harbor-gazette.txt'), location: 'pages/harbor-gazette.txt', modifiedAt: MODIFIED, asOf: new Date('2026-03-11T12:00:00Z') });
    expect(page.kind).toBe('dump');
    expect(page.main.title).toBe('Ferry fares to rise as Northbay port renews its fleet');
    expect(page.main.publishedAt?.toISOString()).toBe('2026-03-11T09:00:00.000Z');
    expect(page.related).toHaveLength(2);
  });

  it("falls back to the file's modification time without --as-of", () => {
    const page = extractPage({ bytes: fixture('dumps/harbor-gazette.txt'), location: 'harbor-gazette.txt', modifiedAt: MODIFIED, asOf: null });
    expect(page.main.publishedAt?.toISOString()).toBe('2026-03-10T06:00:00.000Z');
  });

  it('hands HTML to the HTML extractor, whatever the charset', () => {
    const korean = extractPage({ bytes: fixture('charsets/euc-kr-meta.html'), location: 'saved/page.html', modifiedAt: MODIFIED, asOf: null });
    expect(korean.kind).toBe('html');
    expect(korean.main.title).toBe('가상 항구도시, 새 여객선 터미널 개장');
    expect(korean.main.text).toContain('한별시는 14일 새 여객선 터미널을 열었다고 밝혔다.');
    const japanese = extractPage({ bytes: fixture('charsets/shift_jis-undeclared.html'), location: 'saved/page.htm', modifiedAt: MODIFIED, asOf: null });
    expect(japanese.main.text).toContain('蔵書は約二十万冊で、夜九時まで利用できる。');
    const french = extractPage({ bytes: fixture('charsets/windows-1252-undeclared.html'), location: 'saved/zephyr', modifiedAt: MODIFIED, asOf: null });
    expect(french.kind).toBe('html');
    expect(french.main.text).toContain('« Nous voulions garder l’âme du lieu »');
    expect(french.warnings).toEqual([]);
  });

  it('extracts a truncated HTML page that still holds an article, with a warning', () => {
    const whole = article(PARAGRAPHS);
    const cut = whole.slice(0, whole.indexOf(PARAGRAPHS[2]!) + 40);
    const page = extractPage({ bytes: new Uint8Array(Buffer.from(cut)), location: 'cut.html', modifiedAt: MODIFIED, asOf: null });
    expect(page.main.text).toContain(PARAGRAPHS[0]);
    expect(page.warnings.filter((w) => /truncated/.test(w))).toHaveLength(1);
    const complete = extractPage({ bytes: new Uint8Array(Buffer.from(whole)), location: 'whole.html', modifiedAt: MODIFIED, asOf: null });
    expect(complete.warnings.some((w) => /truncated/.test(w))).toBe(false);
  });

  it('refuses a truncated HTML page cut before its text, saying why', () => {
    const whole = article(PARAGRAPHS);
    const cut = whole.slice(0, whole.indexOf('<article>'));
    const error = failure(() => extractPage({ bytes: new Uint8Array(Buffer.from(cut)), location: 'cut.html', modifiedAt: MODIFIED, asOf: null }));
    expect(error.code).toBe('no-article');
    expect(error.message).toMatch(/^truncated HTML page/);
  });

  it('refuses empty, binary and oversize files with the reason', () => {
    const at = (bytes: Uint8Array, maxBytes?: number) => failure(() => extractPage({ bytes, location: 'x.txt', modifiedAt: MODIFIED, asOf: null, maxBytes }));
    expect(at(fixture('charsets/empty.txt')).message).toBe('empty file');
    expect(at(fixture('charsets/binary.png')).code).toBe('binary');
    expect(at(fixture('dumps/harbor-gazette.txt'), 1024).code).toBe('too-large');
    expect(at(new Uint8Array(Buffer.from('logo\n\nComments\n'))).code).toBe('no-article');
  });
});

describe('looksLikeHtml', () => {
  it('goes by a document that opens as HTML, then extension, then Content-Type, then the first bytes', () => {
    expect(looksLikeHtml('plain words', 'a.html')).toBe(true);
    expect(looksLikeHtml('<html><body>x</body></html>', 'saved-as.txt')).toBe(true);
    expect(looksLikeHtml('Title\n<body> is a word here\n', 'a.txt')).toBe(false);
    expect(looksLikeHtml('plain words', 'https://example.test/a', 'text/html; charset=utf-8')).toBe(true);
    expect(looksLikeHtml('\n  <!doctype html><html>', 'saved')).toBe(true);
    expect(looksLikeHtml('Title\nKorea Herald17 hours ago\nText <b>bold</b>', 'saved')).toBe(false);
  });
});
