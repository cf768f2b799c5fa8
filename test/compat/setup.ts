// A server with two feeds in two folders, their articles and one reader, for the compat tests.
import type { FastifyInstance } from 'fastify';
import type { Db } from '../../src/store/db.ts';
import { buildServer } from '../../src/server/app.ts';
import { makeContext } from '../../src/server/context.ts';
import { loadSettings } from '../../src/config.ts';
import { createUser } from '../../src/store/users.ts';
import { addFeed } from '../../src/store/feeds.ts';
import { saveArticle } from '../../src/store/articles.ts';
import { article } from '../search/fixtures.ts';

export const PASSWORD = 'correct horse battery';

export interface CompatWorld {
  app: FastifyInstance;
  base: string;
  feeds: { world: number; business: number };
  articles: { harbour: number; ferry: number; rates: number };
  userId: number;
}

export async function compatWorld(db: Db, role: 'reader' | 'admin' = 'admin'): Promise<CompatWorld> {
  const user = await createUser(db, { username: 'alice', password: PASSWORD, role }, { N: 1024, r: 8, p: 1 });
  const world = (await addFeed(db, { url: 'http://127.0.0.1:9/world.xml', title: 'World desk', siteUrl: 'http://127.0.0.1:9/', category: 'News' })).feed.id;
  const business = (await addFeed(db, { url: 'http://127.0.0.1:9/business.xml', title: 'Business desk', category: 'Money' })).feed.id;
  const save = async (title: string, at: string, feedId: number, guid: string) => {
    const { id } = await saveArticle(db, article({ title, text: `${title}. More text follows.`, publishedAt: new Date(at), url: `http://127.0.0.1:9/${guid}` }), null);
    await db.query(`INSERT INTO feed_entries (feed_id, guid, article_id, url, title, entry_hash, published_at) VALUES ($1, $2, $3, $4, $5, $6, $7)`, [feedId, guid, id, `http://127.0.0.1:9/${guid}`, title, `hash-${guid}`, new Date(at)]);
    return id;
  };
  const harbour = await save('Harbour tolls rise', '2025-08-01T10:00:00Z', world, 'a1');
  const ferry = await save('Ferry strike ends', '2025-08-02T10:00:00Z', world, 'a2');
  const rates = await save('Bank holds rates', '2025-08-03T10:00:00Z', business, 'b1');
  const app = await buildServer(makeContext(db, loadSettings({ DATELINE_NOW: '2025-08-04T00:00:00Z' })));
  await app.listen({ host: '127.0.0.1', port: 0 });
  const base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
  return { app, base, feeds: { world, business }, articles: { harbour, ferry, rates }, userId: user.id };
}
