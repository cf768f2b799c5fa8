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
import { addFeed, getFeed, removeFeed } from '../../store/feeds.ts';
import { followedFeed, followedFeeds, followedFolders, renameForReader, renameServerFeed, shareFeedWithReaders, subscribeReader, unsubscribeReader } from '../../store/reader-subscriptions.ts';
import { listItems, markScopeRead, setRead, setStarred, streamItemIds, unreadCounts, type CompatItem, type ItemScope, type StreamQuery } from '../../store/reader-state.ts';
import { RateLimitedError } from '../rate-limit.ts';
import { storableDate } from '../validation.ts';
import { guardedLogin, guardedToken } from '../login-limit.ts';
import { hasRole } from '../auth.ts';
import { maskFeed } from '../../fetch/mask.ts';
import { acceptMultipartForms, fieldValues, itemHtml } from './common.ts';
import { atomStream, ITEM_PREFIX, longItemId } from './google-reader-atom.ts';

const STATE = 'user/-/state/com.google/';
const LABEL = 'user/-/label/';
const READING_LIST = `${STATE}reading-list`;
const READ = `${STATE}read`;
const STARRED = `${STATE}starred`;
const KEPT_UNREAD = `${STATE}kept-unread`;

export { longItemId };

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

/** A stream's name for a client's title bar. */
function streamTitle(streamId: string): string {
  const stream = parseStream(streamId);
  if (stream?.kind === 'folder') return stream.category;
  if (stream?.kind === 'starred') return 'Starred items';
  if (stream?.kind === 'read') return 'Read items';
  if (stream?.kind === 'feed') return `Feed ${stream.feedId}`;
  return 'Reading list';
}

class ReaderError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
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
      return reply
        .code(status)
        .type('text/plain; charset=utf-8')
        .send(status === 500 ? 'internal error' : error.message);
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
        subscriptions: (await followedFeeds(ctx.db, who(request).id))
          .map((feed) => (hasRole(who(request), 'admin') ? feed : maskFeed(feed)))
          .map((feed) => ({
            id: `feed/${feed.id}`,
            title: feed.title ?? feed.url,
            categories: feed.category ? [{ id: LABEL + feed.category, label: feed.category }] : [],
            url: feed.url,
            htmlUrl: feed.siteUrl ?? '',
            iconUrl: '',
          })),
      }));

      api.get('/reader/api/0/tag/list', async (request) => ({
        tags: [{ id: STARRED }, ...(await followedFolders(ctx.db, who(request).id)).map((c) => ({ id: LABEL + c, label: c, type: 'folder' }))],
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
        const { rows, continuation } = await streamPage(who(request).id, streamId, p, 10_000);
        return {
          itemRefs: rows.map((r) => ({ id: String(r.id), directStreamIds: [], timestampUsec: String(r.published.getTime() * 1000) })),
          ...(continuation ? { continuation } : {}),
        };
      });

      /** One page of a stream: n (default 20), continuation c, order r=o, ot/nt, xt/it filters. */
      const streamPage = async (userId: number, streamId: string, p: Record<string, unknown>, maxN: number) => {
        const stream = parseStream(streamId);
        if (!stream) throw badInput(`s: unknown stream ${JSON.stringify(streamId.slice(0, 100))}`);
        // Digits only: Number() would read "1e20" or "0x10" as a count.
        const n = one(p.n) === undefined ? 20 : /^\d{1,5}$/.test(one(p.n)!) ? Number(one(p.n)) : NaN;
        if (!Number.isInteger(n) || n < 1 || n > maxN) throw badInput(`n: expected a whole number from 1 to ${maxN}`);
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
        const rows = await streamItemIds(ctx.db, userId, query);
        // One more than asked tells whether a next page exists; its continuation is the offset.
        return { rows: rows.slice(0, n), continuation: rows.length > n ? String(offset + n) : null };
      };

      /** The items with these ids, in this order, with their feeds. */
      const loadItems = async (userId: number, ids: number[]) => {
        const found = new Map((await listItems(ctx.db, userId, { ids, limit: 1000 })).map((item) => [item.id, item]));
        const feeds = new Map((await followedFeeds(ctx.db, userId)).map((f) => [f.id, f]));
        const items = ids.map((id) => found.get(id)).filter((item): item is CompatItem => item !== undefined);
        return items.map((item) => ({ item, category: feeds.get(item.feedId)?.category ?? null }));
      };

      const itemJson = ({ item, category }: { item: CompatItem; category: string | null }) => {
        const categories = [READING_LIST, ...(category ? [LABEL + category] : [])];
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
      };

      const streamJson = (request: FastifyRequest, streamId: string, title: string, items: ReturnType<typeof itemJson>[], continuation: string | null) => ({
        direction: 'ltr',
        id: streamId,
        title,
        author: who(request).username,
        updated: Math.floor(ctx.now().getTime() / 1000),
        self: [{ href: `${request.protocol}://${request.host}${request.url.split('?')[0]}` }],
        items,
        ...(continuation ? { continuation } : {}),
      });

      /** The stream id after a route prefix, as clients send it: escaped (feed%2F1) or with plain slashes. */
      const streamInPath = (request: FastifyRequest, prefix: string): string => {
        const path = request.url.split('?')[0]!.slice(prefix.length);
        try {
          return decodeURIComponent(path);
        } catch {
          throw badInput(`stream id ${JSON.stringify(path.slice(0, 100))}: malformed percent-encoding`);
        }
      };

      // FreshRSS-mode and Reeder-style clients: a stream's items with their contents in one call.
      const streamContents = async (request: FastifyRequest) => {
        const streamId = streamInPath(request, '/reader/api/0/stream/contents/') || READING_LIST;
        const user = who(request);
        const { rows, continuation } = await streamPage(user.id, streamId, params(request), 1000);
        const items = (
          await loadItems(
            user.id,
            rows.map((r) => r.id),
          )
        ).map(itemJson);
        return streamJson(request, streamId, streamTitle(streamId), items, continuation);
      };
      api.get('/reader/api/0/stream/contents', streamContents);
      api.get('/reader/api/0/stream/contents/*', streamContents);

      // newsboat (urls-source "feedhq"/"oldreader") reads each subscription as Atom from here.
      api.get('/reader/atom/*', async (request, reply) => {
        const streamId = streamInPath(request, '/reader/atom/');
        if (!streamId) throw badInput('stream: give one after /reader/atom/ (e.g. feed%2F1)');
        const user = who(request);
        const { rows, continuation } = await streamPage(user.id, streamId, params(request), 1000);
        const items = await loadItems(
          user.id,
          rows.map((r) => r.id),
        );
        const feed = parseStream(streamId);
        const source = feed?.kind === 'feed' ? await followedFeed(ctx.db, user.id, feed.feedId) : null;
        reply.type('application/atom+xml; charset=utf-8');
        return atomStream({
          streamId,
          userId: user.id,
          title: source?.title ?? source?.url ?? streamTitle(streamId),
          siteUrl: source?.siteUrl ?? null,
          updated: ctx.now(),
          continuation,
          items,
        });
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
        const items = (await loadItems(user.id, ids as number[])).map(itemJson);
        return streamJson(request, READING_LIST, 'Reading list', items, null);
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
        const p = params(request);
        const action = one(p.ac);
        const streams = fieldValues(p.s);
        if (!streams.length) throw badInput('s: give the feed (feed/<id> or feed/<url>)');
        if (action !== 'subscribe' && action !== 'unsubscribe' && action !== 'edit') throw badInput('ac: expected subscribe, unsubscribe or edit');
        const addLabel = one(p.a);
        const removeLabel = one(p.r);
        const title = one(p.t) || undefined;
        const label = (value: string | undefined) => (value ? value.replace(/^user\/\d+\//, 'user/-/').replace(LABEL, '') : undefined);
        // An admin edits the server's subscriptions (everyone's); a reader edits only their own.
        const admin = user.role === 'admin';
        for (const s of streams) {
          if (action === 'subscribe') {
            const url = s.replace(/^feed\//, '');
            if (!/^https?:\/\/[^\s]+$/i.test(url)) throw badInput(`s: ${JSON.stringify(s.slice(0, 100))} is not feed/<http(s) URL>`);
            if (admin) {
              const { feed } = await addFeed(ctx.db, { url, title: title ?? null, category: label(addLabel) ?? null });
              await shareFeedWithReaders(ctx.db, feed.id);
            } else await subscribeReader(ctx.db, user.id, url, { title, folder: label(addLabel) });
            continue;
          }
          const target = parseStream(s);
          if (target?.kind !== 'feed') throw badInput(`s: ${JSON.stringify(s.slice(0, 100))} is not feed/<id>`);
          const feed = await followedFeed(ctx.db, user.id, target.feedId);
          if (!feed) throw new ReaderError(404, `no feed ${target.feedId} among your subscriptions`);
          // Removing the folder the feed is in leaves it in none; adding one moves it there.
          const folder = addLabel ? label(addLabel)! : removeLabel && label(removeLabel) === feed.category ? '' : undefined;
          if (admin && action === 'unsubscribe') await removeFeed(ctx.db, feed.id);
          else if (action === 'unsubscribe') await unsubscribeReader(ctx.db, user.id, feed.id);
          else if (admin) {
            const server = (await getFeed(ctx.db, feed.id))!;
            await renameServerFeed(ctx.db, feed.id, title ?? server.title, folder === undefined ? server.category : folder || null);
          } else await renameForReader(ctx.db, user.id, feed.id, { title, folder });
        }
        return ok(reply);
      });
    });
  });
}
