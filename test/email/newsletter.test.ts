// Newsletters to articles and digests, the pure parts: sanitised HTML, plain-text fallback,
// per-sender source names, refusals with reasons; digest composition, escaping, schedule and
// unsubscribe tokens that cannot be forged.
import { describe, expect, it } from 'vitest';
import { newsletterArticle, senderSourceName, type NewsletterMessage } from '../../src/email/newsletter.ts';
import { composeDigest, nextDigestAt, unsubscribeToken, verifyUnsubscribeToken } from '../../src/email/digest.ts';

const received = new Date('2026-03-02T08:00:00Z');
const message = (overrides: Partial<NewsletterMessage>): NewsletterMessage => ({
  from: { name: 'Morning Brief', address: 'Brief@News.example' },
  subject: 'Ports reopen after strike',
  date: new Date('2026-03-02T06:00:00Z'),
  html: null,
  text: null,
  messageId: '<a@news.example>',
  ...overrides,
});

describe('newsletter articles', () => {
  it('sanitises the HTML and keeps its paragraphs as text', () => {
    const article = newsletterArticle(
      message({
        html: '<div><p>Dock workers returned <b>on Monday</b>.</p><script>alert(1)</script><p onclick="x()">Ships <a href="javascript:evil()">sail</a> again.</p><img src="https://t.example/pixel.gif" width="1"></div>',
      }),
      received,
    );
    expect(article.text).toBe('Dock workers returned on Monday.\n\nShips sail again.');
    expect(article.html).not.toMatch(/script|onclick|javascript/);
    expect(article).toMatchObject({ title: 'Ports reopen after strike', sourceName: 'Morning Brief (brief@news.example)', byline: 'Morning Brief', publishedAt: new Date('2026-03-02T06:00:00Z') });
  });
  it('falls back to the plain-text part, to the first words for a title, and to the arrival time for a future date', () => {
    const article = newsletterArticle(message({ subject: '  ', text: 'First paragraph here.\n\nSecond one.', date: new Date('2030-01-01T00:00:00Z') }), received);
    expect(article.text).toBe('First paragraph here.\n\nSecond one.');
    expect(article.title).toBe('First paragraph here.');
    expect(article.publishedAt).toEqual(received);
  });
  it('refuses a message without a sender or without text, saying why', () => {
    expect(() => newsletterArticle(message({ from: null, text: 'x' }), received)).toThrow(/no usable From address/);
    expect(() => newsletterArticle(message({ html: '<p> </p><script>only()</script>' }), received)).toThrow(/no text/);
  });
  it('names a source per sender address', () => {
    expect(senderSourceName({ name: '', address: 'A@B.example' })).toBe('a@b.example');
    expect(senderSourceName({ name: 'A@B.example', address: 'a@b.example' })).toBe('a@b.example');
  });
});

describe('digests', () => {
  const base = { userName: 'ana', frequency: 'daily' as const, siteUrl: 'https://news.example', unsubscribeUrl: 'https://news.example/unsubscribe/1.x' };
  it('lists top stories and saved-search matches, escaped, with the unsubscribe link', () => {
    const mail = composeDigest({
      ...base,
      stories: [{ id: 4, headline: 'Ports <reopen>', sourceCount: 3, articleCount: 5 }],
      watches: [
        { name: 'harbour', matches: [{ id: 9, title: 'Cranes idle', source: 'Coastal Ledger' }] },
        { name: 'empty', matches: [] },
      ],
    })!;
    expect(mail.subject).toBe('Dateline daily digest: Ports <reopen>');
    expect(mail.html).toContain('Ports &lt;reopen&gt;');
    expect(mail.html).toContain('href="https://news.example/stories/4"');
    expect(mail.html).toContain('href="https://news.example/unsubscribe/1.x"');
    expect(mail.text).toContain('- Cranes idle (Coastal Ledger) https://news.example/articles/9');
    expect(mail.text).not.toContain('"empty"');
    expect(composeDigest({ ...base, stories: [], watches: [{ name: 'x', matches: [] }] })).toBeNull();
  });
  it('owes the next digest a day or a week later', () => {
    expect(nextDigestAt('daily', received).toISOString()).toBe('2026-03-03T08:00:00.000Z');
    expect(nextDigestAt('weekly', received).toISOString()).toBe('2026-03-09T08:00:00.000Z');
  });
  it('accepts only its own unsubscribe tokens', () => {
    const token = unsubscribeToken('secret-1', 42);
    expect(verifyUnsubscribeToken('secret-1', token)).toBe(42);
    expect(verifyUnsubscribeToken('secret-2', token)).toBeNull();
    expect(verifyUnsubscribeToken('secret-1', token.replace(/^42/, '43'))).toBeNull();
    expect(verifyUnsubscribeToken('secret-1', 'nonsense')).toBeNull();
  });
});
