// Benchmark of the HTML extractor against plain Readability.js on linkedom, side by side in one
// run, over two sets: ../shared/bench/article-extraction (181 news pages with gold article text,
// the benchmark's shingle metric) and ../shared/bench/article-extraction-web (482 pages of every
// kind with snippets the main text must and must not hold, split into dev and test by page).
// Prints precision, recall, F1, empty results and pages per CPU-second; writes bench/results/extract.json.
// Usage: npx tsx bench/extract/run.ts [--set news|web] [--verbose] [--worst N] [--split dev|test]
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { performance } from 'node:perf_hooks';
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { extractHtml } from '../../src/extract/html.ts';
import { scorePage, summarise, type PageScore } from './metric.ts';
import { haveWebSet, loadWebPages, scoreSnippets, summariseSnippets, type SnippetCounts, type WebPage } from './web-set.ts';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const sharedBench = fileURLToPath(new URL('../shared/bench/', new URL(`file://${repoRoot}`)));
const newsDir = process.env.DATELINE_EXTRACTION_BENCH ?? `${sharedBench}article-extraction/`;
const webDir = process.env.DATELINE_EXTRACTION_WEB_BENCH ?? `${sharedBench}article-extraction-web/`;
const resultsFile = `${repoRoot}bench/results/extract.json`;
const referenceTime = new Date('2026-01-01T00:00:00Z');

const args = process.argv.slice(2);
const argValue = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const onlySet = argValue('--set');
const onlySplit = argValue('--split');
const worstCount = Number(argValue('--worst') ?? (args.includes('--verbose') ? 30 : 0));

interface NewsPage {
  id: string;
  url: string;
  html: string;
  gold: string;
}

function loadNewsPages(): NewsPage[] {
  const truth = JSON.parse(readFileSync(`${newsDir}/ground-truth.json`, 'utf8')) as Record<string, { articleBody: string; url: string }>;
  const pages: NewsPage[] = [];
  for (const file of readdirSync(`${newsDir}/html`).sort()) {
    const id = file.replace(/\.html\.gz$/, '');
    const gold = truth[id];
    if (!gold) continue;
    pages.push({ id, url: gold.url, html: gunzipSync(readFileSync(`${newsDir}/html/${file}`)).toString('utf8'), gold: gold.articleBody });
  }
  return pages;
}

/** Ours: the main article's body text (the gold texts carry no headline, so neither do we). */
function ours(page: { html: string; url: string }): string {
  return extractHtml(page.html, { url: page.url, referenceTime }).main.text;
}

/** The baseline: plain Readability.js 0.6.0 on linkedom, its textContent. */
function readability(page: { html: string }): string {
  const { document } = parseHTML(page.html);
  return new Readability(document as unknown as Document).parse()?.textContent ?? '';
}

const EXTRACTORS = [
  { name: 'dateline extractHtml', extract: ours },
  { name: 'Readability.js 0.6.0 (linkedom, textContent)', extract: readability },
];

interface Timed {
  name: string;
  outputs: string[];
  failures: { id: string; error: string }[];
  ms: number;
  /** CPU time of this process during the calls: steadier than wall time when the machine is shared. */
  cpuMs: number;
}

/** Runs every extractor on every page, interleaved page by page and alternating who goes first, so both see the same machine load. */
function runAll<P extends { id: string; html: string; url: string }>(pages: P[]): Timed[] {
  const runs: Timed[] = EXTRACTORS.map((e) => ({ name: e.name, outputs: [], failures: [], ms: 0, cpuMs: 0 }));
  // Warm both up on a few pages so the JIT does not count against whichever runs first.
  for (const page of pages.slice(0, 5))
    for (const e of EXTRACTORS) {
      try {
        e.extract(page);
      } catch {
        /* scored below */
      }
    }
  pages.forEach((page, i) => {
    const order = i % 2 === 0 ? [0, 1] : [1, 0];
    for (const k of order) {
      const run = runs[k];
      let predicted = '';
      const cpuStart = process.cpuUsage();
      const start = performance.now();
      try {
        predicted = EXTRACTORS[k].extract(page);
      } catch (error) {
        // A failed page scores as an empty prediction, as both benchmarks say.
        run.failures.push({ id: page.id, error: error instanceof Error ? error.message : String(error) });
      }
      run.ms += performance.now() - start;
      const cpu = process.cpuUsage(cpuStart);
      run.cpuMs += (cpu.user + cpu.system) / 1000;
      run.outputs[i] = predicted;
    }
  });
  return runs;
}

const fmt = (x: number): string => x.toFixed(4);
const speed = (n: number, run: Timed) => ({ pagesPerSecond: n / (run.ms / 1000), pagesPerCpuSecond: n / (run.cpuMs / 1000) });

function header(first: string): void {
  console.log([first.padEnd(46), 'P'.padStart(6), 'R'.padStart(6), 'F1'.padStart(6), 'extra'.padStart(9), 'pages/s'.padStart(8), 'cpu p/s'.padStart(8), 'fail'.padStart(5)].join(' '));
}

function row(name: string, s: { precision: number; recall: number; f1: number }, extra: string, sp: { pagesPerSecond: number; pagesPerCpuSecond: number } | null, failures: number): void {
  console.log(
    [
      name.padEnd(46),
      fmt(s.precision).padStart(6),
      fmt(s.recall).padStart(6),
      fmt(s.f1).padStart(6),
      extra.padStart(9),
      (sp ? sp.pagesPerSecond.toFixed(1) : '').padStart(8),
      (sp ? sp.pagesPerCpuSecond.toFixed(1) : '').padStart(8),
      String(failures).padStart(5),
    ].join(' '),
  );
}

function pageF1(s: PageScore): number {
  const p = s.precision ?? 0;
  const r = s.recall ?? 0;
  return p + r > 0 ? (2 * p * r) / (p + r) : 0;
}

function benchNews(): unknown {
  if (!existsSync(`${newsDir}/ground-truth.json`)) {
    console.log(`news set: skipped — benchmark data not found at ${newsDir} (expected ground-truth.json and html/*.html.gz)`);
    return null;
  }
  const pages = loadNewsPages();
  const runs = runAll(pages);
  console.log(`\nNews set: ${pages.length} pages (${newsDir}); the benchmark's shingle metric; extra = exact-page accuracy`);
  header('extractor');
  const rows = runs.map((run) => {
    const scores = pages.map((p, i) => scorePage(p.gold, run.outputs[i]));
    const summary = summarise(scores);
    row(run.name, summary, fmt(summary.accuracy), speed(pages.length, run), run.failures.length);
    return { extractor: run.name, ...summary, ...speed(pages.length, run), failures: run.failures, scores };
  });
  if (worstCount > 0) {
    const worst = pages
      .map((page, i) => ({ page, f1: pageF1(rows[0].scores[i]), baseF1: pageF1(rows[1].scores[i]), s: rows[0].scores[i] }))
      .sort((a, b) => a.f1 - b.f1)
      .slice(0, worstCount);
    console.log('worst news pages of ours:');
    for (const r of worst) console.log(`  ${r.f1.toFixed(3)} (readability ${r.baseF1.toFixed(3)}) P=${(r.s.precision ?? 0).toFixed(3)} R=${(r.s.recall ?? 0).toFixed(3)} ${r.page.id.slice(0, 12)} ${r.page.url}`);
  }
  for (const run of runs) for (const f of run.failures) console.log(`  ${run.name} failed on ${f.id}: ${f.error}`);
  return { pages: pages.length, results: rows.map(({ scores: _scores, ...rest }) => rest) };
}

function benchWeb(): unknown {
  if (!haveWebSet(webDir)) {
    console.log(`web set: skipped — data not found at ${webDir} (expected evaldata.json and html/*.gz)`);
    return null;
  }
  const all = loadWebPages(webDir);
  const pages = onlySplit ? all.filter((p) => p.split === onlySplit) : all;
  const runs = runAll(pages);
  console.log(`\nWeb set: ${pages.length} pages (${webDir}), split by page into dev (tuned on) and test; trafilatura's snippet metric; extra = empty results on pages with main text`);
  header('extractor / split');
  const out: Record<string, unknown>[] = [];
  const perPage: SnippetCounts[][] = runs.map((run) => pages.map((p, i) => scoreSnippets(p, run.outputs[i])));
  for (const split of ['dev', 'test', 'all'] as const) {
    const idx = pages.map((p, i) => (split === 'all' || p.split === split ? i : -1)).filter((i) => i >= 0);
    if (idx.length === 0) continue;
    runs.forEach((run, k) => {
      const empty = idx.filter((i) => pages[i].with.length > 0 && !run.outputs[i].trim()).length;
      const summary = summariseSnippets(
        idx.map((i) => perPage[k][i]),
        empty,
      );
      // Speed over the whole run only: a split's pages are interleaved with the other's.
      row(`${run.name.slice(0, 38)} ${split}`, summary, String(empty), split === 'all' ? speed(pages.length, run) : null, split === 'all' ? run.failures.length : 0);
      out.push({ extractor: run.name, split, ...summary, ...(split === 'all' ? { ...speed(pages.length, run), failures: run.failures } : {}) });
    });
  }
  if (worstCount > 0) printWorstWeb(pages, runs, perPage);
  return { pages: pages.length, dev: pages.filter((p) => p.split === 'dev').length, test: pages.filter((p) => p.split === 'test').length, results: out };
}

/**
 * The pages where ours misses or leaks most snippets, with what it missed and leaked: dev pages, or
 * with `--split test` the test pages (to read the errors on pages not tuned on, never to tune on them).
 */
function printWorstWeb(pages: WebPage[], runs: Timed[], perPage: SnippetCounts[][]): void {
  const collapse = (t: string): string => t.replace(/\s+/g, ' ');
  const worst = pages
    .map((page, i) => ({ page, i, s: perPage[0][i], base: perPage[1][i] }))
    .filter((r) => r.page.split === (onlySplit ?? 'dev') && r.s.fn + r.s.fp > 0)
    .sort((a, b) => b.s.fn + b.s.fp - (a.s.fn + a.s.fp))
    .slice(0, worstCount);
  console.log(`worst ${onlySplit ?? 'dev'} pages of ours (missed with / leaked without; readability in brackets):`);
  for (const r of worst) {
    const text = collapse(runs[0].outputs[r.i]);
    const missed = r.page.with.filter((s) => !text.includes(collapse(s).trim()));
    const leaked = r.page.without.filter((s) => text.includes(collapse(s).trim()));
    console.log(`  fn=${r.s.fn} fp=${r.s.fp} (fn=${r.base.fn} fp=${r.base.fp}) len=${text.length} ${r.page.id} ${r.page.url}`);
    if (missed.length) console.log(`     missed: ${missed.map((s) => JSON.stringify(s.slice(0, 60))).join(' | ')}`);
    if (leaked.length) console.log(`     leaked: ${leaked.map((s) => JSON.stringify(s.slice(0, 60))).join(' | ')}`);
  }
  const failed = runs[0].failures;
  for (const f of failed) console.log(`  ours failed on ${f.id}: ${f.error}`);
}

function main(): void {
  console.log(`Extraction benchmark — ours and Readability.js timed in the same run, page by page, on a shared machine (load ${loadavg()[0].toFixed(1)})`);
  const news = onlySet && onlySet !== 'news' ? null : benchNews();
  const web = onlySet && onlySet !== 'web' ? null : benchWeb();
  mkdirSync(`${repoRoot}bench/results`, { recursive: true });
  writeFileSync(resultsFile, JSON.stringify({ benchmark: 'article-extraction', measuredAt: new Date().toISOString(), news, web }, null, 2));
  console.log(`wrote ${resultsFile}`);
}

main();
