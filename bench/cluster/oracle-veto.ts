// How much a perfect conflict rule could give on dev: the engine run with an oracle that hides,
// from every lookup (an article's join and merges, a quiet story's settling look), the candidate
// stories a rule would have to refuse, by the gold labels. Modes:
// - all: every candidate holding another event than the article's (or the quiet story's main one);
// - start: only a candidate that holds no article of that event (a decision that would start a
//   mix; a story already mixed is still met);
// - small: as start, and only candidates of at most --size articles (2: where the first mixes on
//   dev begin, bench/cluster/first-mix.ts).
// Prints B-cubed P / R / F1 and the mixed share per mode beside the engine as it is. A ceiling
// for reading, not a result: the labels decide.
// Usage: npx tsx bench/cluster/oracle-veto.ts [--split dev|dev-a|dev-b] [--files ecbplus] [--size 2] [--show small]   (dev only; --show: in that mode, the joins, merges and folds that mix two one-event stories and every merge or fold of two stories of 2+ articles, with the protagonist conflict of bench/cluster/conflicts.ts)
import { OnlineClusterer, type ClusterConfig } from '../../src/cluster/online.ts';
import { scoreClustering, storyShape } from './metric.ts';
import { replayStream } from './run.ts';
import { devRun, argOf, trackEvents, watchSettling } from './watch.ts';
import { detokenise, personConflict } from './conflicts.ts';
import { FILES, inSplit, loadFile, type Row } from './data.ts';

const MODES = ['none', 'all', 'start', 'small'] as const;
type Mode = (typeof MODES)[number];

async function runVetoed(rows: Row[], config: ClusterConfig, mode: Mode, smallSize: number) {
  const clusterer = new OnlineClusterer(config);
  const store = clusterer.store;
  const show = argOf('--show') === mode;
  const textOf = (id: number) => detokenise((rows[id - 1]!.title ? rows[id - 1]!.title + '\n\n' : '') + rows[id - 1]!.text);
  const pureEvent = (ids: number[]) => (new Set(ids.map((a) => rows[a - 1]!.cluster)).size === 1 ? rows[ids[0]! - 1]!.cluster : null);
  const { members, mainEvent, place } = trackEvents(store, rows, async (keepId, goneId) => {
    const a = members.get(goneId) ?? [];
    const b = members.get(keepId) ?? [];
    const [ea, eb] = [pureEvent(a), pureEvent(b)];
    if (show && ((ea && eb && ea !== eb) || (a.length > 1 && b.length > 1)))
      console.log(`  ${ea && eb && ea !== eb ? 'MIXING' : 'other'} ${phase.settling ? 'fold' : 'merge'} ${ea ?? 'mixed'} (${a.length}) + ${eb ?? 'mixed'} (${b.length}) protagonist conflict ${personConflict(a.map(textOf), b.map(textOf))}`);
  });
  // The event the current lookup is for: the article's, or the quiet story's main one.
  // (The store's own lookups load stories too: only the engine's settling load names the subject.)
  let subject = '';
  const phase = watchSettling(store);
  const load = store.load.bind(store);
  const candidates = store.candidates.bind(store);
  store.load = async (id) => {
    if (phase.settling) subject = mainEvent(id);
    return load(id);
  };
  store.candidates = async (...args) => {
    const found = await phase.lookup(() => candidates(...args));
    if (mode === 'none') return found;
    return found.filter((story) => {
      const events = (members.get(story.id) ?? []).map((a) => rows[a - 1]!.cluster);
      if (!events.length || events.every((e) => e === subject)) return true;
      if (mode === 'all') return false;
      if (events.includes(subject)) return true;
      return mode === 'small' && story.articleCount > smallSize;
    });
  };
  let before: Map<number, number[]> | null = null;
  const predicted = await replayStream(clusterer, rows, {
    before: (row) => {
      subject = row.cluster;
      phase.settling = false;
      before = show ? new Map([...members].map(([k, v]) => [k, v.slice()])) : null;
    },
    after: (result, i) => {
      const row = rows[i]!;
      const joined = before?.get(result.storyId) ?? before?.get(result.merged[0] ?? -1);
      if (joined && pureEvent(joined) && pureEvent(joined) !== row.cluster) console.log(`  join ${row.cluster} into ${pureEvent(joined)} (${joined.length}) score ${result.score.toFixed(3)}`);
      place(result.storyId, i + 1);
    },
    beforeSettle: () => {
      phase.settling = false;
    },
  });
  const gold = rows.map((r) => r.cluster);
  return { scores: scoreClustering(gold, predicted), shape: storyShape(gold, predicted) };
}

async function main(): Promise<void> {
  const run = devRun('oracle-veto');
  if (!run) return;
  const { split, config } = run;
  for (const file of (argOf('--files') ?? FILES.join(',')).split(',')) {
    const rows = loadFile(file).filter((r) => inSplit(r.cluster, split));
    const cells: string[] = [];
    for (const mode of MODES) {
      const { scores, shape } = await runVetoed(rows, config, mode, Number(argOf('--size') ?? 2));
      const b = scores.bcubed;
      cells.push(`${mode} ${b.precision.toFixed(3)}/${b.recall.toFixed(3)}/${b.f1.toFixed(3)} mixed ${(shape.mixedShare * 100).toFixed(1)}%`);
    }
    console.log(`${file} (${split}) B-cubed P/R/F1: ${cells.join(' | ')}`);
  }
}

if (process.argv[1]?.endsWith('oracle-veto.ts')) await main();
