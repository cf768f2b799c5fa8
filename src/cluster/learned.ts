// A learned join decision: a logistic regression over the few signals the engine already has for
// an (article, story) pair (the channels' cosines, how many names the article has, the story's
// size, the time between them, whether their years agree). Trained by bench/cluster/learn.ts on
// dev pairs; the engine uses it only when StoryConfig.joinModel is set.
import type { TermVector } from '../text/tfidf.ts';
import { channelCosines, isNameTerm } from './features.ts';
import { gapDays, type StoryState } from './stories.ts';

export const JOIN_FEATURES = ['words', 'names', 'headline', 'nameShare', 'logSize', 'gap', 'yearOverlap', 'noYears'] as const;
export type JoinFeature = (typeof JOIN_FEATURES)[number];

export interface JoinModel {
  /** Per feature (JOIN_FEATURES order): mean and spread the weights were fitted on, and the weights. */
  mean: number[];
  sd: number[];
  weights: number[];
  bias: number;
  /** Join when the probability reaches this. */
  threshold: number;
}

const yearsOf = (v: TermVector) => {
  const out = new Set<string>();
  for (const t of v.keys()) if (t.startsWith('n:y')) out.add(t);
  return out;
};

/**
 * The pair's signals, as JOIN_FEATURES lists them: `unit` is the article's channel-unit vector,
 * `storyVector` the story's; `fullNames` and the headline gate as StoryConfig has them.
 */
export function joinFeatures(unit: TermVector, at: Date | null, story: StoryState, storyVector: TermVector, gate: { fullNames: number; headlineMin: number; headlineShared: number }): number[] {
  const c = channelCosines(unit, storyVector);
  let names = 0;
  for (const t of unit.keys()) if (isNameTerm(t)) names++;
  const nameShare = Math.min(1, names / gate.fullNames);
  const mine = yearsOf(unit);
  const theirs = yearsOf(storyVector);
  const both = mine.size > 0 && theirs.size > 0;
  let shared = 0;
  for (const y of mine) if (theirs.has(y)) shared++;
  return [
    c.words,
    c.names * nameShare,
    c.headlineTerms >= gate.headlineShared && c.headline >= gate.headlineMin ? c.headline : 0,
    nameShare,
    Math.log1p(story.articleCount),
    Math.min(gapDays(at, story), 60) / 30,
    both ? shared / new Set([...mine, ...theirs]).size : 0,
    both ? 0 : 1,
  ];
}

/** The model's probability that the pair is one event. */
export function joinProbability(model: JoinModel, x: number[]): number {
  let z = model.bias;
  for (let j = 0; j < x.length; j++) z += ((x[j]! - model.mean[j]!) / model.sd[j]!) * model.weights[j]!;
  return 1 / (1 + Math.exp(-z));
}
