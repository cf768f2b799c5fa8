// What the near-duplicate and story steps wrote, ids included, in an order that does not depend on
// how rows were stored: the parity tests compare these between ways of running the same stream.
import type { Db } from '../../src/store/db.ts';

export async function decisionRows(db: Db): Promise<Record<string, unknown[]>> {
  const q = (sql: string) => db.query(sql);
  return {
    copies: await q('SELECT id, duplicate_of, duplicate_similarity FROM articles ORDER BY id'),
    fingerprints: await q('SELECT article_id, encode(signature, $$hex$$) AS s, shingle_count, seen_at FROM article_fingerprints ORDER BY article_id'),
    stories: await q('SELECT id, headline, headline_article_id, centroid, first_seen_at, last_seen_at, article_count, source_count, settled FROM stories ORDER BY id'),
    members: await q('SELECT story_id, article_id, similarity FROM story_articles ORDER BY article_id'),
    index: await q('SELECT term, story_id, weight, last_seen_at FROM story_terms ORDER BY story_id, term'),
    vectors: await q('SELECT article_id, vector FROM article_vectors ORDER BY article_id'),
    terms: await q('SELECT term, df FROM term_stats ORDER BY term'),
    documents: await q('SELECT key, value FROM cluster_stats ORDER BY key'),
  };
}
