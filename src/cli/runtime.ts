// What every command shares: settings from the environment and global flags, the store,
// and one-line errors.
import type { Command } from 'commander';
import { loadSettings, SettingError, type Settings } from '../config.ts';
import type { Db } from '../store/db.ts';

/** An error the user can act on: printed as one line, exit status 1 (or the given one). */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

export function settingsFrom(command: Command): Settings {
  const opts = command.optsWithGlobals() as { data?: string; databaseUrl?: string; port?: string; host?: string };
  const env = { ...process.env };
  if (opts.data) env.DATELINE_DATA = opts.data;
  if (opts.port !== undefined) env.DATELINE_PORT = String(opts.port);
  if (opts.host) env.DATELINE_HOST = opts.host;
  try {
    return loadSettings(env);
  } catch (error) {
    // A bad value the reader gave as an option is named as that option, not as its variable.
    const given = error instanceof SettingError && OPTION_OF.find(([variable, option]) => opts[option] !== undefined && error.message.startsWith(`${variable}=`));
    if (given) throw new CliError(`--${given[1]} ${error.message.slice(given[0].length + 1)}`, 2);
    throw error;
  }
}

const OPTION_OF = [
  ['DATELINE_DATA', 'data'],
  ['DATELINE_PORT', 'port'],
  ['DATELINE_HOST', 'host'],
] as const;

export async function withStore<T>(settings: Settings, work: (db: Db) => Promise<T>): Promise<T> {
  // Loaded here, not at start: `dateline --help`, `config` and input errors need no database driver.
  const [{ openStore }, { storedReferenceNow }] = await Promise.all([import('../store/index.ts'), import('../store/clock.ts')]);
  let db: Db;
  try {
    db = await openStore({ databaseUrl: settings.databaseUrl ?? undefined, dataDir: settings.dataDir });
  } catch (error) {
    const where = settings.databaseUrl ? 'the PostgreSQL server (DATABASE_URL)' : `the embedded database in ${settings.dataDir}`;
    throw new CliError(`cannot open ${where}: ${(error as Error).message}`);
  }
  try {
    // One clock: a database the demo set to its own time counts from it (DATELINE_NOW wins).
    settings.now ??= await storedReferenceNow(db);
    return await work(db);
  } finally {
    await db.close();
  }
}

export function parseTime(value: string, flag: string): Date {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) throw new CliError(`${flag} ${JSON.stringify(value)}: expected an ISO 8601 date such as 2025-08-12T09:00:00Z`);
  return date;
}
