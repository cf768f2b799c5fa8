// Lead images for the browser tests and the screenshots. The demo pages name og:images on
// made-up hosts (*.example) that no network reaches; here one server on 127.0.0.1 stands in for
// all of them, drawing a distinct picture for every path (generated shapes, nothing copied), and
// the real image job fetches through a client whose only change is that every host is this one.
import { createServer, type Server } from 'node:http';
import { createHash } from 'node:crypto';
import sharp from 'sharp';
import type { Db } from '../src/store/db.ts';
import { createFetcher, type Fetcher } from '../src/fetch/client.ts';
import { createLeadImageJob, IMAGE_MAX_BYTES } from '../src/images/fetch-lead-images.ts';

/** A picture for a path: two colours and a few shapes chosen by the path's hash. */
async function pictureFor(path: string): Promise<Buffer> {
  const h = createHash('sha256').update(path).digest();
  const hue = (i: number) => Math.round((h[i]! / 255) * 360);
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="960" height="540">
  <defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="hsl(${hue(0)},55%,42%)"/><stop offset="1" stop-color="hsl(${hue(1)},60%,72%)"/></linearGradient></defs>
  <rect width="960" height="540" fill="url(#g)"/>
  <circle cx="${200 + h[2]! * 2}" cy="${120 + h[3]!}" r="${60 + (h[4]! >> 1)}" fill="hsl(${hue(5)},70%,85%)" fill-opacity="0.75"/>
  <rect x="${h[6]! * 2}" y="${300 + (h[7]! >> 2)}" width="${260 + h[8]!}" height="${90 + (h[9]! >> 2)}" fill="hsl(${hue(10)},45%,30%)" fill-opacity="0.8"/>
  <path d="M0 540 L${300 + h[11]!} ${380 + (h[12]! >> 2)} L960 540 Z" fill="hsl(${hue(13)},35%,22%)"/>
</svg>`;
  return sharp(Buffer.from(svg)).jpeg({ quality: 82 }).toBuffer();
}

export interface ImageHost {
  origin: string;
  close(): Promise<void>;
}

export async function startImageHost(): Promise<ImageHost> {
  const server: Server = createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0]!;
    if (!/\.(jpe?g|png|webp)$/i.test(path)) return void response.writeHead(404).end();
    pictureFor(path).then(
      (bytes) => response.writeHead(200, { 'content-type': 'image/jpeg', 'content-length': bytes.length }).end(bytes),
      () => response.writeHead(500).end(),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  return { origin, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** The shared client, with every URL's scheme and host replaced by the image host's. */
function redirectingFetcher(origin: string): Fetcher {
  const real = createFetcher({ allowPrivateAddresses: ['127.0.0.1'], maxBytes: IMAGE_MAX_BYTES, timeoutMs: 10_000 });
  return {
    guard: real.guard,
    fetch: (url, init) => {
      const parsed = new URL(url);
      return real.fetch(origin + parsed.pathname + parsed.search, init);
    },
    close: () => real.close(),
  };
}

/** Runs the lead-image job over everything owed, fetching every image from the image host. */
export async function fetchDemoImages(db: Db, host: ImageHost): Promise<number> {
  const fetcher = redirectingFetcher(host.origin);
  const job = createLeadImageJob({ allowPrivateAddresses: [], fetcher, batchSize: 16 });
  let stored = 0;
  try {
    for (;;) {
      const counts = await job.runOnce(db, new Date());
      stored += counts.stored;
      if (counts.stored + counts.none + counts.retry + counts.failed === 0) break;
    }
  } finally {
    await job.close();
    await fetcher.close();
  }
  return stored;
}
