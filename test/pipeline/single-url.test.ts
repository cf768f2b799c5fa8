// A single page by address goes through the one ingest: fetched, extracted, stored, its steps
// owed and done; a feed entry for the same page later points at the same article.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openEmbeddedTestDb } from '../helpers/db.ts';
import type { Db } from '../../src/store/db.ts';
import { createFetcher, type Fetcher } from '../../src/fetch/client.ts';
import { importPaths } from '../../src/cli/commands/import.ts';
import { feedEntryIngest } from '../../src/pipeline.ts';
import { addFeed } from '../../src/store/feeds.ts';
import { startFixtureServer, type FixtureServer } from '../feeds/fixture-server.ts';
import { generateCorpus } from './crash-corpus.ts';

describe('single pages by address', { timeout: 120_000 }, () => {
  let db: Db;
  let server: FixtureServer;
  let fetcher: Fetcher;
  const [page] = generateCorpus(1);

  beforeAll(async () => {
    db = await openEmbeddedTestDb();
    server = await startFixtureServer({ '/story': { headers: { 'content-type': 'text/html; charset=utf-8' }, body: page!.html } });
    fetcher = createFetcher({ allowPrivateAddresses: ['127.0.0.1'] });
  });
  afterAll(async () => {
    await fetcher?.close();
    await server?.close();
    await db?.close();
  });

  it('imports a page by its address and reports a missing one by its address', async () => {
    const missing = server.url('/gone');
    const summary = await importPaths(db, [server.url('/story'), missing], { asOf: null, maxPageBytes: 1 << 22, quiet: true, print: () => undefined, fetcher, now: new Date('2025-08-01T00:00:00Z') });
    expect(summary.imported).toBe(1);
    expect(summary.failed).toBe(1);
    expect(summary.results.find((r) => r.status === 'failed')?.location).toBe(missing);
    const [id] = summary.results.find((r) => r.status === 'imported')!.articleIds;
    const rows = await db.query<{ title: string; fingerprinted: boolean; in_story: boolean; enriched: boolean; owed: number }>(
      `SELECT title, EXISTS (SELECT 1 FROM article_fingerprints WHERE article_id = $1) AS fingerprinted,
              EXISTS (SELECT 1 FROM story_articles WHERE article_id = $1) AS in_story,
              EXISTS (SELECT 1 FROM article_enrichment WHERE article_id = $1) AS enriched,
              (SELECT count(*)::int FROM article_steps) AS owed
         FROM articles WHERE id = $1`,
      [id],
    );
    expect(rows[0]).toEqual({ title: page!.title, fingerprinted: true, in_story: true, enriched: true, owed: 0 });

    // The same page named by a feed: the entry points at the stored article, nothing is fetched again.
    const { feed } = await addFeed(db, { url: server.url('/feed.xml') });
    const ingest = feedEntryIngest(db, { maxPageBytes: 1 << 22, now: () => new Date('2025-08-01T00:00:00Z') });
    const plan = await ingest.plan(feed.id, {
      guid: 'story-1',
      url: page!.url,
      title: page!.title,
      summaryHtml: null,
      contentHtml: null,
      authors: [],
      categories: [],
      enclosures: [],
      publishedAt: null,
      updatedAt: null,
      publishedText: null,
      imageUrl: null,
    });
    expect(plan).toEqual({ status: 'linked', articleId: id, problem: null });
  });
});
