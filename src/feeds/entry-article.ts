// A feed entry as an article: the entry alone (its body sanitised to text), or merged with the
// page it links to. "Feed or page wins" is decided here, once: the page's text is the article,
// and what the feed states about it fills only what the page left out. Pure: no I/O, no clock.
import { parseHTML } from 'linkedom';
import type { ExtractedArticle } from '../model/index.ts';
import { blockParagraphs } from '../extract/html-text.ts';
import { sanitizeArticleHtml } from '../extract/sanitize.ts';
import type { FeedEntry } from './types.ts';

// An entry whose body has fewer words than this is a summary: its page is fetched for the article.
export const FULL_TEXT_WORDS = 150;

/** The article the entry itself carries (its full content, else its summary). */
export function articleFromEntry(entry: FeedEntry, sourceName: string | null): ExtractedArticle {
  const body = entry.contentHtml ?? entry.summaryHtml ?? '';
  const html = body ? sanitizeArticleHtml(body, entry.url) : '';
  const text = plainText(html);
  const summaryText = entry.summaryHtml && entry.contentHtml ? plainText(entry.summaryHtml) : null;
  return {
    title: entry.title ?? firstWords(text),
    text,
    html: html || null,
    sourceName,
    byline: entry.authors.join(', ') || null,
    publishedAt: entry.publishedAt,
    timeBasis: entry.publishedAt ? 'feed' : 'unknown',
    publishedText: entry.publishedText,
    language: null,
    url: entry.url,
    canonicalUrl: entry.url,
    excerpt: summaryText,
    imageUrl: entry.imageUrl,
    role: 'main',
  };
}

/** Whether the entry's own body is only a summary, so its page should be read. */
export function needsPage(entry: FeedEntry, fromEntry: ExtractedArticle): boolean {
  return entry.url !== null && wordCount(fromEntry.text) < FULL_TEXT_WORDS;
}

/** The entry merged with its page's main article: the page's text, the feed's facts in its gaps. */
export function mergeEntryWithPage(entry: FeedEntry, fromEntry: ExtractedArticle, page: ExtractedArticle): ExtractedArticle {
  return {
    ...page,
    title: entry.title ?? page.title,
    sourceName: page.sourceName ?? fromEntry.sourceName,
    byline: page.byline ?? fromEntry.byline,
    publishedAt: page.publishedAt ?? entry.publishedAt,
    timeBasis: page.publishedAt ? page.timeBasis : entry.publishedAt ? 'feed' : page.timeBasis,
    publishedText: page.publishedAt ? page.publishedText : entry.publishedText,
    url: entry.url,
    canonicalUrl: page.canonicalUrl ?? entry.url,
    excerpt: page.excerpt ?? (fromEntry.text.slice(0, 500) || null),
    imageUrl: page.imageUrl ?? entry.imageUrl,
    role: 'main',
  };
}

function plainText(html: string): string {
  const { document } = parseHTML(`<!doctype html><html><body>${html}</body></html>`);
  return blockParagraphs(document.body as unknown as Node).join('\n\n');
}

const wordCount = (text: string) => (text.match(/\S+/g) ?? []).length;

function firstWords(text: string): string {
  const words = text.split(/\s+/).filter(Boolean);
  return words.slice(0, 12).join(' ') + (words.length > 12 ? '…' : '') || 'Untitled entry';
}
