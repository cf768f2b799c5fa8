// The import log: one row per `dateline import` run and one per file it read.
import type { Queryable } from './db.ts';

export type ImportItemStatus = 'imported' | 'present' | 'failed';

export async function startImport(db: Queryable): Promise<number> {
  const rows = await db.query<{ id: number }>('INSERT INTO imports DEFAULT VALUES RETURNING id');
  return rows[0]!.id;
}

export async function recordImportItem(db: Queryable, importId: number, item: { location: string; status: ImportItemStatus; message?: string | null; articleCount?: number }): Promise<void> {
  await db.query(`INSERT INTO import_items (import_id, location, status, message, article_count) VALUES ($1, $2, $3, $4, $5)`, [importId, item.location, item.status, item.message ?? null, item.articleCount ?? 0]);
}

export async function finishImport(db: Queryable, importId: number, counts: { imported: number; present: number; failed: number }): Promise<void> {
  await db.query('UPDATE imports SET finished_at = now(), imported = $2, present = $3, failed = $4 WHERE id = $1', [importId, counts.imported, counts.present, counts.failed]);
}
