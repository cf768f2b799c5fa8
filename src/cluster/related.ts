// Related articles, the pure ranking: an article's own story first, then articles close in
// content and in shared names, weighted by how near in time they are, then the related links
// its own page listed; copies of one article appear once.
import type { TermVector } from '../text/tfidf.ts';
import { channelCosines } from './features.ts';

export interface RelatedConfig {
  /** Weight of shared names against shared words. */
  nameWeight: number;
  /** Days for the recency weight to fall to 1/e. */
  recencyDays: number;
  /** Lowest similarity kept. */
  minScore: number;
  limit: number;
}

export const DEFAULT_RELATED: RelatedConfig = { nameWeight: 1.5, recencyDays: 14, minScore: 0.08, limit: 12 };

export interface RelatedCandidate {
  articleId: number;
  vector: TermVector;
  publishedAt: Date | null;
  storyId: number | null;
}

export interface RelatedItem {
  articleId: number;
  reason: 'story' | 'similar' | 'listed';
  score: number;
}

export function rankRelated(
  input: {
    articleId: number;
    vector: TermVector | null;
    publishedAt: Date | null;
    storyId: number | null;
    /** Members of its story, in time order. */
    storyMembers: number[];
    candidates: RelatedCandidate[];
    /** Article ids its page listed, in the page's order. */
    listed: number[];
    /** Copy -> original, to show each article once. */
    originalOf: (id: number) => number;
  },
  config: RelatedConfig = DEFAULT_RELATED,
): RelatedItem[] {
  const self = input.originalOf(input.articleId);
  const seen = new Set<number>([self]);
  const out: RelatedItem[] = [];
  const push = (id: number, reason: RelatedItem['reason'], score: number) => {
    const original = input.originalOf(id);
    if (seen.has(original)) return;
    seen.add(original);
    out.push({ articleId: original, reason, score: Math.round(score * 1000) / 1000 });
  };
  for (const id of input.storyMembers) push(id, 'story', 1);
  if (input.vector) {
    const scored = input.candidates
      .filter((c) => c.storyId === null || c.storyId !== input.storyId)
      .map((c) => {
        const s = channelCosines(input.vector!, c.vector);
        const days = input.publishedAt && c.publishedAt ? Math.abs(input.publishedAt.getTime() - c.publishedAt.getTime()) / 86_400_000 : 0;
        return { id: c.articleId, score: (s.words + s.headline + config.nameWeight * s.names) * Math.exp(-days / config.recencyDays) };
      })
      .filter((c) => c.score >= config.minScore)
      .sort((a, b) => b.score - a.score || a.id - b.id);
    for (const c of scored) push(c.id, 'similar', c.score);
  }
  for (const id of input.listed) push(id, 'listed', 0);
  // The story and the similar ones up to the limit; the page's own listings always come along.
  const listed = out.filter((r) => r.reason === 'listed');
  return [...out.filter((r) => r.reason !== 'listed').slice(0, config.limit), ...listed];
}
