// Reading candidate signals for telling look-alike events apart, on a dev split: at every join
// (an article into a story) and every fold or merge (a story into another), whether each signal
// flags the pair, counted by right / wrong decision and by the size of the story joined (a story
// of one or two articles is still pure: the pair level; a bigger one may already mix two events).
// A signal worth a rule flags wrong decisions far more often than right ones, on every file.
// Signals (each null when a side has nothing to compare):
//   protagonist  the heaviest many-word name of each side ('jamal_william') missing from the other
//   years        the years the two vectors hold (names channel) share none
//   specifics    most comparable (article, member) pairs state a disagreeing weekday, year or
//                figure with its unit in their openings (bench/cluster/specifics.ts)
//   members      the article's median score against the story's kept members is below 0.25 (joins only)
// Also: at each wrong join, whether a story of the article's own event was among the candidates
// (a ranking error) or not (the threshold let it in).
// Usage: npx tsx bench/cluster/signals.ts [--split dev|dev-a|dev-b] [--files ecbplus]   (dev only)
import { OnlineClusterer, type DEFAULT_CLUSTER } from '../../src/cluster/online.ts';
import { similarity, storyUnit, type StoryState } from '../../src/cluster/stories.ts';
import { channelUnit } from '../../src/cluster/features.ts';
import type { TermVector } from '../../src/text/tfidf.ts';
import { specificConflicts, specificsOf, type Specifics } from './specifics.ts';
import { devRun, argOf, trackEvents, watchStore } from './watch.ts';
import { FILES, inSplit, loadFile, rowTime } from './data.ts';

const SIGNALS = ['protagonist', 'years', 'specifics', 'members'] as const;
type Signal = (typeof SIGNALS)[number];

interface Decision {
  kind: 'join' | 'fold';
  right: boolean;
  /** Articles in the story joined (for a fold, the bigger side). */
  size: number;
  flags: Record<Signal, boolean | null>;
}

const isDate = (t: string) => /^n:(y\d|d[a-z]{3}\d)/.test(t);

/** The heaviest many-word name of a vector (ties by term), or null. */
function heaviestCompound(v: TermVector): string | null {
  let best: [string, number] | null = null;
  for (const [t, w] of v) if (t.startsWith('n:') && t.includes('_') && !isDate(t) && (!best || w > best[1] || (w === best[1] && t < best[0]))) best = [t, w];
  return best?.[0] ?? null;
}

function protagonistConflict(a: TermVector, b: TermVector): boolean | null {
  const ca = heaviestCompound(a);
  const cb = heaviestCompound(b);
  return ca === null || cb === null ? null : !b.has(ca) && !a.has(cb);
}

const yearsOf = (v: TermVector) => [...v.keys()].filter((t) => /^n:y\d/.test(t));
function yearConflict(a: TermVector, b: TermVector): boolean | null {
  const ya = yearsOf(a);
  const yb = new Set(yearsOf(b));
  return ya.length && yb.size ? !ya.some((y) => yb.has(y)) : null;
}

/** Most comparable pairs across the two sides disagree on a specific of their openings. */
function specificsConflict(xs: Specifics[], ys: Specifics[]): boolean | null {
  let known = 0;
  let disagree = 0;
  for (const x of xs) {
    for (const y of ys) {
      const c = specificConflicts(x, [y]).any;
      if (c === null) continue;
      known++;
      if (c) disagree++;
    }
  }
  return known ? disagree * 2 > known : null;
}

function membersLow(article: TermVector, story: StoryState, config: typeof DEFAULT_CLUSTER): boolean | null {
  if (story.members.length < 2) return null;
  const scores = story.members.map((m) => similarity(article, channelUnit(m.vector), config.story).score).sort((x, y) => x - y);
  return scores[Math.floor((scores.length - 1) / 2)]! < 0.25;
}

async function main(): Promise<void> {
  const run = devRun('signals');
  if (!run) return;
  const { split, config } = run;
  for (const file of (argOf('--files') ?? FILES.join(',')).split(',')) {
    const rows = loadFile(file).filter((r) => inSplit(r.cluster, split));
    const specifics = rows.map((r) => specificsOf(r.title ?? '', r.text));
    const clusterer = new OnlineClusterer(config);
    const store = clusterer.store;
    const specificsOfStory = (storyId: number) => (members.get(storyId) ?? []).map((a) => specifics[a - 1]!);
    const decisions: Decision[] = [];
    let wrongRanked = 0;
    let wrongAlone = 0;
    const watch = watchStore(store);
    const { members, mainEvent, pure, place } = trackEvents(store, rows, async (keepId, goneId) => {
      const keep = (await store.load(keepId))!;
      const gone = (await store.load(goneId))!;
      const [small, big] = gone.articleCount <= keep.articleCount ? [gone, keep] : [keep, gone];
      const a = storyUnit(small);
      const b = storyUnit(big);
      decisions.push({
        kind: 'fold',
        right: mainEvent(keepId) === mainEvent(goneId),
        size: big.articleCount,
        flags: { protagonist: protagonistConflict(a, b), years: yearConflict(a, b), specifics: specificsConflict(specificsOfStory(small.id), specificsOfStory(big.id)), members: null },
      });
    });
    for (const [i, row] of rows.entries()) {
      const id = i + 1;
      watch.reset();
      const { calls } = watch;
      const result = await clusterer.assign({ id, title: row.title ?? '', text: row.text, publishedAt: rowTime(row), sourceName: row.source, url: row.url });
      const joined = (calls[0] ?? []).find((c) => c.id === result.storyId);
      if (joined && watch.vector && members.has(result.storyId)) {
        const unit = channelUnit(watch.vector);
        const right = mainEvent(result.storyId) === row.cluster;
        if (!right) {
          if ((calls[0] ?? []).some((c) => c.id !== result.storyId && pure(c.id) && mainEvent(c.id) === row.cluster)) wrongRanked++;
          else wrongAlone++;
        }
        const story = storyUnit(joined);
        decisions.push({
          kind: 'join',
          right,
          size: joined.articleCount,
          flags: { protagonist: protagonistConflict(unit, story), years: yearConflict(unit, story), specifics: specificsConflict([specifics[i]!], specificsOfStory(result.storyId)), members: membersLow(unit, joined, config) },
        });
      }
      place(result.storyId, id);
    }
    await clusterer.settle(null);
    console.log(`\n${file} (${split}): ${rows.length} articles; wrong joins with a story of the article's own event among the candidates ${wrongRanked}, without ${wrongAlone}`);
    console.log('  flagged right/wrong | not flagged right/wrong, by the size of the story joined');
    for (const kind of ['join', 'fold'] as const) {
      for (const [label, fits] of [
        ['1-2', (n: number) => n <= 2],
        ['3+', (n: number) => n > 2],
      ] as const) {
        const list = decisions.filter((d) => d.kind === kind && fits(d.size));
        const cells = SIGNALS.map((signal) => {
          const count = (flag: boolean, right: boolean) => list.filter((d) => d.flags[signal] === flag && d.right === right).length;
          return `${signal} ${count(true, true)}/${count(true, false)} | ${count(false, true)}/${count(false, false)}`;
        });
        console.log(`  ${kind} into ${label.padEnd(3)} (${list.filter((d) => d.right).length}/${list.filter((d) => !d.right).length}): ${cells.join('   ')}`);
      }
    }
  }
}

await main();
