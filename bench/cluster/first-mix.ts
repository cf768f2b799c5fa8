// Reading where mixing starts: for each dev event pair that ends mixed, the first decision (join,
// merge or fold) that put articles of two events in one story, with both sides' heaviest names.
// Usage: npx tsx bench/cluster/first-mix.ts [--split dev|dev-a|dev-b] [--files ecbplus]
import { OnlineClusterer } from '../../src/cluster/online.ts';
import { storyUnit, similarity } from '../../src/cluster/stories.ts';
import { channelUnit } from '../../src/cluster/features.ts';
import type { TermVector } from '../../src/text/tfidf.ts';
import { devRun, argOf, watchStore } from './watch.ts';
import { FILES, inSplit, loadFile, rowTime } from './data.ts';

const top = (v: TermVector, prefix: string, k: number) =>
  [...v]
    .filter(([t]) => (prefix === 'n:' ? t.startsWith('n:') : !t.includes(':')))
    .sort((a, b) => b[1] - a[1])
    .slice(0, k)
    .map(([t, w]) => `${t.replace(/^n:/, '')}:${w.toFixed(2)}`)
    .join(' ');

async function main(): Promise<void> {
  const run = devRun('first-mix');
  if (!run) return;
  const { split, config } = run;
  for (const file of (argOf('--files') ?? FILES.join(',')).split(',')) {
    const rows = loadFile(file).filter((r) => inSplit(r.cluster, split));
    const clusterer = new OnlineClusterer(config);
    const store = clusterer.store;
    const members = new Map<number, number[]>();
    const events = (s: number) => new Set((members.get(s) ?? []).map((a) => rows[a - 1]!.cluster));
    const reported = new Set<string>();
    const watch = watchStore(store);
    const report = async (kind: string, a: number[], storyId: number, extra: string) => {
      const ea = new Set(a.map((x) => rows[x - 1]!.cluster));
      const eb = events(storyId);
      const fresh = [...ea].filter((e) => !eb.has(e));
      if (!fresh.length || !eb.size) return;
      const key = [...ea, ...eb].sort().join('+');
      if (reported.has(key)) return;
      reported.add(key);
      console.log(`  ${kind} ${[...ea].join(',')} (${a.length}) into ${[...eb].join(',')} (${members.get(storyId)?.length}) ${extra}`);
      for (const x of a.slice(0, 2)) console.log(`     A: ${(rows[x - 1]!.title ?? rows[x - 1]!.text).slice(0, 120).replace(/\s+/g, ' ')}`);
      for (const x of (members.get(storyId) ?? []).slice(0, 3)) console.log(`     S: [${rows[x - 1]!.cluster}] ${(rows[x - 1]!.title ?? rows[x - 1]!.text).slice(0, 110).replace(/\s+/g, ' ')}`);
    };
    const originalMerge = store.merge.bind(store);
    store.merge = async (keepId, goneId) => {
      const keep = (await store.load(keepId))!;
      const gone = (await store.load(goneId))!;
      const s = similarity(storyUnit(gone), storyUnit(keep), config.story);
      await report(
        'merge/fold',
        members.get(goneId) ?? [],
        keepId,
        `score ${s.score.toFixed(3)} w ${s.words.toFixed(2)} n ${s.names.toFixed(2)}\n     names A ${top(storyUnit(gone), 'n:', 8)}\n     names S ${top(storyUnit(keep), 'n:', 8)}`,
      );
      members.set(keepId, [...(members.get(keepId) ?? []), ...(members.get(goneId) ?? [])]);
      members.delete(goneId);
      return originalMerge(keepId, goneId);
    };
    console.log(`\n${file} (${split})`);
    for (const [i, row] of rows.entries()) {
      const id = i + 1;
      watch.reset();
      let before: TermVector | null = null;
      const result = await clusterer.assign({ id, title: row.title ?? '', text: row.text, publishedAt: rowTime(row), sourceName: row.source, url: row.url });
      if (members.has(result.storyId) && watch.vector) {
        const st = await store.load(result.storyId);
        before = st ? storyUnit(st) : null;
        await report('join', [id], result.storyId, `score ${result.score.toFixed(3)}\n     names A ${top(channelUnit(watch.vector), 'n:', 8)}\n     names S ${before ? top(before, 'n:', 8) : ''}`);
      }
      if (!members.has(result.storyId)) members.set(result.storyId, []);
      members.get(result.storyId)!.push(id);
    }
    await clusterer.settle(null);
  }
}

await main();
