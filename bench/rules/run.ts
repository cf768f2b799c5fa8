// Rules benchmark: what a reader's mute and keep rules cost the queries they filter. A generated
// corpus (seeded) of articles from followed feeds, half of them read; then the reader apps' unread
// count (Fever/Google Reader unread-count), the unread item ids, a page of items and the article
// list, timed without rules and with a realistic set (words, phrases, title and body regular
// expressions, sources, a keep rule), and per rule kind. Embedded engine, and a PostgreSQL server
// when reachable. Prints the figures and writes bench/results/rules.json. Timings only, no quality
// figure; on a shared machine they vary with its load.
// Usage: npx tsx bench/rules/run.ts [--articles 10000] [--runs 7] [--engine both|embedded|server]
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Db } from '../../src/store/db.ts';
import { isServerReachable, openEmbeddedTestDb, openServerTestDb } from '../../test/helpers/db.ts';
import { createUser } from '../../src/store/users.ts';
import { addFeed } from '../../src/store/feeds.ts';
import { createUserRule, type UserRuleInput } from '../../src/store/rules.ts';
import { listItems, unreadCounts, unreadItemIds } from '../../src/store/reader-state.ts';
import { listArticles } from '../../src/store/articles.ts';
import { seededRandom } from '../../src/text/random.ts';
import { FOLLOWED_FEEDS } from '../../src/store/reader-subscriptions.ts';
import { option, BENCH_SERVER_URL } from '../options.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const articleCount = Number(option('articles', '10000'));
const runs = Number(option('runs', '7'));
const engineChoice = option('engine', 'both');
const serverUrl = BENCH_SERVER_URL;

const FEEDS = 20;
const SOURCES = ['Coastal Ledger', 'Harbour Times', 'Valley Post', 'Northern Wire', 'Capital Daily', 'Metro Courier'];
// Words the rules look for, at known rates; the rest of the text is filler from a made-up vocabulary.
const SIGNAL = ['football', 'crypto', 'celebrity', 'horoscope', 'lottery', 'sponsored', 'tariff', 'election'];

function corpus(random: () => number) {
  const syllables = ['ka', 'lo', 'mi', 'ren', 'sa', 'tor', 'vel', 'an', 'is', 'du', 'pe', 'qua', 'ne', 'ro', 'ti', 'zu'];
  const vocabulary = Array.from({ length: 3000 }, () => Array.from({ length: 2 + Math.floor(random() * 3) }, () => syllables[Math.floor(random() * syllables.length)]).join(''));
  const word = () => (random() < 0.0015 ? SIGNAL[Math.floor(random() * SIGNAL.length)]! : vocabulary[Math.floor(random() * vocabulary.length)]!);
  const sentence = (n: number) => Array.from({ length: n }, word).join(' ');
  return Array.from({ length: articleCount }, (_, i) => ({
    title: sentence(8),
    text: Array.from({ length: 5 }, () => `${sentence(45)}.`).join('\n\n'),
    source: SOURCES[i % SOURCES.length]!,
    feed: i % FEEDS,
    publishedAt: new Date(Date.UTC(2025, 0, 1) + i * 60_000),
    read: random() < 0.5,
  }));
}

async function load(db: Db, userId: number) {
  const random = seededRandom(22);
  const feedIds: number[] = [];
  for (let f = 0; f < FEEDS; f++) feedIds.push((await addFeed(db, { url: `http://127.0.0.1:9/bench-${f}.xml`, title: `Desk ${f}` })).feed.id);
  const sourceIds = new Map<string, number>();
  for (const name of SOURCES) {
    sourceIds.set(name, (await db.query<{ id: number }>('INSERT INTO sources (name, name_key) VALUES ($1, lower($1)) RETURNING id', [name]))[0]!.id);
  }
  const rows = corpus(random);
  const BATCH = 500;
  for (let start = 0; start < rows.length; start += BATCH) {
    const batch = rows.slice(start, start + BATCH);
    await db.transaction(async (tx) => {
      const ids = await tx.query<{ id: number }>(
        `INSERT INTO articles (source_id, content_hash, title, text, published_at, time_basis, language)
         SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::timestamptz[], $6::text[], $7::text[]) RETURNING id`,
        [batch.map((r) => sourceIds.get(r.source)), batch.map((_, i) => `bench-${start + i}`), batch.map((r) => r.title), batch.map((r) => r.text), batch.map((r) => r.publishedAt), batch.map(() => 'page'), batch.map(() => 'en')],
      );
      await tx.query(`INSERT INTO feed_entries (feed_id, guid, article_id, entry_hash) SELECT * FROM unnest($1::bigint[], $2::text[], $3::bigint[], $4::text[])`, [
        batch.map((r) => feedIds[r.feed]),
        batch.map((_, i) => `g-${start + i}`),
        ids.map((r) => r.id),
        batch.map((_, i) => `h-${start + i}`),
      ]);
      const read = ids.filter((_, i) => batch[i]!.read).map((r) => r.id);
      await tx.query('INSERT INTO reader_states (user_id, article_id, read_at) SELECT $1, unnest($2::bigint[]), now()', [userId, read]);
    });
    if (start % 5000 === 0) await db.checkpoint();
  }
  await db.exec('ANALYZE');
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
async function time(work: () => Promise<unknown>): Promise<number> {
  await work(); // warm
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await work();
    samples.push(performance.now() - started);
  }
  return median(samples);
}

const RULE_SETS: Record<string, UserRuleInput[]> = {
  'words (5)': ['football', 'crypto', 'celebrity', 'horoscope', 'lottery'].map((pattern) => ({ action: 'mute', kind: 'word', pattern })),
  'phrases on titles (2)': [
    { action: 'mute', kind: 'phrase', field: 'title', pattern: 'crypto football' },
    { action: 'mute', kind: 'phrase', field: 'title', pattern: 'lottery sponsored' },
  ],
  'regex on titles (2)': [
    { action: 'mute', kind: 'regex', field: 'title', pattern: '^(?:kalo|mire)' },
    { action: 'mute', kind: 'regex', field: 'title', pattern: 'celebrit(?:y|ies)' },
  ],
  'regex on bodies (1)': [{ action: 'mute', kind: 'regex', field: 'body', pattern: 'sponsor(?:ed|ship)' }],
  'sources (2)': [
    { action: 'mute', kind: 'source', pattern: 'Valley Post' },
    { action: 'mute', kind: 'source', pattern: 'Metro Courier' },
  ],
};

// The reader apps' unread count as it was before rules existed (the same query without the
// filter): the baseline.
const UNFILTERED_UNREAD = `SELECT fe.feed_id, f.category, count(*)::int AS n, max(coalesce(a.published_at, a.created_at)) AS newest
   FROM (SELECT article_id, min(feed_id) AS feed_id FROM feed_entries WHERE article_id IS NOT NULL GROUP BY article_id) fe
   JOIN articles a ON a.id = fe.article_id
   JOIN ${FOLLOWED_FEEDS} f ON f.id = fe.feed_id
   LEFT JOIN reader_states rs ON rs.article_id = a.id AND rs.user_id = $1
  WHERE rs.read_at IS NULL
  GROUP BY fe.feed_id, f.category ORDER BY fe.feed_id`;

async function measure(db: Db, userId: number, baseline = false) {
  const queries: Record<string, () => Promise<unknown>> = {
    ...(baseline ? { 'unreadCounts, no filter (baseline)': () => db.query(UNFILTERED_UNREAD, [userId]) } : {}),
    unreadCounts: () => unreadCounts(db, userId),
    unreadItemIds: () => unreadItemIds(db, userId),
    'items (50, newest)': () => listItems(db, userId, { maxId: 0, limit: 50 }),
    'article list (50)': () => listArticles(db, { limit: 50, viewerId: userId }),
  };
  const out: Record<string, number> = {};
  for (const [name, work] of Object.entries(queries)) out[name] = await time(work);
  const unread = (await unreadCounts(db, userId)).reduce((n, c) => n + c.count, 0);
  return { ms: out, unread };
}

async function benchEngine(which: 'embedded' | 'server') {
  const db = which === 'embedded' ? await openEmbeddedTestDb() : await openServerTestDb(serverUrl);
  try {
    const user = await createUser(db, { username: 'bench', password: 'correct horse battery' }, { N: 1024, r: 8, p: 1 });
    const loadStarted = performance.now();
    await load(db, user.id);
    const loadSeconds = (performance.now() - loadStarted) / 1000;
    const results: Record<string, { ms: Record<string, number>; unread: number }> = {};
    results['no rules'] = await measure(db, user.id, true);
    for (const [name, rules] of Object.entries(RULE_SETS)) {
      for (const rule of rules) await createUserRule(db, user.id, rule);
      results[name] = await measure(db, user.id);
      await db.query('DELETE FROM user_rules WHERE user_id = $1', [user.id]);
    }
    const all = Object.values(RULE_SETS).flat();
    all.push({ action: 'keep', kind: 'word', pattern: 'election' });
    for (const rule of all) await createUserRule(db, user.id, rule);
    results[`all (${all.length}, with a keep)`] = await measure(db, user.id);
    return { engine: which, articles: articleCount, feeds: FEEDS, loadSeconds, results };
  } finally {
    await db.close();
  }
}

const engines: ('embedded' | 'server')[] = [];
if (engineChoice !== 'server') engines.push('embedded');
if (engineChoice !== 'embedded' && (await isServerReachable())) engines.push('server');
const report = [];
for (const engine of engines) {
  const result = await benchEngine(engine);
  report.push(result);
  console.log(`\n${engine}: ${result.articles} articles in ${result.feeds} feeds (loaded in ${result.loadSeconds.toFixed(1)} s); median of ${runs} runs, ms`);
  const baseline = result.results['no rules']!.ms['unreadCounts, no filter (baseline)']!;
  console.log(`unread count without the rules filter at all (baseline): ${baseline.toFixed(1)} ms`);
  const columns = Object.keys(result.results['words (5)']!.ms);
  console.log(['rules'.padEnd(26), ...columns.map((c) => c.padStart(20)), 'unread'.padStart(8)].join(''));
  for (const [name, r] of Object.entries(result.results)) {
    console.log([name.padEnd(26), ...columns.map((c) => r.ms[c]!.toFixed(1).padStart(20)), String(r.unread).padStart(8)].join(''));
  }
}
mkdirSync(join(root, 'bench/results'), { recursive: true });
writeFileSync(join(root, 'bench/results/rules.json'), JSON.stringify({ runs, report }, null, 2));
console.log('\nwrote bench/results/rules.json');
