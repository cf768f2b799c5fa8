// Near-duplicate state in the store: fingerprints, LSH band buckets looked up by key (the cost
// of checking an article is its band lookups, whatever the corpus size), and copy -> original.
import type { Queryable } from './db.ts';
import type { DedupCandidate, DedupFingerprint } from '../dedup/near-duplicate.ts';
import { signatureFromBytes, signatureToBytes } from '../text/minhash.ts';

/** A stored article sharing band keys with a batch: which keys (with their times), its fingerprint and its original's time. */
export interface BatchCandidate extends DedupCandidate {
  /** The band keys it shares with the batch, each with the time its bucket row was seen. */
  keys: { key: number; seenAt: Date }[];
  /** Its publication (else storage) time. */
  at: Date;
  /** The publication (else storage) time of its original, when it is a copy. */
  originalAt: Date | null;
}

/**
 * The candidates of a whole batch in one statement: every stored article with a bucket row under
 * any of `bandKeys` seen at or after `since`, with the keys it matched (the caller picks each
 * article's own keys and time window from them). Each key is looked up through the bucket index,
 * and each candidate's fingerprint and times by key (OFFSET 0 keeps the planner from folding
 * the lateral reads into joins): written as joins, with statistics taken while the tables were
 * small (the embedded engine has no autovacuum, nor has the CI server), the planner scanned all
 * of dedup_buckets and article_fingerprints for a batch's 800 keys (at 1.8k stored articles:
 * 72k bucket rows read for 800 matches), so the step slowed as the store grew.
 */
export async function findBatchCandidates(db: Queryable, bandKeys: number[], since: Date): Promise<BatchCandidate[]> {
  if (!bandKeys.length) return [];
  const rows = await db.query<{
    article_id: number;
    keys: string[];
    seen: Date[];
    signature: Uint8Array;
    shingle_count: number;
    at: Date;
    duplicate_of: number | null;
    original_at: Date | null;
  }>(
    `SELECT b.article_id, b.keys, b.seen, x.signature, x.shingle_count, x.at, x.duplicate_of, x.original_at
       FROM (SELECT d.article_id, array_agg(d.band_key) AS keys, array_agg(d.seen_at) AS seen
               FROM unnest($1::bigint[]) AS k(key)
               CROSS JOIN LATERAL (SELECT band_key, article_id, seen_at FROM dedup_buckets WHERE band_key = k.key AND seen_at >= $2 OFFSET 0) d
              GROUP BY d.article_id) b
       CROSS JOIN LATERAL (SELECT f.signature, f.shingle_count, COALESCE(a.published_at, a.created_at) AS at, a.duplicate_of,
                                  (SELECT COALESCE(o.published_at, o.created_at) FROM articles o WHERE o.id = a.duplicate_of) AS original_at
                             FROM article_fingerprints f JOIN articles a ON a.id = f.article_id
                            WHERE f.article_id = b.article_id OFFSET 0) x
      ORDER BY b.article_id`,
    [[...new Set(bandKeys)], since],
  );
  return rows.map((r) => ({
    articleId: r.article_id,
    signature: signatureFromBytes(r.signature),
    shingleCount: r.shingle_count,
    publishedAt: r.at,
    duplicateOf: r.duplicate_of,
    keys: r.keys.map((k, i) => ({ key: Number(k), seenAt: r.seen[i]! })),
    at: r.at,
    originalAt: r.original_at,
  }));
}

export async function hasFingerprint(db: Queryable, articleId: number): Promise<boolean> {
  const rows = await db.query('SELECT 1 FROM article_fingerprints WHERE article_id = $1', [articleId]);
  return rows.length > 0;
}

// Bulk writes (recluster) go in slices of this many articles a statement.
const CHUNK = 2000;

/** Fingerprints and band keys of many articles (replacing earlier ones). */
export async function saveFingerprints(db: Queryable, rows: { articleId: number; fp: DedupFingerprint; seenAt: Date }[]): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) {
    const part = rows.slice(i, i + CHUNK);
    const ids = part.map((r) => r.articleId);
    await db.query(
      `INSERT INTO article_fingerprints (article_id, signature, shingle_count, seen_at)
       SELECT id, decode(sig, 'hex'), n, at FROM unnest($1::bigint[], $2::text[], $3::int[], $4::timestamptz[]) AS x(id, sig, n, at)
       ON CONFLICT (article_id) DO UPDATE SET signature = EXCLUDED.signature, shingle_count = EXCLUDED.shingle_count, seen_at = EXCLUDED.seen_at`,
      [ids, part.map((r) => Buffer.from(signatureToBytes(r.fp.signature)).toString('hex')), part.map((r) => r.fp.shingleCount), part.map((r) => r.seenAt)],
    );
    await db.query('DELETE FROM dedup_buckets WHERE article_id = ANY($1::bigint[])', [ids]);
    const keys = part.flatMap((r) => [...new Set(r.fp.bandKeys)].map((k) => [k, r.articleId, r.seenAt] as const));
    if (keys.length) {
      await db.query(
        `INSERT INTO dedup_buckets (band_key, article_id, seen_at)
         SELECT * FROM unnest($1::bigint[], $2::bigint[], $3::timestamptz[]) ON CONFLICT DO NOTHING`,
        [keys.map((k) => k[0]), keys.map((k) => k[1]), keys.map((k) => k[2])],
      );
    }
  }
}

/**
 * Only rows whose link changes are written: rewriting an article row, even with the values it
 * has, recomputes its generated search vector and (its page being full) adds an entry to every
 * index on articles, the GIN one included; most articles are no copy and stay as they were.
 */
export async function markDuplicates(db: Queryable, links: { articleId: number; duplicateOf: number | null; similarity: number | null }[]): Promise<void> {
  for (let i = 0; i < links.length; i += CHUNK) {
    const part = links.slice(i, i + CHUNK);
    await db.query(
      `UPDATE articles a SET duplicate_of = x.original, duplicate_similarity = x.similarity
         FROM unnest($1::bigint[], $2::bigint[], $3::real[]) AS x(id, original, similarity)
        WHERE a.id = x.id AND (a.duplicate_of IS DISTINCT FROM x.original OR a.duplicate_similarity IS DISTINCT FROM x.similarity)`,
      [part.map((l) => l.articleId), part.map((l) => l.duplicateOf), part.map((l) => l.similarity)],
    );
  }
}

export interface DuplicateInfo {
  articleId: number;
  duplicateOf: number | null;
  similarity: number | null;
}

export async function getDuplicateInfo(db: Queryable, articleId: number): Promise<DuplicateInfo | null> {
  const rows = await db.query<{ id: number; duplicate_of: number | null; duplicate_similarity: number | null }>('SELECT id, duplicate_of, duplicate_similarity FROM articles WHERE id = $1', [articleId]);
  const r = rows[0];
  return r ? { articleId: r.id, duplicateOf: r.duplicate_of, similarity: r.duplicate_similarity } : null;
}

export interface CopyOf {
  articleId: number;
  title: string;
  sourceName: string | null;
  publishedAt: Date | null;
  similarity: number | null;
}

/** Every article of one family: the original and its copies, original first, then by time. */
export async function listCopies(db: Queryable, articleId: number): Promise<(CopyOf & { isOriginal: boolean })[]> {
  const rows = await db.query<{
    id: number;
    title: string;
    source_name: string | null;
    published_at: Date | null;
    duplicate_similarity: number | null;
    duplicate_of: number | null;
  }>(
    `WITH root AS (SELECT COALESCE(duplicate_of, id) AS id FROM articles WHERE id = $1)
     SELECT a.id, a.title, s.name AS source_name, a.published_at, a.duplicate_similarity, a.duplicate_of
       FROM articles a LEFT JOIN sources s ON s.id = a.source_id, root
      WHERE a.id = root.id OR a.duplicate_of = root.id
      ORDER BY (a.duplicate_of IS NULL) DESC, a.published_at NULLS LAST, a.id`,
    [articleId],
  );
  return rows.map((r) => ({
    articleId: r.id,
    title: r.title,
    sourceName: r.source_name,
    publishedAt: r.published_at,
    similarity: r.duplicate_similarity,
    isOriginal: r.duplicate_of === null,
  }));
}

/** Forgets every dedup decision and fingerprint (before rebuilding them). */
export async function clearDedup(db: Queryable): Promise<void> {
  await db.exec(`DELETE FROM dedup_buckets; DELETE FROM article_fingerprints;
    UPDATE articles SET duplicate_of = NULL, duplicate_similarity = NULL WHERE duplicate_of IS NOT NULL`);
}

/** An article as the near-duplicate step reads it: `at` is its publication (else storage) time. */
export interface ArticleForDedup {
  id: number;
  text: string;
  at: Date;
}

/** The articles of `articleIds`, in time order. */
export async function articlesForDedup(db: Queryable, articleIds: number[]): Promise<ArticleForDedup[]> {
  if (!articleIds.length) return [];
  return db.query<ArticleForDedup>(
    `SELECT id, text, COALESCE(published_at, created_at) AS at FROM articles
      WHERE id = ANY($1::bigint[]) ORDER BY COALESCE(published_at, created_at), id`,
    [articleIds],
  );
}

/** Hands the copies of `oldOriginal` over to `newOriginal`. */
export async function handOverCopies(db: Queryable, newOriginal: number, oldOriginal: number): Promise<void> {
  await db.query('UPDATE articles SET duplicate_of = $1 WHERE duplicate_of = $2', [newOriginal, oldOriginal]);
}
