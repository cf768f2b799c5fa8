#!/usr/bin/env node
// `npm run bench`: runs every benchmark (bench/<name>/run.ts) one after another through tsx;
// each prints its figures and writes bench/results/<name>.json. `npm run bench -- extract cluster`
// runs only those.
import { readdirSync, existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const benchDir = fileURLToPath(new URL('../bench/', import.meta.url));
const only = process.argv.slice(2);
const names = readdirSync(benchDir, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && existsSync(`${benchDir}${entry.name}/run.ts`))
  .map((entry) => entry.name)
  .filter((name) => !only.length || only.includes(name))
  .sort();
let failed = 0;
for (const name of names) {
  process.stdout.write(`\n=== bench/${name} ===\n`);
  const run = spawnSync(process.execPath, ['--import', 'tsx', `${benchDir}${name}/run.ts`], { stdio: 'inherit' });
  if (run.status !== 0) {
    failed++;
    process.stdout.write(`bench/${name} exited with ${run.status ?? run.signal}\n`);
  }
}
process.exitCode = failed ? 1 : 0;
