// Article identity: when an article being stored is one already stored, and what the stored row
// becomes. Pure over the candidates the store found (same content hash, same canonical URL, or
// same title); the store applies the decision. Near-duplicates (different wording of one text)
// are src/dedup/near-duplicate.ts; this is "the same article", seen again.
import type { ExtractedArticle, TimeBasis } from '../model/index.ts';
import { isSiteTitle, outletWords } from '../text/site-title.ts';

/** A stored article as the rule needs it. */
export interface StoredCopy {
  id: number;
  role: 'main' | 'related';
  title: string;
  text: string;
  contentHash: string;
  canonicalUrl: string | null;
  sourceId: number | null;
  publishedAt: Date | null;
  timeBasis: TimeBasis;
  byline: string | null;
  url: string | null;
}

/** An article arriving, with what the store resolved about it. */
export interface IncomingCopy {
  article: ExtractedArticle;
  contentHash: string;
  sourceId: number | null;
}

// How far apart two sightings of one publisher's same-titled article may be dated: a dump's
// relative age ("a day ago") is coarse, a different article reusing a title is days apart.
export const SAME_TITLE_WINDOW_HOURS = 36;
// Shorter headlines ("Weather", "Live updates") are too often reused to identify an article alone.
export const MIN_UNSOURCED_TITLE = 40;

// A publication time is replaced only by one at least as trustworthy: a date the page states
// beats a feed's date, which beats a relative age resolved, which beats a file's time.
export const TIME_BASIS_RANK: Record<TimeBasis, number> = { page: 4, feed: 3, relative: 2, file: 1, unknown: 0 };

/** A page's own article beats the same article seen as a related listing; then the longer body. */
export const richness = (a: { role: string; text: string }) => (a.role === 'main' ? 1e9 : 0) + a.text.length;

/** Why a stored copy is the incoming article, or null when it is not. */
export function sameArticleBy(stored: StoredCopy, incoming: IncomingCopy): 'content' | 'url' | 'title' | null {
  if (stored.contentHash === incoming.contentHash) return 'content';
  const url = incoming.article.canonicalUrl;
  if (url !== null && stored.canonicalUrl === url) return 'url';
  if (stored.title.toLowerCase() !== incoming.article.title.toLowerCase()) return null;
  // A title that only names the site and a section ("World news - RT International") is every page's.
  const a = incoming.article;
  if (isSiteTitle(a.title, outletWords([a.sourceName, a.canonicalUrl ?? a.url]))) return null;
  const at = a.publishedAt;
  const sameSource = incoming.sourceId !== null && stored.sourceId === incoming.sourceId;
  if (sameSource && (stored.publishedAt === null || at === null || Math.abs(stored.publishedAt.getTime() - at.getTime()) <= SAME_TITLE_WINDOW_HOURS * 3_600_000)) {
    return 'title';
  }
  // A page that does not name its publisher: a long identical headline is enough.
  if ((incoming.sourceId === null || stored.sourceId === null) && a.title.length >= MIN_UNSOURCED_TITLE) return 'title';
  return null;
}

export type IdentityDecision =
  | { kind: 'new' }
  /** The stored copy keeps its body (it is as rich or richer); `fill` is what it lacked and this copy states. */
  | { kind: 'present'; id: number; fill: GapFill | null }
  /** The stored copy takes the incoming one's body (a richer copy, or the publisher's new version). */
  | { kind: 'replace'; id: number; keepTime: boolean };

/**
 * The stored article this one is, if any — the same content, else the same canonical URL (an
 * updated version), else the same publisher and title around the same time (a page's teaser of
 * it, or its full page, seen without a URL) — and whether the incoming copy replaces it.
 */
export function decideIdentity(candidates: StoredCopy[], incoming: IncomingCopy): IdentityDecision {
  const order = { content: 0, url: 1, title: 2 } as const;
  const matches = candidates
    .map((stored) => ({ stored, by: sameArticleBy(stored, incoming) }))
    .filter((m): m is { stored: StoredCopy; by: 'content' | 'url' | 'title' } => m.by !== null)
    .sort((a, b) => order[a.by] - order[b.by] || a.stored.id - b.stored.id);
  const found = matches[0];
  if (!found) return { kind: 'new' };
  const { stored, by } = found;
  // Found by content or by publisher and title: keep whichever copy is richer. Found by
  // canonical URL with other content: the publisher changed the article, the new version wins.
  if (by !== 'url' && richness(stored) >= richness(incoming.article)) return { kind: 'present', id: stored.id, fill: gapsFilled(stored, incoming) };
  return { kind: 'replace', id: stored.id, keepTime: keepsStoredTime(stored, incoming.article) };
}

/** Whether the stored publication time stays: the incoming copy has none, or a less trustworthy one. */
export function keepsStoredTime(stored: Pick<StoredCopy, 'publishedAt' | 'timeBasis'>, incoming: Pick<ExtractedArticle, 'publishedAt' | 'timeBasis'>): boolean {
  if (incoming.publishedAt === null) return true;
  return stored.publishedAt !== null && TIME_BASIS_RANK[stored.timeBasis] > TIME_BASIS_RANK[incoming.timeBasis];
}

/** What a kept copy lacks and another copy of it states: a date, a byline, a publisher, an address. */
export interface GapFill {
  publishedAt?: { at: Date; basis: TimeBasis; text: string | null };
  byline?: string;
  sourceId?: number;
  url?: string;
}

export function gapsFilled(stored: StoredCopy, incoming: IncomingCopy): GapFill | null {
  const a = incoming.article;
  const fill: GapFill = {};
  if (stored.publishedAt === null && a.publishedAt !== null) fill.publishedAt = { at: a.publishedAt, basis: a.timeBasis, text: a.publishedText };
  if (stored.byline === null && a.byline) fill.byline = a.byline;
  if (stored.sourceId === null && incoming.sourceId !== null) fill.sourceId = incoming.sourceId;
  if (stored.url === null && a.url) fill.url = a.url;
  return Object.keys(fill).length ? fill : null;
}
