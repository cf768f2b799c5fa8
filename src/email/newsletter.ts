// Newsletters in, the pure part: a parsed email (what mailparser gives, reduced to plain data)
// becomes an article of a source of its own per sender. The HTML goes through the article
// sanitiser; the text is the sanitised HTML's paragraphs (or the plain-text part); attachments
// never reach here. A message with no sender or no text is refused with the reason.
import { parseHTML } from 'linkedom';
import type { ExtractedArticle } from '../model/index.ts';
import { sanitizeArticleHtml } from '../extract/sanitize.ts';
import { blockParagraphs } from '../extract/html-text.ts';
import { detectLanguage } from '../extract/language.ts';

export interface NewsletterMessage {
  from: { name: string; address: string } | null;
  subject: string | null;
  date: Date | null;
  /** The HTML part as mailparser decoded it (any charset becomes a string); false or null when none. */
  html: string | null;
  text: string | null;
  messageId: string | null;
}

export class NewsletterRejected extends Error {}

const ADDRESS = /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/;

/** One source per sender: "Display Name (address)", or the address alone. */
export function senderSourceName(from: { name: string; address: string }): string {
  const name = from.name
    .replace(/[\r\n\t]+/g, ' ')
    .trim()
    .slice(0, 120);
  const address = from.address.toLowerCase();
  return name && name.toLowerCase() !== address ? `${name} (${address})` : address;
}

export function newsletterArticle(message: NewsletterMessage, receivedAt: Date): ExtractedArticle {
  const from = message.from;
  if (!from || !ADDRESS.test(from.address)) throw new NewsletterRejected('the message has no usable From address');
  const html = message.html ? sanitizeArticleHtml(message.html, null) : '';
  let paragraphs: string[] = [];
  if (html) {
    const { document } = parseHTML(`<!doctype html><html><body>${html}</body></html>`);
    paragraphs = blockParagraphs(document.body as unknown as Node);
  }
  if (!paragraphs.length && message.text) {
    paragraphs = message.text
      .split(/\r?\n\s*\r?\n/)
      .map((p) => p.replace(/\s+/g, ' ').trim())
      .filter(Boolean);
  }
  const text = paragraphs.join('\n\n');
  if (!text) throw new NewsletterRejected('the message has no text (neither an HTML nor a plain-text part with words in it)');
  const subject = (message.subject ?? '').replace(/\s+/g, ' ').trim().slice(0, 300);
  // A date in the future (a wrong clock in the sender's software) is not believed.
  const date = message.date && !Number.isNaN(message.date.getTime()) && message.date <= receivedAt ? message.date : receivedAt;
  return {
    title: subject || paragraphs[0]!.slice(0, 120),
    text,
    html: html || null,
    sourceName: senderSourceName(from),
    byline: from.name.trim() || null,
    publishedAt: date,
    timeBasis: 'page',
    publishedText: message.date ? message.date.toISOString() : null,
    language: detectLanguage(text),
    url: null,
    canonicalUrl: null,
    excerpt: null,
    imageUrl: null,
    role: 'main',
  };
}
