// The Node side of a search's snippets, timed: src/search/highlight.ts's snippet() over 800
// characters of generated bench articles and highlightAll() over their titles, for a few query
// lexeme sets, against an earlier copy of the code (`git archive <commit> src bench | tar -x -C
// DIR`), in turns in this one process, and whether both marked every passage the same.
//
//   npx tsx bench/search/highlight.ts --before DIR [--rounds 3] [--out file.json]
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import * as after from '../../src/search/highlight.ts';
import { stemEnglish } from '../../src/search/stem.ts';
import { benchArticle } from './corpus.ts';

const { values: args } = parseArgs({ options: { before: { type: 'string' }, rounds: { type: 'string', default: '3' }, out: { type: 'string', default: '' } } });
if (!args.before) throw new Error('--before DIR (a directory holding the earlier src/) is required');
const before = (await import(pathToFileURL(join(resolve(args.before), 'src/search/highlight.ts')).href)) as typeof after;

const texts = Array.from({ length: 400 }, (_, i) => benchArticle(i * 7).text.slice(0, 800));
const titles = Array.from({ length: 400 }, (_, i) => benchArticle(i * 7).title);
const queries = [['police'], ['election', 'campaign'], ['trade', 'talks'], ['monosttisdan'], ['charges', 'rates']];
const sets = queries.map((words) => ({ set: new Set(words.map((w) => stemEnglish(w))), keepShortDoubles: false }));

let differ = 0;
for (const lexemes of sets) {
  for (let i = 0; i < texts.length; i++) {
    if (before.snippet(texts[i]!, lexemes) !== after.snippet(texts[i]!, lexemes) || before.highlightAll(titles[i]!, lexemes) !== after.highlightAll(titles[i]!, lexemes)) differ++;
  }
}

const time = (m: typeof after) => {
  const t0 = process.cpuUsage();
  for (let r = 0; r < 10; r++) for (const lexemes of sets) for (let i = 0; i < texts.length; i++) m.snippet(texts[i]!, lexemes) + m.highlightAll(titles[i]!, lexemes);
  const used = process.cpuUsage(t0);
  return (used.user + used.system) / (10 * sets.length * texts.length);
};
const load0 = loadavg();
const rounds: { before: number; after: number }[] = [];
// The first round warms both up (the JIT) and is not counted.
for (let r = 0; r <= Number(args.rounds); r++) {
  const b = time(before);
  const a = time(after);
  if (r > 0) rounds.push({ before: Math.round(b * 100) / 100, after: Math.round(a * 100) / 100 });
}
const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)]!;
const result = {
  bench: 'search-highlight',
  passages: texts.length * sets.length,
  sameOutput: differ === 0,
  differ,
  microsecondsPerPassageAndTitle: { before: median(rounds.map((r) => r.before)), after: median(rounds.map((r) => r.after)) },
  rounds,
  loadAverage: { start: load0, end: loadavg() },
  at: new Date().toISOString(),
};
console.log(
  `snippet + title, CPU per page row: before ${result.microsecondsPerPassageAndTitle.before} us, after ${result.microsecondsPerPassageAndTitle.after} us (median of ${rounds.length} rounds); ${differ} of ${result.passages} outputs differ; load average ${load0.map((l) => l.toFixed(2))}`,
);
if (args.out) {
  mkdirSync(join(args.out, '..'), { recursive: true });
  writeFileSync(args.out, `${JSON.stringify(result, null, 2)}\n`);
  console.log(`wrote ${args.out}`);
}
if (differ) process.exitCode = 1;
