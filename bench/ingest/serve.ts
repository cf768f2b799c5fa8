// The ingest benchmark's publisher: an HTTP server on 127.0.0.1 serving /feed/<n>.xml and
// /page/<n>/<m>.html from corpus.ts, in a process of its own so its CPU and memory are not
// counted with the pipeline's. Prints its origin on the first line of stdout.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { articleHtml, feedXml } from './corpus.ts';

const entries = Number(process.env.BENCH_ENTRIES ?? 20);
const server = createServer((req, res) => {
  const feed = /^\/feed\/(\d+)\.xml$/.exec(req.url ?? '');
  if (feed) return void res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' }).end(feedXml(origin, Number(feed[1]), entries));
  const page = /^\/page\/(\d+)\/(\d+)\.html$/.exec(req.url ?? '');
  if (page) return void res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(articleHtml(Number(page[1]), Number(page[2])));
  res.writeHead(404).end();
});
let origin = '';
server.listen(0, '127.0.0.1', () => {
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  process.stdout.write(origin + '\n');
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
