// The story engine's one configuration (features, story rules, candidate lookup) and the
// candidate rule both backings follow: an article's heaviest terms looked up in the story index.
import { DEFAULT_FEATURES, type FeatureConfig } from './features.ts';
import { DEFAULT_STORY, type StoryConfig } from './stories.ts';
import type { TermVector } from '../text/tfidf.ts';

export interface CandidateConfig {
  /** Article terms looked up in the index. */
  queryTerms: number;
  /** Terms a story is indexed under. */
  indexTerms: number;
  /**
   * Candidate stories compared in full. 12, not 6: on a beat of many small stories, a quiet
   * report's own story is often not among the six the index ranks first (it ranks by summed term
   * weight, which favours big stories). Dev B-cubed (dev / dev-a / dev-b) allsides-leads
   * .956/.950/.956 at 6, .959/.957/.959 at 8, .962/.960/.961 at 12, .963/.962/.962 at 16; news-cluster
   * and ecbplus unchanged at every count. Recluster bench (embedded) ~4-5% more CPU an article.
   */
  candidates: number;
  /**
   * A new article is compared with stories last seen at most this many days before it (a quiet
   * small story at its settling look, with those up to StoryConfig.returnDays before it).
   */
  windowDays: number;
}

export const DEFAULT_CANDIDATES: CandidateConfig = { queryTerms: 25, indexTerms: 30, candidates: 12, windowDays: 180 };

export interface ClusterConfig {
  features: FeatureConfig;
  story: StoryConfig;
  candidates: CandidateConfig;
}

export const DEFAULT_CLUSTER: ClusterConfig = { features: DEFAULT_FEATURES, story: DEFAULT_STORY, candidates: DEFAULT_CANDIDATES };

/** How far back any look reaches (days): a story last seen longer ago can never be chosen again. */
export const reachDays = (config: ClusterConfig): number => Math.max(config.candidates.windowDays, config.story.returnDays);

/** The article terms looked up in the story index: its heaviest (ties by term). */
export function queryOf(vector: TermVector, size: number): [string, number][] {
  return [...vector].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, size);
}

/** Ranks indexed stories by summed term weight; the top `limit` (ties to the lower id). */
export function rankCandidates(scores: Map<number, number>, limit: number): number[] {
  return [...scores]
    .sort((a, b) => b[1] - a[1] || a[0] - b[0])
    .slice(0, limit)
    .map(([id]) => id);
}
