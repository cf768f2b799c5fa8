import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../helpers/db.ts';
import type { Db } from '../../src/store/db.ts';
import type { ExtractedArticle } from '../../src/model/index.ts';
import { getArticle, listArticles, saveArticle, saveArticleLinks, getArticleLinks, savePage } from '../../src/store/articles.ts';
import { migrate, migrationStatus } from '../../src/store/migrate.ts';
import { extractedArticle } from '../helpers/article.ts';

function article(overrides: Partial<ExtractedArticle> = {}): ExtractedArticle {
  return extractedArticle({
    title: 'Harbour tolls rise again',
    text: 'The port authority raised tolls.\n\nShippers objected.',
    sourceName: 'Coastal Ledger',
    byline: 'A. Writer',
    publishedAt: new Date('2025-08-01T10:00:00Z'),
    publishedText: '2025-08-01T10:00:00Z',
    ...overrides,
  });
}

for (const engine of await testEngines()) {
  describe(`store on the ${engine.name} engine`, () => {
    let db: Db;
    beforeAll(async () => {
      db = await engine.open();
    });
    afterAll(async () => {
      await db?.close();
    });

    it('applies every migration and is idempotent', async () => {
      expect(await migrate(db)).toEqual([]);
      const status = await migrationStatus(db);
      expect(status.current).toBe(status.latest);
    });

    it('stores an article once, whatever its whitespace', async () => {
      const first = await saveArticle(db, article(), null);
      expect(first.status).toBe('inserted');
      const again = await saveArticle(db, article({ text: 'The port authority  raised tolls. Shippers objected.' }), null);
      expect(again).toEqual({ id: first.id, status: 'present' });
      const stored = await getArticle(db, first.id);
      expect(stored?.sourceName).toBe('Coastal Ledger');
      expect(stored?.publishedAt?.toISOString()).toBe('2025-08-01T10:00:00.000Z');
      expect(stored?.timeBasis).toBe('page');
    });

    it('upgrades a related listing to the full article when the page itself is read', async () => {
      const listing = await saveArticle(db, article({ title: 'Ferry strike ends', text: 'Crews return. Talks went on.', role: 'related' }), null);
      const full = await saveArticle(db, article({ title: 'Ferry strike ends', text: 'Crews return.\n\nTalks went on.', role: 'main' }), null);
      expect(full).toEqual({ id: listing.id, status: 'updated' });
      expect((await getArticle(db, listing.id))?.role).toBe('main');
    });

    it('updates an article found again at the same canonical URL', async () => {
      const url = 'https://ledger.example/2025/08/tolls';
      const first = await saveArticle(db, article({ title: 'Tolls v1', canonicalUrl: url }), null);
      const second = await saveArticle(db, article({ title: 'Tolls v2', text: 'Updated body.', canonicalUrl: url }), null);
      expect(second).toEqual({ id: first.id, status: 'updated' });
      expect((await getArticle(db, first.id))?.title).toBe('Tolls v2');
    });

    it('records pages once by content hash', async () => {
      const page = { location: '/tmp/a.txt', kind: 'dump' as const, contentHash: 'abc', byteSize: 10, charset: 'utf-8' };
      const a = await savePage(db, page);
      const b = await savePage(db, { ...page, location: '/tmp/copy.txt' });
      expect(a.existed).toBe(false);
      expect(b).toEqual({ id: a.id, existed: true });
    });

    it('keeps the related links of a page in order', async () => {
      const main = await saveArticle(db, article({ title: 'Main story', text: 'Body of the main story.' }), null);
      const rel = await saveArticle(db, article({ title: 'Side story', text: 'Body of the side story.', role: 'related' }), null);
      await saveArticleLinks(db, main.id, [
        { position: 0, title: 'Side story', sourceName: 'Coastal Ledger', url: null, relatedArticleId: rel.id },
        { position: 1, title: 'Elsewhere', sourceName: null, url: 'https://x.example/', relatedArticleId: null },
      ]);
      const links = await getArticleLinks(db, main.id);
      expect(links.map((l) => l.title)).toEqual(['Side story', 'Elsewhere']);
      expect(links[0]!.relatedArticleId).toBe(rel.id);
    });

    it('lists latest first with filters and keyset pagination', async () => {
      for (let i = 0; i < 5; i++) {
        await saveArticle(
          db,
          article({
            title: `Paged ${i}`,
            text: `Paged body ${i}`,
            sourceName: 'Paging Post',
            publishedAt: new Date(Date.UTC(2025, 6, 10 + i)),
          }),
          null,
        );
      }
      const page1 = await listArticles(db, { source: 'paging post', limit: 2 });
      expect(page1.map((a) => a.title)).toEqual(['Paged 4', 'Paged 3']);
      const last = page1[1]!;
      const page2 = await listArticles(db, { source: 'Paging Post', limit: 2, before: { publishedAt: last.publishedAt, id: last.id } });
      expect(page2.map((a) => a.title)).toEqual(['Paged 2', 'Paged 1']);
      const since = await listArticles(db, { source: 'Paging Post', since: new Date(Date.UTC(2025, 6, 13)) });
      expect(since).toHaveLength(2);
    });
  });
}

for (const engine of await testEngines()) {
  describe(`the same article seen twice on the ${engine.name} engine`, () => {
    it('keeps the more trustworthy publication time and the known publisher', async () => {
      const db = await engine.open();
      try {
        const page = await saveArticle(
          db,
          article({
            title: 'Lighthouse keepers return to Point Ardent after automation trial ends early',
            text: 'Keepers are back.',
            publishedAt: new Date('2025-08-03T08:00:00Z'),
            timeBasis: 'page',
          }),
          null,
        );
        const dump = await saveArticle(
          db,
          article({
            title: 'Lighthouse keepers return to Point Ardent after automation trial ends early',
            text: 'Keepers are back. The trial ended early after storms knocked out the remote controls twice.',
            sourceName: null,
            publishedAt: new Date('2025-08-05T12:00:00Z'),
            timeBasis: 'file',
          }),
          null,
        );
        expect(dump).toEqual({ id: page.id, status: 'updated' });
        const stored = await getArticle(db, page.id);
        expect(stored?.text).toContain('remote controls');
        expect(stored?.publishedAt?.toISOString()).toBe('2025-08-03T08:00:00.000Z');
        expect(stored?.timeBasis).toBe('page');
        expect(stored?.sourceName).toBe('Coastal Ledger');
      } finally {
        await db.close();
      }
    });
  });
}
