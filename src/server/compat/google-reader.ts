// The Google Reader API as Miniflux and FreshRSS serve it, for NetNewsWire, Reeder, ReadKit,
// FocusReader, Read You and others: ClientLogin (account password, or a personal API token as
// the password) hands out a token the client then sends as `Authorization: GoogleLogin auth=…`;
// subscriptions, folders (labels), unread counts, item ids and contents, read/starred tags,
// subscription edits and mark-all-as-read.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../context.ts';
import { createApiToken, userForToken } from '../../store/api-tokens.ts';
import { verifyPassword } from '../../store/users.ts';
import type { SessionUser } from '../../store/sessions.ts';
import { addFeed, getFeed, listFeeds, removeFeed } from '../../store/feeds.ts';
import {
  listCategories, listItems, markScopeRead, setRead, setStarred, streamItemIds, unreadCounts,
  type ItemScope, type StreamQuery,
} from '../../store/reader-state.ts';
import { RateLimitedError } from '../rate-limit.ts';
import { storableDate } from '../validation.ts';
import { guardedLogin, guardedToken } from '../login-limit.ts';
import { hasRole } from '../auth.ts';
import { maskFeed } from '../../fetch/mask.ts';
import { acceptMultipartForms, fieldValues, itemHtml } from './common.ts';

const ITEM_PREFIX = 'tag:google.com,2005:reader/item/';
const STATE = 'user/-/state/com.google/';
const LABEL = 'user/-/label/';
const READING_LIST = `${STATE}reading-list`;
const READ = `${STATE}read`;
const STARRED = `${STATE}starred`;
const KEPT_UNREAD = `${STATE}kept-unread`;

/** Long form: 16 hex digits after the tag prefix. */
export const longItemId = (id: number) => ITEM_PREFIX + id.toString(16).padStart(16, '0');

/** Accepts the long form and the short (decimal) form; null for anything else. */
export function parseItemId(value: string): number | null {
  const text = value.trim();
  let id: number;
  if (text.startsWith(ITEM_PREFIX)) {
    const hex = text.slice(ITEM_PREFIX.length);
    if (!/^[0-9a-fA-F]{1,16}$/.test(hex)) return null;
    id = parseInt(hex, 16);
  } else if (/^\d{1,16}$/.test(text)) {
    id = Number(text);
  } else return null;
  return Number.isSafeInteger(id) && id > 0 ? id : null;
}

type Stream = ItemScope | { kind: 'starred' } | { kind: 'read' };

/** Stream ids the clients send; `user/<id>/…` is the same as `user/-/…`. */
export function parseStream(value: string): Stream | null {
  const id = value.replace(/^user\/\d+\//, 'user/-/');
  if (id === READING_LIST) return { kind: 'all' };
  if (id === STARRED) return { kind: 'starred' };
  if (id === READ) return { kind: 'read' };
  if (id.startsWith(LABEL) && id.length > LABEL.length) return { kind: 'folder', category: id.slice(LABEL.length) };
  const feed = /^feed\/(\d{1,15})$/.exec(id);
  if (feed) return { kind: 'feed', feedId: Number(feed[1]) };
  return null;
}

class ReaderError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

const unauthorized = () => new ReaderError(401, 'Unauthorized');
const badInput = (message: string) => new ReaderError(400, message);

function authToken(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (typeof header === 'string') {
    const match = /^GoogleLogin\s+auth=(\S+)$/i.exec(header.trim());
    if (match) return match[1]!;
  }
  // Some clients post the token as T instead of (or besides) the header.
  const body = (request.body ?? {}) as Record<string, unknown>;
  return typeof body.T === 'string' && body.T ? body.T : null;
}

function params(request: FastifyRequest): Record<string, unknown> {
  const body = request.body && typeof request.body === 'object' ? (request.body as Record<string, unknown>) : {};
  return { ...(request.query as Record<string, unknown>), ...body };
}

const one = (value: unknown): string | undefined => fieldValues(value)[0];

export async function registerGoogleReaderRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  await app.register(async (scope) => {
    acceptMultipartForms(scope);
    scope.setErrorHandler((error: Error & { statusCode?: number }, _request, reply) => {
      if (error instanceof ReaderError) {
        if (error.status === 401) reply.header('X-Reader-Google-Bad-Token', 'true');
        return reply.code(error.status).type('text/plain; charset=utf-8').send(error.message);
      }
      if (error instanceof RateLimitedError) {
        return reply.code(429).header('retry-after', String(error.retryAfterSeconds)).type('text/plain; charset=utf-8').send(error.message);
      }
      const status = error.statusCode && error.statusCode < 500 ? error.statusCode : 500;
      if (status === 500) _request.log.error(error);
      return reply.code(status).type('text/plain; charset=utf-8').send(status === 500 ? 'internal error' : error.message);
    });

    // ClientLogin: Email and Passwd, as a form post (or query, as some clients send).
    scope.route({
      method: ['GET', 'POST'],
      url: '/accounts/ClientLogin',
      handler: async (request, reply) => {
        const p = params(request);
        const email = one(p.Email) ?? '';
        const password = one(p.Passwd) ?? '';
        if (!email || !password) throw new ReaderError(401, 'Error=BadAuthentication');
        // The account password, or a personal API token in its place (so apps need not hold the password).
        const user = await guardedLogin(ctx, request, email, async (): Promise<SessionUser | null> => {
          if (!password.startsWith('dla_')) return verifyPassword(ctx.db, email, password);
          const owner = await userForToken(ctx.db, password, ['api']);
          return owner && owner.username.toLowerCase() === email.toLowerCase() ? owner : null;
        });
        if (!user) throw new ReaderError(401, 'Error=BadAuthentication');
        const { token } = await createApiToken(ctx.db, user.id, { kind: 'greader', name: String(request.headers['user-agent'] ?? 'Google Reader client').slice(0, 100) });
        if (one(p.output) === 'json') return { SID: token, LSID: token, Auth: token };
        reply.type('text/plain; charset=utf-8');
        return `SID=${token}\nLSID=${token}\nAuth=${token}\n`;
      },
    });

    await scope.register(async (api) => {
      api.decorateRequest('readerUser', null);
      api.addHook('preHandler', async (request) => {
        const token = authToken(request);
        const user = token ? await guardedToken(ctx, request, () => userForToken(ctx.db, token, ['greader'])) : null;
        if (!user) throw unauthorized();
        (request as FastifyRequest & { readerUser: SessionUser }).readerUser = user;
      });
      const who = (request: FastifyRequest) => (request as FastifyRequest & { readerUser: SessionUser }).readerUser;
      const ok = (reply: FastifyReply) => reply.type('text/plain; charset=utf-8').send('OK');

      api.get('/reader/api/0/token', async (request, reply) => {
        reply.type('text/plain; charset=utf-8');
        return authToken(request);
      });

      api.get('/reader/api/0/user-info', async (request) => {
        const user = who(request);
        return { userId: String(user.id), userName: user.username, userProfileId: String(user.id), userEmail: '' };
      });

      api.get('/reader/api/0/subscription/list', async (request) => ({
        // Feed logins and query tokens are for admins' eyes only.
        subscriptions: (await listFeeds(ctx.db)).map((feed) => (hasRole(who(request), 'admin') ? feed : maskFeed(feed))).map((feed) => ({
          id: `feed/${feed.id}`,
          title: feed.title ?? feed.url,
          categories: feed.category ? [{ id: LABEL + feed.category, label: feed.category }] : [],
          url: feed.url,
          htmlUrl: feed.siteUrl ?? '',
          iconUrl: '',
        })),
      }));

      api.get('/reader/api/0/tag/list', async () => ({
        tags: [{ id: STARRED }, ...(await listCategories(ctx.db)).map((c) => ({ id: LABEL + c, label: c, type: 'folder' }))],
      }));

      api.get('/reader/api/0/unread-count', async (request) => {
        const counts = await unreadCounts(ctx.db, who(request).id);
        const usec = (d: Date | null) => (d ? String(d.getTime() * 1000) : '0');
        const folders = new Map<string, { count: number; newest: Date | null }>();
        let total = 0;
        let newestAll: Date | null = null;
        for (const c of counts) {
          total += c.count;
          if (c.newest && (!newestAll || c.newest > newestAll)) newestAll = c.newest;
          if (!c.category) continue;
          const f = folders.get(c.category) ?? { count: 0, newest: null };
          f.count += c.count;
          if (c.newest && (!f.newest || c.newest > f.newest)) f.newest = c.newest;
          folders.set(c.category, f);
        }
        return {
          max: total,
          unreadcounts: [
            ...counts.map((c) => ({ id: `feed/${c.feedId}`, count: c.count, newestItemTimestampUsec: usec(c.newest) })),
            ...[...folders].map(([name, f]) => ({ id: LABEL + name, count: f.count, newestItemTimestampUsec: usec(f.newest) })),
            { id: READING_LIST, count: total, newestItemTimestampUsec: usec(newestAll) },
          ],
        };
      });

      api.get('/reader/api/0/stream/items/ids', async (request) => {
        const p = params(request);
        const streamId = one(p.s);
        if (!streamId) throw badInput('s: the stream to list is required (e.g. user/-/state/com.google/reading-list)');
        const stream = parseStream(streamId);
        if (!stream) throw badInput(`s: unknown stream ${JSON.stringify(streamId.slice(0, 100))}`);
        // Digits only: Number() would read "1e20" or "0x10" as a count.
        const n = one(p.n) === undefined ? 20 : /^\d{1,5}$/.test(one(p.n)!) ? Number(one(p.n)) : NaN;
        if (!Number.isInteger(n) || n < 1 || n > 10_000) throw badInput('n: expected a whole number from 1 to 10000');
        const offset = one(p.c) === undefined ? 0 : /^\d{1,9}$/.test(one(p.c)!) ? Number(one(p.c)) : NaN;
        if (!Number.isInteger(offset) || offset < 0) throw badInput('c: not a continuation this server issued');
        const seconds = (name: string): Date | undefined => {
          const raw = one(p[name]);
          if (raw === undefined || raw === '') return undefined;
          const date = /^\d{1,12}$/.test(raw) ? new Date(Number(raw) * 1000) : null;
          if (!date || !storableDate(date)) throw badInput(`${name}: expected seconds since 1970 (before the year 10000)`);
          return date;
        };
        const query: StreamQuery = { scope: stream, limit: n + 1, offset, oldestFirst: one(p.r) === 'o', newerThan: seconds('ot'), olderThan: seconds('nt') };
        for (const excluded of fieldValues(p.xt)) {
          const s = parseStream(excluded);
          if (s?.kind === 'read') query.excludeRead = true;
          else if (!s) throw badInput(`xt: unknown stream ${JSON.stringify(excluded.slice(0, 100))}`);
        }
        for (const included of fieldValues(p.it)) {
          const s = parseStream(included);
          if (s?.kind === 'starred') query.onlyStarred = true;
          else if (!s) throw badInput(`it: unknown stream ${JSON.stringify(included.slice(0, 100))}`);
        }
        const rows = await streamItemIds(ctx.db, who(request).id, query);
        const page = rows.slice(0, n);
        return {
          itemRefs: page.map((r) => ({ id: String(r.id), directStreamIds: [], timestampUsec: String(r.published.getTime() * 1000) })),
          ...(rows.length > n ? { continuation: String(offset + n) } : {}),
        };
      });

      const contents = async (request: FastifyRequest) => {
        const p = params(request);
        const raw = fieldValues(p.i);
        if (!raw.length) throw badInput('i: give at least one item id');
        if (raw.length > 1000) throw badInput('i: at most 1000 items at once');
        const ids = raw.map(parseItemId);
        const bad = raw.find((_, k) => ids[k] === null);
        if (bad !== undefined) throw badInput(`i: ${JSON.stringify(bad.slice(0, 80))} is not an item id`);
        const user = who(request);
        const items = await listItems(ctx.db, user.id, { ids: ids as number[], limit: 1000 });
        const feeds = new Map((await listFeeds(ctx.db)).map((f) => [f.id, f]));
        return {
          direction: 'ltr',
          id: READING_LIST,
          title: 'Reading list',
          author: user.username,
          updated: Math.floor(ctx.now().getTime() / 1000),
          self: [{ href: `${request.protocol}://${request.host}/reader/api/0/stream/items/contents` }],
          items: items.map((item) => {
            const feed = feeds.get(item.feedId);
            const categories = [READING_LIST, ...(feed?.category ? [LABEL + feed.category] : [])];
            if (item.isRead) categories.push(READ);
            if (item.isStarred) categories.push(STARRED);
            const body = { direction: 'ltr', content: itemHtml(item) };
            return {
              id: longItemId(item.id),
              crawlTimeMsec: String(item.crawledAt.getTime()),
              timestampUsec: String(item.publishedAt.getTime() * 1000),
              published: Math.floor(item.publishedAt.getTime() / 1000),
              updated: Math.floor(item.publishedAt.getTime() / 1000),
              title: item.title,
              author: item.author ?? '',
              canonical: item.url ? [{ href: item.url }] : [],
              alternate: item.url ? [{ href: item.url, type: 'text/html' }] : [],
              categories,
              origin: { streamId: `feed/${item.feedId}`, title: item.feedTitle ?? '', htmlUrl: item.feedSiteUrl ?? '' },
              summary: body,
              content: body,
            };
          }),
        };
      };
      api.get('/reader/api/0/stream/items/contents', contents);
      api.post('/reader/api/0/stream/items/contents', contents);

      api.post('/reader/api/0/edit-tag', async (request, reply) => {
        const p = params(request);
        const raw = fieldValues(p.i);
        const ids = raw.map(parseItemId);
        if (!raw.length || ids.some((id) => id === null)) throw badInput('i: give the items to tag (long or short item ids)');
        const user = who(request);
        const normalise = (tag: string) => tag.replace(/^user\/\d+\//, 'user/-/');
        for (const tag of fieldValues(p.a).map(normalise)) {
          if (tag === READ) await setRead(ctx.db, user.id, ids as number[], true);
          if (tag === KEPT_UNREAD) await setRead(ctx.db, user.id, ids as number[], false);
          if (tag === STARRED) await setStarred(ctx.db, user.id, ids as number[], true);
        }
        for (const tag of fieldValues(p.r).map(normalise)) {
          if (tag === READ) await setRead(ctx.db, user.id, ids as number[], false);
          if (tag === STARRED) await setStarred(ctx.db, user.id, ids as number[], false);
        }
        return ok(reply);
      });

      api.post('/reader/api/0/mark-all-as-read', async (request, reply) => {
        const p = params(request);
        const streamId = one(p.s) ?? '';
        const stream = parseStream(streamId);
        if (!stream || stream.kind === 'starred' || stream.kind === 'read') throw badInput(`s: cannot mark ${JSON.stringify(streamId.slice(0, 100))} as read`);
        const ts = one(p.ts);
        if (ts !== undefined && ts !== '' && !/^\d{1,19}$/.test(ts)) throw badInput('ts: expected microseconds since 1970');
        // ts is in microseconds: items newer than the client's view stay unread.
        const before = ts ? new Date(Math.floor(Number(ts) / 1000)) : ctx.now();
        if (!storableDate(before)) throw badInput('ts: expected microseconds since 1970 (before the year 10000)');
        await markScopeRead(ctx.db, who(request).id, stream, before);
        return ok(reply);
      });

      api.post('/reader/api/0/subscription/edit', async (request, reply) => {
        const user = who(request);
        // Subscriptions are the whole server's, not one reader's: only an admin changes them.
        if (user.role !== 'admin') throw new ReaderError(403, 'only an admin can change subscriptions');
        const p = params(request);
        const action = one(p.ac);
        const streams = fieldValues(p.s);
        if (!streams.length) throw badInput('s: give the feed (feed/<id> or feed/<url>)');
        const addLabel = one(p.a);
        const removeLabel = one(p.r);
        const title = one(p.t);
        const label = (value: string | undefined) => (value ? value.replace(/^user\/\d+\//, 'user/-/').replace(LABEL, '') : undefined);
        for (const s of streams) {
          if (action === 'subscribe') {
            const url = s.replace(/^feed\//, '');
            if (!/^https?:\/\/[^\s]+$/i.test(url)) throw badInput(`s: ${JSON.stringify(s.slice(0, 100))} is not feed/<http(s) URL>`);
            await addFeed(ctx.db, { url, title: title ?? null, category: label(addLabel) ?? null });
            continue;
          }
          const target = parseStream(s);
          if (target?.kind !== 'feed') throw badInput(`s: ${JSON.stringify(s.slice(0, 100))} is not feed/<id>`);
          const feed = await getFeed(ctx.db, target.feedId);
          if (!feed) throw new ReaderError(404, `no feed ${target.feedId}`);
          if (action === 'unsubscribe') await removeFeed(ctx.db, feed.id);
          else if (action === 'edit') {
            const category = addLabel ? label(addLabel)! : removeLabel && label(removeLabel) === feed.category ? null : feed.category;
            await ctx.db.query('UPDATE feeds SET title = $2, category = $3 WHERE id = $1', [feed.id, title ?? feed.title, category]);
          } else throw badInput('ac: expected subscribe, unsubscribe or edit');
        }
        return ok(reply);
      });
    });
  });
}
