// Throughput of the page-dump reader: parsePageDump on the seed pages (../shared/seeds) and the
// demo's dumps, building a site profile from all of them, and decodePage on UTF-8 and on a page
// whose charset must be detected. Prints the figures; writes bench/results/dump.json.
// Usage: npx tsx bench/dump/run.ts
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import os from 'node:os';
import { parsePageDump } from '../../src/extract/dump.ts';
import { buildSiteProfile } from '../../src/extract/clutter.ts';
import { decodePage } from '../../src/extract/decode.ts';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const seedsDir = fileURLToPath(new URL('../../../shared/seeds/', import.meta.url));
const resultsFile = `${repoRoot}bench/results/dump.json`;
const REF = new Date('2025-08-12T12:00:00Z');

function readDir(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => readFileSync(dir + f, 'utf8'));
}

/**
 * Runs `work` repeatedly for about `ms` milliseconds after a warm-up; returns runs per second of
 * wall time and per second of this process's CPU time (the machine is shared: the CPU figure is
 * the steadier of the two).
 */
function rate(work: () => void, ms = 1500): { runs: number; perSecond: number; perCpuSecond: number } {
  for (let i = 0; i < 20; i++) work();
  let runs = 0;
  const start = performance.now();
  const cpu = process.cpuUsage();
  while (performance.now() - start < ms) {
    work();
    runs++;
  }
  const used = process.cpuUsage(cpu);
  return {
    runs,
    perSecond: runs / ((performance.now() - start) / 1000),
    perCpuSecond: runs / ((used.user + used.system) / 1e6),
  };
}

/** CPU milliseconds for one run of `work` on a pathological input. */
function cpuMs(work: () => void): number {
  const cpu = process.cpuUsage();
  work();
  const used = process.cpuUsage(cpu);
  return Math.round((used.user + used.system) / 1000);
}

const seeds = readDir(seedsDir);
if (seeds.length === 0) console.warn(`bench/dump: ${seedsDir} is missing; measuring the demo dumps only`);
const pages = [...seeds, ...readDir(`${repoRoot}demo/dumps/`), ...readDir(`${repoRoot}test/fixtures/dumps/`)];
if (pages.length === 0) throw new Error('bench/dump: no dumps to measure');
const bytes = pages.reduce((n, p) => n + Buffer.byteLength(p), 0);
let articles = 0;
for (const p of pages) {
  const page = parsePageDump(p, { referenceTime: REF, fallbackTime: REF });
  articles += 1 + page.related.length;
}

const parse = rate(() => {
  for (const p of pages) parsePageDump(p, { referenceTime: REF, fallbackTime: REF });
});
const profile = buildSiteProfile(pages);
const parseWithProfile = rate(() => {
  for (const p of pages) parsePageDump(p, { referenceTime: REF, fallbackTime: REF, siteProfile: profile });
});
const profileBuild = rate(() => buildSiteProfile(pages));

const utf8 = new Uint8Array(
  Buffer.from(
    pages
      .join('\n')
      .repeat(Math.ceil(1_000_000 / bytes))
      .slice(0, 1_000_000),
  ),
);
const eucKr = readFileSync(`${repoRoot}test/fixtures/charsets/euc-kr-undeclared.txt`);
const eucKrMb = new Uint8Array(Buffer.concat(Array.from({ length: Math.ceil(1_000_000 / eucKr.length) }, () => eucKr)));
const decodeUtf8 = rate(() => decodePage(utf8));
const decodeDetect = rate(() => decodePage(eucKrMb));

// Worst cases within the 10 MB limit: every line short, or nothing but blank lines.
const shortLines = 'Title here\nA first sentence that is long enough to count as prose here.\n' + 'ab\n'.repeat(3_000_000);
const blankLines = '\n'.repeat(10_000_000) + 'Title here\nA first sentence that is long enough to count as prose here.\n';
const worst = {
  shortLines9MbCpuMs: cpuMs(() => parsePageDump(shortLines, { referenceTime: REF, fallbackTime: REF })),
  blankLines10MbCpuMs: cpuMs(() => parsePageDump(blankLines, { referenceTime: REF, fallbackTime: REF })),
};

const results = {
  when: new Date().toISOString(),
  machine: `${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown'}), Node ${process.versions.node}; shared with other work, so figures are under contention`,
  corpus: { pages: pages.length, seedPages: seeds.length, articles, kilobytes: Math.round(bytes / 1024) },
  parsePageDump: {
    pagesPerSecond: Math.round(parse.perSecond * pages.length),
    pagesPerCpuSecond: Math.round(parse.perCpuSecond * pages.length),
    articlesPerSecond: Math.round(parse.perSecond * articles),
    megabytesPerSecond: +((parse.perSecond * bytes) / 1e6).toFixed(2),
  },
  parsePageDumpWithProfile: {
    pagesPerSecond: Math.round(parseWithProfile.perSecond * pages.length),
    pagesPerCpuSecond: Math.round(parseWithProfile.perCpuSecond * pages.length),
  },
  worstCase: worst,
  buildSiteProfile: { millisecondsForCorpus: +(1000 / profileBuild.perSecond).toFixed(2), clutterLines: profile.clutterLines.length },
  decodePage: {
    utf8MegabytesPerSecond: +((decodeUtf8.perSecond * utf8.length) / 1e6).toFixed(1),
    detectedEucKrMegabytesPerSecond: +((decodeDetect.perSecond * eucKrMb.length) / 1e6).toFixed(1),
  },
};

console.log(`page dumps: ${results.corpus.pages} pages (${results.corpus.seedPages} seeds), ${articles} articles, ${results.corpus.kilobytes} KB`);
console.log(
  `parsePageDump:           ${results.parsePageDump.pagesPerSecond} pages/s wall (${results.parsePageDump.pagesPerCpuSecond} per CPU-second), ${results.parsePageDump.articlesPerSecond} articles/s, ${results.parsePageDump.megabytesPerSecond} MB/s`,
);
console.log(`  with the site profile: ${results.parsePageDumpWithProfile.pagesPerSecond} pages/s wall (${results.parsePageDumpWithProfile.pagesPerCpuSecond} per CPU-second)`);
console.log(`worst cases:             9 MB of short lines ${worst.shortLines9MbCpuMs} ms CPU, 10 MB of blank lines ${worst.blankLines10MbCpuMs} ms CPU`);
console.log(`buildSiteProfile:        ${results.buildSiteProfile.millisecondsForCorpus} ms for the ${pages.length} pages (${profile.clutterLines.length} clutter lines)`);
console.log(`decodePage:              ${results.decodePage.utf8MegabytesPerSecond} MB/s UTF-8, ${results.decodePage.detectedEucKrMegabytesPerSecond} MB/s EUC-KR by detection`);
console.log(`(${results.machine})`);
mkdirSync(`${repoRoot}bench/results`, { recursive: true });
writeFileSync(resultsFile, JSON.stringify(results, null, 2) + '\n');
console.log(`written ${resultsFile}`);
