// What the bench scripts read from their command line and environment, in one place.
import pg from 'pg';

const args = process.argv.slice(2);

/** The value after `--name`, or the fallback. */
export function option(name: string, fallback: string): string {
  const at = args.indexOf(`--${name}`);
  return at >= 0 && args[at + 1] ? args[at + 1]! : fallback;
}

/** Whether `--name` was given. */
export const flag = (name: string): boolean => args.includes(`--${name}`);

/** The PostgreSQL server the benches make their databases on. */
export const BENCH_SERVER_URL = process.env.DATELINE_BENCH_DATABASE_URL ?? process.env.DATELINE_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** Makes database `name` afresh on the bench server (an earlier run's copy is dropped first) and gives its URL. */
export async function freshBenchDatabase(name: string): Promise<string> {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`bench database ${name}: expected lower-case letters, digits and _`);
  const admin = new pg.Client({ connectionString: BENCH_SERVER_URL });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(BENCH_SERVER_URL);
  url.pathname = '/' + name;
  return url.toString();
}

/** Drops bench database `name`, without FORCE: every connection of ours is closed by now, and one that is not should say so. */
export async function dropBenchDatabase(name: string): Promise<void> {
  const admin = new pg.Client({ connectionString: BENCH_SERVER_URL });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${name}`);
  } finally {
    await admin.end();
  }
}
