// What is cut from a page before it is parsed, and what must survive the cut.
import { describe, expect, it } from 'vitest';
import { stripInert } from '../../src/extract/html-prune.ts';

describe('stripInert', () => {
  it('cuts scripts, styles, SVG, comments and interface blocks; hands JSON-LD back as text', () => {
    const page =
      '<html><head><script>var a = "</p>";</script><style>p{}</style>' +
      '<script type="application/ld+json">{"@type":"NewsArticle","headline":"Weir rebuilt"}</script></head>' +
      '<body><nav><a href="/">Home</a></nav><!-- ad slot --><p>The weir was rebuilt.</p>' +
      '<svg><text>icon</text></svg><BUTTON onclick="x()">Share</BUTTON><iframe src="https://video.example/1"></iframe>' +
      '<noscript><img src="/pixel.gif"></noscript><p>It opens in May.</p></body></html>';
    const { html, jsonLd } = stripInert(page);
    expect(html).toBe('<html><head></head><body><p>The weir was rebuilt.</p><p>It opens in May.</p></body></html>');
    expect(jsonLd).toEqual(['{"@type":"NewsArticle","headline":"Weir rebuilt"}']);
  });

  it('drops the indentation between block tags, never the space between words or inside <pre>', () => {
    const page = '<body>\n  <div>\n    <p>The <b>weir</b> <i>reopens</i></p>\n    <p>In May.</p>\n  </div>\n<pre>\n<div>\n  x</div>\n</pre>\n<div>\n<span>a</span> <span>b</span>\n</div></body>';
    expect(stripInert(page).html).toBe('<body><div><p>The <b>weir</b> <i>reopens</i></p><p>In May.</p></div>\n<pre>\n<div>\n  x</div>\n</pre>\n<div>\n<span>a</span> <span>b</span>\n</div></body>');
    // An unclosed <pre> keeps the rest of the page as written.
    expect(stripInert('<div>\n<p>a</p>\n</div>\n<pre>\n<div>\n</div>').html).toBe('<div><p>a</p></div>\n<pre>\n<div>\n</div>');
  });

  it('leaves the rest of the page alone when a tag is never closed', () => {
    const page = '<body><button>Menu<p>First paragraph.</p><script>unterminated(<p>Second paragraph.</p></body>';
    expect(stripInert(page).html).toBe(page);
  });

  it('keeps article text between many blocks, in order', () => {
    const page = Array.from({ length: 50 }, (_, i) => `<p>Paragraph ${i}.</p><button>b</button><!--c-->`).join('');
    expect(stripInert(page).html).toBe(Array.from({ length: 50 }, (_, i) => `<p>Paragraph ${i}.</p>`).join(''));
  });
});
