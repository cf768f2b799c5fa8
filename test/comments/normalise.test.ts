import { describe, expect, it } from 'vitest';
import { CommentError, MAX_COMMENT_CHARS, normaliseCommentBody } from '../../src/store/comments.ts';
import { renderCommentMarkdown } from '../../src/web/markdown.ts';
import { executableParts } from './harmless.ts';

describe('comment bodies', () => {
  it('strips zero-width padding and bidi overrides, keeps joiners real text needs', () => {
    expect(normaliseCommentBody('he\u200Bl\u200Blo\uFEFF w\u2060orld')).toBe('hello world');
    expect(normaliseCommentBody('evil\u202Egnp.exe')).toBe('evilgnp.exe');
    // Persian uses ZWNJ inside words; a run of them becomes one.
    expect(normaliseCommentBody('می\u200C\u200C\u200Cخواهم')).toBe('می\u200Cخواهم');
    // Emoji sequences keep their joiner.
    expect(normaliseCommentBody('family 👨\u200D👩\u200D👧')).toBe('family 👨\u200D👩\u200D👧');
    expect(normaliseCommentBody('  cafe\u0301 \r\n\r\n\r\n\r\nnext\u0007  ')).toBe('café\n\nnext');
  });

  it('refuses floods of invisible characters, empty and oversized bodies, saying which', () => {
    expect(() => normaliseCommentBody('hi' + '\u200B'.repeat(5000))).toThrow(/contains 5,000 invisible characters/);
    expect(() => normaliseCommentBody('\u200B\u200B \n\t')).toThrow(/comment is empty/);
    const huge = 'a'.repeat(1024 * 1024);
    expect(() => normaliseCommentBody(huge)).toThrow(/comment is 1,048,576 characters long; the limit is 10,000/);
    expect(() => normaliseCommentBody('b'.repeat(MAX_COMMENT_CHARS + 1))).toThrow(CommentError);
    expect(normaliseCommentBody('c'.repeat(MAX_COMMENT_CHARS))).toHaveLength(MAX_COMMENT_CHARS);
  });

  it('renders the Markdown subset and nothing executable', () => {
    const out = renderCommentMarkdown(
      '*em* **strong** `code` [ok](https://example.org/a) [bad](javascript:alert(1)) [bad2](JAVASCRIPT:alert(1))\n\n' +
        '<script>alert(1)</script> <img src=x onerror="alert(1)"> <a href="javascript:alert(1)" onclick="x()">a</a>\n\n' +
        '- one\n- two\n\n> quoted\n\n# not a heading\n\n![img](https://example.org/i.png)',
    ).value;
    expect(out).toContain('<em>em</em>');
    expect(out).toContain('<strong>strong</strong>');
    expect(out).toContain('<code>code</code>');
    expect(out).toContain('<a href="https://example.org/a" rel="nofollow ugc noopener noreferrer">ok</a>');
    expect(out).toContain('<ul>');
    expect(out).toContain('<blockquote>');
    expect(executableParts(out)).toEqual([]);
    expect(out).not.toContain('<h1');
    expect(out).not.toContain('<img');
    expect(out).toContain('&lt;script&gt;');
  });
});
