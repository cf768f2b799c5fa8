// The post-ingest work owed per article (migration 016): owing, claiming, finishing and failing
// steps. A claim is a row lock (FOR UPDATE SKIP LOCKED) held by the transaction that does the
// step, so a claim dies with its process and two processes never do one step twice at once.
import type { Queryable } from './db.ts';

/** Records every step as owed for these articles (again, after an update). */
export async function oweSteps(db: Queryable, articleIds: number[], steps: string[]): Promise<void> {
  if (!articleIds.length || !steps.length) return;
  await db.query(
    `INSERT INTO article_steps (step, article_id)
     SELECT s, a FROM unnest($2::bigint[]) AS a CROSS JOIN unnest($1::text[]) AS s
     ON CONFLICT (step, article_id) DO UPDATE SET attempts = 0, last_error = NULL`,
    [steps, [...new Set(articleIds)]],
    { prepare: true },
  );
}

/**
 * Claims up to `limit` articles owing `step` whose earlier steps (`before`) are done (or given up
 * on), oldest publication first; the rows stay locked until the caller's transaction ends.
 */
export async function claimOwed(tx: Queryable, step: string, options: { before: string[]; limit: number; maxAttempts: number; only?: number }): Promise<number[]> {
  const rows = await tx.query<{ article_id: number }>(
    `SELECT o.article_id FROM article_steps o JOIN articles a ON a.id = o.article_id
      WHERE o.step = $1 AND o.attempts < $3 AND ($5::bigint IS NULL OR o.article_id = $5)
        AND NOT EXISTS (SELECT 1 FROM article_steps e
                         WHERE e.article_id = o.article_id AND e.step = ANY($2::text[]) AND e.attempts < $3)
      ORDER BY COALESCE(a.published_at, a.created_at), a.id
      LIMIT $4 FOR UPDATE OF o SKIP LOCKED`,
    [step, options.before, options.maxAttempts, options.limit, options.only ?? null],
    { prepare: true },
  );
  return rows.map((r) => r.article_id);
}

/** The step is done for these articles. */
export async function finishOwed(tx: Queryable, step: string, articleIds: number[]): Promise<void> {
  if (!articleIds.length) return;
  await tx.query('DELETE FROM article_steps WHERE step = $1 AND article_id = ANY($2::bigint[])', [step, articleIds]);
}

/** One more failed attempt at the step for this article, with its error. */
export async function recordOwedFailure(db: Queryable, step: string, articleId: number, message: string): Promise<void> {
  await db.query('UPDATE article_steps SET attempts = attempts + 1, last_error = $3 WHERE step = $1 AND article_id = $2', [step, articleId, message.slice(0, 2000)]);
}

export interface OwedCount {
  step: string;
  /** Still to do. */
  owed: number;
  /** Given up on after `maxAttempts` failures (kept with their error). */
  failed: number;
}

export async function owedCounts(db: Queryable, maxAttempts: number): Promise<OwedCount[]> {
  return db.query<OwedCount>(
    `SELECT step, count(*) FILTER (WHERE attempts < $1)::int AS owed, count(*) FILTER (WHERE attempts >= $1)::int AS failed
       FROM article_steps GROUP BY step ORDER BY step`,
    [maxAttempts],
  );
}
