// A bounded, seeded fuzz of every route the server registers (the /api/v1 operations of
// openapi.json, the reader's pages and forms, the Fever and Google Reader APIs, feeds out):
// malformed ids, forged cursors, NULs, huge and non-finite numbers, far dates, repeated
// parameters, wrong JSON types and hostile form fields, sent anonymously, with a reader's session
// and with an admin's API token. It fails on any 5xx and on any stack trace or SQL in a body.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { testEngines } from '../helpers/db.ts';
import type { Db } from '../../src/store/db.ts';
import { listeningServer } from '../helpers/server.ts';
import { createUser } from '../../src/store/users.ts';
import { createApiToken } from '../../src/store/api-tokens.ts';
import { addFeed } from '../../src/store/feeds.ts';
import { saveArticle } from '../../src/store/articles.ts';
import { addComment } from '../../src/store/comments.ts';
import { registeredRoutes } from '../../src/server/validation.ts';
import { article } from '../search/fixtures.ts';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { Visitor } from '../web/client.ts';
import { seededRandom } from '../../src/text/random.ts';

// A small seeded generator, so a failure names a seed that replays it.
function generator(seed: number) {
  const next = seededRandom(seed);
  return { next, pick: <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]! };
}

// A lone surrogate cannot be percent-encoded as UTF-8: send the bytes of one, which is no UTF-8 at all.
const encodeSegment = (text: string) => {
  try {
    return encodeURIComponent(text);
  } catch {
    return '%ED%A0%80';
  }
};

const cursor = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

const HOSTILE_TEXT = [
  '99999999999999999999',
  '9223372036854775808',
  '0x10',
  '1e2',
  ' 1',
  '1 ',
  '+1',
  '-1',
  '0',
  '1.5',
  '1e999',
  '-1e999',
  'Infinity',
  'NaN',
  '\u0000',
  'a\u0000b',
  '',
  ' ',
  'a'.repeat(3000),
  '__proto__',
  'constructor',
  'toString',
  'hasOwnProperty',
  "'; DROP TABLE articles; --",
  '" OR 1=1 --',
  '10000-01-01',
  '+275760-09-13T00:00:00Z',
  '0000-00-00',
  '2025-13-45',
  '-000001-01-01',
  '1',
  '2',
  '3',
  '2025-08-01',
  '2025-08-01T10:00:00Z',
  'world',
  'News',
  'http://127.0.0.1:9/world.xml',
  'http://user:secret@127.0.0.1:1/feed?token=abc',
  '/\t/evil.example',
  '/\\evil.example',
  '//evil.example',
  '/ok\r\nSet-Cookie: x=1',
  '\ud800',
  '%',
  '%%',
  '%zz',
  '<script>alert(1)</script>',
  '{}',
  '[]',
  'null',
  'true',
  'false',
  cursor({ id: 1.5 }),
  cursor({ id: 1, at: '10000-01-01T00:00:00Z' }),
  cursor({ id: 1, at: 'yesterday' }),
  cursor({ id: '1' }),
  cursor({ id: 1e20, at: null }),
  cursor({ id: -1, at: null }),
  cursor({ at: '2025-01-01T00:00:00Z', id: 2 }),
  cursor({ id: 1, t: 'never', score: 'x' }),
  cursor([1, 2]),
  cursor(null),
  cursor({ id: 1, rank: Number.POSITIVE_INFINITY }),
  'bm90IGpzb24',
  '!!!',
  'tag:google.com,2005:reader/item/ffffffffffffffff',
  'tag:google.com,2005:reader/item/0000000000000001',
  'feed/1',
  'feed/99999999999999999999',
  'user/-/label/News',
  'user/-/state/com.google/starred',
  'user/-/state/com.google/read',
  'user/-/label/\u0000',
] as const;

const JSON_VALUES: unknown[] = [
  123,
  -1,
  1.5,
  1e308,
  null,
  true,
  [],
  {},
  [1, 2],
  { a: 1 },
  '',
  'x',
  'a\u0000b',
  '99999999999999999999',
  'http://127.0.0.1:9/x.xml',
  'http://user:pw@127.0.0.1:1/?token=z',
  'a'.repeat(3000),
  '10000-01-01T00:00:00Z',
  ['a', 'b'],
];

const QUERY_NAMES = [
  'id',
  'q',
  'cursor',
  'limit',
  'offset',
  'since',
  'until',
  'source',
  'next',
  'kind',
  'sort',
  'lang',
  'from',
  'to',
  'page',
  'format',
  'n',
  'c',
  's',
  'ot',
  'nt',
  'xt',
  'it',
  'r',
  'i',
  'a',
  'output',
  'ck',
  'T',
  'api',
  'items',
  'with_ids',
  'since_id',
  'max_id',
  'group_ids',
  'feed_ids',
  'mark',
  'as',
  'before',
  'saved',
  'changed',
  'story',
  'entity',
  'article',
  'watch',
  'name',
  'url',
  'category',
];

const BODY_NAMES = [
  'url',
  'category',
  'name',
  'query',
  'q',
  'password',
  'username',
  'next',
  'role',
  'body',
  'text',
  'reason',
  'starred',
  'api_key',
  'Email',
  'Passwd',
  'T',
  'i',
  'a',
  'r',
  's',
  't',
  'ac',
  'ts',
  'mark',
  'as',
  'id',
  'before',
  'title',
  'parentId',
  'story',
  'article',
];

// What a body must never show: a stack frame, a source path, or a database error.
const LEAKS = [
  /\n\s+at \S.*:\d+:\d+/,
  /\.ts:\d+:\d+/,
  /node_modules\//,
  /column "[^"]*" does not exist|relation "[^"]*" does not exist|violates [a-z ]*constraint|duplicate key value/i,
  /invalid input syntax for|out of range for type|syntax error at or near|invalid byte sequence|time zone displacement out of range/i,
  /is not a function|Cannot read propert|undefined is not/,
];

interface Identity {
  name: string;
  headers: Record<string, string>;
  csrf: string | null;
}

const REQUESTS_PER_ROUTE = 30;
const SEED = Number(process.env.DATELINE_FUZZ_SEED ?? 2315);

for (const engine of await testEngines()) {
  describe(`fuzz of every route (${engine.name})`, () => {
    let db: Db;
    let app: FastifyInstance;
    let base: string;
    const identities: Identity[] = [];

    beforeAll(async () => {
      db = await engine.open();
      const fast = { N: 1024, r: 8, p: 1 };
      const admin = await createUser(db, { username: 'fuzz.admin', password: 'a long admin password', role: 'admin' }, fast);
      await createUser(db, { username: 'fuzz.reader', password: 'a long reader password', role: 'reader' }, fast);
      const feed = (await addFeed(db, { url: 'http://fz:secret@127.0.0.1:9/world.xml?token=t0ken', title: 'World desk', category: 'News' })).feed.id;
      for (const [i, title] of ['Harbour tolls rise', 'Ferry strike ends', 'Bank holds rates'].entries()) {
        const { id } = await saveArticle(db, article({ title, text: `${title}. More text follows.`, publishedAt: new Date(`2025-08-0${i + 1}T10:00:00Z`), url: `http://127.0.0.1:9/a${i}` }), null);
        await db.query('INSERT INTO feed_entries (feed_id, guid, article_id, url, title, entry_hash, published_at) VALUES ($1, $2, $3, $4, $5, $6, $7)', [
          feed,
          `g${i}`,
          id,
          `http://127.0.0.1:9/a${i}`,
          title,
          `h${i}`,
          new Date(`2025-08-0${i + 1}T10:00:00Z`),
        ]);
      }
      // A story, an entity and a comment, so their routes answer with content to check.
      const [story] = await db.query<{ id: number }>(
        `INSERT INTO stories (headline, headline_article_id, first_seen_at, last_seen_at, article_count, source_count)
         VALUES ('Harbour and ferry', 1, '2025-08-01T10:00:00Z', '2025-08-02T10:00:00Z', 2, 1) RETURNING id`,
      );
      for (const id of [1, 2]) await db.query('INSERT INTO story_articles (story_id, article_id) VALUES ($1, $2)', [story!.id, id]);
      const [place] = await db.query<{ id: number }>(`INSERT INTO entities (kind, key, name, article_count, mention_count) VALUES ('place', 'place:harbour', 'Harbour', 1, 1) RETURNING id`);
      await db.query(`INSERT INTO mentions (entity_id, article_id, start_offset, end_offset, text) VALUES ($1, 1, 0, 7, 'Harbour')`, [place!.id]);
      await addComment(db, { userId: admin.id, target: { articleId: 1 }, body: 'A first *comment*.' });
      await addComment(db, { userId: admin.id, target: { storyId: story!.id }, body: 'On the story.' });
      const token = (await createApiToken(db, admin.id, { name: 'fuzz' })).token;
      // A short fetch time limit: a subscription the fuzz asks for must not wait on the network.
      ({ app, base } = await listeningServer(db, { DATELINE_NOW: '2025-08-04T00:00:00Z', DATELINE_FETCH_TIMEOUT: '1' }));
      const reader = new Visitor(base);
      const login = await reader.request('/login', { form: { username: 'fuzz.reader', password: 'a long reader password', _csrf: await reader.csrfFrom('/login') } });
      expect(login.status).toBe(303);
      const session = JSON.parse((await reader.request('/api/v1/session', { headers: { accept: 'application/json' } })).text);
      identities.push(
        { name: 'anonymous', headers: {}, csrf: null },
        { name: 'reader session', headers: { cookie: reader.cookieHeader(), 'x-csrf-token': session.csrfToken }, csrf: session.csrfToken },
        { name: 'admin token', headers: { authorization: `Bearer ${token}` }, csrf: null },
      );
    }, 60_000);
    afterAll(async () => {
      await app?.close();
      await db?.close();
    });

    it('answers every malformed request with a 4xx or a page, never a 5xx, a stack trace or SQL', async () => {
      const random = generator(SEED);
      const doc = JSON.parse(await (await fetch(`${base}/api/v1/openapi.json`)).text()) as { paths: Record<string, Record<string, { parameters?: { name: string }[] }>> };
      // The document's operations must all be registered routes: the fuzz covers both.
      const routes = registeredRoutes(app).filter((r) => !r.url.includes('*'));
      for (const [path, methods] of Object.entries(doc.paths)) {
        for (const method of Object.keys(methods)) {
          expect(
            routes.some((r) => r.method === method.toUpperCase() && r.url.replace(/:(\w+)/g, '{$1}') === path),
            `${method} ${path}`,
          ).toBe(true);
        }
      }
      const failures: string[] = [];
      // Every /api/v1 answer of 2xx must match the response schema the document shows for it.
      const ajv = new Ajv({ strict: false, allErrors: false });
      (addFormats as unknown as (a: Ajv) => void)(ajv);
      const responseSchemas = new Map(routes.map((r) => [`${r.method} ${r.url}`, (r.schema as { response?: Record<string, object> } | undefined)?.response]));
      let checked = 0;
      const checkAnswer = (route: { method: string; url: string; schema?: unknown }, status: number, type: string, text: string): string | null => {
        if (!route.url.startsWith('/api/v1/') || (route as { schema?: { hide?: boolean } }).schema?.hide || status < 200 || status > 299 || !type.includes('json')) return null;
        const schema = responseSchemas.get(`${route.method} ${route.url}`)?.[status];
        if (!schema) return `no response schema for ${status}`;
        checked++;
        const validate = ajv.compile(schema);
        return validate(JSON.parse(text)) ? null : `answer does not match its schema: ${ajv.errorsText(validate.errors)}`;
      };
      let sent = 0;
      // First the well-formed reads, so that answers of 2xx are there to check against their schemas.
      for (const route of routes.filter((r) => r.method === 'GET')) {
        for (const who of identities) {
          for (const id of ['1', '2']) {
            const target = `${route.url.replace(/:(\w+)/g, id)}${/search|ask/.test(route.url) ? '?q=harbour' : ''}`;
            const response = await fetch(base + target, { headers: { ...who.headers, accept: 'application/json' }, redirect: 'manual' });
            const text = await response.text();
            sent++;
            const mismatch = checkAnswer(route, response.status, response.headers.get('content-type') ?? '', text);
            if (response.status >= 500 || mismatch) failures.push(`${route.method} ${target} as ${who.name} → ${response.status}${mismatch ? ` (${mismatch})` : ''}: ${text.slice(0, 200)}`);
          }
        }
      }
      const value = () => random.pick(HOSTILE_TEXT);
      for (const route of routes) {
        const declared = (route.schema as { querystring?: { properties?: Record<string, unknown> } } | undefined)?.querystring?.properties ?? {};
        const names = [...Object.keys(declared), ...QUERY_NAMES];
        for (let n = 0; n < REQUESTS_PER_ROUTE; n++) {
          const who = identities[n % identities.length]!;
          const path = route.url.replace(/:(\w+)/g, () => encodeSegment(value()));
          const query = new URLSearchParams();
          const fields = 1 + Math.floor(random.next() * 4);
          for (let f = 0; f < fields; f++) {
            const name = random.pick(names);
            query.append(name, value());
            if (random.next() < 0.2) query.append(name, value()); // repeated
          }
          const headers: Record<string, string> = { ...who.headers, accept: random.next() < 0.5 ? 'text/html' : 'application/json' };
          let body: string | undefined;
          if (route.method !== 'GET' && route.method !== 'DELETE') {
            if (route.url.startsWith('/api/v1/') && random.next() < 0.7) {
              const json: Record<string, unknown> = {};
              for (let f = 0; f < 3; f++) json[random.pick(BODY_NAMES)] = random.pick(JSON_VALUES);
              headers['content-type'] = 'application/json';
              body = random.next() < 0.1 ? '{"url": ' : JSON.stringify(json);
            } else {
              const form = new URLSearchParams();
              if (who.csrf) form.append('_csrf', who.csrf);
              for (let f = 0; f < 4; f++) form.append(random.pick(BODY_NAMES), value());
              headers['content-type'] = 'application/x-www-form-urlencoded';
              body = form.toString();
            }
          }
          const target = `${path}${query.size ? `?${query}` : ''}`;
          const response = await fetch(base + target, { method: route.method, headers, body, redirect: 'manual' });
          const text = await response.text();
          sent++;
          const leak = LEAKS.find((pattern) => pattern.test(text));
          const mismatch = checkAnswer(route, response.status, response.headers.get('content-type') ?? '', text);
          if (response.status >= 500 || leak || mismatch) {
            failures.push(`${route.method} ${target} as ${who.name} → ${response.status}${leak ? ` (leak ${leak})` : ''}${mismatch ? ` (${mismatch})` : ''}: ${text.slice(0, 200)}`);
          }
        }
      }
      console.log(`fuzz (${engine.name}, seed ${SEED}): ${sent} requests over ${routes.length} routes, ${checked} 2xx API answers checked against their schemas, ${failures.length} failures`);
      expect(failures.slice(0, 60)).toEqual([]);
      expect(sent).toBeGreaterThan(routes.length * REQUESTS_PER_ROUTE - 1);
    }, 600_000);
  });
}
