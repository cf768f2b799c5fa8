// EXPLAIN (ANALYZE, BUFFERS) of the statements one search runs: the real search code is run
// against the database with every statement it sends recorded, then each recorded statement that
// reads articles is explained with its parameters. For finding where a slow query kind spends
// its time.
//
//   npx tsx bench/search/explain.ts --database i21s_bench_1m [--scan days|months|index|slice|walk] [--summary] 'q=tariff&facets=source,day' ['q=…' …]
//
// DATELINE_BENCH_DATABASE_URL as in run.ts (the server engine only: EXPLAIN ANALYZE on a live store).
import { parseArgs } from 'node:util';
import { openStore } from '../../src/store/index.ts';
import type { Db, Queryable } from '../../src/store/db.ts';
import { parseSearch, type SearchParams } from '../../src/search/options.ts';
import { searchArticles, type Scan, type SearchTuning } from '../../src/store/search.ts';

const { values: args, positionals } = parseArgs({
  allowPositionals: true,
  options: { database: { type: 'string' }, repeat: { type: 'string', default: '1' }, verbose: { type: 'boolean', default: false }, scan: { type: 'string' }, summary: { type: 'boolean', default: false } },
});
if (!args.database || !/^[a-z_][a-z0-9_]*$/.test(args.database)) throw new Error('--database NAME (a plain lower-case database name) is required');
if (!positionals.length) throw new Error("give one or more searches as query strings, e.g. 'q=tariff&sort=time'");
const url = new URL(process.env.DATELINE_BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
url.pathname = `/${args.database}`;
const db = await openStore({ databaseUrl: url.toString(), poolSize: 2 });

type Recorded = { sql: string; params: unknown[] };
function recording(target: Db, log: Recorded[]): Db {
  const wrap = (q: Queryable): Queryable => ({
    query: (sql, params = []) => {
      log.push({ sql, params });
      return q.query(sql, params);
    },
    exec: (sql) => q.exec(sql),
  });
  return { ...target, ...wrap(target), transaction: (work) => target.transaction((tx) => work(wrap(tx))) } as Db;
}

try {
  for (const search of positionals) {
    const params = Object.fromEntries(new URLSearchParams(search)) as SearchParams;
    const options = parseSearch(params);
    const log: Recorded[] = [];
    const t0 = performance.now();
    // --scan forces one way of reading the matches (to compare it with the one chosen).
    const tuning: SearchTuning = args.scan ? { scan: args.scan as Scan } : {};
    const result = await searchArticles(recording(db, log), options, tuning);
    const ms = performance.now() - t0;
    console.log(`\n=== ${search}: ${result.hits.length} hits, total ${result.total ?? '-'}, plan ${JSON.stringify(result.plan)}, ${ms.toFixed(1)} ms`);
    for (let r = 1; r < Number(args.repeat); r++) {
      const t1 = performance.now();
      await searchArticles(db, options, tuning);
      console.log(`  again: ${(performance.now() - t1).toFixed(1)} ms`);
    }
    for (const { sql, params } of log) {
      if (!/\bFROM articles\b|JOIN articles\b/.test(sql)) continue;
      const plan = await db.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, params);
      if (args.verbose) console.log(sql, JSON.stringify(params));
      const lines = plan.map((p) => p['QUERY PLAN']);
      // --summary: the scans and their times only.
      console.log((args.summary ? lines.filter((l) => /Scan on articles|Execution Time|Heap Blocks|Rows Removed/.test(l)).map((l) => l.slice(0, 160)) : lines).join('\n'));
    }
  }
} finally {
  await db.close();
}
