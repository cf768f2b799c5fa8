// Both engines for the store's tests. The embedded half always runs (from a copy of a migrated
// template); the server half runs against DATELINE_TEST_DATABASE_URL (default: the local
// PostgreSQL), in a database of its own per test file. Without a reachable server it is
// skipped with a message, except under CI=true, where it must run.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openDb, type Db } from '../../src/store/db.ts';
import { migrate } from '../../src/store/migrate.ts';
import { copyMigratedTemplate } from './template.ts';

export const SERVER_URL = process.env.DATELINE_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

let serverReachable: Promise<boolean> | null = null;

export function isServerReachable(): Promise<boolean> {
  serverReachable ??= (async () => {
    const client = new pg.Client({ connectionString: SERVER_URL, connectionTimeoutMillis: 3000 });
    try {
      await client.connect();
      await client.end();
      return true;
    } catch (error) {
      if (process.env.CI === 'true') {
        throw new Error(`CI=true but the PostgreSQL server at ${SERVER_URL} is unreachable: ${(error as Error).message}`);
      }
      console.warn(`[dateline tests] skipping the server-PostgreSQL half: ${SERVER_URL} unreachable (${(error as Error).message}). ` + 'Set DATELINE_TEST_DATABASE_URL to run it.');
      return false;
    }
  })();
  return serverReachable;
}

/** A fresh embedded database, migrated, in a temporary directory. */
export async function openEmbeddedTestDb(): Promise<Db & { dataDir: string }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'dateline-test-'));
  copyMigratedTemplate(dataDir);
  const db = await openDb({ dataDir });
  await migrate(db);
  const close = db.close.bind(db);
  return Object.assign(db, {
    dataDir,
    close: async () => {
      await close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  });
}

/** A fresh, empty, migrated database on the server; dropped on close. */
export async function openServerTestDb(serverUrl: string = SERVER_URL): Promise<Db & { databaseUrl: string }> {
  const name = `dateline_t_${process.pid}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  // A copy of the run's migrated template (global-setup.ts) when there is one: copying it costs the
  // server about half of creating a database and applying every migration to it. `migrate` below
  // then finds nothing to do (and applies whatever the template lacks).
  const template = serverUrl === SERVER_URL ? process.env.DATELINE_TEST_SERVER_TEMPLATE : undefined;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(template ? `CREATE DATABASE ${name} TEMPLATE ${template}` : `CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = '/' + name;
  const databaseUrl = url.toString();
  const db = await openDb({ databaseUrl, poolSize: 5 });
  await migrate(db);
  const close = db.close.bind(db);
  return Object.assign(db, {
    databaseUrl,
    close: async () => {
      await close();
      const dropper = new pg.Client({ connectionString: serverUrl });
      await dropper.connect();
      await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await dropper.end();
    },
  });
}

export interface EngineCase {
  name: 'embedded' | 'server';
  open: () => Promise<Db>;
}

/**
 * The engines to run a suite against: use with `describe.each` after awaiting it at the top
 * level of a test file, e.g. `for (const engine of await testEngines()) describe(engine.name, ...)`.
 */
export async function testEngines(): Promise<EngineCase[]> {
  const cases: EngineCase[] = [{ name: 'embedded', open: openEmbeddedTestDb }];
  if (await isServerReachable()) cases.push({ name: 'server', open: openServerTestDb });
  return cases;
}
