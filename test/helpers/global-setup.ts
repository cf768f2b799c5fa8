// Builds, once per run, an embedded database with every migration applied; test files copy
// it instead of creating their own (creating one costs seconds and ~800 MB, copying it little).
// Likewise on the PostgreSQL server when it is reachable: a migrated template database that each
// server test database is created from (test/helpers/db.ts openServerTestDb).
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { openDb } from '../../src/store/db.ts';
import { migrate, listMigrations } from '../../src/store/migrate.ts';
import { compiledCli } from '../../bin/compiled-cli.js';
import pg from 'pg';
import { isServerReachable, SERVER_URL } from './db.ts';

export const TEMPLATE_ROOT = join(process.cwd(), '.tmp', 'pglite-template');

/** Templates of other migration sets not used for a day are gone for good: remove them. */
function pruneStaleTemplates(keep: string): void {
  if (!existsSync(TEMPLATE_ROOT)) return;
  const dayAgo = Date.now() - 86_400_000;
  for (const name of readdirSync(TEMPLATE_ROOT)) {
    const path = join(TEMPLATE_ROOT, name);
    if (name !== keep && statSync(path).mtimeMs < dayAgo) rmSync(path, { recursive: true, force: true });
  }
}

/**
 * The server's migrated template for this migration set (`key`), built if missing: under another
 * name first, renamed when done, so a database of that name is always a whole one. Left in place for
 * later runs (a few MB each); other worktrees' runs may be copying theirs, so none is dropped here.
 */
async function serverTemplate(key: string): Promise<string | undefined> {
  if (!(await isServerReachable())) return undefined;
  const name = `dateline_template_${key}`;
  const admin = new pg.Client({ connectionString: SERVER_URL });
  await admin.connect();
  try {
    if ((await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount) return name;
    const building = `${name}_b${process.pid}`;
    await admin.query(`CREATE DATABASE ${building}`);
    const url = new URL(SERVER_URL);
    url.pathname = `/${building}`;
    const db = await openDb({ databaseUrl: url.toString(), poolSize: 1 });
    try {
      await migrate(db);
    } finally {
      await db.close();
    }
    try {
      await admin.query(`ALTER DATABASE ${building} RENAME TO ${name}`);
    } catch {
      await admin.query(`DROP DATABASE IF EXISTS ${building} WITH (FORCE)`); // another run got there first
    }
    return name;
  } finally {
    await admin.end();
  }
}

export default async function setup(): Promise<void> {
  // The `dateline` processes tests start run the CLI compiled from the current sources: compiled once
  // here, so a compile error fails the run instead of each start falling back to tsx unseen.
  await compiledCli();
  const key = createHash('sha256')
    .update(
      listMigrations()
        .map((m) => m.name + m.sql)
        .join('\n'),
    )
    .digest('hex')
    .slice(0, 16);
  const dir = join(TEMPLATE_ROOT, key);
  process.env.DATELINE_TEST_TEMPLATE = dir;
  pruneStaleTemplates(key);
  const server = await serverTemplate(key);
  if (server) process.env.DATELINE_TEST_SERVER_TEMPLATE = server;
  if (existsSync(join(dir, 'READY'))) return;
  // Several runs may build at once (and older keys may still be read): build aside, then rename.
  const building = `${dir}.building-${process.pid}`;
  mkdirSync(building, { recursive: true });
  const db = await openDb({ dataDir: building });
  await migrate(db);
  await db.close();
  writeFileSync(join(building, 'READY'), key);
  try {
    renameSync(building, dir);
  } catch {
    rmSync(building, { recursive: true, force: true }); // another run got there first
  }
}
