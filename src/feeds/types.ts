// The shapes feeds are turned into, whatever their format: a feed document and its entries
// as plain data, before anything is stored.

export type FeedFormat = 'rss' | 'atom' | 'rdf' | 'json';

export interface FeedEnclosure {
  url: string;
  type: string | null;
  length: number | null;
}

export interface FeedEntry {
  /** The feed's own id for the entry (guid / id), else its link, else a hash of its text. */
  guid: string;
  /** The entry's page, absolute. */
  url: string | null;
  title: string | null;
  /** Short HTML or text the feed gives (description / summary). */
  summaryHtml: string | null;
  /** The full body, where the feed carries one (content:encoded / content / content_html). */
  contentHtml: string | null;
  authors: string[];
  categories: string[];
  enclosures: FeedEnclosure[];
  publishedAt: Date | null;
  updatedAt: Date | null;
  /** The date literal as the feed wrote it. */
  publishedText: string | null;
  imageUrl: string | null;
}

export interface ParsedFeed {
  format: FeedFormat;
  title: string | null;
  siteUrl: string | null;
  description: string | null;
  language: string | null;
  /** The feed's own hint of how often to poll it (RSS <ttl>, sy:updatePeriod), in seconds. */
  ttlSeconds: number | null;
  entries: FeedEntry[];
  /** What was wrong but did not stop the good entries: one line each, naming the entry. */
  problems: string[];
}
