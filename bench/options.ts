// What the bench scripts read from their command line and environment, in one place.

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
