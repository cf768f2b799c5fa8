// What lead images cost. (1) Ingest: storing articles with migration 018's owed-image trigger
// against the same inserts on the schema before it (the plain baseline), same articles, same run.
// (2) Making a thumbnail from a 1600x900 JPEG (ms each, bytes out). (3) The job end to end:
// owed rows claimed, images fetched from a server on 127.0.0.1, thumbnails stored (images/s).
// Prints the figures and writes bench/results/lead-images.json.
//
//   npx tsx bench/lead-images/run.ts        (env: BENCH_ARTICLES=400, BENCH_IMAGES=40)
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createServer } from 'node:http';
import sharp from 'sharp';
import { openDb, type Db } from '../../src/store/db.ts';
import { migrate } from '../../src/store/migrate.ts';
import { saveArticle } from '../../src/store/articles.ts';
import { makeThumbnail } from '../../src/images/thumbnail.ts';
import { createLeadImageJob } from '../../src/images/fetch-lead-images.ts';
import type { ExtractedArticle } from '../../src/model/index.ts';
import { extractedArticle } from '../../test/helpers/article.ts';

const ARTICLES = Number(process.env.BENCH_ARTICLES ?? 400);
const IMAGES = Number(process.env.BENCH_IMAGES ?? 40);
const results = fileURLToPath(new URL('../results/', import.meta.url));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const articleNo = (i: number, origin: string): ExtractedArticle =>
  extractedArticle({
    title: `Harbour report number ${i}`,
    text: `The harbour board met for the ${i}th time.\n\nIt approved ${i % 17} new berths.`,
    sourceName: `Outlet ${i % 9}`,
    publishedAt: new Date(Date.UTC(2025, 6, 1) + i * 60_000),
    imageUrl: `${origin}/img/${i}.jpg`,
  });

async function storeArticles(db: Db, origin: string): Promise<number> {
  const start = performance.now();
  for (let i = 0; i < ARTICLES; i++) await saveArticle(db, articleNo(i, origin), null);
  return performance.now() - start;
}

// A photo-like picture: gradients and shapes, distinct per index.
async function picture(i: number): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1600" height="900"><defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1">
<stop offset="0" stop-color="hsl(${(i * 37) % 360},55%,40%)"/><stop offset="1" stop-color="hsl(${(i * 91) % 360},60%,75%)"/></linearGradient></defs>
<rect width="1600" height="900" fill="url(#g)"/><circle cx="${300 + ((i * 53) % 1000)}" cy="300" r="180" fill="#fff" fill-opacity=".6"/></svg>`;
  return sharp(Buffer.from(svg)).jpeg({ quality: 85 }).toBuffer();
}

const pictures = await Promise.all(Array.from({ length: IMAGES }, (_, i) => picture(i)));
const server = createServer((request, response) => {
  const i = Number(/\/img\/(\d+)\.jpg$/.exec(request.url ?? '')?.[1] ?? -1);
  if (i < 0) return void response.writeHead(404).end();
  const bytes = pictures[i % pictures.length]!;
  response.writeHead(200, { 'content-type': 'image/jpeg', 'content-length': bytes.length }).end(bytes);
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const origin = `http://127.0.0.1:${(server.address() as { port: number }).port}`;

// (1) Ingest with and without the trigger.
const baselineDb = await openDb({ dataDir: 'memory://' });
await migrate(baselineDb, 17);
const withTriggerDb = await openDb({ dataDir: 'memory://' });
await migrate(withTriggerDb);
// Three rounds, alternating which goes first; the median round of each counts (the first warms up).
const baselineRounds: number[] = [];
const triggerRounds: number[] = [];
for (let round = 0; round < 3; round++) {
  for (const [db, into] of round % 2
    ? ([
        [withTriggerDb, triggerRounds],
        [baselineDb, baselineRounds],
      ] as const)
    : ([
        [baselineDb, baselineRounds],
        [withTriggerDb, triggerRounds],
      ] as const)) {
    await db.exec('DELETE FROM articles');
    into.push(await storeArticles(db, origin));
  }
}
const baselineMs = median(baselineRounds);
const triggerMs = median(triggerRounds);
await baselineDb.close();

// (2) Thumbnails alone.
const thumbMs: number[] = [];
const thumbBytes: number[] = [];
for (const bytes of pictures) {
  const start = performance.now();
  const thumb = await makeThumbnail(bytes);
  thumbMs.push(performance.now() - start);
  thumbBytes.push(thumb.bytes.byteLength);
}

// (3) The job end to end over the owed rows the trigger wrote.
const job = createLeadImageJob({ allowPrivateAddresses: ['127.0.0.1'], batchSize: 8 });
const jobStart = performance.now();
let stored = 0;
for (;;) {
  const counts = await job.runOnce(withTriggerDb, new Date());
  stored += counts.stored;
  if (counts.stored + counts.none + counts.retry + counts.failed === 0) break;
}
const jobMs = performance.now() - jobStart;
await job.close();
await withTriggerDb.close();
server.close();

const figures = {
  articles: ARTICLES,
  ingest: {
    baselineArticlesPerSecond: Math.round(ARTICLES / (baselineMs / 1000)),
    withOwedImageArticlesPerSecond: Math.round(ARTICLES / (triggerMs / 1000)),
    overheadPercent: +(((triggerMs - baselineMs) / baselineMs) * 100).toFixed(1),
  },
  thumbnail: { images: IMAGES, source: '1600x900 JPEG', medianMs: +median(thumbMs).toFixed(1), meanKB: +(thumbBytes.reduce((a, b) => a + b, 0) / thumbBytes.length / 1024).toFixed(1) },
  job: { stored, seconds: +(jobMs / 1000).toFixed(2), imagesPerSecond: +(stored / (jobMs / 1000)).toFixed(1) },
};
console.log(
  `ingest, ${ARTICLES} articles: ${figures.ingest.baselineArticlesPerSecond}/s on the schema before 018 (baseline), ${figures.ingest.withOwedImageArticlesPerSecond}/s with the owed-image trigger (time ${figures.ingest.overheadPercent > 0 ? '+' : ''}${figures.ingest.overheadPercent}% against the baseline)`,
);
console.log(`thumbnail of a 1600x900 JPEG: median ${figures.thumbnail.medianMs} ms, ${figures.thumbnail.meanKB} KB WebP on average (generated gradients: a real photo makes a larger one)`);
console.log(`image job end to end: ${stored} thumbnails in ${figures.job.seconds} s (${figures.job.imagesPerSecond}/s, 8 per batch, 2 per host)`);
mkdirSync(results, { recursive: true });
writeFileSync(`${results}lead-images.json`, JSON.stringify(figures, null, 2));
