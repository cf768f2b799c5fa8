// Retention: articles older than the configured age are archived (text kept, stored HTML
// dropped) or deleted — never one a reader starred, one in a story still active, and (when
// deleting) never one readers commented on, which is archived instead.
import type { Queryable } from './db.ts';

export interface RetentionPolicy {
  /** Articles older than this many days are affected; 0 turns retention off. */
  maxAgeDays: number;
  mode: 'archive' | 'delete';
  /** A story seen within this many days is active: its articles are kept whole. */
  activeStoryDays: number;
}

export interface RetentionResult {
  archived: number;
  deleted: number;
}

const BATCH = 1000;

/** Applies the policy as of `now`, in batches; returns how many articles it archived and deleted. */
export async function applyRetention(db: Queryable, policy: RetentionPolicy, now: Date): Promise<RetentionResult> {
  const result = { archived: 0, deleted: 0 };
  if (policy.maxAgeDays <= 0) return result;
  const cutoff = new Date(now.getTime() - policy.maxAgeDays * 86_400_000);
  const activeSince = new Date(now.getTime() - policy.activeStoryDays * 86_400_000);
  const eligible = `
    COALESCE(a.published_at, a.created_at) < $1
    AND NOT EXISTS (SELECT 1 FROM reader_states r WHERE r.article_id = a.id AND r.starred_at IS NOT NULL)
    AND NOT EXISTS (SELECT 1 FROM story_articles sa JOIN stories s ON s.id = sa.story_id
                     WHERE sa.article_id = a.id AND s.last_seen_at >= $2)`;
  if (policy.mode === 'delete') {
    for (;;) {
      const rows = await db.query<{ id: number }>(
        `DELETE FROM articles WHERE id IN (
           SELECT a.id FROM articles a WHERE ${eligible}
              AND NOT EXISTS (SELECT 1 FROM comments c WHERE c.article_id = a.id)
            LIMIT ${BATCH})
         RETURNING id`,
        [cutoff, activeSince],
      );
      result.deleted += rows.length;
      if (rows.length < BATCH) break;
    }
  }
  for (;;) {
    const rows = await db.query<{ id: number }>(
      `UPDATE articles SET html = NULL, archived_at = $3 WHERE id IN (
         SELECT a.id FROM articles a WHERE a.archived_at IS NULL AND ${eligible} LIMIT ${BATCH})
       RETURNING id`,
      [cutoff, activeSince, now],
    );
    result.archived += rows.length;
    if (rows.length < BATCH) break;
  }
  return result;
}
