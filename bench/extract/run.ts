// Benchmark of the HTML extractor against plain Readability.js on linkedom, side by side in one
// run, over ../shared/bench/article-extraction (181 news pages with gold article text).
// Prints precision, recall, F1, accuracy and pages/second; writes bench/results/extract.json.
// Usage: npx tsx bench/extract/run.ts [--verbose]   (--verbose lists the worst pages of ours)
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { performance } from 'node:perf_hooks';
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { extractHtml } from '../../src/extract/html.ts';
import { scorePage, summarise, type PageScore } from './metric.ts';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const dataDir = process.env.DATELINE_EXTRACTION_BENCH ?? fileURLToPath(new URL('../shared/bench/article-extraction/', new URL(`file://${repoRoot}`)));
const resultsFile = `${repoRoot}bench/results/extract.json`;
const referenceTime = new Date('2026-01-01T00:00:00Z');

interface Page {
  id: string;
  url: string;
  html: string;
  gold: string;
}

function loadPages(): Page[] {
  const truth = JSON.parse(readFileSync(`${dataDir}/ground-truth.json`, 'utf8')) as Record<string, { articleBody: string; url: string }>;
  const pages: Page[] = [];
  for (const file of readdirSync(`${dataDir}/html`).sort()) {
    const id = file.replace(/\.html\.gz$/, '');
    const gold = truth[id];
    if (!gold) continue;
    pages.push({ id, url: gold.url, html: gunzipSync(readFileSync(`${dataDir}/html/${file}`)).toString('utf8'), gold: gold.articleBody });
  }
  return pages;
}

/** Ours: the main article's body text (the gold texts carry no headline, so neither do we). */
function ours(page: Page): string {
  return extractHtml(page.html, { url: page.url, referenceTime }).main.text;
}

/** The baseline: plain Readability.js 0.6.0 on linkedom, its textContent. */
function readability(page: Page): string {
  const { document } = parseHTML(page.html);
  return new Readability(document as unknown as Document).parse()?.textContent ?? '';
}

interface Run {
  name: string;
  extract: (page: Page) => string;
  scores: PageScore[];
  failures: { id: string; error: string }[];
  ms: number;
  /** CPU time of this process during the calls: steadier than wall time when the machine is shared. */
  cpuMs: number;
}

function runOne(run: Run, page: Page): void {
  let predicted = '';
  const cpuStart = process.cpuUsage();
  const start = performance.now();
  try {
    predicted = run.extract(page);
  } catch (error) {
    run.failures.push({ id: page.id, error: error instanceof Error ? error.message : String(error) });
  }
  run.ms += performance.now() - start;
  const cpu = process.cpuUsage(cpuStart);
  run.cpuMs += (cpu.user + cpu.system) / 1000;
  // A failed page scores as an empty prediction, as the benchmark says.
  run.scores.push(scorePage(page.gold, predicted));
}

function main(): void {
  if (!existsSync(`${dataDir}/ground-truth.json`)) {
    console.log(`extract bench: skipped — benchmark data not found at ${dataDir} (expected ground-truth.json and html/*.html.gz)`);
    return;
  }
  const pages = loadPages();
  const runs: Run[] = [
    { name: 'dateline extractHtml', extract: ours, scores: [], failures: [], ms: 0, cpuMs: 0 },
    { name: 'Readability.js 0.6.0 (linkedom, textContent)', extract: readability, scores: [], failures: [], ms: 0, cpuMs: 0 },
  ];
  // Warm both up on a few pages so the JIT does not count against whichever runs first.
  for (const page of pages.slice(0, 5)) for (const run of runs) { try { run.extract(page); } catch { /* scored below */ } }
  // Interleave page by page, alternating who goes first, so both see the same machine load.
  pages.forEach((page, i) => {
    const order = i % 2 === 0 ? runs : [...runs].reverse();
    for (const run of order) runOne(run, page);
  });

  const rows = runs.map((run) => ({
    extractor: run.name,
    ...summarise(run.scores),
    pagesPerSecond: pages.length / (run.ms / 1000),
    pagesPerCpuSecond: pages.length / (run.cpuMs / 1000),
    failures: run.failures,
  }));
  const fmt = (x: number): string => x.toFixed(4);
  const load = loadavg()[0].toFixed(1);
  console.log(`Article extraction benchmark: ${pages.length} pages (${dataDir}); both timed in the same run, page by page, on a shared machine (load ${load})`);
  console.log(['extractor'.padEnd(46), 'P'.padStart(6), 'R'.padStart(6), 'F1'.padStart(6), 'acc'.padStart(6), 'pages/s'.padStart(8), 'cpu p/s'.padStart(8), 'fail'.padStart(5)].join(' '));
  for (const row of rows) {
    console.log([row.extractor.padEnd(46), fmt(row.precision).padStart(6), fmt(row.recall).padStart(6), fmt(row.f1).padStart(6), fmt(row.accuracy).padStart(6), row.pagesPerSecond.toFixed(1).padStart(8), row.pagesPerCpuSecond.toFixed(1).padStart(8), String(row.failures.length).padStart(5)].join(' '));
  }
  if (process.argv.includes('--verbose')) {
    const worst = pages
      .map((page, i) => ({ id: page.id, url: page.url, ours: runs[0].scores[i], base: runs[1].scores[i] }))
      .map((r) => ({ ...r, f1: f1Of(r.ours), baseF1: f1Of(r.base) }))
      .sort((a, b) => a.f1 - b.f1)
      .slice(0, 40);
    for (const r of worst) console.log(`${r.f1.toFixed(3)} (readability ${r.baseF1.toFixed(3)}) P=${(r.ours.precision ?? 0).toFixed(3)} R=${(r.ours.recall ?? 0).toFixed(3)} ${r.id.slice(0, 12)} ${r.url}`);
    for (const run of runs) for (const f of run.failures) console.log(`${run.name} failed on ${f.id}: ${f.error}`);
  }
  mkdirSync(`${repoRoot}bench/results`, { recursive: true });
  writeFileSync(resultsFile, JSON.stringify({ benchmark: 'article-extraction', pages: pages.length, measuredAt: new Date().toISOString(), results: rows }, null, 2));
  console.log(`wrote ${resultsFile}`);
}

function f1Of(s: PageScore): number {
  const p = s.precision ?? 0;
  const r = s.recall ?? 0;
  return p + r > 0 ? (2 * p * r) / (p + r) : 0;
}

main();
