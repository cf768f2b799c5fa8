// Where a vitest run's time went: reads the JSON report (--reporter=json), GNU time's -v output
// for the run (wall, user and system CPU of vitest and every process it waited for) and the
// load averages taken before and after (`uptime`), prints per file and per test durations with
// each file's share, and writes bench/results/ci-<name>.json.
//   CI=true npx vitest run <files> --reporter=json --outputFile=R.json   (under /usr/bin/time -v 2>T, uptime >L before and after)
//   npx tsx bench/ci/test-times.ts --name sigkill-before --report R.json --time T --load L
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const arg = (name: string) => {
  const at = process.argv.indexOf(`--${name}`);
  const value = at > 0 ? process.argv[at + 1] : undefined;
  if (!value) throw new Error(`--${name} is required`);
  return value;
};

interface Report {
  numPassedTests: number;
  numFailedTests: number;
  testResults: { name: string; startTime: number; endTime: number; assertionResults: { fullName: string; status: string; duration: number | null }[] }[];
}

const name = arg('name');
const report = JSON.parse(readFileSync(arg('report'), 'utf8')) as Report;
const time = readFileSync(arg('time'), 'utf8');
const field = (label: string) => {
  const line = time.split('\n').find((l) => l.trim().startsWith(label));
  if (!line) throw new Error(`${label} not in the time output`);
  return line.slice(line.lastIndexOf(': ') + 2).trim();
};
const clock = field('Elapsed (wall clock) time').split(':').map(Number);
const wallS = clock.reduce((total, part) => total * 60 + part, 0);
const userS = Number(field('User time (seconds)'));
const systemS = Number(field('System time (seconds)'));
const loads = readFileSync(arg('load'), 'utf8')
  .trim()
  .split('\n')
  .map((line) => /load average: ([\d.]+), ([\d.]+), ([\d.]+)/.exec(line)!.slice(1).map(Number));

const files = report.testResults
  .map((file) => ({
    file: relative(repo, file.name),
    seconds: (file.endTime - file.startTime) / 1000,
    tests: file.assertionResults.map((t) => ({ name: t.fullName, status: t.status, seconds: (t.duration ?? 0) / 1000 })),
  }))
  .sort((a, b) => b.seconds - a.seconds);
const fileSeconds = files.reduce((sum, f) => sum + f.seconds, 0);

console.log(`${name}: wall ${wallS.toFixed(0)} s, CPU ${(userS + systemS).toFixed(0)} s (user ${userS.toFixed(0)}, system ${systemS.toFixed(0)}), load before ${loads[0]?.join(' ')} after ${loads.at(-1)?.join(' ')}`);
console.log(`tests ${report.numPassedTests} passed, ${report.numFailedTests} failed; ${files.length} files, ${fileSeconds.toFixed(0)} file-seconds`);
for (const file of files.slice(0, 40)) {
  console.log(`${file.seconds.toFixed(1).padStart(8)} s ${((100 * file.seconds) / fileSeconds).toFixed(1).padStart(5)}%  ${file.file}`);
  if (files.length <= 4) for (const t of file.tests) console.log(`${''.padStart(16)}${t.seconds.toFixed(1).padStart(8)} s  ${t.status}  ${t.name}`);
}
mkdirSync(join(repo, 'bench/results'), { recursive: true });
const out = join(repo, `bench/results/ci-${name}.json`);
writeFileSync(out, JSON.stringify({ name, wallS, userS, systemS, loadBefore: loads[0], loadAfter: loads.at(-1), passed: report.numPassedTests, failed: report.numFailedTests, files }, null, 2) + '\n');
console.log(`written ${relative(repo, out)}`);
