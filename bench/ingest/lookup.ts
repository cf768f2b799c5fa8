// The story step's candidate lookup on a kept bench database (curve.ts --keep): what one lookup
// reads against what it keeps, and whether an exact lookup could read less. For a sample of the
// stored articles (every n-th by id, spread over the stream), the article's stored vector is made
// into the query the step sends (its heaviest terms; the stored vector is rounded to 5 decimals,
// the step's own query is not), and:
// - the step's statement (loadCandidateKeys: scores, then the candidates' rows and members' keys)
//   runs under EXPLAIN (ANALYZE, BUFFERS): story_terms rows read, stories scored, candidates kept,
//   members' rows read, buffers, and the time of the scoring beside the whole;
// - the query's index rows within the window are read once and ranked here as the memory store
//   ranks them (checked equal to what the statement returns: same stories, same order), and two
//   exact ways of reading less are tried on them:
//   * each term's K heaviest rows only (an index on (term, weight DESC)), with the threshold
//     algorithm's proof: a story not read under a term weighs at most that term's K-th weight
//     there; the stories whose upper bound reaches the 12th lower bound are scored whole, and the
//     proof holds when no other story's bound (nor an unseen one's) reaches the 12th exact score;
//   * with the 12th exact score known in advance (an oracle, the best such a proof could do): the
//     terms whose greatest contributions sum below it need not be read for finding stories;
//   * for the cluster owners, without a proof (a decision change, not made here): how often the 12
//     best by the K heaviest rows a term are the exact 12, and keep the exact 3 best.
// With --bounded K, the threshold algorithm written as one statement (BOUNDED below, a prototype,
// not used by the step) is checked and timed against the step's scoring statement: it adds an
// index on (term, weight DESC) to the bench database, then runs both prepared, in turn, over the
// sample (5 rounds each, twice), with this connection's PostgreSQL CPU read from /proc; the step's
// whole statement (scores and the candidates' keys, nothing held) beside them.
// Usage: npx tsx bench/ingest/lookup.ts --database m21_old [--sample 200] [--bounded 25] [--label NAME]
// Writes bench/results/lookup-server-<label>.json.
import { loadavg } from 'node:os';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { openStore } from '../../src/store/index.ts';
import type { Queryable } from '../../src/store/db.ts';
import { findCandidateStories, loadCandidateKeys } from '../../src/store/stories.ts';
import { DEFAULT_CLUSTER, queryOf, rankCandidates } from '../../src/cluster/config.ts';
import { vectorFromJson } from '../../src/text/tfidf.ts';
import { BENCH_SERVER_URL, option } from '../options.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const name = option('database', 'dateline_ingestcurve');
const sample = Number(option('sample', '200'));
const label = option('label', name.replace(/_/g, '-'));
const { candidates: config, story } = DEFAULT_CLUSTER;
const Ks = [12, 25, 50, 100, 200];
const bounded = Number(option('bounded', '0'));

const url = new URL(BENCH_SERVER_URL);
url.pathname = `/${name}`;
const db = await openStore({ databaseUrl: url.toString(), poolSize: 1 });

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Actual Rows': number;
  'Actual Loops': number;
  'Actual Total Time': number;
  'Group Key'?: string[];
  'Shared Hit Blocks': number;
  'Shared Read Blocks': number;
  Plans?: PlanNode[];
}

/** Rows read per relation (rows x loops), the stories scored, and the scoring's time (the top-N Limit under the root), from a plan. */
function readPlan(root: PlanNode) {
  const rows: Record<string, number> = {};
  let scored = 0;
  let scoringMs = 0;
  const walk = (node: PlanNode, depth: number) => {
    if (node['Relation Name']) rows[node['Relation Name']] = (rows[node['Relation Name']] ?? 0) + node['Actual Rows'] * node['Actual Loops'];
    if (/Aggregate/.test(node['Node Type']) && node['Group Key']?.some((k) => /story_id/.test(k))) scored = Math.max(scored, node['Actual Rows']);
    if (node['Node Type'] === 'Limit' && depth <= 2 && !scoringMs) scoringMs = node['Actual Total Time'];
    for (const child of node.Plans ?? []) walk(child, depth + 1);
  };
  walk(root, 0);
  return { rows, scored, scoringMs, buffers: root['Shared Hit Blocks'] + root['Shared Read Blocks'] };
}

/** The step's lookup statement under EXPLAIN (ANALYZE, BUFFERS): what it read. */
async function explainLookup(query: [string, number][], since: Date) {
  let plan: { Plan: PlanNode; 'Execution Time': number } | null = null;
  const explaining: Queryable = {
    query: async <R>(sql: string, params?: unknown[]) => {
      const out = await db.query<{ 'QUERY PLAN': (typeof plan)[] }>(`EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${sql}`, params);
      plan = out[0]!['QUERY PLAN'][0]!;
      return [] as R[];
    },
    exec: (sql) => db.exec(sql),
  };
  await loadCandidateKeys(explaining, query, since, config.candidates, story.membersKept);
  const p = plan as unknown as { Plan: PlanNode; 'Execution Time': number };
  return { ...readPlan(p.Plan), ms: p['Execution Time'] };
}

interface Row {
  n: number;
  w: number;
  story: number;
  weight: number;
}

/** The threshold algorithm over each term's K heaviest rows: whether its proof holds, rows read, stories scored whole. */
function thresholdProof(lists: Row[][], exact: Map<number, number>, K: number, limit: number) {
  const lower = new Map<number, number>();
  const seen = new Map<number, Set<number>>();
  const cut: { n: number; bound: number }[] = [];
  let read = 0;
  for (const list of lists) {
    const top = list
      .slice()
      .sort((a, b) => b.weight - a.weight)
      .slice(0, K);
    read += top.length;
    if (list.length > K) cut.push({ n: list[0]!.n, bound: list[0]!.w * top.at(-1)!.weight });
    for (const r of top) {
      lower.set(r.story, (lower.get(r.story) ?? 0) + r.w * r.weight);
      seen.set(r.story, (seen.get(r.story) ?? new Set()).add(r.n));
    }
  }
  // Without the proof (a decision change): the 12 best by what was read, against the exact 12.
  const approx = rankCandidates(lower, limit);
  const truth = rankCandidates(exact, limit);
  const sameSet = approx.length === truth.length && truth.every((id) => approx.includes(id));
  const keepsTop3 = truth.slice(0, 3).every((id) => approx.includes(id));
  const unseen = cut.reduce((s, c) => s + c.bound, 0);
  const upper = (id: number) => lower.get(id)! + cut.filter((c) => !seen.get(id)!.has(c.n)).reduce((s, c) => s + c.bound, 0);
  const byLower = [...lower.values()].sort((a, b) => b - a);
  const floor = byLower[limit - 1];
  const whole = [...lower.keys()].filter((id) => floor === undefined || upper(id) >= floor * (1 - 1e-9));
  const theta = whole.map((id) => exact.get(id)!).sort((a, b) => b - a)[limit - 1];
  const others = [...lower.keys()].filter((id) => !whole.includes(id)).map(upper);
  const holds = theta === undefined ? !cut.length : Math.max(-Infinity, ...others) < theta * (1 - 1e-9) && (!cut.length || unseen < theta * (1 - 1e-9));
  return { holds, read, whole: whole.length, sameSet, keepsTop3 };
}

/** Knowing the 12th exact score: the rows of the terms whose greatest contributions sum below it (need not be read to find stories). */
function oracleSkip(lists: Row[][], theta: number) {
  const bounds = lists.map((l) => ({ rows: l.length, bound: l[0]!.w * Math.max(...l.map((r) => r.weight)) })).sort((a, b) => a.bound - b.bound);
  let sum = 0;
  let skipped = 0;
  for (const b of bounds) {
    if (sum + b.bound >= theta) break;
    sum += b.bound;
    skipped += b.rows;
  }
  return skipped;
}

// The threshold algorithm in one statement ($1 terms, $2 weights, $3 since, $4 limit, $5 rows a
// term): each term's $5 heaviest rows within the window; a term that gave $5 rows may hold more,
// none heavier than its last (`cut`). A story's upper bound: what was read of it, plus each cut
// term it was not read under at that term's last weight. The stories whose bound reaches the $4-th
// best sum read are scored whole (the rows read, and the cut terms they were not read under, by
// key), summed in the query's order as the step sums them. The proof: no other story's bound, nor
// an unread story's (all cut terms' last weights), reaches the $4-th exact score (query weights
// positive); else the whole read, as the step does it.
const WINDOW = '($3::timestamptz IS NULL OR t.last_seen_at IS NULL OR t.last_seen_at >= $3)';
const BOUNDED = `WITH q AS MATERIALIZED (SELECT term, w, n FROM unnest($1::text[], $2::float8[]) WITH ORDINALITY AS q(term, w, n)),
 r AS MATERIALIZED (SELECT q.n, q.w, t.story_id, t.weight FROM q CROSS JOIN LATERAL (
        SELECT t.story_id, t.weight FROM story_terms t WHERE t.term = q.term AND ${WINDOW} ORDER BY t.weight DESC LIMIT $5) t),
 cut AS MATERIALIZED (SELECT n, min(w) AS w, min(weight)::float8 AS m FROM r GROUP BY n HAVING count(*) >= $5),
 lb AS MATERIALIZED (SELECT story_id, sum(weight * w) AS lb, array_agg(n) AS ns FROM r GROUP BY story_id),
 fl AS MATERIALIZED (SELECT (SELECT lb FROM lb ORDER BY lb DESC LIMIT 1 OFFSET $4 - 1) AS f),
 ub AS MATERIALIZED (SELECT lb.story_id, lb.ns, lb.lb + COALESCE((SELECT sum(c.w * c.m) FROM cut c WHERE c.n <> ALL (lb.ns)), 0) AS ub FROM lb),
 whole AS MATERIALIZED (SELECT story_id, ns FROM ub, fl WHERE fl.f IS NULL OR ub.ub >= fl.f - 1e-9 * abs(fl.f)),
 miss AS MATERIALIZED (SELECT wh.story_id, c.n, c.w, t.weight FROM whole wh JOIN cut c ON c.n <> ALL (wh.ns) JOIN q ON q.n = c.n
        JOIN LATERAL (SELECT t.weight FROM story_terms t WHERE t.term = q.term AND t.story_id = wh.story_id AND ${WINDOW}) t ON true),
 exact AS MATERIALIZED (SELECT story_id, sum(weight * w ORDER BY n) AS score
        FROM (SELECT r.story_id, r.n, r.w, r.weight FROM r JOIN whole USING (story_id) UNION ALL SELECT story_id, n, w, weight FROM miss) x GROUP BY story_id),
 th AS MATERIALIZED (SELECT (SELECT score FROM exact ORDER BY score DESC LIMIT 1 OFFSET $4 - 1) AS t),
 ok AS MATERIALIZED (SELECT CASE WHEN (SELECT min(w) FROM q) <= 0 THEN false
        WHEN th.t IS NULL THEN NOT EXISTS (SELECT 1 FROM cut)
        ELSE COALESCE((SELECT max(ub) FROM ub WHERE story_id NOT IN (SELECT story_id FROM whole)), '-infinity') < th.t - 1e-9 * abs(th.t)
             AND COALESCE((SELECT sum(w * m) FROM cut), 0) < th.t - 1e-9 * abs(th.t) END AS ok FROM th)
SELECT story_id, score, true AS proven FROM exact WHERE (SELECT ok FROM ok)
UNION ALL
SELECT * FROM (SELECT st.story_id, sum(st.weight * q.w ORDER BY q.n) AS score, false FROM q
       CROSS JOIN LATERAL (SELECT t.story_id, t.weight FROM story_terms t WHERE t.term = q.term AND ${WINDOW} OFFSET 0) st
      WHERE NOT (SELECT ok FROM ok) GROUP BY st.story_id) f
ORDER BY score DESC, story_id LIMIT $4`;

const started = { load: loadavg()[0]!, at: new Date().toISOString() };
const [size] = await db.query<{ articles: number; stories: number; index_rows: number }>(
  `SELECT (SELECT count(*)::int FROM articles) AS articles, (SELECT count(*)::int FROM stories) AS stories, (SELECT count(*)::int FROM story_terms) AS index_rows`,
);
const all = await db.query<{ article_id: number; vector: Record<string, number>; at: Date }>(
  `SELECT v.article_id, v.vector, COALESCE(a.published_at, a.created_at) AS at FROM article_vectors v JOIN articles a ON a.id = v.article_id ORDER BY v.article_id`,
);
const step = Math.max(1, Math.floor(all.length / sample));
const picked = all.filter((_, i) => i % step === 0).slice(0, sample);

const per: {
  indexRows: number;
  scored: number;
  kept: number;
  memberRows: number;
  buffers: number;
  ms: number;
  scoringMs: number;
  theta: number;
  oracleSkipped: number;
  proofs: { K: number; holds: boolean; read: number; whole: number; sameSet: boolean; keepsTop3: boolean }[];
}[] = [];
let mismatches = 0;
const lookups: { query: [string, number][]; since: Date; ranked: [number, number][] }[] = [];
for (const a of picked) {
  const query = queryOf(vectorFromJson(a.vector), config.queryTerms);
  const since = new Date(new Date(a.at).getTime() - config.windowDays * 86_400_000);
  const plan = await explainLookup(query, since);
  const rows = await db.query<Row>(
    `SELECT q.n::int AS n, q.w, t.story_id::int AS story, t.weight::float8 AS weight
       FROM unnest($1::text[], $2::float8[]) WITH ORDINALITY AS q(term, w, n) JOIN story_terms t ON t.term = q.term
      WHERE t.last_seen_at IS NULL OR t.last_seen_at >= $3 ORDER BY q.n`,
    [query.map((q) => q[0]), query.map((q) => q[1]), since],
  );
  // Summed in the query's order, ranked by score then id: as the statement and the memory store.
  const exact = new Map<number, number>();
  for (const r of rows) exact.set(r.story, (exact.get(r.story) ?? 0) + r.weight * r.w);
  const ranked = rankCandidates(exact, config.candidates);
  lookups.push({ query, since, ranked: ranked.map((id) => [id, exact.get(id)!]) });
  const got = (await loadCandidateKeys(db, query, since, config.candidates, story.membersKept)).map((c) => c.id);
  if (JSON.stringify(got) !== JSON.stringify(ranked)) mismatches++;
  const byTerm = new Map<number, Row[]>();
  for (const r of rows) byTerm.set(r.n, [...(byTerm.get(r.n) ?? []), r]);
  const lists = [...byTerm.values()];
  const theta = exact.get(ranked.at(-1)!) ?? 0;
  per.push({
    indexRows: plan.rows.story_terms ?? 0,
    scored: plan.scored,
    kept: got.length,
    memberRows: plan.rows.story_articles ?? 0,
    buffers: plan.buffers,
    ms: plan.ms,
    scoringMs: plan.scoringMs,
    theta,
    oracleSkipped: ranked.length < config.candidates ? 0 : oracleSkip(lists, theta) / Math.max(1, rows.length),
    proofs: Ks.map((K) => ({ K, ...thresholdProof(lists, exact, K, config.candidates) })),
  });
}

const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / Math.max(1, xs.length);
const pct = (xs: number[], p: number) => xs.slice().sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))] ?? 0;
const round = (x: number, d = 3) => Math.round(x * 10 ** d) / 10 ** d;
/** --bounded K: BOUNDED checked against the exact 12 (ids and scores, bit for bit), then timed against the step's scoring statement. */
async function timeBounded(K: number) {
  await db.exec('CREATE INDEX IF NOT EXISTS story_terms_term_weight ON story_terms (term, weight DESC) INCLUDE (story_id, last_seen_at)');
  await db.exec('VACUUM ANALYZE story_terms');
  const params = (l: (typeof lookups)[number]) => [l.query.map((q) => q[0]), l.query.map((q) => q[1]), l.since, config.candidates, K];
  let same = 0;
  let proven = 0;
  for (const l of lookups) {
    const rows = await db.query<{ story_id: number; score: number; proven: boolean }>(BOUNDED, params(l), { prepare: true });
    if (JSON.stringify(rows.map((r) => [Number(r.story_id), r.score])) === JSON.stringify(l.ranked)) same++;
    if (rows[0]?.proven) proven++;
  }
  const [{ pid }] = await db.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
  const cpuMs = () => {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  };
  const rounds = 5;
  const timings: { statement: string; postgresCpuMs: number; wallMs: number }[] = [];
  // 'step': the step's scoring alone (findCandidateStories); 'keys': the step's whole statement, scoring and the candidates' keys (nothing held).
  for (const statement of ['keys', 'step', 'bounded', 'keys', 'step', 'bounded']) {
    const cpu = cpuMs();
    const t = performance.now();
    for (let i = 0; i < rounds; i++) {
      for (const l of lookups) {
        if (statement === 'keys') await loadCandidateKeys(db, l.query, l.since, config.candidates, story.membersKept);
        else if (statement === 'step') await findCandidateStories(db, l.query, l.since, config.candidates);
        else await db.query(BOUNDED, params(l), { prepare: true });
      }
    }
    const n = rounds * lookups.length;
    timings.push({ statement, postgresCpuMs: round((cpuMs() - cpu) / n), wallMs: round((performance.now() - t) / n) });
  }
  return { K, sameTwelveAndScores: same, proven, lookups: lookups.length, loadAverage: round(loadavg()[0]!, 1), perLookup: timings };
}

const prototype = bounded ? await timeBounded(bounded) : null;
const summary = {
  database: name,
  ...size,
  sample: per.length,
  loadAverage: { start: round(started.load, 1), end: round(loadavg()[0]!, 1) },
  at: started.at,
  rankedHereAsStatement: per.length - mismatches,
  lookup: {
    indexRowsRead: {
      mean: round(mean(per.map((p) => p.indexRows)), 1),
      p50: pct(
        per.map((p) => p.indexRows),
        0.5,
      ),
      p90: pct(
        per.map((p) => p.indexRows),
        0.9,
      ),
    },
    storiesScored: {
      mean: round(mean(per.map((p) => p.scored)), 1),
      p90: pct(
        per.map((p) => p.scored),
        0.9,
      ),
    },
    candidatesKept: round(mean(per.map((p) => p.kept)), 1),
    memberRowsRead: round(mean(per.map((p) => p.memberRows)), 1),
    buffers: round(mean(per.map((p) => p.buffers)), 1),
    explainMs: { mean: round(mean(per.map((p) => p.ms))), scoring: round(mean(per.map((p) => p.scoringMs))) },
    twelfthScore: {
      p50: round(
        pct(
          per.map((p) => p.theta),
          0.5,
        ),
        4,
      ),
      p90: round(
        pct(
          per.map((p) => p.theta),
          0.9,
        ),
        4,
      ),
    },
  },
  thresholdProof: Ks.map((K) => {
    const got = per.map((p) => p.proofs.find((x) => x.K === K)!);
    return {
      K,
      holds: round(got.filter((g) => g.holds).length / Math.max(1, got.length)),
      rowsRead: round(mean(got.map((g) => g.read)), 1),
      scoredWhole: round(mean(got.map((g) => g.whole)), 1),
      unprovenSameTwelve: round(got.filter((g) => g.sameSet).length / Math.max(1, got.length)),
      unprovenKeepsTop3: round(got.filter((g) => g.keepsTop3).length / Math.max(1, got.length)),
    };
  }),
  oracleRowsSkippable: round(mean(per.map((p) => p.oracleSkipped))),
  bounded: prototype,
};
console.log(JSON.stringify(summary, null, 2));
writeFileSync(`${root}bench/results/lookup-server-${label}.json`, `${JSON.stringify(summary, null, 2)}\n`);
await db.close();
