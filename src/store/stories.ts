// Stories in the store: the cross-article state of online clustering (term statistics for IDF,
// the story index by top terms with a time window, centroids, article vectors, membership) and
// the reads the API, reader and CLI need (lists, one story with its coverage, an article's story).
import type { Queryable } from './db.ts';
import type { Story } from '../model/index.ts';
import type { TermVector } from '../text/tfidf.ts';
import { vectorFromJson, vectorToJson } from '../text/tfidf.ts';
import type { StoryState } from '../cluster/stories.ts';
import type { StoryRecord } from '../cluster/memory-store.ts';

// ---- stream statistics (IDF) ----

/**
 * The stream's size and the document frequencies of `terms` as stored (a term never counted is
 * left out: its frequency is 0), in one statement.
 */
export async function readTermStats(db: Queryable, terms: string[]): Promise<{ documents: number; df: Map<string, number> }> {
  const rows = await db.query<{ term: string | null; n: string | number }>(
    `SELECT term, df::bigint AS n FROM term_stats WHERE term = ANY($1::text[])
     UNION ALL SELECT NULL, COALESCE((SELECT value FROM cluster_stats WHERE key = 'documents'), 0)`,
    [terms],
  );
  const df = new Map<string, number>();
  let documents = 0;
  for (const r of rows) {
    if (r.term === null) documents = Number(r.n);
    else df.set(r.term, Number(r.n));
  }
  return { documents, df };
}

/**
 * Adds counts to the stream's statistics in one statement: `documents` more documents and, per
 * term, `df` more documents holding it (the story step counts a batch in memory, then writes it).
 */
export async function addTermCounts(db: Queryable, documents: number, df: Map<string, number>): Promise<void> {
  if (!documents && !df.size) return;
  const entries = [...df].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  await db.query(
    `WITH d AS (INSERT INTO cluster_stats (key, value) SELECT 'documents', $3::bigint WHERE $3::bigint > 0
                ON CONFLICT (key) DO UPDATE SET value = cluster_stats.value + EXCLUDED.value)
     INSERT INTO term_stats (term, df) SELECT * FROM unnest($1::text[], $2::int[])
     ON CONFLICT (term) DO UPDATE SET df = term_stats.df + EXCLUDED.df`,
    [entries.map((e) => e[0]), entries.map((e) => e[1]), documents],
  );
}

// ---- the candidate index ----

/**
 * Stories indexed under the query terms ($1, weights $2) and last seen at or after $3 (null: any),
 * scored by summed weight, best first. Each term's rows are read through the index on (term,
 * last_seen_at), one term at a time (OFFSET 0 keeps the planner from folding the lateral read
 * into a join): as a join, the planner scanned all of story_terms once it was small enough to
 * look cheap, its dead row versions included (every story save rewrites its terms), so the
 * lookup grew with the whole index (at 1.3k stored articles: 5.7k rows read for 188 matches,
 * 34 ms against 1.5 ms this way, at load 14). A story's score is summed in the query's term
 * order (ORDER BY q.n), as the memory store sums it: floating-point sums depend on their order,
 * and a plain sum would add in whatever order the plan meets the rows (a hash aggregate: the
 * query's; a sort by story: any), so two stories tying on score could rank apart depending on
 * the plan, which the step tables' statistics and physical row order choose.
 */
const CANDIDATE_SCORES = `SELECT st.story_id, sum(st.weight * q.w ORDER BY q.n) AS score
       FROM unnest($1::text[], $2::float8[]) WITH ORDINALITY AS q(term, w, n)
       CROSS JOIN LATERAL (SELECT t.story_id, t.weight FROM story_terms t
                            WHERE t.term = q.term AND ($3::timestamptz IS NULL OR t.last_seen_at IS NULL OR t.last_seen_at >= $3)
                           OFFSET 0) st
      GROUP BY st.story_id
      ORDER BY score DESC, st.story_id`;

/** Stories indexed under any of these terms and last seen at or after `since`, best first. */
export async function findCandidateStories(db: Queryable, query: [string, number][], since: Date | null, limit: number): Promise<number[]> {
  if (!query.length) return [];
  const rows = await db.query<{ story_id: number }>(
    `${CANDIDATE_SCORES}
      LIMIT $4`,
    [query.map((q) => q[0]), query.map((q) => q[1]), since, limit],
    { prepare: true },
  );
  return rows.map((r) => r.story_id);
}

// ---- vectors and story state ----

export async function saveArticleVector(db: Queryable, articleId: number, vector: TermVector): Promise<void> {
  await saveArticleVectors(db, [[articleId, vector]]);
}

// Bulk writes (recluster) go in slices of this many rows a statement.
const CHUNK = 2000;

export async function saveArticleVectors(db: Queryable, vectors: [number, TermVector][]): Promise<void> {
  for (let i = 0; i < vectors.length; i += CHUNK) {
    const part = vectors.slice(i, i + CHUNK);
    await db.query(
      `INSERT INTO article_vectors (article_id, vector) SELECT * FROM unnest($1::bigint[], $2::jsonb[])
       ON CONFLICT (article_id) DO UPDATE SET vector = EXCLUDED.vector`,
      [part.map((v) => v[0]), part.map((v) => JSON.stringify(vectorToJson(v[1])))],
    );
  }
}

export async function getArticleVector(db: Queryable, articleId: number): Promise<TermVector | null> {
  const rows = await db.query<{ vector: Record<string, number> }>('SELECT vector FROM article_vectors WHERE article_id = $1', [articleId]);
  return rows[0] ? vectorFromJson(rows[0].vector) : null;
}

const articleTime = 'COALESCE(a.published_at, a.created_at)';

/** Stories as the clusterer sees them: centroid, times, and their latest members' vectors. */
export async function loadStoryStates(db: Queryable, ids: number[], membersKept: number): Promise<StoryState[]> {
  if (!ids.length) return [];
  const stories = await db.query<{
    id: number;
    centroid: Record<string, number>;
    article_count: number;
    first_seen_at: Date | null;
    last_seen_at: Date | null;
  }>('SELECT id, centroid, article_count, first_seen_at, last_seen_at FROM stories WHERE id = ANY($1::bigint[])', [ids]);
  const members = await db.query<{ story_id: number; article_id: number; vector: Record<string, number>; at: Date | null }>(
    `SELECT m.story_id, m.article_id, m.vector, m.at FROM (
       SELECT sa.story_id, sa.article_id, v.vector, ${articleTime} AS at,
              row_number() OVER (PARTITION BY sa.story_id ORDER BY ${articleTime} DESC, sa.article_id DESC) AS n
         FROM story_articles sa
         JOIN article_vectors v ON v.article_id = sa.article_id
         JOIN articles a ON a.id = sa.article_id
        WHERE sa.story_id = ANY($1::bigint[]) AND a.duplicate_of IS NULL) m
      WHERE m.n <= $2
      ORDER BY m.story_id, m.at, m.article_id`,
    [ids, membersKept],
  );
  const byStory = new Map<number, StoryState['members']>();
  for (const m of members) {
    const list = byStory.get(m.story_id) ?? [];
    list.push({ articleId: m.article_id, vector: vectorFromJson(m.vector), publishedAt: m.at });
    byStory.set(m.story_id, list);
  }
  const order = new Map(ids.map((id, i) => [id, i]));
  return stories
    .map((s) => ({
      id: s.id,
      centroid: vectorFromJson(s.centroid),
      members: byStory.get(s.id) ?? [],
      articleCount: s.article_count,
      firstSeenAt: s.first_seen_at,
      lastSeenAt: s.last_seen_at,
    }))
    .sort((a, b) => order.get(a.id)! - order.get(b.id)!);
}

// A story's latest `membersKept` originals (copies left out), oldest first, as JSON, for the story
// `s` of the enclosing statement (limit in parameter `$N`): each member's id ('a'), time ('t') and
// one column of its vector row under `key`: the vector itself ('v') or the row's version ('x', so
// the vector is not detoasted when the caller holds it). A member's time and copy state are its
// article's, kept on its story_articles row by triggers (migration 023), so the story's originals
// are read latest first from an index and only the latest few are read, not every member.
const membersJson = (limit: string, key: 'v' | 'x', column: string) => `(SELECT COALESCE(json_agg(json_build_object('a', m.article_id, '${key}', m.c, 't', m.t) ORDER BY m.at, m.article_id), '[]')
               FROM (SELECT sa.article_id, ${column} AS c, sa.at, floor(extract(epoch FROM sa.at) * 1000)::float8 AS t
                       FROM story_articles sa
                       JOIN article_vectors v ON v.article_id = sa.article_id
                      WHERE sa.story_id = s.id AND sa.original
                      ORDER BY sa.at DESC, sa.article_id DESC
                      LIMIT ${limit}) m)`;
const MEMBERS_JSON = (limit: string) => membersJson(limit, 'v', 'v.vector');
const MEMBER_KEYS_JSON = (limit: string) => membersJson(limit, 'x', 'v.xmin::text');

interface StateRow {
  id: number;
  centroid: Record<string, number>;
  article_count: number;
  first_seen_at: Date | null;
  last_seen_at: Date | null;
  members: { a: number; v: Record<string, number>; t: number }[];
}

const stateFromRow = (s: StateRow): StoryState => ({
  id: s.id,
  centroid: vectorFromJson(s.centroid),
  members: s.members.map((m) => ({ articleId: m.a, vector: vectorFromJson(m.v), publishedAt: new Date(m.t) })),
  articleCount: s.article_count,
  firstSeenAt: s.first_seen_at,
  lastSeenAt: s.last_seen_at,
});

/** What `loadStoryStates` gives for one story, in one statement; null when it does not exist. */
export async function loadStoryState(db: Queryable, id: number, membersKept: number): Promise<StoryState | null> {
  const rows = await db.query<StateRow>(`SELECT s.id, s.centroid, s.article_count, s.first_seen_at, s.last_seen_at, ${MEMBERS_JSON('$2')} AS members FROM stories s WHERE s.id = $1`, [id, membersKept]);
  return rows[0] ? stateFromRow(rows[0]) : null;
}

/**
 * The candidate lookup and the candidates' states in one statement: what `findCandidateStories`
 * then `loadStoryStates` give (stories best first, each with its latest `membersKept` originals'
 * vectors, oldest first). A story in `known` (one whose state the caller holds as stored, unchanged
 * since it read it) comes back as its id alone, `state` null: its row and members are not read.
 */
export async function loadCandidateStates(db: Queryable, query: [string, number][], since: Date | null, limit: number, membersKept: number, known: readonly number[] = []): Promise<{ id: number; state: StoryState | null }[]> {
  if (!query.length) return [];
  const rows = await db.query<Omit<StateRow, 'centroid'> & { centroid: Record<string, number> | null; known: boolean }>(
    `WITH c AS (${CANDIDATE_SCORES}
        LIMIT $4)
     SELECT c.story_id AS id, c.story_id = ANY($6::bigint[]) AS known, x.*
       FROM c LEFT JOIN LATERAL (
         SELECT s.centroid, s.article_count, s.first_seen_at, s.last_seen_at, ${MEMBERS_JSON('$5')} AS members
           FROM stories s WHERE s.id = c.story_id AND NOT (c.story_id = ANY($6::bigint[]))) x ON true
      ORDER BY c.score DESC, c.story_id`,
    [query.map((q) => q[0]), query.map((q) => q[1]), since, limit, membersKept, known],
    { prepare: true },
  );
  const out: { id: number; state: StoryState | null }[] = [];
  for (const r of rows) {
    const id = Number(r.id);
    if (r.known) out.push({ id, state: null });
    // A story indexed but gone (not there to join, as an inner join with stories would drop it).
    else if (r.centroid !== null) out.push({ id, state: stateFromRow({ ...r, id, centroid: r.centroid }) });
  }
  return out;
}

/**
 * A candidate's state as `loadCandidateStates` reads it, less its two heavy parts: the centroid
 * and the members' vectors (jsonb a few hundred terms long each, which PostgreSQL turns into text
 * and Node parses again, for every candidate of every article). In their place the row versions
 * (`xmin`) of the story row and of each member's vector row: a caller that holds a part of the
 * same row version (src/store/story-cache.ts) need not read it; `readStoryParts` reads the rest.
 */
export interface CandidateKeys {
  id: number;
  /** Held by the caller (its `known`): nothing else read. */
  known: boolean;
  /** The story row's version (xmin); null: the story is gone (indexed but not there). */
  version: string | null;
  articleCount: number;
  firstSeenAt: Date | null;
  lastSeenAt: Date | null;
  /** Its latest originals, oldest first, as `loadCandidateStates` orders them, each with its vector row's version. */
  members: { articleId: number; publishedAt: Date; version: string }[];
}

/** The candidate lookup of `loadCandidateStates`, each story with its row versions instead of its centroid and vectors, in one statement. */
export async function loadCandidateKeys(db: Queryable, query: [string, number][], since: Date | null, limit: number, membersKept: number, known: readonly number[] = []): Promise<CandidateKeys[]> {
  if (!query.length) return [];
  const rows = await db.query<{
    id: number;
    known: boolean;
    version: string | null;
    article_count: number;
    first_seen_at: Date | null;
    last_seen_at: Date | null;
    members: { a: number; x: string; t: number }[] | null;
  }>(
    `WITH c AS (${CANDIDATE_SCORES}
        LIMIT $4)
     SELECT c.story_id AS id, c.story_id = ANY($6::bigint[]) AS known, x.*
       FROM c LEFT JOIN LATERAL (
         SELECT s.xmin::text AS version, s.article_count, s.first_seen_at, s.last_seen_at, ${MEMBER_KEYS_JSON('$5')} AS members
           FROM stories s WHERE s.id = c.story_id AND NOT (c.story_id = ANY($6::bigint[]))) x ON true
      ORDER BY c.score DESC, c.story_id`,
    [query.map((q) => q[0]), query.map((q) => q[1]), since, limit, membersKept, known],
    { prepare: true },
  );
  return rows.map((r) => ({
    id: Number(r.id),
    known: r.known,
    version: r.version,
    articleCount: r.article_count,
    firstSeenAt: r.first_seen_at,
    lastSeenAt: r.last_seen_at,
    members: (r.members ?? []).map((m) => ({ articleId: m.a, publishedAt: new Date(m.t), version: m.x })),
  }));
}

/** Stories' centroids and articles' vectors as stored, each with its row's version, in one statement. */
export async function readStoryParts(
  db: Queryable,
  storyIds: number[],
  articleIds: number[],
): Promise<{ centroids: Map<number, { version: string; centroid: Record<string, number> }>; vectors: Map<number, { version: string; vector: Record<string, number> }> }> {
  const rows = await db.query<{ story: boolean; id: number; version: string; value: Record<string, number> }>(
    `SELECT true AS story, id, xmin::text AS version, centroid AS value FROM stories WHERE id = ANY($1::bigint[])
     UNION ALL SELECT false, article_id, xmin::text, vector FROM article_vectors WHERE article_id = ANY($2::bigint[])`,
    [storyIds, articleIds],
  );
  const centroids = new Map<number, { version: string; centroid: Record<string, number> }>();
  const vectors = new Map<number, { version: string; vector: Record<string, number> }>();
  for (const r of rows) {
    if (r.story) centroids.set(Number(r.id), { version: r.version, centroid: r.value });
    else vectors.set(Number(r.id), { version: r.version, vector: r.value });
  }
  return { centroids, vectors };
}

/** The stories these articles belong to now (an article in none is left out). */
export async function storiesOfArticles(db: Queryable, articleIds: number[]): Promise<Map<number, number>> {
  return (await storiesAndClock(db, articleIds)).stories;
}

/**
 * The story step's clock: the newest time of any article in a story (every article the step
 * has done is in one, and a story's last_seen_at is its newest article's), null before the
 * first; with the stories `articleIds` belong to now, in one statement.
 */
export async function storiesAndClock(db: Queryable, articleIds: number[]): Promise<{ stories: Map<number, number>; clock: Date | null }> {
  const rows = await db.query<{ article_id: number | null; story_id: number | null; clock: Date | null }>(
    `SELECT article_id, story_id, NULL::timestamptz AS clock FROM story_articles WHERE article_id = ANY($1::bigint[])
     UNION ALL SELECT NULL, NULL, (SELECT max(last_seen_at) FROM stories)`,
    [articleIds],
  );
  const stories = new Map<number, number>();
  let clock: Date | null = null;
  for (const r of rows) {
    if (r.article_id === null) clock = r.clock === null ? null : new Date(r.clock);
    else stories.set(Number(r.article_id), Number(r.story_id));
  }
  return { stories, clock };
}

export async function createStory(db: Queryable, headline: string, headlineArticleId: number): Promise<number> {
  const rows = await db.query<{ id: number }>('INSERT INTO stories (headline, headline_article_id) VALUES ($1, $2) RETURNING id', [headline, headlineArticleId]);
  return rows[0]!.id;
}

/**
 * A new story headed by an article, with that article as its first member (no similarity) and,
 * when given, the article's vector written too: `createStory`, `addStoryArticle` and
 * `saveArticleVector` in one statement. Returns the story's id and the vector row's version
 * (xmin; null when no vector was given).
 */
export async function createStoryWithArticle(
  db: Queryable,
  headline: string,
  articleId: number,
  vector: TermVector | null,
  vectorJson: Record<string, number> | null = vector && vectorToJson(vector),
): Promise<{ id: number; vectorVersion: string | null }> {
  const rows = await db.query<{ id: number; x: string | null }>(
    `WITH s AS (INSERT INTO stories (headline, headline_article_id) VALUES ($1, $2::bigint) RETURNING id),
          m AS (INSERT INTO story_articles (story_id, article_id, similarity) SELECT id, $2::bigint, NULL::real FROM s
                ON CONFLICT (article_id) DO UPDATE SET story_id = EXCLUDED.story_id, similarity = EXCLUDED.similarity)${vector ? VECTOR_CTE : ''}
     SELECT id, ${vector ? '(SELECT x FROM v)' : 'NULL::text'} AS x FROM s`,
    vector ? [headline, articleId, JSON.stringify(vectorJson)] : [headline, articleId],
    { prepare: true },
  );
  return { id: rows[0]!.id, vectorVersion: rows[0]!.x };
}

// Writes parameter $3 as the vector of article $2 (a CTE of a statement holding both); its row's version as x.
const VECTOR_CTE = `,
          v AS (INSERT INTO article_vectors (article_id, vector) VALUES ($2::bigint, $3::jsonb) ON CONFLICT (article_id) DO UPDATE SET vector = EXCLUDED.vector
                RETURNING xmin::text AS x)`;

/** `addStoryArticle` and, when given, `saveArticleVector` for the article, in one statement; the vector row's version (null: no vector). */
export async function addStoryArticleWithVector(
  db: Queryable,
  storyId: number,
  articleId: number,
  similarity: number | null,
  vector: TermVector | null,
  vectorJson: Record<string, number> | null = vector && vectorToJson(vector),
): Promise<string | null> {
  if (!vector) {
    await addStoryArticle(db, storyId, articleId, similarity);
    return null;
  }
  const rows = await db.query<{ x: string | null }>(
    `WITH x AS (SELECT 1)${VECTOR_CTE}
     INSERT INTO story_articles (story_id, article_id, similarity) VALUES ($1::bigint, $2::bigint, $4::real)
     ON CONFLICT (article_id) DO UPDATE SET story_id = EXCLUDED.story_id, similarity = EXCLUDED.similarity
     RETURNING (SELECT x FROM v) AS x`,
    [storyId, articleId, JSON.stringify(vectorJson), similarity],
    { prepare: true },
  );
  return rows[0]?.x ?? null;
}

/** What follows from a story's articles (times, counts, publishers), recomputed; its centroid and headline as they are. */
export async function refreshStoryRow(db: Queryable, storyId: number): Promise<void> {
  await db.query(`UPDATE stories s SET ${FROM_ARTICLES_SET} FROM (${FROM_ARTICLES} WHERE sa.story_id = $1 GROUP BY sa.story_id) x WHERE s.id = $1`, [storyId]);
}

export async function addStoryArticle(db: Queryable, storyId: number, articleId: number, similarity: number | null): Promise<void> {
  await db.query(
    `INSERT INTO story_articles (story_id, article_id, similarity) VALUES ($1, $2, $3)
     ON CONFLICT (article_id) DO UPDATE SET story_id = EXCLUDED.story_id, similarity = EXCLUDED.similarity`,
    [storyId, articleId, similarity],
    { prepare: true },
  );
}

/** Moves every article of `goneId` into `keepId` and deletes `goneId`. */
export async function mergeStoryInto(db: Queryable, keepId: number, goneId: number): Promise<void> {
  await db.query('UPDATE story_articles SET story_id = $1 WHERE story_id = $2', [keepId, goneId]);
  await db.query('DELETE FROM stories WHERE id = $1', [goneId]);
}

/**
 * Writes a story's centroid and recomputes what follows from its articles: times, distinct
 * articles (copies counted once), distinct publishers (copies' publishers included: they ran
 * it), and the headline — the title of the member closest to the centroid.
 */
export async function saveStoryState(db: Queryable, story: StoryState, headline: { articleId: number; title: string } | null): Promise<void> {
  await db.query(
    `UPDATE stories s SET centroid = $2,
            headline = COALESCE($3, s.headline), headline_article_id = COALESCE($4, s.headline_article_id), ${FROM_ARTICLES_SET}
       FROM (${FROM_ARTICLES} WHERE sa.story_id = $1 GROUP BY sa.story_id) x
      WHERE s.id = $1`,
    [story.id, JSON.stringify(vectorToJson(story.centroid)), headline?.title ?? null, headline?.articleId ?? null],
  );
}

/**
 * `saveStoryState` and `saveStoryIndex` in one statement: the centroid, what follows from the
 * articles, the headline (the title of `headlineArticleId`, when that article exists), and the
 * index under `terms` with the story's last_seen_at as now stored (else `lastSeenAt`): terms no
 * longer there deleted, the others upserted (a delete and an insert of one key cannot share a statement).
 * Returns the story row's new version (xmin), or null when the row was not rewritten (a story
 * with no articles) or no index term was written (the version comes back on the index rows).
 */
export async function saveStoryWithIndex(
  db: Queryable,
  story: StoryState,
  headlineArticleId: number | null,
  terms: [string, number][],
  lastSeenAt: Date | null,
  centroidJson: Record<string, number> = vectorToJson(story.centroid),
): Promise<string | null> {
  const rows = await db.query<{ x: string | null }>(
    `WITH ${saveStorySql(`${FROM_ARTICLES} WHERE sa.story_id = $1`)}
     RETURNING (SELECT x FROM s) AS x`,
    [story.id, JSON.stringify(centroidJson), headlineArticleId, terms.map((t) => t[0]), terms.map((t) => t[1]), lastSeenAt],
    { prepare: true },
  );
  return rows[0]?.x ?? null;
}

/**
 * `addStoryArticleWithVector` and then `saveStoryWithIndex` for that story, in one statement: the
 * article joins story `story.id` with its vector, and the story's state is written as a save right
 * after the join would write it. The statement cannot see its own insert, so the story's times and
 * counts are made over its members as stored plus this article (the membership the join leaves).
 * Returns the story row's version (as `saveStoryWithIndex`) and the vector row's version (null
 * when no index term was written: the versions come back on the index rows).
 */
export async function joinAndSaveStory(
  db: Queryable,
  story: StoryState,
  member: { articleId: number; similarity: number | null; vectorJson: Record<string, number> },
  headlineArticleId: number | null,
  terms: [string, number][],
  lastSeenAt: Date | null,
  centroidJson: Record<string, number>,
): Promise<{ version: string | null; vectorVersion: string | null }> {
  const members = `${FROM_ARTICLES.replace('FROM story_articles sa', 'FROM (SELECT story_id, article_id FROM story_articles WHERE story_id = $1 AND article_id <> $7 UNION ALL SELECT $1::bigint, $7::bigint) sa')}
                        WHERE sa.story_id = $1`;
  const rows = await db.query<{ x: string | null; vx: string | null }>(
    `WITH v AS (INSERT INTO article_vectors (article_id, vector) VALUES ($7::bigint, $9::jsonb) ON CONFLICT (article_id) DO UPDATE SET vector = EXCLUDED.vector
                RETURNING xmin::text AS x),
          m AS (INSERT INTO story_articles (story_id, article_id, similarity) VALUES ($1::bigint, $7::bigint, $8::real)
                ON CONFLICT (article_id) DO UPDATE SET story_id = EXCLUDED.story_id, similarity = EXCLUDED.similarity),
          ${saveStorySql(members)}
     RETURNING (SELECT x FROM s) AS x, (SELECT x FROM v) AS vx`,
    [story.id, JSON.stringify(centroidJson), headlineArticleId, terms.map((t) => t[0]), terms.map((t) => t[1]), lastSeenAt, member.articleId, member.similarity, JSON.stringify(member.vectorJson)],
    { prepare: true },
  );
  return { version: rows[0]?.x ?? null, vectorVersion: rows[0]?.vx ?? null };
}

/**
 * The common body of `saveStoryWithIndex` and `joinAndSaveStory` (parameters $1 story id, $2 centroid,
 * $3 headline article, $4/$5 index terms and weights, $6 fallback last_seen_at): the story row
 * rewritten over `members` (a FROM_ARTICLES selection of this story's members), the index terms no
 * longer there deleted and the others upserted; the caller adds RETURNING.
 */
function saveStorySql(members: string): string {
  return `h AS (SELECT id, title FROM articles WHERE id = $3),
          s AS (UPDATE stories s SET centroid = $2,
                       headline = COALESCE((SELECT title FROM h), s.headline), headline_article_id = COALESCE((SELECT id FROM h), s.headline_article_id),
                       ${FROM_ARTICLES_SET}
                  FROM (${members} GROUP BY sa.story_id) x
                 WHERE s.id = $1 RETURNING s.last_seen_at, s.xmin::text AS x),
          d AS (DELETE FROM story_terms WHERE story_id = $1 AND NOT (term = ANY($4::text[])))
     INSERT INTO story_terms (term, story_id, weight, last_seen_at)
     SELECT t, $1::bigint, w, COALESCE((SELECT last_seen_at FROM s), (SELECT last_seen_at FROM stories WHERE id = $1), $6::timestamptz)
       FROM unnest($4::text[], $5::float8[]) AS i(t, w)
     ON CONFLICT (term, story_id) DO UPDATE SET weight = EXCLUDED.weight, last_seen_at = EXCLUDED.last_seen_at`;
}

// What a story's row says of its articles: times, distinct articles (copies count once), publishers.
const FROM_ARTICLES = `SELECT sa.story_id, min(${articleTime}) AS first_at, max(${articleTime}) AS last_at,
         count(*) FILTER (WHERE a.duplicate_of IS NULL)::int AS articles, count(DISTINCT a.source_id)::int AS sources
    FROM story_articles sa JOIN articles a ON a.id = sa.article_id`;
const FROM_ARTICLES_SET = `first_seen_at = x.first_at, last_seen_at = x.last_at, article_count = x.articles,
            source_count = x.sources, updated_at = now()`;

/** Recomputes every story's times and counts from its articles (after a bulk rebuild). */
export async function refreshStoryCounts(db: Queryable): Promise<void> {
  await db.query(`UPDATE stories s SET ${FROM_ARTICLES_SET} FROM (${FROM_ARTICLES} GROUP BY sa.story_id) x WHERE s.id = x.story_id`);
}

/** Story ids the sequence hands out, in order (so ties keep falling to the older story). */
export async function reserveStoryIds(db: Queryable, count: number): Promise<number[]> {
  if (!count) return [];
  const rows = await db.query<{ id: number }>(`SELECT nextval('stories_id_seq') AS id FROM generate_series(1, $1::int) ORDER BY 1`, [count]);
  return rows.map((r) => Number(r.id));
}

export type { StoryRecord } from '../cluster/memory-store.ts';

/** Inserts whole stories (times and counts come after, from `refreshStoryCounts`). */
export async function insertStories(db: Queryable, stories: StoryRecord[]): Promise<void> {
  for (let i = 0; i < stories.length; i += CHUNK) {
    const slice = stories.slice(i, i + CHUNK);
    await db.query(
      `INSERT INTO stories (id, headline, headline_article_id, centroid, settled)
       SELECT * FROM unnest($1::bigint[], $2::text[], $3::bigint[], $4::jsonb[], $5::boolean[])`,
      [slice.map((s) => s.id), slice.map((s) => s.headline.title), slice.map((s) => s.headline.articleId), slice.map((s) => JSON.stringify(vectorToJson(s.centroid))), slice.map((s) => s.settled)],
    );
    await insertStoryArticles(
      db,
      slice.flatMap((s) => s.articles.map((a) => [s.id, a.id, a.similarity] as const)),
    );
    const terms = slice.flatMap((s) => s.index.map(([t, w]) => [t, s.id, w, s.indexedAt] as const));
    for (let j = 0; j < terms.length; j += CHUNK * 10) {
      const part = terms.slice(j, j + CHUNK * 10);
      await db.query(
        `INSERT INTO story_terms (term, story_id, weight, last_seen_at)
         SELECT * FROM unnest($1::text[], $2::bigint[], $3::real[], $4::timestamptz[])`,
        [part.map((x) => x[0]), part.map((x) => x[1]), part.map((x) => x[2]), part.map((x) => x[3])],
      );
    }
  }
}

/** (story, article, similarity) rows into story_articles. */
export async function insertStoryArticles(db: Queryable, members: readonly (readonly [number, number, number | null])[]): Promise<void> {
  for (let j = 0; j < members.length; j += CHUNK * 5) {
    const part = members.slice(j, j + CHUNK * 5);
    await db.query(
      `INSERT INTO story_articles (story_id, article_id, similarity)
       SELECT * FROM unnest($1::bigint[], $2::bigint[], $3::real[])`,
      [part.map((m) => m[0]), part.map((m) => m[1]), part.map((m) => m[2])],
    );
  }
}

/** The stream's statistics as a rebuild counted them. */
export async function saveTermStats(db: Queryable, documents: number, df: Map<string, number>): Promise<void> {
  const entries = [...df];
  for (let i = 0; i < entries.length; i += CHUNK * 10) {
    const part = entries.slice(i, i + CHUNK * 10);
    await db.query(
      `INSERT INTO term_stats (term, df) SELECT * FROM unnest($1::text[], $2::int[])
       ON CONFLICT (term) DO UPDATE SET df = EXCLUDED.df`,
      [part.map((e) => e[0]), part.map((e) => e[1])],
    );
  }
  await db.query(`INSERT INTO cluster_stats (key, value) VALUES ('documents', $1) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value`, [documents]);
}

// ---- settling (src/cluster/settle.ts) ----

/**
 * Stories still waiting for their settling look that were last seen at or before `cutoff`, all
 * now counted settled (each gets its look in this pass, as the in-memory queue hands them out);
 * the ids of those with at most `maxArticles` articles, in order (a bigger one needs no look).
 */
export async function dueForSettling(db: Queryable, cutoff: Date, maxArticles: number): Promise<number[]> {
  const rows = await db.query<{ id: number; article_count: number }>('UPDATE stories SET settled = true WHERE NOT settled AND last_seen_at <= $1 RETURNING id, article_count', [cutoff]);
  return rows
    .filter((r) => r.article_count <= maxArticles)
    .map((r) => Number(r.id))
    .sort((a, b) => a - b);
}

/**
 * `dueForSettling`, and the earliest last_seen_at of the stories still waiting after it (null:
 * none), so a caller holding the story lock knows no story is due before then, in one statement.
 */
export async function dueForSettlingAndNext(db: Queryable, cutoff: Date, maxArticles: number): Promise<{ ids: number[]; next: Date | null }> {
  const rows = await db.query<{ id: number | null; article_count: number | null; next: Date | null }>(
    `WITH u AS (UPDATE stories SET settled = true WHERE NOT settled AND last_seen_at <= $1 RETURNING id, article_count)
     SELECT id, article_count, NULL::timestamptz AS next FROM u
     UNION ALL SELECT NULL, NULL, (SELECT min(last_seen_at) FROM stories WHERE NOT settled AND last_seen_at > $1)`,
    [cutoff],
  );
  let next: Date | null = null;
  const ids: number[] = [];
  for (const r of rows) {
    if (r.id === null) next = r.next === null ? null : new Date(r.next);
    else if (r.article_count! <= maxArticles) ids.push(Number(r.id));
  }
  return { ids: ids.sort((a, b) => a - b), next };
}

export async function storyIdOfArticle(db: Queryable, articleId: number): Promise<number | null> {
  const rows = await db.query<{ story_id: number }>('SELECT story_id FROM story_articles WHERE article_id = $1', [articleId]);
  return rows[0]?.story_id ?? null;
}

/** Forgets every story and the statistics they were built with (before rebuilding them). */
export async function clearStories(db: Queryable): Promise<void> {
  await db.exec(`DELETE FROM story_terms; DELETE FROM story_articles; DELETE FROM stories;
    DELETE FROM article_vectors; DELETE FROM term_stats; DELETE FROM cluster_stats`);
}

// ---- reads for the API, the reader and the CLI ----

interface StoryRow {
  id: number;
  headline: string;
  first_seen_at: Date | null;
  last_seen_at: Date | null;
  article_count: number;
  source_count: number;
}

const storyFromRow = (r: StoryRow): Story => ({
  id: r.id,
  headline: r.headline,
  firstSeenAt: r.first_seen_at,
  lastSeenAt: r.last_seen_at,
  articleCount: r.article_count,
  sourceCount: r.source_count,
});

export interface StoryFilter {
  /** Keyset cursor: stories last seen strictly before this (last_seen_at, id) pair. */
  before?: { lastSeenAt: Date | null; id: number };
  /** Only stories covered by at least this many sources. */
  minSources?: number;
  since?: Date;
  limit?: number;
}

/** Latest first (by last article, then id), with keyset pagination. */
export async function listStories(db: Queryable, filter: StoryFilter = {}): Promise<Story[]> {
  const where: string[] = [];
  const params: unknown[] = [];
  const param = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  if (filter.minSources) where.push(`source_count >= ${param(filter.minSources)}`);
  if (filter.since) where.push(`last_seen_at >= ${param(filter.since)}`);
  if (filter.before) {
    const id = param(filter.before.id);
    if (filter.before.lastSeenAt) {
      const at = param(filter.before.lastSeenAt);
      where.push(`(last_seen_at < ${at} OR (last_seen_at = ${at} AND id < ${id}) OR last_seen_at IS NULL)`);
    } else {
      where.push(`(last_seen_at IS NULL AND id < ${id})`);
    }
  }
  const limit = param(Math.min(Math.max(filter.limit ?? 20, 1), 500));
  const rows = await db.query<StoryRow>(
    `SELECT id, headline, first_seen_at, last_seen_at, article_count, source_count FROM stories
      ${where.length ? 'WHERE ' + where.join(' AND ') : ''}
      ORDER BY last_seen_at DESC NULLS LAST, id DESC LIMIT ${limit}`,
    params,
  );
  return rows.map(storyFromRow);
}

/** The stories to lead the home page with: most sources, then latest, among recent ones. */
export async function topStories(db: Queryable, since: Date | null, limit: number): Promise<Story[]> {
  const rows = await db.query<StoryRow>(
    `SELECT id, headline, first_seen_at, last_seen_at, article_count, source_count FROM stories
      WHERE $1::timestamptz IS NULL OR last_seen_at >= $1
      ORDER BY source_count DESC, article_count DESC, last_seen_at DESC NULLS LAST, id DESC LIMIT $2`,
    [since, limit],
  );
  return rows.map(storyFromRow);
}

export async function getStory(db: Queryable, id: number): Promise<Story | null> {
  const rows = await db.query<StoryRow>('SELECT id, headline, first_seen_at, last_seen_at, article_count, source_count FROM stories WHERE id = $1', [id]);
  return rows[0] ? storyFromRow(rows[0]) : null;
}

export interface StoryArticle {
  id: number;
  title: string;
  sourceName: string | null;
  publishedAt: Date | null;
  excerpt: string | null;
  url: string | null;
  duplicateOf: number | null;
  similarity: number | null;
}

/** A story's articles in time order (copies included, each with the original it copies). */
export async function listStoryArticles(db: Queryable, storyId: number): Promise<StoryArticle[]> {
  const rows = await db.query<{
    id: number;
    title: string;
    source_name: string | null;
    published_at: Date | null;
    excerpt: string | null;
    url: string | null;
    duplicate_of: number | null;
    duplicate_similarity: number | null;
  }>(
    `SELECT a.id, a.title, s.name AS source_name, a.published_at, a.excerpt, COALESCE(a.canonical_url, a.url) AS url,
            a.duplicate_of, a.duplicate_similarity
       FROM story_articles sa JOIN articles a ON a.id = sa.article_id LEFT JOIN sources s ON s.id = a.source_id
      WHERE sa.story_id = $1
      ORDER BY ${articleTime}, a.id`,
    [storyId],
  );
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    sourceName: r.source_name,
    publishedAt: r.published_at,
    excerpt: r.excerpt,
    url: r.url,
    duplicateOf: r.duplicate_of,
    similarity: r.duplicate_similarity,
  }));
}

/** Copy -> original for a set of articles (an original maps to itself). */
export async function originals(db: Queryable, ids: number[]): Promise<Map<number, number>> {
  if (!ids.length) return new Map();
  const rows = await db.query<{ id: number; duplicate_of: number | null }>('SELECT id, duplicate_of FROM articles WHERE id = ANY($1::bigint[])', [ids]);
  return new Map(rows.map((r) => [r.id, r.duplicate_of ?? r.id]));
}

export interface ArticleSummary {
  id: number;
  title: string;
  sourceName: string | null;
  publishedAt: Date | null;
  /** Publishers of its near-duplicate copies. */
  alsoPublishedBy: { articleId: number; sourceName: string | null; publishedAt: Date | null; similarity: number | null }[];
}

/** Title, source and time of articles, with the publishers of their copies, in the order asked. */
export async function summariseArticles(db: Queryable, ids: number[]): Promise<ArticleSummary[]> {
  if (!ids.length) return [];
  const rows = await db.query<{ id: number; title: string; source_name: string | null; published_at: Date | null }>(
    `SELECT a.id, a.title, s.name AS source_name, a.published_at FROM articles a LEFT JOIN sources s ON s.id = a.source_id
      WHERE a.id = ANY($1::bigint[])`,
    [ids],
  );
  const copies = await db.query<{ id: number; duplicate_of: number; source_name: string | null; published_at: Date | null; duplicate_similarity: number | null }>(
    `SELECT a.id, a.duplicate_of, s.name AS source_name, a.published_at, a.duplicate_similarity
       FROM articles a LEFT JOIN sources s ON s.id = a.source_id
      WHERE a.duplicate_of = ANY($1::bigint[]) ORDER BY a.published_at NULLS LAST, a.id`,
    [ids],
  );
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids
    .filter((id) => byId.has(id))
    .map((id) => {
      const r = byId.get(id)!;
      return {
        id,
        title: r.title,
        sourceName: r.source_name,
        publishedAt: r.published_at,
        alsoPublishedBy: copies
          .filter((c) => c.duplicate_of === id)
          .map((c) => ({
            articleId: c.id,
            sourceName: c.source_name,
            publishedAt: c.published_at,
            similarity: c.duplicate_similarity,
          })),
      };
    });
}

/** Members of a story in time order (article ids). */
export async function storyMemberIds(db: Queryable, storyId: number): Promise<number[]> {
  const rows = await db.query<{ article_id: number }>(
    `SELECT sa.article_id FROM story_articles sa JOIN articles a ON a.id = sa.article_id
      WHERE sa.story_id = $1 ORDER BY ${articleTime}, a.id`,
    [storyId],
  );
  return rows.map((r) => r.article_id);
}

// ---- what the story step reads ----

/** An article as the story step reads it: `at` is its publication (else storage) time. */
export interface ArticleForStory {
  id: number;
  title: string;
  text: string;
  at: Date;
  source_name: string | null;
  url: string | null;
  duplicate_of: number | null;
  duplicate_similarity: number | null;
}

/** The articles of `ids`, in time order. */
export async function articlesForStories(db: Queryable, ids: number[]): Promise<ArticleForStory[]> {
  if (!ids.length) return [];
  return db.query<ArticleForStory>(
    `SELECT a.id, a.title, a.text, COALESCE(a.published_at, a.created_at) AS at, s.name AS source_name, COALESCE(a.canonical_url, a.url) AS url,
            a.duplicate_of, a.duplicate_similarity
       FROM articles a LEFT JOIN sources s ON s.id = a.source_id
      WHERE a.id = ANY($1::bigint[]) ORDER BY COALESCE(a.published_at, a.created_at), a.id`,
    [ids],
  );
}

/** Every article id, in time order. */
export async function articleIdsInTimeOrder(db: Queryable): Promise<number[]> {
  return (await db.query<{ id: number }>('SELECT id FROM articles ORDER BY COALESCE(published_at, created_at), id')).map((r) => r.id);
}

/** A story's headline; null when it does not exist. */
export async function storyHeadline(db: Queryable, storyId: number): Promise<string | null> {
  return (await db.query<{ headline: string }>('SELECT headline FROM stories WHERE id = $1', [storyId]))[0]?.headline ?? null;
}

/** How many stories there are, and how many articles are copies. */
export async function countStoriesAndDuplicates(db: Queryable): Promise<{ stories: number; duplicates: number }> {
  const counts = await db.query<{ stories: number; duplicates: number }>(`SELECT (SELECT count(*)::int FROM stories) AS stories, (SELECT count(*)::int FROM articles WHERE duplicate_of IS NOT NULL) AS duplicates`);
  return counts[0]!;
}
