// On a fresh database nothing is "already present": a page new to the store whose articles came
// in with another page (an outlet's page and an aggregator's dump of it, a wire copy) is counted
// apart from a page imported before. `dateline demo` printed "7 already present" on a fresh data
// directory for the demo corpus's seven such pages.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openEmbeddedTestDb } from '../helpers/db.ts';
import type { Db } from '../../src/store/db.ts';
import { importPaths, importSummaryLine } from '../../src/cli/commands/import.ts';

const body = '<p>The island ferry company will raise fares by 8 percent from September, its board said on Tuesday, citing fuel costs and a new crew agreement with the harbour union.</p>'.repeat(4);
/** One article, as its outlet's page and as a second page with other surroundings (other bytes, the same article). */
const page = (nav: string) =>
  `<!doctype html><html><head><meta charset="utf-8"><title>Ferry fares to rise | Tidewater Post</title><meta property="og:site_name" content="Tidewater Post">
<meta property="article:published_time" content="2025-08-04T08:00:00Z"><link rel="canonical" href="https://tidewater.example/news/ferry-fares"></head>
<body><nav>${nav}</nav><article><h1>Ferry fares to rise</h1>${body}</article></body></html>`;

describe('import counts: a page with no new article is not "already present"', () => {
  let db: Db;
  const work = mkdtempSync(join(tmpdir(), 'dateline-repeats-'));
  const options = { asOf: new Date('2025-08-12T12:00:00Z'), maxPageBytes: 1 << 22, print: () => undefined, quiet: true };
  beforeAll(async () => {
    db = await openEmbeddedTestDb();
    writeFileSync(join(work, 'a-outlet.html'), page('<a href="/">Home</a>'));
    writeFileSync(join(work, 'b-saved-again.html'), page('<a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a>'));
  });
  afterAll(async () => {
    await db?.close();
    rmSync(work, { recursive: true, force: true });
  });

  it('a fresh import: one page imported, one with no new article, none already present', async () => {
    const summary = await importPaths(db, [work], options);
    expect({ imported: summary.imported, present: summary.present, repeats: summary.repeats, failed: summary.failed, articles: summary.articles }).toEqual({ imported: 1, present: 0, repeats: 1, failed: 0, articles: 1 });
    expect(importSummaryLine(summary)).toBe('1 page imported, 1 page whose articles were already stored from other pages, 0 failed, 1 articles added or updated');
  });

  it('the same files again: both already imported before', async () => {
    const summary = await importPaths(db, [work], options);
    expect({ imported: summary.imported, present: summary.present, repeats: summary.repeats }).toEqual({ imported: 0, present: 2, repeats: 0 });
    expect(importSummaryLine(summary)).toBe('0 pages imported, 2 already imported before, 0 failed, 0 articles added or updated');
  });
});
