// What one `dateline` start costs, per command: wall time, CPU (user + system, the process and its
// children) and peak memory, from GNU time, for each way of running the CLI, in paired rounds (every
// variant runs each command once per round, in turn) so that all see the same load.
//   variants: current  bin/dateline.js of this checkout (compiled JavaScript)
//             source   the same with DATELINE_RUN_SOURCE=1 (through tsx)
//             old      bin/dateline.js of another checkout (--old <dir>, e.g. `git archive` of the base commit
//                      with node_modules linked), when given
// Commands: no database (--help, config, an option error), and on a fresh database of the PostgreSQL
// server: `articles`, `import` of one small page written here, `fetch --once` with no feeds.
//   npx tsx bench/ci/cli-start.ts [--old /tmp/kci-base] [--rounds 5] [--name start]
// Writes bench/results/ci-cli-<name>.json.
import { type SpawnSyncReturns, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { dropBenchDatabase, freshBenchDatabase, option } from '../options.ts';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const rounds = Number(option('rounds', '5'));
const name = option('name', 'start');
const oldDir = option('old', '');
if (!Number.isInteger(rounds) || rounds < 1) throw new Error(`--rounds ${option('rounds', '')}: expected a whole number of at least 1`);
if (spawnSync('/usr/bin/time', ['--version']).error) throw new Error('/usr/bin/time (GNU time) is needed: apt-get install time');

interface Variant {
  name: string;
  bin: string;
  env: Record<string, string>;
}
const variants: Variant[] = [
  { name: 'current', bin: join(repo, 'bin/dateline.js'), env: {} },
  { name: 'source', bin: join(repo, 'bin/dateline.js'), env: { DATELINE_RUN_SOURCE: '1' } },
  ...(oldDir ? [{ name: 'old', bin: join(oldDir, 'bin/dateline.js'), env: {} }] : []),
];

const work = mkdtempSync(join(tmpdir(), 'dateline-cli-start-'));
const page = join(work, 'page.html');
// A short page of our own words: enough for the import to extract, store and cluster one article.
writeFileSync(
  page,
  `<!doctype html><html lang="en"><head><title>Harbour ferry timetable changes from Monday</title>
<meta property="article:published_time" content="2026-11-30T08:00:00Z"></head><body><article><h1>Harbour ferry timetable changes from Monday</h1>
${'<p>The harbour authority said the morning ferries will leave ten minutes earlier from Monday, and the last evening crossing moves to half past nine. Passengers with season tickets keep their fares.</p>\n'.repeat(4)}</article></body></html>`,
);

interface Command {
  name: string;
  args: string[];
  database?: boolean;
  /** Exit status it should end with. */
  status: number;
}
const commands: Command[] = [
  { name: '--help', args: ['--help'], status: 0 },
  { name: 'config', args: ['config'], status: 0 },
  { name: 'option error', args: ['articles', '--limit', '0'], status: 1 },
  { name: 'articles', args: ['articles'], database: true, status: 0 },
  { name: 'import 1 page', args: ['import', page], database: true, status: 0 },
  { name: 'fetch --once', args: ['fetch', '--once'], database: true, status: 0 },
];

interface Sample {
  wallS: number;
  cpuS: number;
  maxRssMb: number;
}

/** GNU time's figures for a finished run (written to work/time.txt), after checking its exit status. */
function timed(result: SpawnSyncReturns<string>, what: string, status = 0): Sample {
  if (result.status !== status) throw new Error(`${what}: exit ${result.status}, expected ${status}\n${result.stderr}`);
  const [wall, user, system, rssKb] = readFileSync(join(work, 'time.txt'), 'utf8').trim().split('\n').at(-1)!.split(' ').map(Number);
  return { wallS: wall!, cpuS: user! + system!, maxRssMb: rssKb! / 1024 };
}

function run(variant: Variant, command: Command, databaseUrl: string): Sample {
  const env = { ...process.env, DATABASE_URL: command.database ? databaseUrl : '', DATELINE_DATA: join(work, 'data'), ...variant.env };
  const result = spawnSync('/usr/bin/time', ['-f', '%e %U %S %M', '-o', join(work, 'time.txt'), process.execPath, variant.bin, ...command.args], { env, encoding: 'utf8' });
  return timed(result, `${variant.name} ${command.args.join(' ')}`, command.status);
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

const databaseName = 'kci_bench_cli_start';
const databaseUrl = await freshBenchDatabase(databaseName);
const loadBefore = loadavg();
const started = process.cpuUsage();
try {
  // Cold: what the first start after a source change adds (compiling every file of src).
  // In a process of its own under GNU time, so esbuild's CPU (its own child process) is counted.
  const compile = `import { buildCompiledCli } from ${JSON.stringify(join(repo, 'bin/compiled-cli.js'))}; await buildCompiledCli(${JSON.stringify(join(work, 'cold'))});`;
  const cold = timed(spawnSync('/usr/bin/time', ['-f', '%e %U %S %M', '-o', join(work, 'time.txt'), process.execPath, '--input-type=module', '-e', compile], { encoding: 'utf8' }), 'compile');
  console.log(`compiling all of src (the first start after a source change adds it): ${cold.wallS.toFixed(2)} s wall, ${cold.cpuS.toFixed(2)} s CPU`);
  // Warm each variant once (the compiled tree, tsx's cache, the database's migrations).
  for (const variant of variants) for (const command of commands) run(variant, command, databaseUrl);
  const samples = new Map<string, Sample[]>();
  for (let round = 0; round < rounds; round++) {
    for (const command of commands) {
      // Alternate which variant goes first, so neither always follows the other's cache warm-up.
      const order = round % 2 ? [...variants].reverse() : variants;
      for (const variant of order) {
        const key = `${command.name}\0${variant.name}`;
        samples.set(key, [...(samples.get(key) ?? []), run(variant, command, databaseUrl)]);
      }
    }
  }
  const loadAfter = loadavg();
  const rows = commands.flatMap((command) =>
    variants.map((variant) => {
      const list = samples.get(`${command.name}\0${variant.name}`)!;
      return {
        command: command.name,
        variant: variant.name,
        wallS: median(list.map((s) => s.wallS)),
        cpuS: median(list.map((s) => s.cpuS)),
        maxRssMb: median(list.map((s) => s.maxRssMb)),
        runs: list,
      };
    }),
  );
  const benchCpu = process.cpuUsage(started);
  console.log(`${rounds} paired rounds; load ${loadBefore.map((l) => l.toFixed(2)).join(' ')} before, ${loadAfter.map((l) => l.toFixed(2)).join(' ')} after`);
  console.log(`${'command'.padEnd(14)} ${'variant'.padEnd(8)} ${'wall s'.padStart(7)} ${'CPU s'.padStart(7)} ${'RSS MB'.padStart(7)}   (medians)`);
  for (const row of rows) console.log(`${row.command.padEnd(14)} ${row.variant.padEnd(8)} ${row.wallS.toFixed(2).padStart(7)} ${row.cpuS.toFixed(2).padStart(7)} ${row.maxRssMb.toFixed(0).padStart(7)}`);
  mkdirSync(join(repo, 'bench/results'), { recursive: true });
  const out = join(repo, `bench/results/ci-cli-${name}.json`);
  writeFileSync(
    out,
    JSON.stringify({ name, rounds, loadBefore, loadAfter, benchProcessCpuS: (benchCpu.user + benchCpu.system) / 1e6, coldCompile: cold, variants: variants.map((v) => v.name), oldDir: oldDir || null, rows }, null, 2) + '\n',
  );
  console.log(`written ${relative(repo, out)}`);
} finally {
  rmSync(work, { recursive: true, force: true });
  await dropBenchDatabase(databaseName);
}
