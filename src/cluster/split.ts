// The split look: a story that grows past certain sizes is read again as its members, each
// against each. An early wrong join (two arrests of one team's players, joined at the second
// report) makes a story that every later report of either event joins; its members then fall
// into two groups that agree within and not across. Cut in two by average link, a story whose
// two sides link below `splitLink`, each side holding at least `splitSide` articles, becomes two
// stories: the side holding the lowest article id keeps the story, the other moves to a new one
// (its copies with it). Each side's centroid is rebuilt from its members' vectors as a story
// holds them (heldMemberVector), so both backings rebuild the same. Pure: the engine runs it.
import { topTerms, type TermVector } from '../text/tfidf.ts';
import { channelUnit } from './features.ts';
import { similarity, type StoryConfig, type StoryMember, type StoryState } from './stories.ts';

/** Story sizes (articles) at which a story gets a split look; none past the last. */
export const SPLIT_SIZES = [6, 8, 12, 16, 24, 32] as const;
export const SPLIT_MAX = SPLIT_SIZES[SPLIT_SIZES.length - 1]!;

/** A story's article for the split look: an original with its held vector, or a copy (`copyOf`, no vector). */
export interface SplitMember extends StoryMember {
  copyOf: number | null;
}

/** Whether a story of this size gets a split look now. */
export const splitDue = (story: StoryState, config: StoryConfig): boolean => config.splitLink > 0 && (SPLIT_SIZES as readonly number[]).includes(story.articleCount);

/** Both directions of the engine's score averaged (the names channel weighs by the first vector's names). */
function pairScore(a: TermVector, b: TermVector, config: StoryConfig): number {
  return (similarity(a, b, config).score + similarity(b, a, config).score) / 2;
}

/**
 * Average-link agglomeration of the originals (by article id) down to two groups: the groups
 * (each by article id) and the mean score between them. Ties merge the lower pair of indices.
 */
export function averageLinkCut(members: StoryMember[], config: StoryConfig): { a: number[]; b: number[]; link: number } | null {
  const ordered = members.slice().sort((x, y) => x.articleId - y.articleId);
  const n = ordered.length;
  if (n < 2) return null;
  const units = ordered.map((m) => channelUnit(m.vector));
  const sim: number[][] = units.map(() => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) sim[i]![j] = sim[j]![i] = pairScore(units[i]!, units[j]!, config);
  // Group link sums, kept as groups merge (sum over pairs; the mean divides by the sizes).
  let groups = ordered.map((_, i) => [i]);
  let sums = sim.map((row) => row.slice());
  while (groups.length > 2) {
    let best: [number, number, number] | null = null;
    for (let i = 0; i < groups.length; i++) {
      for (let j = i + 1; j < groups.length; j++) {
        const link = sums[i]![j]! / (groups[i]!.length * groups[j]!.length);
        if (!best || link > best[2]) best = [i, j, link];
      }
    }
    const [i, j] = best!;
    const merged = [...groups[i]!, ...groups[j]!];
    const rest = groups.map((_, k) => k).filter((k) => k !== i && k !== j);
    const row = rest.map((k) => sums[i]![k]! + sums[j]![k]!);
    sums = [...rest.map((k, x) => [...rest.map((l) => sums[k]![l]!), row[x]!]), [...row, 0]];
    groups = [...rest.map((k) => groups[k]!), merged];
  }
  const ids = (g: number[]) => g.map((i) => ordered[i]!.articleId).sort((x, y) => x - y);
  const [a, b] = [ids(groups[0]!), ids(groups[1]!)];
  const link = sums[0]![1]! / (a.length * b.length);
  return a[0]! < b[0]! ? { a, b, link } : { a: b, b: a, link };
}

/** Average-link cut of these originals, when it passes the bar (link, side size, share). */
function passingCut(originals: StoryMember[], config: StoryConfig): { a: number[]; b: number[]; link: number } | null {
  const cut = averageLinkCut(originals, config);
  const smaller = cut ? Math.min(cut.a.length, cut.b.length) : 0;
  if (!cut || cut.link >= config.splitLink || smaller < config.splitSide || smaller < config.splitShare * originals.length) return null;
  return cut;
}

/** The cut a story gets: the articles that move to a new story (originals and their copies), or null. */
export function splitCut(members: SplitMember[], config: StoryConfig): { stay: SplitMember[]; move: SplitMember[]; link: number } | null {
  const originals = members.filter((m) => m.copyOf === null).sort((a, b) => a.articleId - b.articleId);
  const cut = passingCut(originals, config);
  if (!cut) return null;
  if (config.splitConfirm) {
    // The story as it stood at the look before (its lowest ids) must cut the same way.
    const before = [...SPLIT_SIZES].reverse().find((size) => size < originals.length);
    if (before === undefined) return null;
    const earlier = passingCut(originals.slice(0, before), config);
    if (!earlier) return null;
    const sideB = new Set(cut.b);
    const agree = earlier.a.every((id) => !sideB.has(id)) && earlier.b.every((id) => sideB.has(id));
    const swapped = earlier.a.every((id) => sideB.has(id)) && earlier.b.every((id) => !sideB.has(id));
    if (!agree && !swapped) return null;
  }
  const moving = new Set(cut.b);
  const moves = (m: SplitMember) => moving.has(m.copyOf ?? m.articleId);
  return { stay: members.filter((m) => !moves(m)), move: members.filter(moves), link: cut.link };
}

const minDate = (a: Date | null, b: Date | null) => (!a ? b : !b ? a : a < b ? a : b);
const maxDate = (a: Date | null, b: Date | null) => (!a ? b : !b ? a : a > b ? a : b);
const timeOf = (at: Date | null) => at?.getTime() ?? -Infinity;

/** One side of a cut as a story: its centroid the sum of its originals' held vectors, its times from all its articles. */
export function sideStory(id: number, side: SplitMember[], config: StoryConfig): StoryState {
  const centroid: TermVector = new Map();
  let firstSeenAt: Date | null = null;
  let lastSeenAt: Date | null = null;
  const originals: StoryMember[] = [];
  // By article id: both backings sum the same vectors in the same order.
  for (const m of side.slice().sort((x, y) => x.articleId - y.articleId)) {
    firstSeenAt = minDate(firstSeenAt, m.publishedAt);
    lastSeenAt = maxDate(lastSeenAt, m.publishedAt);
    if (m.copyOf !== null) continue;
    originals.push({ articleId: m.articleId, vector: m.vector, publishedAt: m.publishedAt });
    for (const [t, w] of m.vector) centroid.set(t, (centroid.get(t) ?? 0) + w);
  }
  const members = originals.sort((a, b) => timeOf(a.publishedAt) - timeOf(b.publishedAt) || a.articleId - b.articleId).slice(-config.membersKept);
  return { id, centroid: topTerms(centroid, config.centroidSize), members, articleCount: originals.length, firstSeenAt, lastSeenAt };
}
