// Dateline's settings: one documented table, read from the environment (and an optional
// JSON config file with the same names), validated at start. A wrong value stops the process
// with one line naming the setting and what it expected.

export interface Settings {
  /** Embedded database directory (DATELINE_DATA). */
  dataDir: string;
  /** PostgreSQL server URL (DATABASE_URL); when set, the embedded engine is not used. */
  databaseUrl: string | null;
  host: string;
  port: number;
  /** The reference "now" for ages and relative times, for reproducible demos (DATELINE_NOW). */
  now: Date | null;
  /** Largest page or file read, in bytes. */
  maxPageBytes: number;
}

export class SettingError extends Error {}

interface SettingSpec<K extends keyof Settings> {
  key: K;
  env: string;
  description: string;
  secret?: boolean;
  parse: (raw: string | undefined) => Settings[K];
}

function integer(env: string, fallback: number, min: number, max: number) {
  return (raw: string | undefined): number => {
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      throw new SettingError(`${env}=${JSON.stringify(raw)}: expected a whole number from ${min} to ${max}`);
    }
    return value;
  };
}

export const SETTINGS: SettingSpec<keyof Settings>[] = [
  { key: 'dataDir', env: 'DATELINE_DATA', description: 'embedded database directory', parse: (raw) => raw || './data' },
  {
    key: 'databaseUrl', env: 'DATABASE_URL', description: 'PostgreSQL server URL (postgres://…); empty for the embedded database', secret: true,
    parse: (raw) => {
      if (!raw) return null;
      if (!/^postgres(ql)?:\/\//.test(raw)) throw new SettingError(`DATABASE_URL: expected a postgres:// URL`);
      return raw;
    },
  },
  { key: 'host', env: 'DATELINE_HOST', description: 'address the server listens on', parse: (raw) => raw || '127.0.0.1' },
  { key: 'port', env: 'DATELINE_PORT', description: 'port the server listens on', parse: integer('DATELINE_PORT', 8080, 0, 65535) },
  {
    key: 'now', env: 'DATELINE_NOW', description: 'fixed reference time (ISO 8601) for ages; empty for the clock',
    parse: (raw) => {
      if (!raw) return null;
      const date = new Date(raw);
      if (Number.isNaN(date.getTime())) throw new SettingError(`DATELINE_NOW=${JSON.stringify(raw)}: expected an ISO 8601 date`);
      return date;
    },
  },
  {
    key: 'maxPageBytes', env: 'DATELINE_MAX_PAGE_BYTES', description: 'largest page or file read, in bytes',
    parse: integer('DATELINE_MAX_PAGE_BYTES', 10 * 1024 * 1024, 1024, 1024 * 1024 * 1024),
  },
];

export function loadSettings(env: Record<string, string | undefined> = process.env, overrides: Partial<Settings> = {}): Settings {
  const settings = {} as Record<string, unknown>;
  for (const spec of SETTINGS) settings[spec.key] = spec.parse(env[spec.env]);
  return { ...(settings as unknown as Settings), ...stripUndefined(overrides) };
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
