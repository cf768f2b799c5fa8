// Whether two databases filled by bench/ingest/curve.ts (--keep) from the same stream hold the same
// decisions: every row of the tables the near-duplicate, story and enrichment steps write, ids
// included, compared as text (the wall-clock columns created_at, updated_at, added_at and enriched_at left
// out: they say when a run wrote, not what it decided). For a before/after pair of a change that
// must not change any decision (old code into one database, new code into the other).
// Usage: npx tsx bench/ingest/parity.ts --a DB_OLD --b DB_NEW [--label NAME]
// Writes bench/results/ingest-parity-NAME.json; exits 1 when any table differs.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { BENCH_SERVER_URL, option } from '../options.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const [a, b] = [option('a', ''), option('b', '')];
if (!a || !b) throw new Error('usage: parity.ts --a DB_OLD --b DB_NEW [--label NAME]');
const label = option('label', 'pair');
const TABLES = ['articles', 'article_fingerprints', 'stories', 'story_articles', 'story_terms', 'article_vectors', 'term_stats', 'cluster_stats', 'entities', 'mentions', 'figures', 'quotes', 'events', 'article_enrichment'];
const WALL_CLOCK = new Set(['created_at', 'updated_at', 'enriched_at', 'added_at', 'fetched_at', 'search_vector']);

async function connect(name: string): Promise<pg.Client> {
  const url = new URL(BENCH_SERVER_URL);
  url.pathname = `/${name}`;
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  return client;
}

async function rows(client: pg.Client, table: string, columns: string[]): Promise<string[]> {
  const list = columns.map((c) => `"${c}"`).join(', ');
  const result = await client.query<{ r: string }>(`SELECT (${list})::text AS r FROM ${table} t ORDER BY 1`);
  return result.rows.map((r) => r.r);
}

const [ca, cb] = [await connect(a), await connect(b)];
const report: { table: string; rows: number; columns: string[]; onlyInA: number; onlyInB: number; example?: { a?: string; b?: string } }[] = [];
try {
  for (const table of TABLES) {
    const cols = await ca.query<{ column_name: string }>(`SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = $1 ORDER BY ordinal_position`, [table]);
    // Articles: what the steps decide about them (their text is the stream's, stored by one code path).
    const keep = table === 'articles' ? new Set(['id', 'content_hash', 'published_at', 'duplicate_of', 'duplicate_similarity']) : null;
    const columns = cols.rows.map((c) => c.column_name).filter((c) => !WALL_CLOCK.has(c) && (!keep || keep.has(c)));
    if (!columns.length) continue;
    const [ra, rb] = [await rows(ca, table, columns), await rows(cb, table, columns)];
    const setB = new Set(rb);
    const setA = new Set(ra);
    const onlyA = ra.filter((r) => !setB.has(r));
    const onlyB = rb.filter((r) => !setA.has(r));
    const entry: (typeof report)[number] = { table, rows: ra.length, columns, onlyInA: onlyA.length, onlyInB: onlyB.length };
    if (onlyA.length || onlyB.length) entry.example = { a: onlyA[0]?.slice(0, 300), b: onlyB[0]?.slice(0, 300) };
    report.push(entry);
    process.stdout.write(
      `${table.padEnd(22)} ${String(ra.length).padStart(8)} rows in ${a}, ${String(rb.length).padStart(8)} in ${b}: ${onlyA.length || onlyB.length ? `DIFFER (${onlyA.length} / ${onlyB.length} rows only in one)` : 'identical'}\n`,
    );
  }
} finally {
  await ca.end();
  await cb.end();
}
const same = report.every((r) => !r.onlyInA && !r.onlyInB);
mkdirSync(join(root, 'bench/results'), { recursive: true });
writeFileSync(join(root, `bench/results/ingest-parity-${label}.json`), `${JSON.stringify({ a, b, same, tables: report }, null, 2)}\n`);
process.stdout.write(same ? 'every table identical\n' : 'tables differ\n');
process.exit(same ? 0 : 1);
