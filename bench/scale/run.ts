// Scale: a generated stream of news articles (default 1,000,000; realistic vocabulary, stories,
// wire copies) through near-duplicate detection and story clustering with the in-memory state
// equivalent to the store's index (LSH buckets and story term index, each with a time window).
// Prints time per article (over the last 10k) at 10k and at every 100k up to 1M (must stay flat),
// live memory there, the process's peak RSS, and the quality on the generated truth; writes
// bench/results/scale.json.
// Usage: node --expose-gc --import tsx bench/scale/run.ts [--count 1000000] [--days 1825]
//   (--expose-gc: memory is measured live, after a collection; long: run it in the background
//   with nohup; it prints progress every 50k articles). The default stream spans five years,
//   about 550 articles a day: a self-hosted instance following a few hundred feeds.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { getHeapStatistics } from 'node:v8';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { MemoryDedupIndex } from '../../src/dedup/memory-index.ts';
import { OnlineClusterer } from '../../src/cluster/online.ts';
import { DEDUP_WINDOW_DAYS } from '../../src/pipeline/dedup.ts';
import { generateStream, loadVocabulary } from './generate.ts';
import { scoreClustering } from '../cluster/metric.ts';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const shared = process.env.DATELINE_SHARED_BENCH ?? `${repoRoot}../shared/bench/`;
const arg = (name: string, fallback: number) => (process.argv.includes(name) ? Number(process.argv[process.argv.indexOf(name) + 1]) : fallback);

/** The process's peak resident set (VmHWM) where Linux reports it, else 0: sampling misses peaks between samples. */
function highWaterRss(): number {
  try {
    const kb = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync('/proc/self/status', 'utf8'))?.[1];
    return kb ? Number(kb) * 1024 : 0;
  } catch {
    return 0;
  }
}

async function main(): Promise<void> {
  if (!existsSync(`${shared}news-clustering`)) {
    console.error(`bench/scale: ${shared} is missing (its texts give the vocabulary); nothing to run`);
    process.exitCode = 2;
    return;
  }
  const count = arg('--count', 1_000_000);
  const days = arg('--days', 1825);
  const vocabulary = loadVocabulary(shared);
  const dedup = new MemoryDedupIndex(undefined, DEDUP_WINDOW_DAYS * 86_400_000);
  const clusterer = new OnlineClusterer();
  const storyOf = new Int32Array(count + 1);
  // Truth and predictions for a sample (every 10th article), for quality at scale.
  const goldSample: string[] = [];
  const sampleIds: number[] = [];
  let copies = 0;
  let copiesFound = 0;
  let falseCopies = 0;
  const checkpoints = [10_000, ...Array.from({ length: 10 }, (_, i) => (i + 1) * 100_000)].filter((c) => c <= count);
  if (!checkpoints.includes(count)) checkpoints.push(count);
  const windowSize = Math.min(10_000, count);
  const figures: Record<string, unknown>[] = [];
  let peakRss = 0;
  let peakHeap = 0;
  let windowMs = 0;
  let totalMs = 0;
  let genMs = 0;
  const merged = new Map<number, number>();
  const resolve = (id: number) => {
    while (merged.has(id)) id = merged.get(id)!;
    return id;
  };
  const cpuStart = process.cpuUsage();
  const progress: Record<string, number>[] = [];
  // Each 10k stretch: wall ms an article in dedup+clustering, process CPU ms an article (generation
  // included), live stories and the load, without a collection (cheap enough to take every 10k).
  const stretches: Record<string, number>[] = [];
  let stretchCpu = process.cpuUsage();
  const stream = generateStream(vocabulary, count, { days, seed: 7, copyShare: 0.12 });
  for (let n = 1; n <= count; n++) {
    const g0 = performance.now();
    const article = stream.next().value!;
    const t0 = performance.now();
    genMs += t0 - g0;
    const decision = dedup.check({ id: article.id, text: article.text, publishedAt: article.publishedAt });
    const assignment = await clusterer.assign({
      id: article.id,
      title: article.title,
      text: article.text,
      publishedAt: article.publishedAt,
      duplicateOf: decision?.duplicateOf ?? null,
      duplicateSimilarity: decision?.similarity ?? null,
    });
    storyOf[article.id] = assignment.storyId;
    for (const gone of assignment.merged) merged.set(gone, assignment.storyId);
    for (const [gone, kept] of assignment.settled) merged.set(gone, kept);
    const ms = performance.now() - t0;
    windowMs += ms;
    totalMs += ms;
    if (article.copyOf !== null) {
      copies++;
      if (decision && decision.duplicateOf === article.copyOf) copiesFound++;
    } else if (decision) falseCopies++;
    if (n % 10 === 0) {
      sampleIds.push(article.id);
      goldSample.push(String(article.story));
    }
    // Heap used, garbage included, every 1000 articles: the peak is what V8 lets pile up before a collection.
    if (n % 1000 === 0) peakHeap = Math.max(peakHeap, getHeapStatistics().used_heap_size);
    if (n % 10_000 === 0) peakRss = Math.max(peakRss, process.memoryUsage().rss);
    if (n % windowSize === 0) {
      const cpu = process.cpuUsage(stretchCpu);
      stretchCpu = process.cpuUsage();
      stretches.push({
        articles: n,
        wallMsPerArticle: windowMs / windowSize,
        cpuMsPerArticle: (cpu.user + cpu.system) / 1e3 / windowSize,
        storiesLive: clusterer.store.size().stories,
        loadAverage: loadavg()[0]!,
      });
    }
    if (n % windowSize === 0 && checkpoints.some((c) => n === c)) {
      // Live memory: collect first when the process runs with --expose-gc (the default way to run it).
      (globalThis as { gc?: () => void }).gc?.();
      const size = clusterer.store.size();
      const figure = {
        articles: n,
        msPerArticleLast10k: windowMs / windowSize,
        msPerArticleSoFar: totalMs / n,
        rssMB: Math.round(process.memoryUsage().rss / 2 ** 20),
        heapMB: Math.round(process.memoryUsage().heapUsed / 2 ** 20),
        heapTotalMB: Math.round(process.memoryUsage().heapTotal / 2 ** 20),
        // The peak so far of resident memory (VmHWM), and of heap used with its garbage.
        peakRssMB: Math.round(highWaterRss() / 2 ** 20),
        peakHeapUsedMB: Math.round(peakHeap / 2 ** 20),
        // Typed arrays' backing stores live outside the heap.
        arrayBuffersMB: Math.round(process.memoryUsage().arrayBuffers / 2 ** 20),
        dedupIndexArticles: dedup.size,
        storiesLive: size.stories,
        postings: size.postings,
        archivedPostings: size.archived,
        terms: size.terms,
        termsHeld: size.termsHeld,
        cpuSeconds: (process.cpuUsage(cpuStart).user + process.cpuUsage(cpuStart).system) / 1e6,
        loadAverage: loadavg()[0],
      };
      figures.push(figure);
      console.log(
        `${String(n).padStart(9)} articles: ${(windowMs / windowSize).toFixed(3)} ms/article (last 10k), ${(totalMs / n).toFixed(3)} so far; ` +
          `rss ${figure.rssMB} MB (peak ${figure.peakRssMB}), heap ${figure.heapMB} MB live of ${figure.heapTotalMB} (peak used ${figure.peakHeapUsedMB}), array buffers ${figure.arrayBuffersMB} MB; index: ${dedup.size} fingerprints, ${size.stories} live stories, ${size.postings} postings (+${size.archived} archived), ${size.terms} terms (${size.termsHeld} held); ` +
          `CPU ${figure.cpuSeconds.toFixed(0)} s; load ${loadavg()[0]!.toFixed(1)}`,
      );
    }
    if (n % windowSize === 0) windowMs = 0;
    if (n % 50_000 === 0) {
      const cpu = process.cpuUsage(cpuStart);
      (globalThis as { gc?: () => void }).gc?.();
      progress.push({
        articles: n,
        wallSecondsInDedupAndClustering: totalMs / 1000,
        cpuSeconds: (cpu.user + cpu.system) / 1e6,
        rssMB: Math.round(process.memoryUsage().rss / 2 ** 20),
        heapMB: Math.round(process.memoryUsage().heapUsed / 2 ** 20),
      });
      // Written as it goes: a run stopped early still leaves its figures.
      mkdirSync(`${repoRoot}bench/results`, { recursive: true });
      writeFileSync(
        `${repoRoot}bench/results/scale${count === 1_000_000 ? '' : '-' + count}-partial.json`,
        JSON.stringify({ count, days, heapLimitMB: Math.round(getHeapStatistics().heap_size_limit / 2 ** 20), figures, progress, stretches }, null, 2) + '\n',
      );
      process.stderr.write(
        `  … ${n} articles, ${(totalMs / 1000).toFixed(0)} s wall in dedup+clustering, ${(genMs / 1000).toFixed(0)} s generating, ${((cpu.user + cpu.system) / 1e6).toFixed(0)} s CPU in all, rss ${Math.round(process.memoryUsage().rss / 2 ** 20)} MB, heap ${Math.round(process.memoryUsage().heapUsed / 2 ** 20)} MB\n`,
      );
    }
  }
  peakRss = Math.max(peakRss, process.memoryUsage().rss, highWaterRss());
  peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
  const quality = scoreClustering(
    goldSample,
    sampleIds.map((id) => resolve(storyOf[id]!)),
  );
  console.log(
    `copies found ${copiesFound}/${copies} (${((100 * copiesFound) / Math.max(1, copies)).toFixed(1)}%), false copies ${falseCopies}; ` +
      `stories on a 10% sample: B-cubed P ${quality.bcubed.precision.toFixed(3)} R ${quality.bcubed.recall.toFixed(3)} F1 ${quality.bcubed.f1.toFixed(3)}`,
  );
  const cpu = process.cpuUsage(cpuStart);
  console.log(`CPU time (process, generation included): ${((cpu.user + cpu.system) / 1e6).toFixed(0)} s = ${((cpu.user + cpu.system) / 1e3 / count).toFixed(3)} ms/article`);
  console.log(`peak rss ${Math.round(peakRss / 2 ** 20)} MB, peak heap ${Math.round(peakHeap / 2 ** 20)} MB; ${(totalMs / 1000).toFixed(0)} s in dedup+clustering, ${(genMs / 1000).toFixed(0)} s generating`);
  mkdirSync(`${repoRoot}bench/results`, { recursive: true });
  writeFileSync(
    `${repoRoot}bench/results/scale${count === 1_000_000 ? '' : '-' + count}.json`,
    JSON.stringify(
      {
        count,
        days,
        // V8 lets the heap grow to about halfway between the live heap and this limit before a
        // full collection (--max-old-space-size sets it): the peak RSS follows it.
        heapLimitMB: Math.round(getHeapStatistics().heap_size_limit / 2 ** 20),
        figures,
        stretches,
        cpuSeconds: (cpu.user + cpu.system) / 1e6,
        peakRssMB: Math.round(peakRss / 2 ** 20),
        peakHeapMB: Math.round(peakHeap / 2 ** 20),
        copies,
        copiesFound,
        falseCopies,
        quality,
        totalSeconds: totalMs / 1000,
        generateSeconds: genMs / 1000,
      },
      null,
      2,
    ) + '\n',
  );
}

await main();
