// The store step stores a batch of pages in one transaction (src/pipeline.ts STORE_BATCH); what it
// stores must be what one page a transaction stores: pages, articles (ids, identity decisions:
// copies kept, replaced or filled), sources, related links and the steps owed. The same pages go
// into two databases, one in batches of several sizes, the other one page at a time, and every
// table the store step writes must be equal, ids included. The pages include the same bytes twice
// in one batch, pages stored by an earlier call, articles that are copies of one another across
// pages, and a page that cannot be extracted (reported, the others stored).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../helpers/db.ts';
import type { Db } from '../../src/store/db.ts';
import { ingestPages, STORE_BATCH, type IngestResult, type PageInput } from '../../src/pipeline.ts';
import { generateCorpus, pageInputs } from './crash-corpus.ts';

const corpus = generateCorpus(16);
const all = pageInputs(corpus);

/** What the store step wrote, in an order that does not depend on how rows were stored. */
async function snapshot(db: Db): Promise<Record<string, unknown[]>> {
  const q = (sql: string) => db.query(sql);
  return {
    pages: await q('SELECT id, location, kind, content_hash, byte_size, charset FROM pages ORDER BY id'),
    articles: await q(
      `SELECT id, source_id, page_id, url, canonical_url, content_hash, title, byline, published_at, time_basis, published_text,
              language, text, html, excerpt, image_url, role, duplicate_of FROM articles ORDER BY id`,
    ),
    sources: await q('SELECT id, name, name_key, domain FROM sources ORDER BY id'),
    links: await q('SELECT article_id, position, title, source_name, url, related_article_id FROM article_links ORDER BY article_id, position'),
    owed: await q('SELECT step, article_id, attempts FROM article_steps ORDER BY step, article_id'),
  };
}

const unreadable: PageInput = { location: 'https://broken.example/empty', url: 'https://broken.example/empty', bytes: Buffer.alloc(0), modifiedAt: new Date('2024-03-01T00:00:00Z'), contentType: 'text/html' };

/** The rounds of input: a first part, then more with repeats of stored pages, twice the same bytes in one batch, and a page that fails. */
const rounds: PageInput[][] = [all.slice(0, 40), [...all.slice(30, 70), all[45]!, unreadable, all[60]!, ...all.slice(70, 90)], [...all.slice(85), ...all.slice(0, 10)]];

const outcome = (results: IngestResult[]) => results.map((r) => [r.location, r.status, r.message, r.articleIds, r.newArticleIds]);

for (const engine of await testEngines()) {
  describe(`batched store step, ${engine.name} engine`, { timeout: 600_000 }, () => {
    let single: Db;
    const batched: Db[] = [];
    const sizes = [STORE_BATCH, 7, 2];
    beforeAll(async () => {
      single = await engine.open();
      for (const _ of sizes) batched.push(await engine.open());
    });
    afterAll(async () => {
      await single?.close();
      for (const db of batched) await db.close();
    });

    it('stores what one page a transaction stores, ids included', async () => {
      expect(STORE_BATCH).toBeGreaterThan(1);
      for (const [round, inputs] of rounds.entries()) {
        const expected = await ingestPages(single, inputs, { asOf: null, maxPageBytes: 1 << 22, drain: false, storeBatch: 1 });
        // Something to compare: pages already read, a failure, articles that were copies of stored ones.
        if (round === 1) {
          expect(expected.filter((r) => r.status === 'present').length).toBeGreaterThan(2);
          expect(expected.filter((r) => r.status === 'failed').length).toBe(1);
        }
        const want = await snapshot(single);
        for (const [i, size] of sizes.entries()) {
          const got = await ingestPages(batched[i]!, inputs, { asOf: null, maxPageBytes: 1 << 22, drain: false, storeBatch: size });
          expect(outcome(got), `results, round ${round}, batches of ${size}`).toEqual(outcome(expected));
          const have = await snapshot(batched[i]!);
          for (const table of Object.keys(want)) expect(have[table], `${table}, round ${round}, batches of ${size}`).toEqual(want[table]);
        }
      }
      const stored = await snapshot(single);
      expect(stored.articles!.length).toBeGreaterThan(50);
      expect(stored.owed!.length).toBeGreaterThan(0);
    });

    it('rejects a batch size that is not a positive whole number, naming it', async () => {
      await expect(ingestPages(single, [], { asOf: null, maxPageBytes: 1 << 22, drain: false, storeBatch: 0 })).rejects.toThrow(/storeBatch 0/);
    });
  });
}
