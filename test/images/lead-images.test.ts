// Lead images end to end on real servers: a publisher on 127.0.0.1 serves a photo, a page's
// first figure, a web page calling itself an image, an oversized body, an icon and a redirect
// to a private address; the job stores thumbnails only for the real ones, the others cost just
// their image, and /images/articles/:id serves the stored thumbnail with caching headers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import sharp from 'sharp';
import { testEngines } from '../helpers/db.ts';
import { listeningServer } from '../helpers/server.ts';
import type { Db } from '../../src/store/db.ts';
import { saveArticle } from '../../src/store/articles.ts';
import { getThumbnail, imageCounts, storyThumbnails } from '../../src/store/article-images.ts';
import { createLeadImageJob, IMAGE_MAX_BYTES } from '../../src/images/fetch-lead-images.ts';
import { leadImageUrl } from '../../src/images/lead-image.ts';
import { article } from '../search/fixtures.ts';

async function photo(width: number, height: number, format: 'jpeg' | 'png'): Promise<Buffer> {
  const base = sharp({ create: { width, height, channels: 3, background: { r: 30, g: 90, b: 160 } } });
  return format === 'jpeg' ? base.jpeg().toBuffer() : base.png().toBuffer();
}

let publisher: Server;
let origin = '';
let hits: Record<string, number> = {};

beforeAll(async () => {
  const jpeg = await photo(1600, 900, 'jpeg');
  const png = await photo(800, 600, 'png');
  const icon = await photo(16, 16, 'png');
  publisher = createServer((request, response) => {
    const path = request.url ?? '/';
    hits[path] = (hits[path] ?? 0) + 1;
    if (path === '/lead.jpg') return void response.writeHead(200, { 'content-type': 'image/jpeg' }).end(jpeg);
    if (path === '/figure.png') return void response.writeHead(200, { 'content-type': 'image/png' }).end(png);
    if (path === '/icon.png') return void response.writeHead(200, { 'content-type': 'image/png' }).end(icon);
    if (path === '/page.jpg') return void response.writeHead(200, { 'content-type': 'text/html' }).end('<html><body>not a picture</body></html>');
    if (path === '/lying.jpg') return void response.writeHead(200, { 'content-type': 'image/jpeg' }).end('<html><body>not a picture either</body></html>');
    if (path === '/huge.jpg') {
      response.writeHead(200, { 'content-type': 'image/jpeg' });
      response.end(Buffer.alloc(IMAGE_MAX_BYTES + 1024 * 1024, 0xff));
      return;
    }
    if (path === '/inward.jpg') return void response.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data.jpg' }).end();
    if (path === '/broken.jpg') return void response.writeHead(503).end();
    response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => publisher.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(publisher.address() as { port: number }).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => publisher.close(resolve));
});

describe('leadImageUrl', () => {
  it("prefers the page's og:image, else the first figure that is not a pixel", () => {
    expect(leadImageUrl({ imageUrl: 'https://news.example/og.jpg', html: '<p><img src="https://news.example/a.jpg"></p>' })).toBe('https://news.example/og.jpg');
    expect(leadImageUrl({ imageUrl: null, html: '<p><img src="https://t.example/p.gif" width="1" height="1"><figure><img src="https://news.example/a.jpg" alt=""></figure></p>' })).toBe('https://news.example/a.jpg');
    expect(leadImageUrl({ imageUrl: 'javascript:alert(1)', html: '<img src="data:image/png;base64,AAAA">' })).toBeNull();
    expect(leadImageUrl({ imageUrl: null, html: '<p>No pictures.</p>' })).toBeNull();
  });
});

for (const engine of await testEngines()) {
  describe(`lead images (${engine.name})`, () => {
    let db: Db;
    const ids: Record<string, number> = {};

    beforeAll(async () => {
      db = await engine.open();
      hits = {};
      const add = async (key: string, imageUrl: string | null, html: string | null = null) => {
        ids[key] = (await saveArticle(db, article({ title: `Article with ${key}`, text: `Body of the ${key} article, ${engine.name}.`, imageUrl, html }), null)).id;
      };
      await add('photo', `${origin}/lead.jpg`);
      await add('figure', null, `<p>Text.</p><figure><img src="${origin}/figure.png" alt="A chart"></figure>`);
      await add('nothing', null, '<p>Only words.</p>');
      await add('page', `${origin}/page.jpg`);
      await add('lying', `${origin}/lying.jpg`);
      await add('huge', `${origin}/huge.jpg`);
      await add('icon', `${origin}/icon.png`);
      await add('inward', `${origin}/inward.jpg`);
      await add('broken', `${origin}/broken.jpg`);
      // The demo's seed pages name hosts that do not resolve: that costs the image, nothing else.
      await add('unreachable', 'http://images.invalid/lead.jpg');
      ids.related = (await saveArticle(db, article({ title: 'A related teaser', text: 'Teaser.', imageUrl: `${origin}/lead.jpg`, role: 'related' }), null)).id;
    });

    afterAll(async () => {
      await db.close();
    });

    it('owes an image for every main article the moment it is stored, and none for related teasers', async () => {
      const counts = await imageCounts(db);
      expect(counts.pending).toBe(10);
      const related = await db.query('SELECT 1 FROM article_images WHERE article_id = $1', [ids.related]);
      expect(related).toHaveLength(0);
    });

    it('stores thumbnails of real images only; every other article loses just its image', async () => {
      const job = createLeadImageJob({ allowPrivateAddresses: ['127.0.0.1'], timeoutMs: 5_000, batchSize: 20 });
      const now = new Date();
      const first = await job.runOnce(db, now);
      // Nothing is claimed twice while its lease runs.
      const again = await job.runOnce(db, now);
      await job.close();
      expect(again).toEqual({ stored: 0, none: 0, retry: 0, failed: 0 });
      expect(first).toEqual({ stored: 2, none: 2, retry: 2, failed: 4 });

      const rows = await db.query<{ article_id: number; status: string; last_error: string | null }>('SELECT article_id, status, last_error FROM article_images');
      const by = new Map(rows.map((r) => [r.article_id, r]));
      expect(by.get(ids.photo!)!.status).toBe('stored');
      expect(by.get(ids.figure!)!.status).toBe('stored');
      expect(by.get(ids.nothing!)!.status).toBe('none');
      expect(by.get(ids.icon!)!.status).toBe('none');
      expect(by.get(ids.page!)).toMatchObject({ status: 'failed', last_error: expect.stringContaining('text/html') });
      expect(by.get(ids.lying!)).toMatchObject({ status: 'failed', last_error: expect.stringContaining('not a decodable image') });
      expect(by.get(ids.huge!)).toMatchObject({ status: 'failed', last_error: expect.stringMatching(/larger|too large|exceed|limit/i) });
      expect(by.get(ids.inward!)).toMatchObject({ status: 'failed', last_error: expect.stringContaining('169.254.169.254') });
      // Transient failures come due again later.
      expect(by.get(ids.broken!)!.status).toBe('pending');
      expect(by.get(ids.unreachable!)!.status).toBe('pending');

      const thumb = (await getThumbnail(db, ids.photo!))!;
      expect(thumb.contentType).toBe('image/webp');
      expect(thumb.width).toBeLessThanOrEqual(480);
      expect(thumb.height).toBeLessThanOrEqual(320);
      expect(thumb.bytes.byteLength).toBeLessThan(30_000);
      const meta = await sharp(Buffer.from(thumb.bytes)).metadata();
      expect(meta.format).toBe('webp');
    });

    it('gives up on a transient failure after its retries', async () => {
      const job = createLeadImageJob({ allowPrivateAddresses: ['127.0.0.1'], timeoutMs: 5_000, batchSize: 20 });
      const later = new Date(Date.now() + 3 * 3600_000);
      await job.runOnce(db, later);
      await job.runOnce(db, new Date(later.getTime() + 2 * 3600_000));
      await job.close();
      const rows = await db.query<{ status: string; attempts: number }>('SELECT status, attempts FROM article_images WHERE article_id = $1', [ids.broken]);
      expect(rows[0]).toEqual({ status: 'failed', attempts: 3 });
    });

    it('serves the stored thumbnail with caching headers, and 404 for an article without one', async () => {
      const { app, base } = await listeningServer(db);
      try {
        const response = await fetch(`${base}/images/articles/${ids.photo}`);
        expect(response.status).toBe(200);
        expect(response.headers.get('content-type')).toBe('image/webp');
        expect(response.headers.get('cache-control')).toMatch(/max-age=\d+/);
        const etag = response.headers.get('etag')!;
        expect(etag).toMatch(/^"[\w-]+"$/);
        expect((await response.arrayBuffer()).byteLength).toBe((await getThumbnail(db, ids.photo!))!.bytes.byteLength);
        const revalidated = await fetch(`${base}/images/articles/${ids.photo}`, { headers: { 'if-none-match': etag } });
        expect(revalidated.status).toBe(304);
        for (const path of [`/images/articles/${ids.nothing}`, '/images/articles/999999', '/images/articles/abc', '/images/articles/0']) {
          const missing = await fetch(base + path);
          expect([400, 404]).toContain(missing.status);
        }
      } finally {
        await app.close();
      }
    });

    it('a page seen again with a new image owes it again', async () => {
      await db.query('UPDATE articles SET image_url = $2 WHERE id = $1', [ids.nothing, `${origin}/figure.png`]);
      const rows = await db.query<{ status: string }>('SELECT status FROM article_images WHERE article_id = $1', [ids.nothing]);
      expect(rows[0]!.status).toBe('pending');
      expect(await storyThumbnails(db, [])).toEqual(new Map());
    });
  });
}
