// The extractor on a handful of pages of the article-extraction benchmark (../shared/bench,
// real news pages with gold text), scored with the benchmark's own metric: a quality floor per
// page, not a timing (timing lives in bench/extract). Also checks the metric on known cases.
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { extractHtml } from '../../src/extract/html.ts';
import { scorePage, shingles, summarise, tokenize } from '../../bench/extract/metric.ts';

const benchDir = fileURLToPath(new URL('../../../shared/bench/article-extraction/', import.meta.url));
const haveBench = existsSync(`${benchDir}ground-truth.json`);
if (!haveBench) console.warn(`html-bench: ${benchDir} is missing; the benchmark-page checks are skipped`);

/** Pages chosen for variety: a wire-style politics story, markets, an opinion column, a results table, Russian, Portuguese and Italian blogs. */
const PAGES: [id: string, minF1: number][] = [
  ['ef4e67b66d63b5facef55c06a94d85f2ae01a0a1a4a3a1bcfe2499c8c8a7dacf', 0.95],
  ['c7e39ac49fa1235f5d50f83bf2444248bd3aa4e6df044377916c812dd109ba23', 0.93],
  ['04a6711caa7c687592777718866e781e976e0fe684faebe8b3cedcef8cd0ea34', 0.93],
  ['11ea381ad92b5448cf66eae62f52ac565361a244c8881615fc6a7bb523cc0c32', 0.9],
  ['c4a3637c6696f238cf9fe1c7fbb17bbb6731a71d4f5fe399b9b4fc3294a96a6b', 0.95],
  ['3252222e61fe78982cffe0b0bad2b089c27b32f65852d1c5d3951517f3c2e295', 0.95],
  ['20b2b64916b00b25203c9f1bf14248922f4d522f18328e9f876cce116df0083e', 0.93],
];

function f1(precision: number | null, recall: number | null): number {
  const p = precision ?? 0;
  const r = recall ?? 0;
  return p + r > 0 ? (2 * p * r) / (p + r) : 0;
}

describe.skipIf(!haveBench)('extractHtml on benchmark pages', () => {
  const truth = haveBench ? (JSON.parse(readFileSync(`${benchDir}ground-truth.json`, 'utf8')) as Record<string, { articleBody: string; url: string }>) : {};

  it.each(PAGES)('page %s scores F1 >= %s', (id, minF1) => {
    const gold = truth[id];
    expect(gold, `ground truth for ${id}`).toBeDefined();
    const html = gunzipSync(readFileSync(`${benchDir}html/${id}.html.gz`)).toString('utf8');
    const page = extractHtml(html, { url: gold.url, referenceTime: new Date('2020-01-01T00:00:00Z') });
    const score = scorePage(gold.articleBody, page.main.text);
    expect(f1(score.precision, score.recall)).toBeGreaterThanOrEqual(minF1);
    // Paragraph structure, not one run-together blob.
    expect(page.main.text.split('\n\n').length).toBeGreaterThan(2);
  });
});

describe('the benchmark metric', () => {
  it('tokenises on letters, numbers and underscores in any script', () => {
    expect(tokenize("Seoul's 3.5% — 국방비_증액, déjà-vu")).toEqual(['Seoul', 's', '3', '5', '국방비_증액', 'déjà', 'vu']);
  });

  it('makes 4-token shingles, one shingle for a shorter text, none for an empty one', () => {
    expect([...shingles('a b c d e').entries()]).toEqual([
      ['a b c d', 1],
      ['b c d e', 1],
    ]);
    expect([...shingles('a b').entries()]).toEqual([['a b', 1]]);
    expect(shingles('').size).toBe(0);
  });

  it('scores an exact prediction 1 and a missing one 0, with per-page normalised counts', () => {
    const exact = scorePage('one two three four five', 'one  two three four five!');
    expect(exact).toMatchObject({ tp: 1, fp: 0, fn: 0, precision: 1, recall: 1, exact: true });
    const empty = scorePage('one two three four five', '');
    expect(empty).toMatchObject({ tp: 0, fp: 0, fn: 1, precision: null, recall: 0, exact: false });
    // Two of three predicted shingles are right; both gold shingles are found.
    const half = scorePage('a b c d e', 'a b c d e f');
    expect(half.precision).toBeCloseTo(2 / 3);
    expect(half.recall).toBe(1);
    expect(half.tp + half.fp + half.fn).toBeCloseTo(1);
  });

  it('averages precision and recall over pages and takes F1 of the means', () => {
    const summary = summarise([scorePage('a b c d e', 'a b c d e'), scorePage('a b c d e', 'a b c d e f'), scorePage('a b c d', '')]);
    // The empty prediction has no precision (skipped) and recall 0.
    expect(summary.precision).toBeCloseTo((1 + 2 / 3) / 2);
    expect(summary.recall).toBeCloseTo((1 + 1 + 0) / 3);
    expect(summary.f1).toBeCloseTo((2 * summary.precision * summary.recall) / (summary.precision + summary.recall));
    expect(summary.accuracy).toBeCloseTo(1 / 3);
  });
});
