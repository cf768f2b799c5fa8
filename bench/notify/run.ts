// Notification benchmark: how fast owed webhook deliveries go out to a receiver on 127.0.0.1
// (claim, sign, POST, record), how fast newsletters come in over SMTP (parse, sanitise, store,
// post-ingest steps), and the cost of one story's coverage comparison. Embedded engine, and a
// PostgreSQL server when reachable. Prints the figures and writes bench/results/notify.json.
// These are timings only (no quality figure: nothing here is tuned). On a shared machine they
// vary with its load.
// Usage: npx tsx bench/notify/run.ts [--deliveries 500] [--newsletters 100] [--engine both|embedded|server]
import { createServer } from 'node:http';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import nodemailer from 'nodemailer';
import type { Db } from '../../src/store/db.ts';
import { openEmbeddedTestDb, openServerTestDb } from '../../test/helpers/db.ts';
import { createUser } from '../../src/store/users.ts';
import { createWebhook, oweDeliveries } from '../../src/store/webhooks.ts';
import { createWebhookSender } from '../../src/webhooks/deliver.ts';
import { ensureInbox } from '../../src/store/email.ts';
import { startNewsletterReceiver } from '../../src/email/receive.ts';
import { compareCoverage, type CoveredArticle } from '../../src/coverage/compare.ts';
import { option, BENCH_SERVER_URL } from '../options.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const deliveries = Number(option('deliveries', '500'));
const newsletters = Number(option('newsletters', '100'));
const engineChoice = option('engine', 'both');
const serverUrl = BENCH_SERVER_URL;

// The test suite's own fresh, migrated databases (embedded in a temporary directory; on the server a
// database of its own, dropped on close).
async function openEngine(which: 'embedded' | 'server'): Promise<{ db: Db; drop: () => Promise<void> }> {
  const db = which === 'embedded' ? await openEmbeddedTestDb() : await openServerTestDb(serverUrl);
  return { db, drop: () => db.close() };
}

async function benchEngine(which: 'embedded' | 'server') {
  const { db, drop } = await openEngine(which);
  let received = 0;
  const receiver = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      received++;
      response.statusCode = 204;
      response.end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const port = (receiver.address() as { port: number }).port;
  try {
    const user = await createUser(db, { username: 'bench', password: 'correct horse battery' }, { N: 1024, r: 8, p: 1 });
    const hook = await createWebhook(db, user.id, { url: `http://127.0.0.1:${port}/hook`, events: ['story.new'] });
    const now = new Date();
    await oweDeliveries(
      db,
      Array.from({ length: deliveries }, (_, i) => ({ webhookId: hook.id, event: 'story.new' as const, subject: `story:${i}`, payload: { story: { id: i, headline: `Story ${i}` } } })),
      now,
    );
    const sender = createWebhookSender({ allowPrivateAddresses: ['127.0.0.1'], batchSize: 20 });
    const started = performance.now();
    let delivered = 0;
    for (;;) {
      const counts = await sender.runOnce(db, now);
      delivered += counts.delivered;
      if (counts.delivered + counts.retry + counts.failed === 0) break;
    }
    const webhookSeconds = (performance.now() - started) / 1000;
    await sender.close();

    const local = await ensureInbox(db, user.id);
    const smtp = await startNewsletterReceiver({ db, host: '127.0.0.1', port: 0, domain: null, maxBytes: 5 << 20 });
    const transport = nodemailer.createTransport({ host: '127.0.0.1', port: smtp.port, secure: false, ignoreTLS: true, pool: false });
    const paragraph = 'Dock workers at the harbour walked out on Monday, leaving cranes idle and ships waiting offshore. ';
    const mailStarted = performance.now();
    for (let i = 0; i < newsletters; i++) {
      await transport.sendMail({
        from: `"Letter ${i % 10}" <letter${i % 10}@bench.example>`,
        to: `${local}@bench.example`,
        subject: `Issue ${i}: harbour news`,
        html: `<h1>Issue ${i}</h1>` + Array.from({ length: 12 }, (_, p) => `<p>${paragraph.repeat(3)} (${i}.${p})</p>`).join(''),
      });
    }
    const mailSeconds = (performance.now() - mailStarted) / 1000;
    transport.close();
    await smtp.close();
    return {
      engine: which,
      webhookDeliveries: delivered,
      receiverGot: received,
      webhookSeconds: round(webhookSeconds),
      deliveriesPerSecond: round(delivered / webhookSeconds),
      newsletters,
      newsletterSeconds: round(mailSeconds),
      newslettersPerSecond: round(newsletters / mailSeconds),
    };
  } finally {
    await new Promise((resolve) => receiver.close(resolve));
    await drop();
  }
}

function coverageCost() {
  const words = 'harbour strike union dockers cranes ships talks port pay offer bosses deal walkout cargo ministers'.split(' ');
  const story: CoveredArticle[] = Array.from({ length: 60 }, (_, i) => ({
    articleId: i,
    sourceId: i % 20,
    sourceName: `Outlet ${i % 20}`,
    title: Array.from({ length: 9 }, (_, w) => words[(i * 7 + w * 3) % words.length]).join(' '),
    facts: { country: null, language: null, owner: null, lean: (['left', 'centre', 'right', null] as const)[i % 4] ?? null },
  }));
  const runs = 2000;
  const started = performance.now();
  for (let i = 0; i < runs; i++) compareCoverage(story);
  return { articles: 60, outlets: 20, microsecondsPerStory: round(((performance.now() - started) * 1000) / runs) };
}

const round = (n: number) => Math.round(n * 100) / 100;

async function serverReachable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: serverUrl, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

const engines: ('embedded' | 'server')[] = engineChoice === 'both' ? ['embedded', 'server'] : [engineChoice as 'embedded' | 'server'];
const results = [];
for (const which of engines) {
  if (which === 'server' && !(await serverReachable())) {
    console.warn(`server engine skipped: ${serverUrl} unreachable`);
    continue;
  }
  const result = await benchEngine(which);
  results.push(result);
  console.log(
    `${which}: webhooks ${result.webhookDeliveries} delivered (receiver got ${result.receiverGot}) in ${result.webhookSeconds} s = ${result.deliveriesPerSecond}/s; ` +
      `newsletters ${result.newsletters} over SMTP in ${result.newsletterSeconds} s = ${result.newslettersPerSecond}/s`,
  );
}
const coverage = coverageCost();
console.log(`coverage comparison: ${coverage.microsecondsPerStory} µs per story of ${coverage.articles} articles from ${coverage.outlets} outlets`);
mkdirSync(join(root, 'bench/results'), { recursive: true });
writeFileSync(join(root, 'bench/results/notify.json'), JSON.stringify({ at: new Date().toISOString(), note: 'timings on a shared 2-core machine under load', results, coverage }, null, 2));
console.log('wrote bench/results/notify.json');
