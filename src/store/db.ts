// One database interface over both engines: embedded PGlite (a data directory, no server)
// and a PostgreSQL server named by DATABASE_URL. Queries are plain SQL with $n parameters,
// the same text for both engines.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { PGlite, types as pgliteTypes } from '@electric-sql/pglite';
import pg from 'pg';
import { SessionGate, SOCKET_PORT, shareOverSocket, sharedSocketDir, socketPathFor } from './local-socket.ts';

export type Engine = 'embedded' | 'server';

/** How a statement is sent. */
export interface QueryOptions {
  /**
   * Server engine: as a named prepared statement, parsed and planned once per connection (the
   * server may then keep one generic plan). For the few statements sent once per article or
   * batch, whose planning cost more than their run (src/pipeline's steps); not for SQL built
   * per request. The embedded engine ignores it.
   */
  prepare?: boolean;
}

export interface Queryable {
  query<R = Record<string, unknown>>(sql: string, params?: unknown[], options?: QueryOptions): Promise<R[]>;
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
  /**
   * Embedded engine only: lets local processes (the CLI) use this database over a Unix socket in
   * the data directory while this process owns it. Resolves to the function that stops sharing.
   */
  shareLocally?(): Promise<() => Promise<void>>;
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
  // Another process serves this directory and shares it: work through its socket.
  const sharedDir = inMemory ? null : sharedSocketDir(dataDir, isRunning);
  if (sharedDir) return openShared(dataDir, sharedDir);
  if (!inMemory) mkdirSync(dataDir, { recursive: true });
  const releaseLock = inMemory ? () => undefined : lockDataDir(dataDir);
  // A socket file left by a serving process that died would send other commands to nobody.
  if (!inMemory) rmSync(socketPathFor(dataDir), { force: true });
  const pglite = await PGlite.create(inMemory ? undefined : dataDir, {
    parsers: { [pgliteTypes.INT8]: toNumber },
    relaxedDurability: false,
  });
  const asQueryable = (target: { query: (sql: string, params?: unknown[]) => Promise<{ rows: unknown[] }>; exec: (sql: string) => Promise<unknown> }): Queryable => ({
    async query<R>(sql: string, params: unknown[] = []) {
      return (await target.query(sql, params)).rows as R[];
    },
    async exec(sql: string) {
      await target.exec(sql);
    },
  });
  const raw = asQueryable(pglite as never);
  // Socket clients hold the gate for a whole exchange; the owner's statements wait their turn.
  const gate = new SessionGate();
  let stopSharing: (() => Promise<void>) | null = null;
  return {
    engine: 'embedded',
    location: inMemory ? 'memory' : dataDir,
    query: (sql, params) => gate.run(() => raw.query(sql, params)),
    exec: (sql) => gate.run(() => raw.exec(sql)),
    transaction: (work) => gate.run(() => pglite.transaction((tx) => work(asQueryable(tx as never)))),
    shareLocally: async () => {
      if (inMemory) throw new Error('an in-memory database cannot be shared with other processes');
      stopSharing ??= await shareOverSocket(pglite, gate, dataDir);
      return async () => {
        await stopSharing?.();
        stopSharing = null;
      };
    },
    checkpoint: async () => {
      await pglite.exec('CHECKPOINT');
    },
    poolStats: () => ({ total: 1, idle: 0, waiting: 0 }),
    close: async () => {
      if (pglite.closed) return;
      await stopSharing?.();
      await gate.run(() => pglite.exec('CHECKPOINT')).catch(() => undefined);
      await pglite.close();
      releaseLock();
    },
  };
}

/** The embedded database another process owns, through the socket it shares (one connection). */
async function openShared(dataDir: string, socketDir: string): Promise<Db> {
  // No named prepared statements through the running server's socket: it serves every client on
  // its one embedded session, where another process's statement of the same name already exists.
  const db = await openServer({ host: socketDir, port: SOCKET_PORT, user: 'postgres', database: 'postgres' }, 1, false);
  return { ...db, engine: 'embedded', location: `${dataDir} (shared by the running server)`, checkpoint: () => db.exec('CHECKPOINT') };
}

async function openServer(target: string | pg.PoolConfig, poolSize: number, prepare = true): Promise<Db> {
  const databaseUrl = typeof target === 'string' ? target : '';
  const pool = new pg.Pool({
    // JIT off for the server's sessions (an `options` in DATABASE_URL still wins): our statements are
    // short, and a row estimate far off (a search's month walk estimated at 1M cost) made the server
    // compile one for 850 ms to run it in 60 ms (EXPLAIN ANALYZE at 1M, bench/search).
    ...(typeof target === 'string' ? { connectionString: target, options: '-c jit=off' } : target),
    max: poolSize,
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') => (oid === 20 ? toNumber : pg.types.getTypeParser(oid, format))) as typeof pg.types.getTypeParser,
    },
  });
  // An idle connection the server ends (restart, admin command) is dropped and replaced by the
  // pool; without a listener that event would take the whole process down.
  pool.on('error', (error) => {
    process.emitWarning(`PostgreSQL closed an idle connection: ${error.message}`, 'DatelineDbWarning');
  });
  // Fail fast with the server's own message when it is unreachable.
  const probe = await pool.connect();
  probe.release();
  const asQueryable = (target: pg.Pool | pg.PoolClient): Queryable => ({
    async query<R>(sql: string, params: unknown[] = [], options?: QueryOptions) {
      if (options?.prepare && prepare) return (await target.query({ name: statementName(sql), text: sql, values: params })).rows as R[];
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

/** A prepared statement's name: its text's hash (node-postgres prepares a name once per connection). */
const statementNames = new Map<string, string>();
function statementName(sql: string): string {
  let name = statementNames.get(sql);
  if (!name) {
    name = `dl_${createHash('sha1').update(sql).digest('hex').slice(0, 20)}`;
    statementNames.set(sql, name);
  }
  return name;
}

const LOCK_FILE = 'dateline.pid';

/**
 * One process owns an embedded data directory (PGlite is single-user: a second process would
 * corrupt it). The owner's pid is kept in a lock file; a lock left by a process that no longer
 * runs is taken over.
 */
export function lockDataDir(dataDir: string): () => void {
  const path = join(dataDir, LOCK_FILE);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(path, String(process.pid), { flag: 'wx' });
      return () => rmSync(path, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = Number(readFileSync(path, 'utf8').trim());
      if (owner && owner !== process.pid && isRunning(owner)) {
        throw new Error(`the embedded database in ${dataDir} is in use by process ${owner}; one process owns it ` + '(stop that one, or use a PostgreSQL server through DATABASE_URL for several processes)');
      }
      rmSync(path, { force: true }); // stale, or our own from an earlier open in this process
    }
  }
  throw new Error(`cannot lock the embedded database in ${dataDir}`);
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
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
