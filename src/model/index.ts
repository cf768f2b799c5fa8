// The domain's types: plain data passed between the pipeline's stages and stored by the store.
// No behaviour lives here.

/** How a publication time was established, from most to least trustworthy. */
export type TimeBasis =
  | 'page' // an absolute date the page states (meta, JSON-LD, dateline)
  | 'relative' // a relative form ("17 hours ago") resolved against a reference time
  | 'feed' // the date a feed entry carried
  | 'file' // the file's modification time, when nothing better was there
  | 'unknown';

/** A publisher. */
export interface Source {
  id: number;
  name: string;
  domain: string | null;
  homepageUrl: string | null;
}

/** What the extract stage produces from one page: an article not yet stored. */
export interface ExtractedArticle {
  title: string;
  /** Clean body: paragraphs separated by a blank line. */
  text: string;
  /** Sanitised HTML of the body, where the page was HTML. */
  html: string | null;
  sourceName: string | null;
  byline: string | null;
  publishedAt: Date | null;
  timeBasis: TimeBasis;
  /** The literal the time was read from ("17 hours ago", "2025-08-12T09:00:00Z"). */
  publishedText: string | null;
  language: string | null;
  url: string | null;
  canonicalUrl: string | null;
  /** Lead or standfirst the page gives, if any. */
  excerpt: string | null;
  /** Images, tags etc. a page states about itself. */
  imageUrl: string | null;
  /** 'main' for the page's own article, 'related' for one listed on it. */
  role: 'main' | 'related';
}

/** A link the page listed as related, in the page's order. */
export interface RelatedListing {
  position: number;
  title: string;
  sourceName: string | null;
  url: string | null;
  /** Index into `ExtractedPage.related` when the page also carried that article's text. */
  articleIndex: number | null;
}

/** One page turned into articles: its main article and every article it listed. */
export interface ExtractedPage {
  kind: 'dump' | 'html';
  main: ExtractedArticle;
  /** Articles the page carried besides its own (with their text), e.g. a dump's related list. */
  related: ExtractedArticle[];
  /** Every related link the page listed, with or without text. */
  links: RelatedListing[];
  /** Lines removed as clutter, kept for diagnostics and tests. */
  removedLines: string[];
  /** Problems that did not stop extraction (e.g. a truncated page), one line each. */
  warnings: string[];
}

/** A stored article. */
export interface Article {
  id: number;
  sourceId: number | null;
  sourceName: string | null;
  pageId: number | null;
  url: string | null;
  canonicalUrl: string | null;
  contentHash: string;
  title: string;
  byline: string | null;
  publishedAt: Date | null;
  timeBasis: TimeBasis;
  language: string | null;
  text: string;
  html: string | null;
  excerpt: string | null;
  imageUrl: string | null;
  role: 'main' | 'related';
  createdAt: Date;
  updatedAt: Date;
}

export interface Story {
  id: number;
  headline: string;
  firstSeenAt: Date | null;
  lastSeenAt: Date | null;
  articleCount: number;
  sourceCount: number;
}

export type EntityKind = 'person' | 'organisation' | 'place';

export interface Entity {
  id: number;
  kind: EntityKind;
  name: string;
  /** ISO 3166 code for countries, where known. */
  code: string | null;
  aliases: string[];
}

export type UserRole = 'reader' | 'moderator' | 'admin';

export interface User {
  id: number;
  username: string;
  role: UserRole;
  createdAt: Date;
}

export interface Comment {
  id: number;
  userId: number;
  articleId: number | null;
  storyId: number | null;
  parentId: number | null;
  body: string;
  hidden: boolean;
  createdAt: Date;
  updatedAt: Date;
}
