// Per-source metadata in the store (country, language, owner, lean; empty unless an admin set
// it), and what the coverage comparison of a story reads: its articles with their publishers'
// facts.
import type { Queryable } from './db.ts';
import { sourceKey } from './sources.ts';
import type { CoveredArticle, Lean, SourceFacts } from '../coverage/compare.ts';
import type { CsvRow } from '../coverage/metadata.ts';

export interface SourceWithFacts {
  id: number;
  name: string;
  domain: string | null;
  facts: SourceFacts;
}

interface FactsRow {
  country: string | null;
  language: string | null;
  owner: string | null;
  lean: Lean | null;
}
const factsOf = (r: FactsRow): SourceFacts => ({ country: r.country, language: r.language, owner: r.owner, lean: r.lean });

export async function listSourcesWithFacts(db: Queryable): Promise<SourceWithFacts[]> {
  const rows = await db.query<FactsRow & { id: number; name: string; domain: string | null }>(
    `SELECT s.id, s.name, s.domain, m.country, m.language, m.owner, m.lean
       FROM sources s LEFT JOIN source_metadata m ON m.source_id = s.id ORDER BY lower(s.name), s.id`,
  );
  return rows.map((r) => ({ id: r.id, name: r.name, domain: r.domain, facts: factsOf(r) }));
}

export async function getSourceWithFacts(db: Queryable, sourceId: number): Promise<SourceWithFacts | null> {
  const rows = await db.query<FactsRow & { id: number; name: string; domain: string | null }>(
    `SELECT s.id, s.name, s.domain, m.country, m.language, m.owner, m.lean
       FROM sources s LEFT JOIN source_metadata m ON m.source_id = s.id WHERE s.id = $1`,
    [sourceId],
  );
  return rows[0] ? { id: rows[0].id, name: rows[0].name, domain: rows[0].domain, facts: factsOf(rows[0]) } : null;
}

/** Replaces a source's facts (all empty removes the row: nothing is known). */
export async function setSourceFacts(db: Queryable, sourceId: number, facts: SourceFacts): Promise<void> {
  if (!facts.country && !facts.language && !facts.owner && !facts.lean) {
    await db.query('DELETE FROM source_metadata WHERE source_id = $1', [sourceId]);
    return;
  }
  await db.query(
    `INSERT INTO source_metadata (source_id, country, language, owner, lean) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (source_id) DO UPDATE SET country = EXCLUDED.country, language = EXCLUDED.language, owner = EXCLUDED.owner,
            lean = EXCLUDED.lean, updated_at = now()`,
    [sourceId, facts.country, facts.language, facts.owner, facts.lean],
  );
}

/** Applies CSV rows to the sources they name; rows naming no known source are returned, not applied. */
export async function importSourceFacts(db: Queryable, rows: CsvRow[]): Promise<{ applied: number; unknown: { line: number; source: string }[] }> {
  const unknown: { line: number; source: string }[] = [];
  let applied = 0;
  for (const row of rows) {
    const found = await db.query<{ id: number }>('SELECT id FROM sources WHERE name_key = $1', [sourceKey(row.source)]);
    if (!found[0]) {
      unknown.push({ line: row.line, source: row.source });
      continue;
    }
    await setSourceFacts(db, found[0].id, row.facts);
    applied++;
  }
  return { applied, unknown };
}

/** A story's articles with their publishers and what is known about them. */
export async function storyCoverageInput(db: Queryable, storyId: number): Promise<CoveredArticle[]> {
  const rows = await db.query<FactsRow & { id: number; title: string; source_id: number | null; source_name: string | null; has_facts: boolean }>(
    `SELECT a.id, a.title, a.source_id, s.name AS source_name, m.country, m.language, m.owner, m.lean, m.source_id IS NOT NULL AS has_facts
       FROM story_articles sa JOIN articles a ON a.id = sa.article_id
       LEFT JOIN sources s ON s.id = a.source_id LEFT JOIN source_metadata m ON m.source_id = a.source_id
      WHERE sa.story_id = $1 ORDER BY COALESCE(a.published_at, a.created_at), a.id`,
    [storyId],
  );
  return rows.map((r) => ({ articleId: r.id, title: r.title, sourceId: r.source_id, sourceName: r.source_name, facts: r.has_facts ? factsOf(r) : null }));
}
