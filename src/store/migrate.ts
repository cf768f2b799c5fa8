// Versioned migrations: every `NNN_name.sql` in ./migrations, applied once each, in order,
// each in its own transaction. The same files serve both engines.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Db, Queryable } from './db.ts';

const migrationsDir = fileURLToPath(new URL('./migrations/', import.meta.url));
// An arbitrary constant: the advisory lock that keeps two processes from migrating at once.
const MIGRATION_LOCK = 74_151_001;

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export function listMigrations(): Migration[] {
  return readdirSync(migrationsDir)
    .filter((file) => /^\d{3}_[\w-]+\.sql$/.test(file))
    .sort()
    .map((file) => ({
      version: Number(file.slice(0, 3)),
      name: file.replace(/\.sql$/, ''),
      sql: readFileSync(migrationsDir + file, 'utf8'),
    }));
}

/** Applies the migrations not yet applied; returns the names of those it applied. */
export async function migrate(db: Db, upTo = Infinity): Promise<string[]> {
  await db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version integer PRIMARY KEY,
    name text NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now())`);
  const applied: string[] = [];
  await db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    const done = new Set((await tx.query<{ version: number }>('SELECT version FROM schema_migrations')).map((r) => r.version));
    for (const migration of listMigrations()) {
      if (done.has(migration.version) || migration.version > upTo) continue;
      try {
        await tx.exec(migration.sql);
      } catch (error) {
        throw new Error(`migration ${migration.name} failed: ${(error as Error).message}`);
      }
      await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [migration.version, migration.name]);
      applied.push(migration.name);
    }
  });
  return applied;
}

/** The versions applied and the latest one this code knows, for readiness checks. */
export async function migrationStatus(db: Queryable): Promise<{ current: number; latest: number }> {
  const latest = Math.max(0, ...listMigrations().map((m) => m.version));
  const rows = await db.query<{ v: number | null }>('SELECT max(version) AS v FROM schema_migrations').catch(() => [{ v: 0 }]);
  return { current: Number(rows[0]?.v ?? 0), latest };
}
