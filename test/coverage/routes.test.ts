// The coverage comparison over a real HTTP server on both engines: per-source metadata set by an
// admin (API and CSV import; readers refused; bad input a 400 naming the field), the story's
// coverage in the API and as a panel on the story page, with the one-side marker appearing only
// once lean labels exist.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { testEngines } from '../helpers/db.ts';
import type { Db } from '../../src/store/db.ts';
import { listeningServer } from '../helpers/server.ts';
import { createUser, setUserRole } from '../../src/store/users.ts';
import { createApiToken } from '../../src/store/api-tokens.ts';
import { saveArticle } from '../../src/store/articles.ts';
import { addStoryArticle, createStory } from '../../src/store/stories.ts';
import { findSourceByName } from '../../src/store/sources.ts';
import { article } from '../search/fixtures.ts';
import { Visitor } from '../web/client.ts';

const FAST_SCRYPT = { N: 1024, r: 8, p: 1 };

for (const engine of await testEngines()) {
  describe(`coverage comparison on the ${engine.name} engine`, () => {
    let db: Db;
    let app: FastifyInstance;
    let base: string;
    let adminToken: string;
    let readerToken: string;
    let story: number;
    const call = async (method: string, path: string, body?: unknown, token = adminToken) => {
      const response = await fetch(base + path, {
        method,
        headers: { authorization: `Bearer ${token}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
        body: body !== undefined ? JSON.stringify(body) : undefined,
      });
      return { status: response.status, body: (await response.json()) as any };
    };

    beforeAll(async () => {
      db = await engine.open();
      const admin = await createUser(db, { username: 'editor', password: 'correct horse battery' }, FAST_SCRYPT);
      await setUserRole(db, 'editor', 'admin');
      const reader = await createUser(db, { username: 'reader9', password: 'correct horse battery' }, FAST_SCRYPT);
      adminToken = (await createApiToken(db, admin.id)).token;
      readerToken = (await createApiToken(db, reader.id)).token;
      const titles: [string, string][] = [
        ['Coastal Ledger', 'Dockers strike shuts harbour'],
        ['Capital Wire', 'Harbour strike: union blames bosses'],
        ['Meridian Post', 'Harbour strike cripples trade'],
      ];
      const ids: number[] = [];
      for (const [sourceName, title] of titles) ids.push((await saveArticle(db, article({ title, text: `${title}. More text.`, sourceName }), null)).id);
      story = await createStory(db, titles[0]![1], ids[0]!);
      for (const id of ids) await addStoryArticle(db, story, id, null);
      ({ app, base } = await listeningServer(db));
    });
    afterAll(async () => {
      await app?.close();
      await db?.close();
    });

    it('compares headlines with no labels: nothing invented', async () => {
      const { status, body } = await call('GET', `/api/v1/stories/${story}/coverage`);
      expect(status).toBe(200);
      expect(body.outlets.map((o: { name: string }) => o.name)).toEqual(['Coastal Ledger', 'Capital Wire', 'Meridian Post']);
      expect(body.outlets[1].uniqueWords).toEqual(['union', 'blames', 'bosses']);
      expect(body.outlets.every((o: any) => o.facts.lean === null && o.facts.country === null)).toBe(true);
      expect(body.leanSplit).toEqual({ left: 0, centre: 0, right: 0, unlabelled: 3 });
      expect(body.oneSide).toBeNull();
      expect((await call('GET', '/api/v1/stories/999999/coverage')).status).toBe(404);
      expect((await call('GET', '/api/v1/stories/abc/coverage')).status).toBe(400);
    });

    it('lets admins set and import metadata, with bad input named and readers refused', async () => {
      const ledger = (await findSourceByName(db, 'Coastal Ledger'))!;
      expect((await call('PUT', `/api/v1/sources/${ledger.id}/metadata`, { lean: 'left' }, readerToken)).status).toBe(403);
      const bad = await call('PUT', `/api/v1/sources/${ledger.id}/metadata`, { lean: 'far-left' });
      expect(bad.status).toBe(400);
      expect(bad.body.error.message).toMatch(/^lean: "far-left"/);
      expect((await call('PUT', '/api/v1/sources/999999/metadata', { lean: 'left' })).status).toBe(404);
      const set = await call('PUT', `/api/v1/sources/${ledger.id}/metadata`, { country: 'gb', owner: 'Ledger Group', lean: 'left' });
      expect(set.status).toBe(200);
      expect(set.body.source.facts).toEqual({ country: 'GB', language: null, owner: 'Ledger Group', lean: 'left' });
      const imported = await call('POST', '/api/v1/source-metadata/import', { csv: 'source,lean,country\nCapital Wire,left,US\nNobody Times,right,\nMeridian Post,upward,\n' });
      expect(imported.status).toBe(200);
      expect(imported.body).toEqual({
        applied: 1,
        errors: [
          { line: 3, message: 'Nobody Times: no such source' },
          { line: 4, message: 'Meridian Post: lean: "upward" is not one of left, centre, right (or empty)' },
        ],
      });
      expect((await call('POST', '/api/v1/source-metadata/import', { csv: 'colour\nred\n' })).status).toBe(400);
      expect((await call('POST', '/api/v1/source-metadata/import', { csv: 'source,lean\nX,left\n' }, readerToken)).status).toBe(403);
      const list = await call('GET', '/api/v1/source-metadata');
      expect(list.body.sources.find((s: any) => s.name === 'Meridian Post').facts.lean).toBeNull();

      const { body } = await call('GET', `/api/v1/stories/${story}/coverage`);
      expect(body.leanSplit).toEqual({ left: 2, centre: 0, right: 0, unlabelled: 1 });
      expect(body.oneSide).toBe('left');
    });

    it('shows the coverage panel on the story page, and the admin page to admins only', async () => {
      const page = await fetch(`${base}/stories/${story}`, { headers: { accept: 'text/html' } }).then((r) => r.text());
      expect(page).toContain('id="coverage-heading"');
      expect(page).toContain('Covered by one side only:');
      expect(page).toContain('union, blames, bosses');
      const reader = new Visitor(base);
      await reader.login('reader9', 'correct horse battery');
      expect((await reader.request('/admin/sources')).status).toBe(403);
      const admin = new Visitor(base);
      await admin.login('editor', 'correct horse battery');
      const adminPage = await admin.request('/admin/sources');
      expect(adminPage.status).toBe(200);
      expect(adminPage.text).toContain('Import from CSV');
      const csrf = /name="_csrf" value="([^"]+)"/.exec(adminPage.text)![1]!;
      const wire = (await findSourceByName(db, 'Capital Wire'))!;
      const cleared = await admin.request(`/admin/sources/${wire.id}/metadata`, { form: { _csrf: csrf, country: '', language: '', owner: '', lean: '' } });
      expect(cleared.status).toBe(200);
      expect(cleared.text).toContain('Saved Capital Wire.');
      const badForm = await admin.request(`/admin/sources/${wire.id}/metadata`, { form: { _csrf: csrf, country: 'USA', lean: '' } });
      expect(badForm.status).toBe(400);
      expect(badForm.text).toContain('Capital Wire: country:');
      const { body } = await call('GET', `/api/v1/stories/${story}/coverage`);
      expect(body.oneSide).toBeNull(); // one labelled outlet is too few to call
    });
  });
}
