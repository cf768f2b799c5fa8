// What the CLI pays for working beside a running reader: the same small queries run in the
// owning process (PGlite directly, the plain baseline) and from a client through the Unix socket
// the owner shares; and how long the owner's own queries wait while a client works beside it.
// Prints the figures and writes bench/results/local-socket.json.
//
//   npx tsx bench/local-socket/run.ts        (env: BENCH_QUERIES=2000)
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { openDb } from '../../src/store/db.ts';
import { SOCKET_PORT } from '../../src/store/local-socket.ts';

const QUERIES = Number(process.env.BENCH_QUERIES ?? 2000);
const results = fileURLToPath(new URL('../results/', import.meta.url));

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
function summary(ms: number[]) {
  const sorted = [...ms].sort((a, b) => a - b);
  const total = ms.reduce((a, b) => a + b, 0);
  return { queries: ms.length, perSecond: Math.round((ms.length / total) * 1000), p50Ms: +percentile(sorted, 50).toFixed(3), p99Ms: +percentile(sorted, 99).toFixed(3) };
}

async function timed(run: (i: number) => Promise<unknown>, n: number): Promise<number[]> {
  const ms: number[] = [];
  for (let i = 0; i < n; i++) {
    const start = performance.now();
    await run(i);
    ms.push(performance.now() - start);
  }
  return ms;
}

const dir = mkdtempSync(join(tmpdir(), 'dateline-bench-socket-'));
const dataDir = join(dir, 'data');
const owner = await openDb({ dataDir });
try {
  await owner.exec('CREATE TABLE bench_probe (id serial PRIMARY KEY, label text NOT NULL)');
  const stop = await owner.shareLocally!();
  const client = new pg.Client({ host: dataDir, port: SOCKET_PORT, user: 'postgres', database: 'postgres' });
  await client.connect();

  const read = 'SELECT count(*)::int AS n FROM bench_probe WHERE label = $1';
  const write = 'INSERT INTO bench_probe (label) VALUES ($1)';
  const inProcessRead = summary(await timed((i) => owner.query(read, [`x${i % 10}`]), QUERIES));
  const socketRead = summary(await timed((i) => client.query(read, [`x${i % 10}`]), QUERIES));
  const inProcessWrite = summary(await timed((i) => owner.query(write, [`x${i % 10}`]), QUERIES / 4));
  const socketWrite = summary(await timed((i) => client.query(write, [`x${i % 10}`]), QUERIES / 4));

  // The owner's reads while a client inserts in transactions of 20 rows beside it.
  let busy = true;
  const beside = (async () => {
    while (busy) {
      await client.query('BEGIN');
      for (let i = 0; i < 20; i++) await client.query(write, ['beside']);
      await client.query('COMMIT');
    }
  })();
  const ownerWhileBusy = summary(await timed((i) => owner.query(read, [`x${i % 10}`]), QUERIES / 4));
  busy = false;
  await beside;
  await client.end();
  await stop();

  const figures = {
    note: 'timings on a shared 2-core machine with other work running: compare the rows with each other, not with other runs',
    inProcessRead,
    socketRead,
    inProcessWrite,
    socketWrite,
    ownerReadWhileClientWritesInTransactions: ownerWhileBusy,
  };
  console.log('queries                                   per second   p50 ms   p99 ms');
  for (const [name, s] of Object.entries(figures)) {
    if (typeof s === 'string') continue;
    console.log(`${name.padEnd(42)}${String(s.perSecond).padStart(10)}${String(s.p50Ms).padStart(9)}${String(s.p99Ms).padStart(9)}`);
  }
  console.log(figures.note);
  mkdirSync(results, { recursive: true });
  writeFileSync(join(results, 'local-socket.json'), JSON.stringify({ at: new Date().toISOString(), ...figures }, null, 2) + '\n');
} finally {
  await owner.close();
  rmSync(dir, { recursive: true, force: true });
}
