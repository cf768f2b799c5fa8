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

/** A feed entry for the one ingest (src/pipeline.ts): what the feed said, and its page when one was fetched. */
export interface FeedEntryInput {
  feedId: number;
  entry: FeedEntry;
  /** The feed's publisher, for an entry whose page names none. */
  sourceName: string | null;
  /** The article an earlier poll stored for this entry (the entry changed since). */
  previousArticleId: number | null;
  page: { bytes: Uint8Array; url: string; contentType: string | null } | null;
  /** Why the entry's page could not be fetched, when it could not. */
  pageProblem: string | null;
}

export interface FeedEntryResult {
  status: 'inserted' | 'updated' | 'present' | 'unchanged' | 'linked';
  articleId: number | null;
  problem: string | null;
}

/** Before any page is fetched: done already ('unchanged', 'linked'), or to be ingested. */
export type FeedEntryPlan = FeedEntryResult | { status: 'ingest'; previousArticleId: number | null };

/** The ingest a poll hands its entries to (the pipeline's, given by the shell that runs the poll). */
export interface EntryIngest {
  plan(feedId: number, entry: FeedEntry): Promise<FeedEntryPlan>;
  store(input: FeedEntryInput, now: Date): Promise<FeedEntryResult>;
  /** Has the steps the stored articles owe done (batched across feeds by the caller). */
  finish(articleIds: number[]): Promise<void>;
}
