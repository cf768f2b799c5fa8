// Story clustering, the pure stage: given an article's vector and the candidate stories an index
// found, decide which story it joins (or that it starts one); update a story with an article;
// decide whether two stories have converged and merge them. Time-aware, deterministic.
import { dot, dotSplit, normalise, topTerms, type TermVector } from '../text/tfidf.ts';
import { isNameTerm } from './features.ts';

export interface StoryConfig {
  /** Join the best story scoring at least this... */
  joinThreshold: number;
  /**
   * ...plus this much more for a large story (scaled by 1 - 1/√articles): a big story's centroid
   * is a clean average, so a real follow-up scores high against it while a look-alike event
   * (another quake, another arrest) scores only middling.
   */
  sizeThreshold: number;
  /** Weights of the centroid's similarity and the closest member's (single-link pull); the score is the larger. */
  centroidWeight: number;
  memberWeight: number;
  /** Weight of the closest member headline's similarity (0: headlines are not compared alone)... */
  titleWeight: number;
  /** ...counted only from this similarity up: short headlines share common words by chance. */
  titleMin: number;
  /** Merge two stories whose centroids reach this. */
  mergeThreshold: number;
  /** Days of gap between an article and a story before the score starts to decay... */
  graceDays: number;
  /** ...and the decay's time constant in days. */
  decayDays: number;
  /** Terms kept in a story centroid. */
  centroidSize: number;
  /** Recent members kept per story for the closest-member score... */
  membersKept: number;
  /** ...each by its heaviest terms only (the centroid gets the whole vector first). */
  memberTerms: number;
}

export const DEFAULT_STORY: StoryConfig = {
  joinThreshold: 0.2,
  sizeThreshold: 0.15,
  centroidWeight: 1,
  memberWeight: 0.9,
  // Off: it lifted news-cluster a little but joined unrelated stories on chance headline words.
  titleWeight: 0,
  titleMin: 0.3,
  mergeThreshold: 0.5,
  graceDays: 14,
  decayDays: 180,
  centroidSize: 80,
  membersKept: 4,
  memberTerms: 40,
};

export interface StoryMember {
  articleId: number;
  vector: TermVector;
  publishedAt: Date | null;
  /** The headline alone, weighted like the vector: two headlines that say the same thing. */
  title?: TermVector;
}

export interface StoryState {
  id: number;
  /** Sum of member vectors (pruned), not normalised. */
  centroid: TermVector;
  /** The centroid at unit length (kept so that scoring never re-normalises it). */
  unit?: TermVector;
  members: StoryMember[];
  articleCount: number;
  firstSeenAt: Date | null;
  lastSeenAt: Date | null;
}

const DAY = 86_400_000;

/** How much a time gap lowers a score: 1 within the grace period, then exponential decay. */
export function timeFactor(at: Date | null, story: Pick<StoryState, 'firstSeenAt' | 'lastSeenAt'>, config: StoryConfig): number {
  if (!at || !story.firstSeenAt || !story.lastSeenAt) return 1;
  const t = at.getTime();
  const gap = t < story.firstSeenAt.getTime() ? story.firstSeenAt.getTime() - t : Math.max(0, t - story.lastSeenAt.getTime());
  const days = gap / DAY - config.graceDays;
  return days <= 0 ? 1 : Math.exp(-days / config.decayDays);
}

export interface StoryScore {
  storyId: number;
  score: number;
  centroid: number;
  member: number;
  /** The part of the best of the two that came from names. */
  names: number;
}

export function scoreStory(vector: TermVector, at: Date | null, story: StoryState, config: StoryConfig, title?: TermVector): StoryScore {
  story.unit ??= normalise(story.centroid);
  const c = dotSplit(vector, story.unit, isNameTerm);
  const centroid = c.part + c.rest;
  let member = 0;
  let memberNames = 0;
  // A story whose centroid is far off is not rescued by one of its members: skip the member scores.
  const far = centroid < config.joinThreshold / 2;
  for (const m of far ? [] : story.members) {
    const s = dotSplit(vector, m.vector, isNameTerm);
    if (s.part + s.rest > member) {
      member = s.part + s.rest;
      memberNames = s.part;
    }
  }
  let titles = 0;
  if (title && config.titleWeight > 0 && !far) for (const m of story.members) if (m.title) titles = Math.max(titles, dot(title, m.title));
  if (titles < config.titleMin) titles = 0;
  const byCentroid = config.centroidWeight * centroid >= config.memberWeight * member;
  const score = Math.max(config.centroidWeight * centroid, config.memberWeight * member, config.titleWeight * titles) * timeFactor(at, story, config);
  return { storyId: story.id, score, centroid, member, names: byCentroid ? c.part : memberNames };
}

export function joinThresholdFor(story: Pick<StoryState, 'articleCount'>, config: StoryConfig): number {
  return config.joinThreshold + config.sizeThreshold * (1 - 1 / Math.sqrt(Math.max(1, story.articleCount)));
}

export type StoryDecision = { join: number; score: number } | { join: null; score: number };

/** The best candidate at or above the threshold (ties to the lower id), or a new story. */
export function decideStory(vector: TermVector, at: Date | null, candidates: StoryState[], config: StoryConfig = DEFAULT_STORY, title?: TermVector): StoryDecision {
  let best: StoryScore | null = null;
  let bestAny = 0;
  for (const story of candidates) {
    const s = scoreStory(vector, at, story, config, title);
    bestAny = Math.max(bestAny, s.score);
    if (s.score < joinThresholdFor(story, config)) continue;
    if (!best || s.score > best.score || (s.score === best.score && s.storyId < best.storyId)) best = s;
  }
  if (best) return { join: best.storyId, score: best.score };
  return { join: null, score: bestAny };
}

const minDate = (a: Date | null, b: Date | null) => (!a ? b : !b ? a : a < b ? a : b);
const maxDate = (a: Date | null, b: Date | null) => (!a ? b : !b ? a : a > b ? a : b);

/** A member as a story keeps it: its vector cut to the heaviest terms. */
function kept(member: StoryMember, config: StoryConfig): StoryMember {
  return member.vector.size > config.memberTerms ? { ...member, vector: topTerms(member.vector, config.memberTerms) } : member;
}

export function newStory(id: number, member: StoryMember, config: StoryConfig = DEFAULT_STORY): StoryState {
  return {
    id, centroid: topTerms(member.vector, config.centroidSize), members: [kept(member, config)], articleCount: 1,
    firstSeenAt: member.publishedAt, lastSeenAt: member.publishedAt,
  };
}

/** The story with one more article (a new object; the input is not changed). */
export function addToStory(story: StoryState, member: StoryMember, config: StoryConfig = DEFAULT_STORY): StoryState {
  const centroid: TermVector = new Map(story.centroid);
  for (const [t, w] of member.vector) centroid.set(t, (centroid.get(t) ?? 0) + w);
  const members = [...story.members, kept(member, config)].slice(-config.membersKept);
  return {
    id: story.id,
    centroid: topTerms(centroid, config.centroidSize),
    members,
    articleCount: story.articleCount + 1,
    firstSeenAt: minDate(story.firstSeenAt, member.publishedAt),
    lastSeenAt: maxDate(story.lastSeenAt, member.publishedAt),
  };
}

/** Whether two stories now tell the same story: close centroids and overlapping (or near) times. */
export function shouldMerge(a: StoryState, b: StoryState, config: StoryConfig = DEFAULT_STORY): number | null {
  a.unit ??= normalise(a.centroid);
  b.unit ??= normalise(b.centroid);
  const sim = dot(a.unit, b.unit);
  const factor = Math.min(timeFactor(a.firstSeenAt, b, config), timeFactor(a.lastSeenAt, b, config)) ;
  const score = sim * Math.max(factor, timeFactor(b.lastSeenAt, a, config));
  return score >= config.mergeThreshold ? score : null;
}

/** One story from two: the older (lower id) survives and takes the other's articles. */
export function mergeStories(keep: StoryState, gone: StoryState, config: StoryConfig = DEFAULT_STORY): StoryState {
  const centroid: TermVector = new Map(keep.centroid);
  for (const [t, w] of gone.centroid) centroid.set(t, (centroid.get(t) ?? 0) + w);
  const members = [...keep.members, ...gone.members]
    .sort((x, y) => (x.publishedAt?.getTime() ?? 0) - (y.publishedAt?.getTime() ?? 0) || x.articleId - y.articleId)
    .slice(-config.membersKept);
  return {
    id: keep.id,
    centroid: topTerms(centroid, config.centroidSize),
    members,
    articleCount: keep.articleCount + gone.articleCount,
    firstSeenAt: minDate(keep.firstSeenAt, gone.firstSeenAt),
    lastSeenAt: maxDate(keep.lastSeenAt, gone.lastSeenAt),
  };
}

/** Terms a story is indexed under: its heaviest centroid terms. */
export function indexTerms(story: StoryState, size: number): [string, number][] {
  story.unit ??= normalise(story.centroid);
  return [...topTerms(story.unit, size)];
}
