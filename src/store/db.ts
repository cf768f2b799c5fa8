// One database interface over both engines: embedded PGlite (a data directory, no server)
// and a PostgreSQL server named by DATABASE_URL. Queries are plain SQL with $n parameters,
// the same text for both engines.
import { mkdirSync } from 'node:fs';
import { PGlite, types as pgliteTypes } from '@electric-sql/pglite';
import pg from 'pg';

export type Engine = 'embedded' | 'server';

export interface Queryable {
  query<R = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<R[]>;
  /** Runs several statements separated by semicolons (no parameters). */
  exec(sql: string): Promise<void>;
}

export interface Db extends Queryable {
  readonly engine: Engine;
  /** Where the data lives: a directory for the embedded engine, the URL (password hidden) for a server. */
  readonly location: string;
  /** Runs `work` in one transaction; it commits when `work` resolves, rolls back when it throws. */
  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T>;
  /** Flushes the embedded engine's write-ahead log (a no-op on a server, which checkpoints itself). */
  checkpoint(): Promise<void>;
  /** Connections in use, idle and waited for (the embedded engine has one, always in use). */
  poolStats(): { total: number; idle: number; waiting: number };
  close(): Promise<void>;
}

export interface OpenOptions {
  /** A PostgreSQL URL; when given the server engine is used. */
  databaseUrl?: string;
  /** The embedded engine's data directory; `memory://` keeps it in memory. */
  dataDir?: string;
  /** Pool size for the server engine. */
  poolSize?: number;
}

// Both engines return bigint ids as numbers: ids here stay far below 2^53.
const toNumber = (value: string) => Number(value);

export async function openDb(options: OpenOptions): Promise<Db> {
  if (options.databaseUrl) return openServer(options.databaseUrl, options.poolSize ?? 10);
  return openEmbedded(options.dataDir ?? './data');
}

async function openEmbedded(dataDir: string): Promise<Db> {
  const inMemory = dataDir.startsWith('memory://');
  if (!inMemory) mkdirSync(dataDir, { recursive: true });
  const pglite = await PGlite.create(inMemory ? undefined : dataDir, {
    parsers: { [pgliteTypes.INT8]: toNumber },
    relaxedDurability: false,
  });
  const asQueryable = (target: {
    query: (sql: string, params?: unknown[]) => Promise<{ rows: unknown[] }>;
    exec: (sql: string) => Promise<unknown>;
  }): Queryable => ({
    async query<R>(sql: string, params: unknown[] = []) {
      return (await target.query(sql, params)).rows as R[];
    },
    async exec(sql: string) {
      await target.exec(sql);
    },
  });
  const base = asQueryable(pglite as never);
  return {
    engine: 'embedded',
    location: inMemory ? 'memory' : dataDir,
    query: base.query,
    exec: base.exec,
    transaction: (work) => pglite.transaction((tx) => work(asQueryable(tx as never))),
    checkpoint: async () => {
      await pglite.exec('CHECKPOINT');
    },
    poolStats: () => ({ total: 1, idle: 0, waiting: 0 }),
    close: async () => {
      if (pglite.closed) return;
      await pglite.exec('CHECKPOINT').catch(() => undefined);
      await pglite.close();
    },
  };
}

async function openServer(databaseUrl: string, poolSize: number): Promise<Db> {
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    max: poolSize,
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        oid === 20 ? toNumber : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
    },
  });
  // Fail fast with the server's own message when it is unreachable.
  const probe = await pool.connect();
  probe.release();
  const asQueryable = (target: pg.Pool | pg.PoolClient): Queryable => ({
    async query<R>(sql: string, params: unknown[] = []) {
      return (await target.query(sql, params)).rows as R[];
    },
    async exec(sql: string) {
      await target.query(sql);
    },
  });
  const base = asQueryable(pool);
  return {
    engine: 'server',
    location: hidePassword(databaseUrl),
    query: base.query,
    exec: base.exec,
    async transaction(work) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await work(asQueryable(client));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    checkpoint: async () => undefined,
    poolStats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
    close: () => pool.end(),
  };
}

export function hidePassword(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'postgres://(unparsable url)';
  }
}
