// The post-ingest steps claim and do owed articles a batch at a time (one transaction a batch);
// their decisions must be those of one article at a time. The same pages are stored in two
// databases; one drains with the steps' batch sizes, the other one article per transaction; then
// every table the steps write (copies, stories and their index, term statistics, entities,
// mentions, figures, quotes, events, summaries) must be equal, ids included. Twice: once on an
// empty store, once on top of what the first round stored, so batches meet stored state.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../helpers/db.ts';
import type { Db } from '../../src/store/db.ts';
import { drainOwedSteps, ingestPages, postIngestSteps, type PageInput } from '../../src/pipeline.ts';
import { generateCorpus, pageInputs } from './crash-corpus.ts';
import { decisionRows } from './decision-rows.ts';

const corpus = generateCorpus(24);
const pages = (from: number, to: number): PageInput[] => pageInputs(corpus.slice(from, to));
const oneAtATime = postIngestSteps.map((step) => ({ ...step, batch: 1 }));

/** What the steps wrote, in an order that does not depend on how rows were stored. */
async function snapshot(db: Db): Promise<Record<string, unknown[]>> {
  const q = (sql: string) => db.query(sql);
  return {
    ...(await decisionRows(db)),
    entities: await q(
      `SELECT id, kind, key, name, code, ARRAY(SELECT unnest(aliases) ORDER BY 1) AS aliases, ARRAY(SELECT unnest(alias_keys) ORDER BY 1) AS alias_keys,
              ARRAY(SELECT unnest(roles) ORDER BY 1) AS roles, mention_count, article_count, first_seen_at, last_seen_at FROM entities ORDER BY id`,
    ),
    mentions: await q('SELECT entity_id, article_id, start_offset, end_offset, text, role FROM mentions ORDER BY article_id, start_offset'),
    figures: await q('SELECT id, article_id, subject, subject_entity_id, value, unit, text, context, start_offset, measure, subject_keys, change FROM figures ORDER BY id'),
    quotes: await q('SELECT id, article_id, text, speaker, speaker_entity_id, start_offset FROM quotes ORDER BY id'),
    events: await q('SELECT id, article_id, event_date, precision, text, sentence, start_offset FROM events ORDER BY id'),
    enrichment: await q('SELECT article_id, version, summary, error FROM article_enrichment ORDER BY article_id'),
    owed: await q('SELECT step, article_id, attempts FROM article_steps ORDER BY step, article_id'),
  };
}

for (const engine of await testEngines()) {
  describe(`batched post-ingest steps, ${engine.name} engine`, { timeout: 600_000 }, () => {
    let batched: Db;
    let single: Db;
    beforeAll(async () => {
      batched = await engine.open();
      single = await engine.open();
    });
    afterAll(async () => {
      await batched?.close();
      await single?.close();
    });

    it('make the decisions one article at a time makes, on an empty store and on top of stored state', async () => {
      expect(postIngestSteps.some((s) => s.batch > 1)).toBe(true);
      const halves = [
        [0, 56],
        [56, corpus.length],
      ] as const;
      for (const [from, to] of halves) {
        const now = corpus[to - 1]!.publishedAt;
        for (const db of [batched, single]) await ingestPages(db, pages(from, to), { asOf: null, maxPageBytes: 1 << 22, drain: false });
        const a = await drainOwedSteps(batched, { now });
        const b = await drainOwedSteps(single, { now }, { steps: oneAtATime });
        expect(a.failures).toEqual([]);
        expect(b.failures).toEqual([]);
        expect(a.done).toEqual(b.done);
        const [sa, sb] = [await snapshot(batched), await snapshot(single)];
        // Something to compare: copies found, stories of several articles, entities and their rows.
        expect(sa.copies!.filter((r) => (r as { duplicate_of: number | null }).duplicate_of !== null).length).toBeGreaterThan(0);
        expect(sa.stories!.length).toBeLessThan(sa.members!.length);
        for (const table of ['entities', 'mentions', 'figures', 'quotes', 'events', 'enrichment'] as const) expect(sa[table]!.length, table).toBeGreaterThan(0);
        for (const table of Object.keys(sa)) expect(sa[table], `${table} after pages ${from}-${to}`).toEqual(sb[table]);
      }
    });
  });
}
