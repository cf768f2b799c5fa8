// What every request's parameters must be before any handler sees them, decided here once:
// ids and counts are whole numbers written in plain digits (Ajv's coercion alone would read
// "0x10", "1e2" and " 1" as 16, 100 and 1), numbers are finite, no text carries a NUL (PostgreSQL
// refuses it), a parameter given twice is refused unless the route declares a list, and dates
// and cursors name instants PostgreSQL can store. A failure is a 400 naming the parameter.
import type { FastifyInstance, FastifyRequest, RouteOptions } from 'fastify';
import { badRequest, HttpError } from './errors.ts';

/** Ids are bigint in the database; past 2^53 a JavaScript number no longer names one row. */
export const MAX_ID = Number.MAX_SAFE_INTEGER;

const quoted = (value: unknown) => {
  const text = typeof value === 'string' ? value : String(value);
  return JSON.stringify(text.length > 60 ? `${text.slice(0, 60)}…` : text);
};

const DIGITS = /^[0-9]{1,16}$/;

/** A record id from a path or form: digits only, 1..MAX_ID; else a 400 naming `name`. */
export function parseId(name: string, value: unknown): number {
  const text = typeof value === 'number' ? String(value) : value;
  if (typeof text !== 'string' || !DIGITS.test(text) || Number(text) < 1 || Number(text) > MAX_ID) {
    throw badRequest(`${name}: expected a record id (a whole number from 1 written in digits), got ${Array.isArray(value) ? 'it more than once' : quoted(value)}`);
  }
  return Number(text);
}

// PostgreSQL timestamps and JavaScript's toISOString agree on years 1..9999 only.
const MIN_TIME = Date.UTC(1, 0, 1);
const MAX_TIME = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

/** True when `date` is a real instant both PostgreSQL and ISO 8601 (four-digit years) can hold. */
export const storableDate = (date: Date) => !Number.isNaN(date.getTime()) && date.getTime() >= MIN_TIME && date.getTime() <= MAX_TIME;

/** An ISO 8601 date or date-time parameter within years 1..9999; else a 400 naming `name`. */
export function parseDateParam(name: string, value: unknown): Date {
  const text = typeof value === 'string' ? value.trim() : '';
  const date = /^\d{4}-\d{2}-\d{2}([T ][0-9:.]+(Z|[+-]\d{2}:?\d{2})?)?$/i.test(text) ? new Date(text) : new Date(NaN);
  if (!storableDate(date)) throw badRequest(`${name}: expected an ISO 8601 date between the years 1 and 9999 (2026-05-01 or 2026-05-01T12:00:00Z), got ${Array.isArray(value) ? 'it more than once' : quoted(value)}`);
  return date;
}

/** Where a NUL hides in `value` (a path like "body.url"), or null. Bounded: bodies are parsed JSON or forms. */
function findNul(value: unknown, path: string, depth = 0): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path : null;
  if (depth > 8 || value === null || typeof value !== 'object') return null;
  for (const [key, inner] of Object.entries(value as Record<string, unknown>)) {
    if (key.includes('\u0000')) return `${path} field name`;
    const found = findNul(inner, Array.isArray(value) ? `${path}[${key}]` : `${path}.${key}`, depth + 1);
    if (found) return found;
  }
  return null;
}

interface FieldRule {
  name: string;
  type: string | undefined;
  nullable: boolean;
}

/** The declared properties of a querystring or params schema, with their JSON type. */
function fieldRules(schema: unknown): FieldRule[] {
  const properties = (schema as { properties?: Record<string, { type?: unknown }> } | undefined)?.properties;
  if (!properties) return [];
  return Object.entries(properties).map(([name, prop]) => {
    const type = Array.isArray(prop?.type) ? prop.type.find((t) => t !== 'null') : prop?.type;
    return { name, type: typeof type === 'string' ? type : undefined, nullable: Array.isArray(prop?.type) && prop.type.includes('null') };
  });
}

/** Checks one raw value (before Ajv coerces it) against its declared type. */
function checkField(where: string, rule: FieldRule, value: unknown): void {
  if (value === undefined) return;
  const label = `${where === 'params' ? 'path parameter' : 'parameter'} ${rule.name}`;
  // A property declared without one type (anyOf of text or a list) takes repeats as its list.
  if (Array.isArray(value) && rule.type !== undefined && rule.type !== 'array') throw badRequest(`${label}: given more than once; give it once`);
  if (typeof value !== 'string') return;
  if (rule.type === 'integer' && !/^-?[0-9]{1,16}$/.test(value)) {
    throw badRequest(`${label}: expected a whole number written in digits, got ${quoted(value)}`);
  }
  if (rule.type === 'integer' && Math.abs(Number(value)) > MAX_ID) throw badRequest(`${label}: ${quoted(value)} is out of range`);
  if (rule.type === 'number' && (!/^-?[0-9]{1,16}(\.[0-9]{1,16})?$/.test(value) || !Number.isFinite(Number(value)))) {
    throw badRequest(`${label}: expected a finite number written in digits, got ${quoted(value)}`);
  }
  if (rule.type === 'boolean' && !/^(true|false|1|0)$/.test(value)) throw badRequest(`${label}: expected true or false, got ${quoted(value)}`);
}

const JSON_TYPES: Record<string, (value: unknown) => boolean> = {
  string: (v) => typeof v === 'string',
  integer: (v) => typeof v === 'number' && Number.isInteger(v),
  number: (v) => typeof v === 'number' && Number.isFinite(v),
  boolean: (v) => typeof v === 'boolean',
  array: Array.isArray,
  object: (v) => typeof v === 'object' && v !== null && !Array.isArray(v),
};

/** A JSON body field must already have its declared type (null only where the schema allows it). */
function checkJsonType(rule: FieldRule, value: unknown): void {
  const check = rule.type ? JSON_TYPES[rule.type] : undefined;
  if (value === undefined || (value === null && rule.nullable) || !check || check(value)) return;
  const expected = rule.type === 'string' ? 'text' : rule.type === 'integer' ? 'a whole number' : `a${rule.type === 'array' || rule.type === 'object' ? 'n' : ''} ${rule.type}`;
  throw badRequest(`body field ${rule.name}: expected ${expected}, got ${Array.isArray(value) ? 'a list' : typeof value === 'object' ? 'an object' : JSON.stringify(value)}`);
}

/** The hook every route runs before schema validation: NULs anywhere, and the declared fields' spelling. */
function preValidator(routeOptions: RouteOptions) {
  const schema = routeOptions.schema as { params?: unknown; querystring?: unknown; body?: unknown } | undefined;
  const paramRules = fieldRules(schema?.params);
  const queryRules = fieldRules(schema?.querystring);
  const bodyRules = fieldRules(schema?.body);
  return async (request: FastifyRequest) => {
    const nul = findNul(request.params, 'path') ?? findNul(request.query, 'query') ?? findNul(request.body, 'body');
    if (nul) throw badRequest(`${nul}: contains a NUL character`);
    const params = (request.params ?? {}) as Record<string, unknown>;
    const query = (request.query ?? {}) as Record<string, unknown>;
    // A path parameter named id always names a record, whatever the route declares. A page
    // address with a malformed id names no page (404); on the API it is a bad parameter (400).
    if (params.id !== undefined) {
      try {
        parseId('path parameter id', params.id);
      } catch (error) {
        if (request.url.startsWith('/api/')) throw error;
        throw new HttpError(404, 'not_found', `no page at this address: ${(error as Error).message}`);
      }
    }
    for (const rule of paramRules) checkField('params', rule, params[rule.name]);
    for (const rule of queryRules) checkField('querystring', rule, query[rule.name]);
    // JSON says what type a value is; Ajv's coercion (meant for query strings) would turn
    // {"url": 123} into "123". Forms carry only text and are left to the schema.
    if (bodyRules.length && /json/i.test(String(request.headers['content-type'] ?? '')) && request.body && typeof request.body === 'object') {
      const body = request.body as Record<string, unknown>;
      for (const rule of bodyRules) checkJsonType(rule, body[rule.name]);
    }
  };
}

export interface RouteEntry {
  method: string;
  url: string;
  /** The route's declared request schemas (for the fuzz test and the docs). */
  schema: unknown;
}

const routeLists = new WeakMap<FastifyInstance, RouteEntry[]>();

/** Every route the server registered (HEAD twins left out), in order. */
export const registeredRoutes = (app: FastifyInstance): RouteEntry[] => routeLists.get(app) ?? [];

/** Registered by app.ts before any route: adds the checks above to every route's preValidation. */
export function registerValidation(app: FastifyInstance): void {
  const routes: RouteEntry[] = [];
  routeLists.set(app, routes);
  app.addHook('onRoute', (routeOptions) => {
    for (const method of [routeOptions.method].flat()) {
      // The schema is read when asked for: later onRoute hooks (responses.ts) still add to it.
      if (method !== 'HEAD')
        routes.push({
          method,
          url: routeOptions.url ?? routeOptions.path,
          get schema() {
            return routeOptions.schema;
          },
        });
    }
    const existing = routeOptions.preValidation;
    const hooks = existing === undefined ? [] : Array.isArray(existing) ? existing : [existing];
    routeOptions.preValidation = [preValidator(routeOptions), ...hooks] as RouteOptions['preValidation'];
  });
}
