// Settling, the second look a small story gets once it has gone quiet. The online decision is
// strict (src/cluster/stories.ts, joinThreshold): the first report of a new event often looks
// like an older story of the same kind (a second quake in the same country, a second rehab check-in
// by another celebrity), and joining it there would blend the two for good. So a report that is
// not clearly part of a story starts its own. Once such a story has had no new article for
// `settleQuietDays`, and still has at most `settleSize` articles, it is compared with the stories
// that have formed meanwhile, and joins the closest one scoring at least `settleThreshold`, and
// at least `settleCohesion` times as much as its own articles agree with one another (a small
// story whose reports agree closely has formed: it is an event of its own); else it stays as it
// is. Each story gets this look once. The look reaches further than the online window: a small
// story that matches another as closely as an article must match a story to join it returns to
// it, at most `returnDays` apart, whatever the time decay would say (StoryConfig.returnThreshold).
// Pure: the store shell and the in-memory clusterers run it, in the same order (due stories by id).
import { channelUnit } from './features.ts';
import { gapDays, mergeStories, similarity, storyUnit, type StoryConfig, type StoryState } from './stories.ts';

const DAY = 86_400_000;

/** Stories last seen at or before this time are quiet at `now`. */
export function settleCutoff(now: Date, config: StoryConfig): Date {
  return new Date(now.getTime() - config.settleQuietDays * DAY);
}

/**
 * How closely a story's own articles agree: the mean score between each two of its kept members
 * (0 for a story of one). Wire copies of one report agree at about 1, a follow-up at 0.4 to 0.6,
 * and two reports that only just joined at the join threshold.
 */
export function cohesion(story: StoryState, config: StoryConfig): number {
  const units = story.members.map((m) => channelUnit(m.vector));
  let sum = 0;
  let pairs = 0;
  for (let i = 0; i < units.length; i++) {
    for (let j = i + 1; j < units.length; j++) {
      sum += similarity(units[i]!, units[j]!, config).score;
      pairs++;
    }
  }
  return pairs ? sum / pairs : 0;
}

/**
 * The story a quiet small story joins: the best-scoring candidate at or above the bar (ties to
 * the lower id), or null. Scored as two stories are (centroid against centroid), lowered by every
 * day between them (StoryConfig.settleDecayDays, no grace period) unless the match is a return
 * (at least `returnThreshold` before the time gap counts). The bar is the threshold, raised for a
 * story whose articles agree closely.
 */
export function settleTarget(small: StoryState, candidates: StoryState[], config: StoryConfig): { into: number; score: number } | null {
  if (small.articleCount > config.settleSize) return null;
  const unit = storyUnit(small);
  const bar = Math.max(config.settleThreshold, config.settleCohesion * cohesion(small, config));
  let best: { into: number; score: number } | null = null;
  for (const other of candidates) {
    if (other.id === small.id) continue;
    // The wider of the two gaps (from the small story's first and last article) decides.
    const gap = Math.max(gapDays(small.firstSeenAt, other), gapDays(small.lastSeenAt, other));
    const raw = similarity(unit, storyUnit(other), config).score;
    const score = raw >= config.returnThreshold && gap <= config.returnDays ? raw : raw * Math.exp(-gap / config.settleDecayDays);
    if (score < bar) continue;
    if (!best || score > best.score || (score === best.score && other.id < best.into)) best = { into: other.id, score };
  }
  return best;
}

/**
 * A quiet small story folded into its target: the lower id survives (`keep`) with `story`, the
 * other (`gone`) is merged away. Null when it stays as it is.
 */
export function settleInto(small: StoryState, candidates: StoryState[], config: StoryConfig): { keep: number; gone: number; story: StoryState } | null {
  const target = settleTarget(small, candidates, config);
  if (!target) return null;
  const other = candidates.find((c) => c.id === target.into)!;
  const [keep, gone] = other.id < small.id ? [other, small] : [small, other];
  return { keep: keep.id, gone: gone.id, story: mergeStories(keep, gone, config) };
}

/**
 * Unsettled stories by the time they were last seen, for the in-memory clusterers: what the
 * store's `settled` column and its partial index answer. Push a story whenever its last-seen
 * time changes (a settled one is ignored); `due` gives the ids that have come due, once each,
 * ascending, and counts them settled. A stale entry (the story seen again later, or gone) is
 * dropped when `lastSeen` says so. A story with no time at all is due at the first look.
 */
export class SettleQueue {
  private heap: [number, number][] = [];
  private readonly settled = new Set<number>();

  get size(): number {
    return this.heap.length;
  }

  isSettled(id: number): boolean {
    return this.settled.has(id);
  }

  /** A story that has left memory (merged away, or out of the window). */
  forget(id: number): void {
    this.settled.delete(id);
  }

  push(id: number, lastSeenAt: Date | null): void {
    if (this.settled.has(id)) return;
    const heap = this.heap;
    heap.push([lastSeenAt ? lastSeenAt.getTime() : -Infinity, id]);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!less(heap[i]!, heap[parent]!)) break;
      [heap[i], heap[parent]] = [heap[parent]!, heap[i]!];
      i = parent;
    }
  }

  /**
   * Unsettled stories last seen at or before `cutoff` (all of them when null), now counted
   * settled; `lastSeen` gives a story's current time (undefined: it is gone).
   */
  due(cutoff: Date | null, lastSeen: (id: number) => Date | null | undefined = () => null): number[] {
    const limit = cutoff ? cutoff.getTime() : Infinity;
    const out = new Set<number>();
    while (this.heap.length && this.heap[0]![0] <= limit) {
      const id = this.pop()[1];
      const at = lastSeen(id);
      if (this.settled.has(id) || at === undefined || (at && at.getTime() > limit)) continue;
      out.add(id);
      this.settled.add(id);
    }
    return [...out].sort((a, b) => a - b);
  }

  private pop(): [number, number] {
    const heap = this.heap;
    const top = heap[0]!;
    const last = heap.pop()!;
    if (heap.length) {
      heap[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < heap.length && less(heap[l]!, heap[m]!)) m = l;
        if (r < heap.length && less(heap[r]!, heap[m]!)) m = r;
        if (m === i) break;
        [heap[i], heap[m]] = [heap[m]!, heap[i]!];
        i = m;
      }
    }
    return top;
  }
}

const less = (a: [number, number], b: [number, number]) => a[0] < b[0] || (a[0] === b[0] && a[1] < b[1]);
