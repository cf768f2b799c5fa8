// An extracted article as the page stage would hand it to the store, for tests and benches that
// store articles directly: a plain English main article with nothing but what the caller gives.
import type { ExtractedArticle } from '../../src/model/index.ts';

export function extractedArticle(overrides: Partial<ExtractedArticle> = {}): ExtractedArticle {
  return {
    title: 'Untitled',
    text: 'No text.',
    html: null,
    sourceName: 'Coastal Ledger',
    byline: null,
    publishedAt: new Date('2025-08-01T10:00:00Z'),
    timeBasis: 'page',
    publishedText: null,
    language: 'en',
    url: null,
    canonicalUrl: null,
    excerpt: null,
    imageUrl: null,
    role: 'main',
    ...overrides,
  };
}
