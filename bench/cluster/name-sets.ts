// Reading a set signal at the engine's decisions on dev: do two sides (an article and the story it
// joins; two stories a merge or a settling fold puts together) name the same specific things? Each
// side's distinctive names are the `k` heaviest terms of its names channel (names, years and
// dates, by TF-IDF weight in the article's vector or the story's centroid); the miss of a side is
// the share of them the other side does not hold at all (any weight). The signal is the smaller
// of the two misses: both sides name things the other never does. Counted right / wrong by
// decision kind and the size of the smaller side, at several bars, per file: a rule worth
// making flags wrong decisions far more often than right ones on every file and both dev halves.
// Usage: npx tsx bench/cluster/name-sets.ts [--split dev|dev-a|dev-b] [--files ecbplus] [--k 8] [--list 1|solo|all]   (1: the wrong decisions and those of two grown sides; solo: joins into one-article stories)   (dev only)
import { OnlineClusterer } from '../../src/cluster/online.ts';
import { isNameTerm } from '../../src/cluster/features.ts';
import { similarity, storyUnit } from '../../src/cluster/stories.ts';
import type { TermVector } from '../../src/text/tfidf.ts';
import { devRun, argOf, trackEvents, watchStore } from './watch.ts';
import { FILES, inSplit, loadFile, rowTime } from './data.ts';

/** The `k` heaviest names-channel terms (ties by term). */
export function distinctiveNames(vector: TermVector, k: number): string[] {
  return [...vector]
    .filter(([t]) => isNameTerm(t))
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, k)
    .map(([t]) => t);
}

/** The smaller of the two sides' misses (null when a side names nothing). */
export function nameSetMiss(a: TermVector, b: TermVector, k: number): number | null {
  const da = distinctiveNames(a, k);
  const db = distinctiveNames(b, k);
  if (!da.length || !db.length) return null;
  const miss = (mine: string[], other: TermVector) => mine.filter((t) => !other.has(t)).length / mine.length;
  return Math.min(miss(da, b), miss(db, a));
}

interface Decision {
  file: string;
  kind: 'join' | 'merge' | 'fold';
  right: boolean;
  /** Articles on the smaller side and the bigger. */
  sizes: [number, number];
  miss: number | null;
  what: string;
  /** The hand score's channels (words, names, headline) and the score. */
  channels: number[];
}

const BARS = [0.5, 0.6, 0.7, 0.8, 0.9, 1] as const;

async function main(): Promise<void> {
  const run = devRun('name-sets');
  if (!run) return;
  const { split, config } = run;
  const k = Number(argOf('--k') ?? 8);
  const decisions: Decision[] = [];
  for (const file of (argOf('--files') ?? FILES.join(',')).split(',')) {
    const rows = loadFile(file).filter((r) => inSplit(r.cluster, split));
    const clusterer = new OnlineClusterer(config);
    const channelsOf = (a: TermVector, b: TermVector) => {
      const c = similarity(a, b, config.story);
      return [c.words, c.names, c.headline, c.score];
    };
    const store = clusterer.store;
    let settling = false;
    const { members, mainEvent, pure, place } = trackEvents(store, rows, async (keepId, goneId) => {
      const keep = (await store.load(keepId))!;
      const gone = (await store.load(goneId))!;
      if (!pure(keepId) || !pure(goneId)) return;
      const [small, big] = gone.articleCount <= keep.articleCount ? [gone, keep] : [keep, gone];
      decisions.push({
        file,
        kind: settling ? 'fold' : 'merge',
        right: mainEvent(keepId) === mainEvent(goneId),
        sizes: [small.articleCount, big.articleCount],
        miss: nameSetMiss(storyUnit(small), storyUnit(big), k),
        what: `${mainEvent(goneId)} + ${mainEvent(keepId)}`,
        channels: channelsOf(storyUnit(small), storyUnit(big)),
      });
    });
    const due = store.dueForSettling.bind(store);
    store.dueForSettling = (...args) => {
      settling = true;
      return due(...args);
    };
    const watch = watchStore(store);
    for (const [i, row] of rows.entries()) {
      watch.reset();
      settling = false;
      const before = new Map([...members].map(([id, list]) => [id, list.length]));
      const result = await clusterer.assign({ id: i + 1, title: row.title ?? '', text: row.text, publishedAt: rowTime(row), sourceName: row.source, url: row.url });
      // A join: the article's story held articles before it (an existing candidate).
      const joined = (watch.calls[0] ?? []).find((c) => c.id === result.storyId);
      if (joined && watch.vector && before.has(joined.id) && pure(joined.id)) {
        decisions.push({
          file,
          kind: 'join',
          right: mainEvent(joined.id) === row.cluster,
          sizes: [1, joined.articleCount],
          miss: nameSetMiss(watch.vector, storyUnit(joined), k),
          what: `${row.cluster} into ${mainEvent(joined.id)}`,
          channels: channelsOf(watch.vector, storyUnit(joined)),
        });
      }
      place(result.storyId, i + 1);
    }
    settling = true;
    await clusterer.settle(null);
  }
  for (const file of new Set(decisions.map((d) => d.file))) {
    console.log(`\n${file} (${split}), k ${k}: flagged right/wrong at miss >= bar`);
    for (const [label, pick] of [
      ['join into 1', (d: Decision) => d.kind === 'join' && d.sizes[1] === 1],
      ['join into 2+', (d: Decision) => d.kind === 'join' && d.sizes[1] > 1],
      ['merge/fold 1 + any', (d: Decision) => d.kind !== 'join' && d.sizes[0] === 1],
      ['merge/fold 2+ + 2+', (d: Decision) => d.kind !== 'join' && d.sizes[0] > 1],
    ] as const) {
      const set = decisions.filter((d) => d.file === file && pick(d));
      const right = set.filter((d) => d.right).length;
      const cells = BARS.map((bar) => `${bar}: ${set.filter((d) => d.right && (d.miss ?? -1) >= bar).length}/${set.filter((d) => !d.right && (d.miss ?? -1) >= bar).length}`);
      console.log(`  ${label.padEnd(19)} (${right}/${set.length - right})  ${cells.join('  ')}`);
    }
    const listed = argOf('--list');
    const show = (d: Decision) => listed === 'all' || (listed === '1' && (!d.right || d.sizes[0] > 1)) || (listed === 'solo' && d.kind === 'join' && d.sizes[1] === 1);
    for (const d of decisions.filter((x) => x.file === file && show(x)))
      console.log(`    ${d.right ? 'right' : 'WRONG'} ${d.kind} ${d.sizes.join('+')} miss ${d.miss?.toFixed(2) ?? '—'} words/names/headline/score ${d.channels.map((c) => c.toFixed(2)).join(' ')} ${d.what}`);
  }
}

if (process.argv[1]?.endsWith('name-sets.ts')) await main();
