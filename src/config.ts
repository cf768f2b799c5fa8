// Dateline's settings: one documented table, read from the environment (and an optional
// JSON config file with the same names), validated at start. A wrong value stops the process
// with one line naming the setting and what it expected.
import { readFileSync } from 'node:fs';

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
  /** Least severe log level written: trace, debug, info, warn, error, fatal. */
  logLevel: string;
  /** json, pretty (one readable line per record), or auto (pretty on a terminal). */
  logFormat: 'auto' | 'json' | 'pretty';
  /** Articles older than this many days are archived or deleted; 0 keeps everything. */
  retentionDays: number;
  retentionMode: 'archive' | 'delete';
  /** Stories seen within this many days count as active: retention leaves their articles alone. */
  retentionActiveStoryDays: number;
  /** Seconds between two retention runs of the worker. */
  retentionInterval: number;
  /** Addresses (or CIDR ranges, or "all") the fetcher may reach although private or loopback. */
  allowPrivateAddresses: string[];
  /** Bounds of a feed's adaptive poll interval, in seconds. */
  feedMinInterval: number;
  feedMaxInterval: number;
  /** Consecutive failures after which a feed is flagged. */
  feedFlagAfter: number;
  /** Seconds a worker holds a claimed feed before another may take it over. */
  feedLeaseSeconds: number;
  /** Feeds one worker polls at once, and requests at once to one host. */
  workerConcurrency: number;
  fetchPerHost: number;
  /** Whole-request time limit of the fetcher, in seconds. */
  fetchTimeout: number;
  /** Optional OpenAI-compatible model for written summaries and answers (DATELINE_LLM_URL / _MODEL). */
  llmUrl: string | null;
  llmModel: string | null;
  llmApiKey: string | null;
  /** Time limit of one model call, in milliseconds; past it the extractive answer is used. */
  llmTimeoutMs: number;
  /** Session cookies Secure: 'auto' when the request came over https (or a proxy says so). */
  cookieSecure: 'auto' | 'always' | 'never';
  /** Trust the proxy's X-Forwarded-For for client addresses (rate limits). */
  trustProxy: boolean;
  /** Days a reader stays signed in without visiting. */
  sessionDays: number;
  /** 'open': anyone may sign up; 'closed': accounts only from `dateline users create`. */
  signups: 'open' | 'closed';
  /** Newsletters in: the SMTP receiver's port (0: off), listen address, the users' mail domain, largest message. */
  smtpInPort: number;
  smtpInHost: string;
  emailDomain: string | null;
  emailMaxBytes: number;
  /** Digests out: the SMTP server to send through (smtp://…; empty: no digests), the From address, the site's public URL for links. */
  smtpOutUrl: string | null;
  mailFrom: string;
  publicUrl: string | null;
  /** A token that opens /metrics to other machines (Bearer); without it only loopback may read it. */
  metricsToken?: string | null;
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
    key: 'databaseUrl',
    env: 'DATABASE_URL',
    description: 'PostgreSQL server URL (postgres://…); empty for the embedded database',
    secret: true,
    parse: (raw) => {
      if (!raw) return null;
      if (!/^postgres(ql)?:\/\//.test(raw)) throw new SettingError(`DATABASE_URL: expected a postgres:// URL`);
      return raw;
    },
  },
  { key: 'host', env: 'DATELINE_HOST', description: 'address the server listens on', parse: (raw) => raw || '127.0.0.1' },
  { key: 'port', env: 'DATELINE_PORT', description: 'port the server listens on', parse: integer('DATELINE_PORT', 8080, 0, 65535) },
  {
    key: 'now',
    env: 'DATELINE_NOW',
    description: 'fixed reference time (ISO 8601) for ages; empty for the clock',
    parse: (raw) => {
      if (!raw) return null;
      const date = new Date(raw);
      if (Number.isNaN(date.getTime())) throw new SettingError(`DATELINE_NOW=${JSON.stringify(raw)}: expected an ISO 8601 date`);
      return date;
    },
  },
  {
    key: 'maxPageBytes',
    env: 'DATELINE_MAX_PAGE_BYTES',
    description: 'largest page or file read, in bytes',
    parse: integer('DATELINE_MAX_PAGE_BYTES', 10 * 1024 * 1024, 1024, 1024 * 1024 * 1024),
  },
  {
    key: 'allowPrivateAddresses',
    env: 'DATELINE_ALLOW_PRIVATE_ADDRESSES',
    description: 'private/loopback addresses or CIDR ranges the fetcher may reach (comma-separated, or "all"); empty refuses them all',
    parse: (raw) =>
      (raw ?? '')
        .split(',')
        .map((part) => part.trim())
        .filter(Boolean),
  },
  { key: 'feedMinInterval', env: 'DATELINE_FEED_MIN_INTERVAL', description: 'shortest feed poll interval, seconds', parse: integer('DATELINE_FEED_MIN_INTERVAL', 300, 1, 7 * 86400) },
  { key: 'feedMaxInterval', env: 'DATELINE_FEED_MAX_INTERVAL', description: 'longest feed poll interval, seconds', parse: integer('DATELINE_FEED_MAX_INTERVAL', 86400, 1, 30 * 86400) },
  { key: 'feedFlagAfter', env: 'DATELINE_FEED_FLAG_AFTER', description: 'consecutive failures after which a feed is flagged', parse: integer('DATELINE_FEED_FLAG_AFTER', 10, 1, 1000) },
  { key: 'feedLeaseSeconds', env: 'DATELINE_FEED_LEASE', description: 'seconds a worker holds a claimed feed before another may take it over', parse: integer('DATELINE_FEED_LEASE', 120, 1, 3600) },
  { key: 'workerConcurrency', env: 'DATELINE_WORKER_CONCURRENCY', description: 'feeds one worker polls at once', parse: integer('DATELINE_WORKER_CONCURRENCY', 8, 1, 256) },
  { key: 'fetchPerHost', env: 'DATELINE_FETCH_PER_HOST', description: 'requests at once to one host, per process', parse: integer('DATELINE_FETCH_PER_HOST', 2, 1, 64) },
  { key: 'fetchTimeout', env: 'DATELINE_FETCH_TIMEOUT', description: 'whole-request time limit of the fetcher, seconds', parse: integer('DATELINE_FETCH_TIMEOUT', 30, 1, 600) },
];

/**
 * The effective settings: environment variables, over the JSON config file named by
 * DATELINE_CONFIG (same names, e.g. {"DATELINE_PORT": 8081}), over the defaults.
 */
function oneOf(env: string, fallback: string, allowed: string[]) {
  return (raw: string | undefined): string => {
    if (raw === undefined || raw === '') return fallback;
    if (!allowed.includes(raw)) throw new SettingError(`${env}=${JSON.stringify(raw)}: expected one of ${allowed.join(', ')}`);
    return raw;
  };
}

SETTINGS.push(
  { key: 'retentionDays', env: 'DATELINE_RETENTION_DAYS', description: 'archive or delete articles older than this many days; 0 keeps everything', parse: integer('DATELINE_RETENTION_DAYS', 0, 0, 36500) },
  {
    key: 'retentionMode',
    env: 'DATELINE_RETENTION_MODE',
    description: 'archive (keep text, drop HTML) or delete',
    parse: oneOf('DATELINE_RETENTION_MODE', 'archive', ['archive', 'delete']) as (raw: string | undefined) => 'archive' | 'delete',
  },
  { key: 'retentionActiveStoryDays', env: 'DATELINE_RETENTION_ACTIVE_STORY_DAYS', description: 'stories seen within this many days keep all their articles', parse: integer('DATELINE_RETENTION_ACTIVE_STORY_DAYS', 7, 0, 3650) },
  { key: 'retentionInterval', env: 'DATELINE_RETENTION_INTERVAL', description: 'seconds between retention runs in the worker', parse: integer('DATELINE_RETENTION_INTERVAL', 3600, 10, 7 * 86400) },
);
SETTINGS.push({
  key: 'logFormat',
  env: 'DATELINE_LOG_FORMAT',
  description: 'json, pretty, or auto (pretty on a terminal)',
  parse: oneOf('DATELINE_LOG_FORMAT', 'auto', ['auto', 'json', 'pretty']) as (raw: string | undefined) => 'auto' | 'json' | 'pretty',
});
SETTINGS.push({
  key: 'logLevel',
  env: 'DATELINE_LOG_LEVEL',
  description: 'least severe log level written',
  parse: oneOf('DATELINE_LOG_LEVEL', 'info', ['trace', 'debug', 'info', 'warn', 'error', 'fatal']),
});

SETTINGS.push(
  {
    key: 'llmUrl',
    env: 'DATELINE_LLM_URL',
    description: 'OpenAI-compatible endpoint for written summaries and answers (http://…); empty: extractive only',
    parse: (raw) => {
      if (!raw) return null;
      if (!/^https?:\/\//.test(raw)) throw new SettingError('DATELINE_LLM_URL: expected an http:// or https:// URL');
      return raw;
    },
  },
  { key: 'llmModel', env: 'DATELINE_LLM_MODEL', description: 'model name sent to DATELINE_LLM_URL', parse: (raw) => raw || null },
  { key: 'llmApiKey', env: 'DATELINE_LLM_API_KEY', description: 'bearer token for DATELINE_LLM_URL, if it needs one', secret: true, parse: (raw) => raw || null },
  { key: 'llmTimeoutMs', env: 'DATELINE_LLM_TIMEOUT_MS', description: 'time limit of one model call, ms', parse: integer('DATELINE_LLM_TIMEOUT_MS', 20_000, 100, 600_000) },
);

export function loadSettings(env: Record<string, string | undefined> = process.env, overrides: Partial<Settings> = {}): Settings {
  const merged = { ...readConfigFile(env.DATELINE_CONFIG), ...definedOnly(env) };
  const settings = {} as Record<string, unknown>;
  for (const spec of SETTINGS) settings[spec.key] = spec.parse(merged[spec.env]);
  return { ...(settings as unknown as Settings), ...stripUndefined(overrides) };
}

function definedOnly(env: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => e[1] !== undefined));
}

function readConfigFile(path: string | undefined): Record<string, string> {
  if (!path) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new SettingError(`DATELINE_CONFIG=${path}: cannot read it as JSON (${(error as Error).message})`);
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new SettingError(`DATELINE_CONFIG=${path}: expected a JSON object of setting names to values`);
  }
  const known = new Set(SETTINGS.map((s) => s.env));
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(parsed)) {
    if (!known.has(name)) throw new SettingError(`${name} in ${path}: not a Dateline setting (see \`dateline config\`)`);
    if (value !== null && typeof value === 'object') throw new SettingError(`${name} in ${path}: expected a string, number or boolean`);
    out[name] = value === null ? '' : String(value);
  }
  return out;
}

/** Every setting with its effective value, secrets masked: what `dateline config` prints. */
export function describeSettings(settings: Settings): { name: string; value: string; description: string }[] {
  return SETTINGS.map((spec) => {
    const value = settings[spec.key];
    let shown = value === null || value === undefined ? '' : value instanceof Date ? value.toISOString() : String(value);
    if (spec.secret && shown) shown = maskSecret(shown);
    return { name: spec.env, value: shown, description: spec.description };
  });
}

function maskSecret(value: string): string {
  try {
    const url = new URL(value);
    if (url.password) url.password = '***';
    return url.username || url.host ? url.toString() : '***';
  } catch {
    return '***';
  }
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

SETTINGS.push(
  {
    key: 'cookieSecure',
    env: 'DATELINE_COOKIE_SECURE',
    description: 'mark session cookies Secure: auto (when the request came over https, directly or per X-Forwarded-Proto), always, or never',
    parse: oneOf('DATELINE_COOKIE_SECURE', 'auto', ['auto', 'always', 'never']) as (raw: string | undefined) => 'auto' | 'always' | 'never',
  },
  {
    key: 'trustProxy',
    env: 'DATELINE_TRUST_PROXY',
    description: 'true behind a reverse proxy: client addresses (for rate limits) come from its X-Forwarded-For',
    parse: (raw) => oneOf('DATELINE_TRUST_PROXY', 'false', ['true', 'false'])(raw) === 'true',
  },
  { key: 'sessionDays', env: 'DATELINE_SESSION_DAYS', description: 'days a reader stays signed in without visiting', parse: integer('DATELINE_SESSION_DAYS', 30, 1, 365) },
  {
    key: 'signups',
    env: 'DATELINE_SIGNUPS',
    description: 'open (anyone may create an account) or closed (accounts only from `dateline users create`)',
    parse: oneOf('DATELINE_SIGNUPS', 'open', ['open', 'closed']) as (raw: string | undefined) => 'open' | 'closed',
  },
  {
    key: 'metricsToken',
    env: 'DATELINE_METRICS_TOKEN',
    secret: true,
    description: 'token a scraper sends as "Authorization: Bearer <token>" to read /metrics from another machine; without it /metrics answers loopback only',
    parse: (raw) => {
      if (!raw) return null;
      if (raw.length < 16) throw new SettingError('DATELINE_METRICS_TOKEN: use at least 16 characters');
      return raw;
    },
  },
);

SETTINGS.push(
  { key: 'smtpInPort', env: 'DATELINE_SMTP_PORT', description: 'port of the SMTP receiver that turns newsletters into articles; 0 keeps it off', parse: integer('DATELINE_SMTP_PORT', 0, 0, 65535) },
  { key: 'smtpInHost', env: 'DATELINE_SMTP_HOST', description: 'address the SMTP receiver listens on', parse: (raw) => raw || '127.0.0.1' },
  { key: 'emailDomain', env: 'DATELINE_EMAIL_DOMAIN', description: "mail domain of the readers' newsletter addresses (token@domain); empty accepts any domain", parse: (raw) => (raw ? raw.toLowerCase() : null) },
  { key: 'emailMaxBytes', env: 'DATELINE_EMAIL_MAX_BYTES', description: 'largest newsletter message accepted, bytes', parse: integer('DATELINE_EMAIL_MAX_BYTES', 5 * 1024 * 1024, 1024, 100 * 1024 * 1024) },
  {
    key: 'smtpOutUrl',
    env: 'DATELINE_SMTP_URL',
    description: 'SMTP server digests are sent through (smtp://user:pass@host:port or smtps://…); empty: no digests',
    secret: true,
    parse: (raw) => {
      if (!raw) return null;
      if (!/^smtps?:\/\//.test(raw)) throw new SettingError('DATELINE_SMTP_URL: expected an smtp:// or smtps:// URL');
      return raw;
    },
  },
  { key: 'mailFrom', env: 'DATELINE_MAIL_FROM', description: 'From address of digests', parse: (raw) => raw || 'Dateline <dateline@localhost>' },
  {
    key: 'publicUrl',
    env: 'DATELINE_PUBLIC_URL',
    description: 'the address readers reach this site at (https://news.example.org), for links in emails; empty: http://host:port',
    parse: (raw) => {
      if (!raw) return null;
      if (!/^https?:\/\//.test(raw)) throw new SettingError('DATELINE_PUBLIC_URL: expected an http:// or https:// URL');
      return raw.replace(/\/+$/, '');
    },
  },
);
