// Arrival order and the stories: the crash corpus of test/pipeline/sigkill.test.ts (10 stories,
// four publishers, one feed each) through the real ingest and the near-duplicate and story
// steps, in the orders a feed worker can meet its articles. A clean `dateline fetch --once` polls
// the feeds one after another and drains after each, so the story step meets publisher 0's ten
// articles, then publisher 1's, and so on. A worker killed part-way and started again can meet
// them otherwise: it drains what the killed one stored before it polls anything, and the killed
// one stored a feed's entries four at a time (src/feeds/poll.ts), so an entry whose page came
// back last can be left out of that drain and met after later ones; and a feed the killed worker
// still holds (its lease) is polled after the others. Each order is compared with the clean one:
// where the stories differ, the decisions followed the arrival order, not where the stream was
// cut (cuts alone: test/pipeline/cut-parity.test.ts). Embedded engine, in memory; prints only.
// Usage: npx tsx bench/ingest/order.ts
import { cpus, loadavg } from 'node:os';
import { openDb } from '../../src/store/db.ts';
import { migrate } from '../../src/store/migrate.ts';
import { drainOwedSteps, ingestPages, postIngestSteps, type PageInput } from '../../src/pipeline.ts';
import { generateCorpus, type CorpusPage } from '../../test/pipeline/crash-corpus.ts';

const pages = generateCorpus(10);
const steps = postIngestSteps.filter((s) => s.name === 'near-duplicates' || s.name === 'stories');
const input = (p: CorpusPage): PageInput => ({ location: p.url, url: p.url, bytes: Buffer.from(p.html), modifiedAt: p.publishedAt, contentType: 'text/html' });
const feed = (publisher: number) => pages.filter((p) => p.name.endsWith(`-p${publisher}.html`));
const FEEDS = [0, 1, 2, 3];

/** Stories (their articles' slugs) after storing and draining each group in turn. */
async function storiesAfter(groups: CorpusPage[][]): Promise<string[]> {
  const db = await openDb({ dataDir: 'memory://' });
  try {
    await migrate(db);
    for (const group of groups) {
      await ingestPages(db, group.map(input), { asOf: null, maxPageBytes: 1 << 22, drain: false });
      const report = await drainOwedSteps(db, { now: new Date() }, { steps });
      if (report.failures.length) throw new Error(report.failures.join('; '));
    }
    const rows = await db.query<{ row: string }>(
      `SELECT string_agg(regexp_replace(a.url, '^.*/news/', ''), ' ' ORDER BY a.url) AS row
         FROM story_articles sa JOIN articles a ON a.id = sa.article_id GROUP BY sa.story_id ORDER BY 1`,
    );
    return rows.map((r) => r.row);
  } finally {
    await db.close();
  }
}

const orders: [string, CorpusPage[][]][] = [['time order, one drain', [pages]]];
for (const p of FEEDS)
  for (const k of [0, 2, 4, 6])
    for (const j of [1, 3]) {
      // Entry k of feed p left out of a kill's drain, its j successors in it.
      const f = feed(p);
      orders.push([`feed ${p}: entry ${k} met after entries ${k + 1}-${k + j}`, [...FEEDS.slice(0, p).map(feed), [...f.slice(0, k), ...f.slice(k + 1, k + 1 + j)], [f[k]!, ...f.slice(k + 1 + j)], ...FEEDS.slice(p + 1).map(feed)]]);
    }
for (const p of [0, 1, 2])
  for (const k of [1, 5, 9]) {
    // Killed after k of feed p's entries; feed p still held, so feed p + 1 is polled first.
    orders.push([`feed ${p}: killed after ${k} entries, polled again after feed ${p + 1}`, [...FEEDS.slice(0, p).map(feed), feed(p).slice(0, k), feed(p + 1), feed(p).slice(k), ...FEEDS.slice(p + 2).map(feed)]]);
  }

const started = process.cpuUsage();
console.log(`load ${loadavg()[0]!.toFixed(1)} on ${cpus().length} cores`);
const clean = await storiesAfter(FEEDS.map(feed));
console.log(`clean run (feeds 0-3 in turn, a drain after each): ${clean.length} stories`);
for (const s of clean) console.log(`  ${s}`);
let differing = 0;
for (const [name, groups] of orders) {
  const got = await storiesAfter(groups);
  const changed = got.filter((s) => !clean.includes(s));
  if (changed.length) differing++;
  console.log(`${changed.length ? 'DIFFERENT' : 'same     '} ${name}`);
  for (const s of changed) console.log(`            ${s}`);
}
const cpu = process.cpuUsage(started);
console.log(`${differing} of ${orders.length} orders end in other stories than the clean run; ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s CPU, load ${loadavg()[0]!.toFixed(1)}`);
