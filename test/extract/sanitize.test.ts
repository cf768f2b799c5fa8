// The sanitiser every page's HTML passes through before it is stored or shown.
import { describe, expect, it } from 'vitest';
import { absoluteUrl, sanitizeArticleHtml } from '../../src/extract/sanitize.ts';

const BASE = 'https://paper.example/news/2026/story-7';

describe('sanitizeArticleHtml', () => {
  it('removes scripts, styles, event handlers and active embeds with their content', () => {
    const out = sanitizeArticleHtml(
      '<p onclick="steal()" style="color:red" class="lead">Text <b onmouseover="x()">bold</b></p>' +
        '<script>alert(document.cookie)</script><style>p{display:none}</style>' +
        '<iframe src="https://evil.example/"></iframe><form action="/x"><input name="q"><button>Go</button></form>' +
        '<svg onload="alert(1)"><text>svg text</text></svg><noscript><img src="/pixel.gif"></noscript>',
      BASE,
    );
    expect(out).toBe('<p>Text <b>bold</b></p>');
  });

  it('drops javascript:, data: and vbscript: URLs but keeps the link text', () => {
    const out = sanitizeArticleHtml('<a href="javascript:alert(1)">one</a> <a href=" JaVaScRiPt:alert(1)">two</a> <a href="data:text/html,<b>x</b>">three</a> <a href="vbscript:x">four</a>', BASE);
    expect(out).toBe('<a rel="nofollow noopener">one</a> <a rel="nofollow noopener">two</a> <a rel="nofollow noopener">three</a> <a rel="nofollow noopener">four</a>');
  });

  it("absolutises links and images and marks links nofollow noopener, replacing the page's own rel and target", () => {
    const out = sanitizeArticleHtml(
      '<p><a href="../2025/older-story" target="_blank" rel="opener">older</a> <a href="mailto:desk@paper.example">mail</a></p><img src="/img/a.jpg" alt="A" onerror="x()"><img src="data:image/png;base64,AAAA">',
      BASE,
    );
    expect(out).toBe(
      '<p><a rel="nofollow noopener" href="https://paper.example/news/2025/older-story">older</a> <a rel="nofollow noopener" href="mailto:desk@paper.example">mail</a></p><img src="https://paper.example/img/a.jpg" alt="A" />',
    );
  });

  it('keeps readable structure: headings, lists, quotes, tables, figures', () => {
    const html = '<h2>Sub</h2><ul><li>one</li></ul><blockquote>quote</blockquote><table><tbody><tr><td colspan="2">cell</td></tr></tbody></table><figure><figcaption>cap</figcaption></figure>';
    expect(sanitizeArticleHtml(html, BASE)).toBe(html);
  });

  it('drops relative links it cannot resolve when there is no base URL', () => {
    expect(sanitizeArticleHtml('<a href="/x">x</a><img src="/y.jpg">', null)).toBe('<a rel="nofollow noopener">x</a>');
  });
});

describe('absoluteUrl', () => {
  it('resolves against the base and accepts only http(s) and mailto', () => {
    expect(absoluteUrl('/a?b=1#c', BASE)).toBe('https://paper.example/a?b=1#c');
    expect(absoluteUrl('//cdn.example/x.png', BASE)).toBe('https://cdn.example/x.png');
    expect(absoluteUrl('ftp://files.example/x', BASE)).toBeNull();
    expect(absoluteUrl('javascript:alert(1)', BASE)).toBeNull();
    expect(absoluteUrl('', BASE)).toBeNull();
    expect(absoluteUrl('/relative', null)).toBeNull();
  });
});
