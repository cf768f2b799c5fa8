// Story clustering, the pure stage: given an article's vector and the candidate stories an index
// found, decide which story it joins (or that it starts one); update a story with an article;
// decide whether two stories have converged and merge them. Time-aware, deterministic.
import { storedWeight, topTerms, type TermVector } from '../text/tfidf.ts';
import { channelCosines, channelUnit, isNameTerm } from './features.ts';

export interface StoryConfig {
  /** Join the best story scoring at least this. */
  joinThreshold: number;
  /** Weights of the channels' cosines to the story's centroid: words, names... */
  wordsWeight: number;
  namesWeight: number;
  /**
   * Distinct names an article needs for the names channel to take its full weight: an article
   * naming one or two things (a town, a port) must not lean on them.
   */
  fullNames: number;
  /**
   * ...and headlines: a bonus on top of the body's score when headlines agree (an article or a
   * story without one gets no bonus, so it has to agree in its body).
   */
  headlineWeight: number;
  /** ...counted only from this cosine up: two headlines share a place name or a common word by chance... */
  headlineMin: number;
  /** ...and only when they share this many terms: one shared name is two people of one surname, or chance. */
  headlineShared: number;
  /**
   * Merge two stories whose centroids reach this. On dev no merge mixes two events (the mixing is
   * done by joins into one-article stories and by settling): forbidding every merge leaves each
   * file's mixed share as it is and costs recall (B-cubed news-cluster .952 -> .943, ecbplus .948
   * -> .935, dev-a .979 -> .940); forbidding only merges whose smaller side has more than 3 articles
   * costs ecbplus dev-a .979 -> .962 (bench/cluster/run.ts with the rule patched in, p16).
   */
  mergeThreshold: number;
  /** Days of gap between an article and a story before the score starts to decay... */
  graceDays: number;
  /** ...and the decay's time constant in days. */
  decayDays: number;
  /** Terms kept in a story centroid (over all channels). */
  centroidSize: number;
  /** Recent members kept per story (their vectors choose the story's headline)... */
  membersKept: number;
  /** ...each by its heaviest terms only (the centroid gets the whole vector first). */
  memberTerms: number;
  /**
   * Settling (src/cluster/settle.ts): a story of at most this many articles that has been quiet
   * for `settleQuietDays` joins the closest story scoring at least `settleThreshold`. The join
   * threshold can then be strict: a lone first report that resembles an older story of the same
   * kind starts its own story, and is folded into another only once stories have formed.
   */
  settleSize: number;
  /**
   * 5, not 3: the first report of a second look-alike event (two arrests of one team's players,
   * two phone launches by one carrier) starts a story of one that then waits for its own event's
   * next report; quiet after 3 days (3 arrivals on an undated stream) it was folded into the
   * other event's story, and every later report of either event followed (bench/cluster/first-mix.ts:
   * two of ecbplus dev's seven mixing decisions gone, one made late and small). Dev B-cubed
   * news-cluster / ecbplus / allsides-leads: 3 days .952 / .922 / .962; 4 .952 / .941 / .962;
   * 5 .952 / .948 / .961; 6 and 7 .952 / .944 / .961; 10 .952 / .939 / .961. The dev halves of
   * ecbplus, streams of their own, move less and apart (dev-a .971 -> .979, dev-b .921 -> .914).
   */
  settleQuietDays: number;
  settleThreshold: number;
  /**
   * ...and at least this share of its cohesion (how closely its own articles agree; 1: a story
   * joins another only if it is as close to it as its own articles are to one another): three
   * reports that tell one event in the same words are that event, not a stray first report, and
   * a neighbour that only shares the town is no home for them.
   */
  settleCohesion: number;
  /**
   * ...lowered by the time between the two: the settling score is multiplied by
   * exp(-gap / settleDecayDays), from the first day (the online decay's grace period does not
   * apply). A quiet report that matches an older story and a newer one about equally goes to the
   * newer one: on a beat whose stories share people and places (a summit after a trade dispute
   * between the same two countries), the nearer story is the one it continues. Not for a return
   * (below), which matches closely enough to cross any gap up to `returnDays`.
   */
  settleDecayDays: number;
  /**
   * A return: a quiet small story whose score against another story reaches this before the
   * time gap lowers it joins that story at its undecayed score, when the two are at most
   * `returnDays` apart. Late reports come back: a follow-up months on, a republication with a
   * new date, the anniversary piece. The join threshold: what would have joined had it come in
   * time. The online decision itself stays time-decayed (and its candidates within
   * CandidateConfig.windowDays), so a fresh event of an old kind starts its own story and is
   * weighed again only once it has gone quiet.
   */
  returnThreshold: number;
  returnDays: number;
  /**
   * An undated stream's clock (src/cluster/online.ts): an article with no time is stamped this
   * many minutes after the one before it, so that time windows, decay and settling count
   * arrivals. Reports of one event arrive close together in any stream; an undated stream
   * settled only at its end would weigh a lone report against every story the stream ever held.
   * Such a clock tells what came close together, not how long ago: no return reaches across it
   * (on an undated stream a quiet story folds only into a story near it in the stream).
   */
  arrivalMinutes: number;
}

export const DEFAULT_STORY: StoryConfig = {
  joinThreshold: 0.4,
  wordsWeight: 0.6,
  namesWeight: 0.4,
  fullNames: 8,
  headlineWeight: 0.3,
  headlineMin: 0.3,
  headlineShared: 2,
  mergeThreshold: 0.5,
  graceDays: 14,
  decayDays: 180,
  centroidSize: 400,
  membersKept: 4,
  memberTerms: 40,
  settleSize: 3,
  settleQuietDays: 5,
  settleThreshold: 0.12,
  settleCohesion: 1,
  settleDecayDays: 60,
  returnThreshold: 0.4,
  returnDays: 730,
  arrivalMinutes: 1440,
};

export interface StoryMember {
  articleId: number;
  vector: TermVector;
  publishedAt: Date | null;
}

export interface StoryState {
  id: number;
  /** Sum of member vectors (pruned), not normalised. */
  centroid: TermVector;
  /** The centroid with each channel at unit length (kept so that scoring never re-normalises it). */
  unit?: TermVector;
  members: StoryMember[];
  articleCount: number;
  firstSeenAt: Date | null;
  lastSeenAt: Date | null;
}

const DAY = 86_400_000;

/** Days between a time and a story's span (0 inside it, or when either is undated). */
export function gapDays(at: Date | null, story: Pick<StoryState, 'firstSeenAt' | 'lastSeenAt'>): number {
  if (!at || !story.firstSeenAt || !story.lastSeenAt) return 0;
  const t = at.getTime();
  return (t < story.firstSeenAt.getTime() ? story.firstSeenAt.getTime() - t : Math.max(0, t - story.lastSeenAt.getTime())) / DAY;
}

/** How much a gap of `gap` days lowers a score: 1 within the grace period, then exponential decay. */
export function decay(gap: number, config: StoryConfig): number {
  const days = gap - config.graceDays;
  return days <= 0 ? 1 : Math.exp(-days / config.decayDays);
}

/** How much the time between `at` and a story lowers a score. */
export function timeFactor(at: Date | null, story: Pick<StoryState, 'firstSeenAt' | 'lastSeenAt'>, config: StoryConfig): number {
  return decay(gapDays(at, story), config);
}

export interface StoryScore {
  storyId: number;
  score: number;
  /** The channels' cosines the score was made of. */
  words: number;
  names: number;
  headline: number;
}

/**
 * Weighted channel cosines of two channel-unit vectors: an article's (`a`) and a story's, or two
 * stories'. The names channel weighs in by how many names `a` has.
 */
export function similarity(a: TermVector, b: TermVector, config: StoryConfig = DEFAULT_STORY): { score: number; words: number; names: number; headline: number } {
  const c = channelCosines(a, b);
  let names = 0;
  for (const t of a.keys()) if (isNameTerm(t)) names++;
  const namesWeight = config.namesWeight * Math.min(1, names / config.fullNames);
  const headline = c.headline >= config.headlineMin && c.headlineTerms >= config.headlineShared ? c.headline : 0;
  return { score: config.wordsWeight * c.words + namesWeight * c.names + config.headlineWeight * headline, words: c.words, names: c.names, headline: c.headline };
}

export const storyUnit = (story: StoryState): TermVector => (story.unit ??= channelUnit(story.centroid));

export function scoreStory(vector: TermVector, at: Date | null, story: StoryState, config: StoryConfig): StoryScore {
  const s = similarity(vector, storyUnit(story), config);
  return { storyId: story.id, ...s, score: s.score * timeFactor(at, story, config) };
}

export type StoryDecision = { join: number; score: number } | { join: null; score: number };

/** The best candidate at or above the threshold (ties to the lower id), or a new story. */
export function decideStory(vector: TermVector, at: Date | null, candidates: StoryState[], config: StoryConfig = DEFAULT_STORY): StoryDecision {
  let best: StoryScore | null = null;
  let bestAny = 0;
  for (const story of candidates) {
    const s = scoreStory(vector, at, story, config);
    bestAny = Math.max(bestAny, s.score);
    if (s.score < config.joinThreshold) continue;
    if (!best || s.score > best.score || (s.score === best.score && s.storyId < best.storyId)) best = s;
  }
  if (best) return { join: best.storyId, score: best.score };
  return { join: null, score: bestAny };
}

const minDate = (a: Date | null, b: Date | null) => (!a ? b : !b ? a : a < b ? a : b);
const maxDate = (a: Date | null, b: Date | null) => (!a ? b : !b ? a : a > b ? a : b);

/**
 * A member's vector as the story state holds it between articles, in either backing: weights as
 * the store keeps them, cut to the heaviest `memberTerms` (they only weigh cohesion and name the story).
 */
export function heldMemberVector(vector: TermVector, config: StoryConfig): TermVector {
  const out: TermVector = new Map();
  for (const [t, w] of vector) out.set(t, storedWeight(w));
  return topTerms(out, config.memberTerms);
}

/** A member as a story keeps it: its vector cut to the heaviest terms. */
function kept(member: StoryMember, config: StoryConfig): StoryMember {
  return member.vector.size > config.memberTerms ? { ...member, vector: topTerms(member.vector, config.memberTerms) } : member;
}

export function newStory(id: number, member: StoryMember, config: StoryConfig = DEFAULT_STORY): StoryState {
  return {
    id,
    centroid: topTerms(member.vector, config.centroidSize),
    members: [kept(member, config)],
    articleCount: 1,
    firstSeenAt: member.publishedAt,
    lastSeenAt: member.publishedAt,
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

/** The story seen once more at `at` (a copy joining it): its times change, not its centroid. */
export function withSighting(story: StoryState, at: Date | null): StoryState {
  return { ...story, firstSeenAt: minDate(story.firstSeenAt, at), lastSeenAt: maxDate(story.lastSeenAt, at) };
}

/** The member closest to the story's centroid (ties to the lower id): its title heads the story. */
export function centralMember(story: StoryState, config: StoryConfig = DEFAULT_STORY): StoryMember | null {
  const centroid = storyUnit(story);
  let best: { member: StoryMember; score: number } | null = null;
  for (const m of story.members) {
    const s = similarity(m.vector, centroid, config).score;
    if (!best || s > best.score || (s === best.score && m.articleId < best.member.articleId)) best = { member: m, score: s };
  }
  return best?.member ?? null;
}

/** Whether two stories now tell the same story: close centroids and overlapping (or near) times. */
export function shouldMerge(a: StoryState, b: StoryState, config: StoryConfig = DEFAULT_STORY): number | null {
  const sim = similarity(storyUnit(a), storyUnit(b), config).score;
  const factor = Math.min(timeFactor(a.firstSeenAt, b, config), timeFactor(a.lastSeenAt, b, config));
  const score = sim * Math.max(factor, timeFactor(b.lastSeenAt, a, config));
  return score >= config.mergeThreshold ? score : null;
}

/** One story from two: the older (lower id) survives and takes the other's articles. */
export function mergeStories(keep: StoryState, gone: StoryState, config: StoryConfig = DEFAULT_STORY): StoryState {
  const centroid: TermVector = new Map(keep.centroid);
  for (const [t, w] of gone.centroid) centroid.set(t, (centroid.get(t) ?? 0) + w);
  const members = [...keep.members, ...gone.members].sort((x, y) => (x.publishedAt?.getTime() ?? 0) - (y.publishedAt?.getTime() ?? 0) || x.articleId - y.articleId).slice(-config.membersKept);
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
  return [...topTerms(storyUnit(story), size)];
}
