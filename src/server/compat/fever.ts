// The Fever API (/fever/?api), as Miniflux and FreshRSS serve it, for Reeder, ReadKit, FeedMe,
// Fiery Feeds, Unread and others. Clients authenticate with api_key = md5("username:password")
// (set with `dateline tokens fever <user>`), read groups (folders), feeds, items and the ids of
// unread and saved items, and mark items, feeds and groups read, saved or unsaved.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppContext } from '../context.ts';
import { guardedLogin } from '../login-limit.ts';
import { hasRole } from '../auth.ts';
import { maskFeed } from '../../fetch/mask.ts';
import { storableDate } from '../validation.ts';
import { badRequest } from '../errors.ts';
import { userForToken } from '../../store/api-tokens.ts';
import { followedFeeds, followedFolders } from '../../store/reader-subscriptions.ts';
import { countItems, lastRefreshed, listItems, markScopeRead, setRead, setStarred, starredItemIds, unreadItemIds, type ItemScope } from '../../store/reader-state.ts';
import { acceptMultipartForms, folderId, itemHtml } from './common.ts';

const API_VERSION = 3;
const PAGE = 50;
// A transparent 1×1 GIF: there are no site icons yet, and some clients expect one per feed.
const BLANK_ICON = 'image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7';

const unix = (date: Date | null) => (date ? Math.floor(date.getTime() / 1000) : 0);
/** Whole positive numbers only; anything else is ignored, as Fever servers do. */
const positive = (value: unknown): number | null => {
  const n = typeof value === 'string' && /^\d{1,15}$/.test(value.trim()) ? Number(value) : typeof value === 'number' ? value : NaN;
  return Number.isSafeInteger(n) && n >= 0 ? n : null;
};

export async function registerFeverRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  await app.register(async (scope) => {
    acceptMultipartForms(scope);
    const handler = async (request: FastifyRequest) => {
      const query = (request.query ?? {}) as Record<string, unknown>;
      const body = (request.body && typeof request.body === 'object' ? request.body : {}) as Record<string, unknown>;
      const field = (name: string): unknown => body[name] ?? query[name];
      const has = (name: string) => name in query || name in body;

      const apiKey = String(field('api_key') ?? '')
        .trim()
        .toLowerCase();
      // The key is md5 of a username and password: guessing it is guessing a password, so it
      // counts against the login limit like the login form.
      const user = !apiKey ? null : await guardedLogin(ctx, request, null, async () => (/^[0-9a-f]{32}$/.test(apiKey) ? userForToken(ctx.db, apiKey, ['fever']) : null));
      if (!user) return { api_version: API_VERSION, auth: 0 };
      const out: Record<string, unknown> = {
        api_version: API_VERSION,
        auth: 1,
        last_refreshed_on_time: unix(await lastRefreshed(ctx.db)),
      };

      // Writes first, so that a request that also asks for ids gets them after the change.
      const mark = field('mark');
      const as = String(field('as') ?? '');
      const id = positive(field('id'));
      if (mark === 'item' && id) {
        if (as === 'read' || as === 'unread') await setRead(ctx.db, user.id, [id], as === 'read');
        if (as === 'saved' || as === 'unsaved') await setStarred(ctx.db, user.id, [id], as === 'saved');
      } else if ((mark === 'feed' || mark === 'group') && as === 'read' && id !== null) {
        // `before` is the client's last sync: items that arrived after it stay unread.
        const before = positive(field('before'));
        const until = before ? new Date(before * 1000) : ctx.now();
        if (!storableDate(until)) throw badRequest('before: expected seconds since 1970 (before the year 10000)');
        let scopeOf: ItemScope | null = null;
        if (mark === 'feed' && id > 0) scopeOf = { kind: 'feed', feedId: id };
        if (mark === 'group') {
          if (id === 0) scopeOf = { kind: 'all' };
          else {
            const category = (await followedFolders(ctx.db, user.id)).find((c) => folderId(c) === id);
            if (category) scopeOf = { kind: 'folder', category };
          }
        }
        if (scopeOf) await markScopeRead(ctx.db, user.id, scopeOf, until);
      }

      if (has('groups') || has('feeds')) {
        const feeds = await followedFeeds(ctx.db, user.id);
        const byFolder = new Map<number, number[]>();
        for (const feed of feeds) {
          if (!feed.category) continue;
          const group = folderId(feed.category);
          byFolder.set(group, [...(byFolder.get(group) ?? []), feed.id]);
        }
        out.feeds_groups = [...byFolder].map(([group_id, ids]) => ({ group_id, feed_ids: ids.join(',') }));
        if (has('groups')) out.groups = (await followedFolders(ctx.db, user.id)).map((title) => ({ id: folderId(title), title }));
        if (has('feeds')) {
          // Feed logins and query tokens are for admins' eyes only.
          out.feeds = feeds
            .map((feed) => (hasRole(user, 'admin') ? feed : maskFeed(feed)))
            .map((feed) => ({
              id: feed.id,
              favicon_id: feed.id,
              title: feed.title ?? feed.url,
              url: feed.url,
              site_url: feed.siteUrl ?? '',
              is_spark: 0,
              last_updated_on_time: unix(feed.lastCheckedAt),
            }));
        }
      }
      if (has('favicons')) out.favicons = (await followedFeeds(ctx.db, user.id)).map((feed) => ({ id: feed.id, data: BLANK_ICON }));
      if (has('items')) {
        let page: Parameters<typeof listItems>[2] = { sinceId: 0, limit: PAGE };
        const withIds = field('with_ids');
        if (has('since_id')) page = { sinceId: positive(field('since_id')) ?? 0, limit: PAGE };
        else if (has('max_id')) page = { maxId: positive(field('max_id')) ?? 0, limit: PAGE };
        else if (withIds !== undefined) {
          const ids = String(withIds)
            .split(',')
            .map(positive)
            .filter((n): n is number => n !== null)
            .slice(0, PAGE);
          page = { ids, limit: PAGE };
        }
        const items = await listItems(ctx.db, user.id, page);
        out.items = items.map((item) => ({
          id: item.id,
          feed_id: item.feedId,
          title: item.title,
          author: item.author ?? '',
          html: itemHtml(item),
          url: item.url ?? '',
          is_saved: item.isStarred ? 1 : 0,
          is_read: item.isRead ? 1 : 0,
          created_on_time: unix(item.publishedAt),
        }));
        out.total_items = await countItems(ctx.db);
      }
      if (has('links')) out.links = [];
      if (has('unread_item_ids')) out.unread_item_ids = (await unreadItemIds(ctx.db, user.id)).join(',');
      if (has('saved_item_ids')) out.saved_item_ids = (await starredItemIds(ctx.db, user.id)).join(',');
      return out;
    };
    for (const url of ['/fever', '/fever/']) scope.route({ method: ['GET', 'POST'], url, handler });
  });
}
