// What a server test database costs (test/helpers/db.ts openServerTestDb): created empty and every
// migration applied, or copied from a migrated template (CREATE DATABASE ... TEMPLATE, what
// test/helpers/global-setup.ts builds once per run). Paired rounds, the two ways in turn, so both
// see the same load; each database is dropped after. Wall time (the work is the server's, not this
// process's) and this process's CPU, with the load averages.
//   npx tsx bench/ci/server-template.ts [--rounds 8] [--name server-template-rci]
// Writes bench/results/ci-<name>.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { openDb } from '../../src/store/db.ts';
import { migrate } from '../../src/store/migrate.ts';
import { option } from '../options.ts';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const rounds = Number(option('rounds', '8'));
const name = option('name', 'server-template-rci');
const serverUrl = process.env.DATELINE_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const urlOf = (database: string) => {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
};

const admin = new pg.Client({ connectionString: serverUrl });
await admin.connect();
const prefix = `rci_bench_${process.pid}`;
const template = `${prefix}_template`;
await admin.query(`CREATE DATABASE ${template}`);
const built = await openDb({ databaseUrl: urlOf(template), poolSize: 1 });
await migrate(built);
await built.close();

/** One test database the given way: created, opened, migrated (a no-op on a copy), closed, dropped. */
async function one(way: 'migrate' | 'template', n: number): Promise<{ createMs: number; totalMs: number; cpuMs: number }> {
  const database = `${prefix}_${way}_${n}`;
  const cpu = process.cpuUsage();
  const started = performance.now();
  await admin.query(way === 'template' ? `CREATE DATABASE ${database} TEMPLATE ${template}` : `CREATE DATABASE ${database}`);
  const createMs = performance.now() - started;
  const db = await openDb({ databaseUrl: urlOf(database), poolSize: 5 });
  await migrate(db);
  await db.close();
  const totalMs = performance.now() - started;
  const used = process.cpuUsage(cpu);
  await admin.query(`DROP DATABASE ${database} WITH (FORCE)`);
  return { createMs, totalMs, cpuMs: (used.user + used.system) / 1000 };
}

const loadBefore = loadavg();
const results: Record<'migrate' | 'template', { createMs: number; totalMs: number; cpuMs: number }[]> = { migrate: [], template: [] };
try {
  for (let round = 0; round < rounds; round++) {
    const order = round % 2 === 0 ? (['migrate', 'template'] as const) : (['template', 'migrate'] as const);
    for (const way of order) results[way].push(await one(way, round));
  }
} finally {
  await admin.query(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`);
  await admin.end();
}
const loadAfter = loadavg();

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const summary = Object.fromEntries(
  Object.entries(results).map(([way, runs]) => [
    way,
    {
      medianTotalMs: Math.round(median(runs.map((r) => r.totalMs))),
      medianCreateMs: Math.round(median(runs.map((r) => r.createMs))),
      medianClientCpuMs: Math.round(median(runs.map((r) => r.cpuMs))),
      totalMs: runs.map((r) => Math.round(r.totalMs)),
    },
  ]),
);
console.log(`server test database, ${rounds} paired rounds, load ${loadBefore.map((l) => l.toFixed(2)).join(' ')} -> ${loadAfter.map((l) => l.toFixed(2)).join(' ')}`);
for (const [way, s] of Object.entries(summary)) {
  console.log(`  ${way.padEnd(9)} median ${s.medianTotalMs} ms (CREATE DATABASE ${s.medianCreateMs} ms, client CPU ${s.medianClientCpuMs} ms); each: ${s.totalMs.join(' ')}`);
}
const out = join(repo, 'bench/results', `ci-${name}.json`);
mkdirSync(join(repo, 'bench/results'), { recursive: true });
writeFileSync(out, `${JSON.stringify({ name, rounds, serverUrl: serverUrl.replace(/\/\/[^@]*@/, '//'), loadBefore, loadAfter, summary }, null, 2)}\n`);
console.log(`wrote ${out}`);
