// The pure enrichment stage of this tree against another checkout's (e.g. the code before a change,
// `git archive <commit> | tar -x -C /tmp/base`), in one process with passes taken in turn, so both
// see the same load: on shared cores a run's speed drifts more than most changes move it. Prints
// each side's median CPU time per article over the passes (CPU of this process; run node with
// --single-threaded so V8's helper threads are counted in the main thread, not beside it).
//   node --single-threaded --import tsx bench/enrich/paired.ts /tmp/base [--passes N] [--tagger]
// --tagger times the entity tagger (tagText) alone instead of the whole stage.
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { stageCorpus } from './corpus.ts';

const other = process.argv[2];
if (!other || other.startsWith('--')) {
  console.error('usage: bench/enrich/paired.ts <other checkout> [--passes N] [--tagger]');
  process.exit(1);
}
const argPasses = process.argv.indexOf('--passes');
const passes = argPasses > 0 ? Number(process.argv[argPasses + 1]) : 20;
const taggerOnly = process.argv.includes('--tagger');
const corpus = stageCorpus();

type Run = (a: (typeof corpus)[number]) => unknown;
async function side(root: string): Promise<{ run: Run; clear: () => void }> {
  const load = (path: string) => import(pathToFileURL(resolve(root, path)).href);
  const { clearNameCache } = await load('src/enrich/entities.ts');
  if (taggerOnly) {
    const { tagText } = await load('src/enrich/tagger/model.ts');
    return { run: (a) => tagText(a.text), clear: clearNameCache };
  }
  const { enrichArticle } = await load('src/enrich/index.ts');
  return { run: (a) => enrichArticle(a), clear: clearNameCache };
}

const sides = { other: await side(other), this: await side(process.cwd()) };
const times: Record<keyof typeof sides, number[]> = { other: [], this: [] };
for (const s of Object.values(sides)) for (const a of corpus) s.run(a);
for (let p = 0; p < passes; p++) {
  for (const name of (p % 2 ? ['this', 'other'] : ['other', 'this']) as (keyof typeof sides)[]) {
    const s = sides[name];
    s.clear();
    const start = process.cpuUsage();
    for (const a of corpus) s.run(a);
    const used = process.cpuUsage(start);
    times[name].push((used.user + used.system) / 1000 / corpus.length);
  }
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
for (const name of ['other', 'this'] as const) {
  const m = median(times[name]);
  console.log(`${name.padEnd(5)} ${taggerOnly ? 'tagger' : 'stage'}: median ${m.toFixed(3)} ms CPU per article (${(1000 / m).toFixed(0)} articles per CPU-second) over ${passes} passes of ${corpus.length} articles`);
}
console.log(
  `this/other: ${(median(times.this) / median(times.other)).toFixed(3)} of the time; load average ${loadavg()
    .map((x) => x.toFixed(1))
    .join(' ')}`,
);
