// Cached translations (migration 017): one per subject (an article, a story's summary) and
// language, with the hash of the original it was made from so a changed original is redone.
import type { Queryable } from './db.ts';

export type TranslationSubject = 'article' | 'story';

export interface StoredTranslation {
  subject: TranslationSubject;
  subjectId: number;
  language: string;
  sourceHash: string;
  title: string | null;
  text: string;
  model: string;
  createdAt: Date;
}

interface Row {
  subject: TranslationSubject;
  subject_id: number;
  language: string;
  source_hash: string;
  title: string | null;
  text: string;
  model: string;
  created_at: Date;
}
const toTranslation = (r: Row): StoredTranslation => ({
  subject: r.subject,
  subjectId: Number(r.subject_id),
  language: r.language,
  sourceHash: r.source_hash,
  title: r.title,
  text: r.text,
  model: r.model,
  createdAt: new Date(r.created_at),
});

export async function getTranslation(db: Queryable, subject: TranslationSubject, subjectId: number, language: string): Promise<StoredTranslation | null> {
  const rows = await db.query<Row>('SELECT * FROM translations WHERE subject = $1 AND subject_id = $2 AND language = $3', [subject, subjectId, language]);
  return rows[0] ? toTranslation(rows[0]) : null;
}

export async function saveTranslation(db: Queryable, t: Omit<StoredTranslation, 'createdAt'>): Promise<StoredTranslation> {
  const rows = await db.query<Row>(
    `INSERT INTO translations (subject, subject_id, language, source_hash, title, text, model) VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (subject, subject_id, language) DO UPDATE
       SET source_hash = EXCLUDED.source_hash, title = EXCLUDED.title, text = EXCLUDED.text, model = EXCLUDED.model, created_at = now()
     RETURNING *`,
    [t.subject, t.subjectId, t.language, t.sourceHash, t.title, t.text, t.model],
  );
  return toTranslation(rows[0]!);
}
