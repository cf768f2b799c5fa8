// Where an article's publisher comes from when the page does not state it in the usual places:
// the site's host for an HTML page with a URL; a page dump without a source line stays unnamed.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parsePageDump } from '../../src/extract/dump.ts';
import { extractHtml } from '../../src/extract/html.ts';
import { sourceLabel, UNNAMED_SOURCE } from '../../src/web/source-label.ts';

const demoDump = (name: string) => readFileSync(new URL(`../../demo/dumps/${name}`, import.meta.url), 'utf8');
const FILE_TIME = new Date('2025-08-13T00:00:00Z');

describe('publisher of a dump article whose page names none', () => {
  // The demo's layout-A dumps (like the seeds) carry no source line for their own article. A wire
  // dateline's credit names the agency, not the outlet that ran the copy (in the demo corpus it is
  // the outlet for 7 of the 24 articles that carry one), so it is no evidence of the publisher.
  it('stays unnamed, and the reader says so instead of "Unknown source"', () => {
    for (const file of ['dump-02-sandhaven-strike.txt', 'dump-06-marrow-crest.txt']) {
      const page = parsePageDump(demoDump(file), { referenceTime: null, fallbackTime: FILE_TIME });
      expect(page.main.sourceName, file).toBeNull();
      expect(sourceLabel(page.main.sourceName, page.main.url)).toBe(UNNAMED_SOURCE);
    }
  });
});

describe('publisher of an HTML page that names none', () => {
  it("is its site's host", () => {
    const body = '<p>The council voted on Tuesday to extend the ferry service to the island for another five years, officials said.</p>'.repeat(4);
    const page = extractHtml(`<!doctype html><html><head><title>Ferry service extended</title></head><body><article><h1>Ferry service extended</h1>${body}</article></body></html>`, {
      url: 'https://www.islandpost.example/news/ferry',
      referenceTime: FILE_TIME,
    });
    expect(page.main.sourceName).toBe('islandpost.example');
    expect(sourceLabel(null, 'https://www.islandpost.example/x')).toBe('islandpost.example');
    expect(sourceLabel(null, null)).toBe(UNNAMED_SOURCE);
  });
});
