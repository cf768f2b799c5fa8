// Enrichment as a post-ingest step: importing a page through the pipeline leaves its articles
// enriched, after the near-duplicate and story steps (so story pages have what they show).
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openEmbeddedTestDb } from '../helpers/db.ts';
import type { Db } from '../../src/store/db.ts';
import { ingestPages, postIngestSteps } from '../../src/pipeline.ts';
import { getArticleEnrichment } from '../../src/store/enrich.ts';

const PAGE = new URL('../../demo/pages/meridian--tariffs-letters.html', import.meta.url);

describe('the enrichment step in the pipeline', () => {
  let db: Db;
  beforeAll(async () => {
    db = await openEmbeddedTestDb();
  });
  afterAll(async () => {
    await db?.close();
  });

  it('runs after the story step', () => {
    const names = postIngestSteps.map((s) => s.name);
    expect(names.indexOf('enrichment')).toBeGreaterThan(names.indexOf('stories'));
  });

  it('enriches the articles an import adds', async () => {
    const [result] = await ingestPages(db, [{ location: PAGE.pathname, bytes: readFileSync(PAGE), modifiedAt: new Date('2025-07-08T00:00:00Z') }], {
      asOf: null,
      maxPageBytes: 10 * 1024 * 1024,
    });
    expect(result!.status).toBe('imported');
    const view = (await getArticleEnrichment(db, result!.articleIds[0]!))!;
    expect(view.error).toBeNull();
    expect(view.entities.map((e) => e.name)).toEqual(expect.arrayContaining(['Thomas Reardon', 'Japan', 'South Korea']));
    expect(view.quotes.find((q) => q.speakerName === 'Thomas Reardon')).toBeDefined();
    expect(view.events.some((e) => e.date === '2025-08-01')).toBe(true);
  });
});
