// Enrichment in the store: writing one article's entities, mentions, figures, quotes, events and
// summary (replacing what an earlier run wrote for it), merging entities across articles by key
// (a lone surname joins the one person it can only mean), and reading it all back per article,
// per story and per entity.
import type { Queryable } from './db.ts';
import type { ArticleEnrichment } from '../enrich/index.ts';
import type { FoundEntity } from '../enrich/entities.ts';
import { normaliseKey } from '../enrich/entities.ts';
import type { EventRow, FigureRow, QuoteRow, StoryArticleRef } from '../enrich/story.ts';
import type { StoryArticleText } from '../enrich/summary.ts';
import type { Entity } from '../model/index.ts';

/** An entity as stored: the model's Entity with its key, roles and counts. */
export interface StoredEntity extends Entity {
  key: string;
  roles: string[];
  mentionCount: number;
  articleCount: number;
  firstSeenAt: Date | null;
  lastSeenAt: Date | null;
}

interface EntityRow {
  id: number;
  kind: StoredEntity['kind'];
  key: string;
  name: string;
  code: string | null;
  aliases: string[];
  roles: string[];
  mention_count: number;
  article_count: number;
  first_seen_at: Date | null;
  last_seen_at: Date | null;
}

const ENTITY_COLUMNS = 'e.id, e.kind, e.key, e.name, e.code, e.aliases, e.roles, e.mention_count, e.article_count, e.first_seen_at, e.last_seen_at';

function entityFromRow(r: EntityRow): StoredEntity {
  return {
    id: r.id,
    kind: r.kind,
    key: r.key,
    name: r.name,
    code: r.code,
    aliases: r.aliases,
    roles: r.roles,
    mentionCount: r.mention_count,
    articleCount: r.article_count,
    firstSeenAt: r.first_seen_at,
    lastSeenAt: r.last_seen_at,
  };
}

/** Normalised forms an entity answers to: its aliases and, for a person, first and last name. */
function aliasKeys(entity: FoundEntity): string[] {
  const keys = new Set(entity.aliases.map((a) => normaliseKey(a.replace(/['’]s$/, ''))));
  keys.add(normaliseKey(entity.name));
  if (entity.kind === 'person') {
    const tokens = entity.name.split(/\s+/);
    if (tokens.length >= 2) {
      keys.add(normaliseKey(tokens[0]!));
      keys.add(normaliseKey(tokens[tokens.length - 1]!));
    }
  }
  return [...keys].filter(Boolean);
}

/** A found entity's stored key: a lone surname ("Colby") joins the one stored person it names. */
function targetKeys(entities: FoundEntity[], lone: { k: string; key: string }[]): Map<string, string> {
  const target = new Map(entities.map((e) => [e.key, e.key]));
  for (const e of entities) {
    if (e.kind !== 'person' || /\s/.test(e.name)) continue;
    const keys = lone.filter((r) => r.k === normaliseKey(e.name)).map((r) => r.key);
    if (keys.length === 1) target.set(e.key, keys[0]!);
  }
  return target;
}

interface EntityUpsertRow {
  kind: string;
  key: string;
  name: string;
  code: string | null;
  aliases: string[];
  alias_keys: string[];
  roles: string[];
  /** What this article adds to the entity's counters, and whether it mentions it now. */
  m: number;
  a: number;
  p: boolean;
}

/** One row per stored key (two found entities may land on one), spellings and roles pooled. */
function entityRows(entities: FoundEntity[], target: Map<string, string>): Map<string, EntityUpsertRow> {
  const rows = new Map<string, EntityUpsertRow>();
  for (const e of entities) {
    const key = target.get(e.key)!;
    const row = rows.get(key) ?? { kind: e.kind, key, name: e.name, code: e.code, aliases: [], alias_keys: [], roles: [], m: 0, a: 0, p: false };
    if (e.name.length > row.name.length) row.name = e.name;
    row.aliases = [...new Set([...row.aliases, ...e.aliases])];
    row.alias_keys = [...new Set([...row.alias_keys, ...aliasKeys(e)])];
    row.roles = [...new Set([...row.roles, ...e.roles])];
    rows.set(key, row);
  }
  return rows;
}

/**
 * Replaces what is stored for one article with this enrichment, in two statements (run it inside a
 * transaction): one reads what the article had (to move the entity counters by the difference, as
 * counting from scratch reads every mention of a popular entity for each article), deletes it and
 * places lone surnames; one upserts the entities with their counters moved and inserts the
 * mentions, figures, quotes, events and summary. Several found entities may land on one stored
 * key; a lone surname joins the one stored person it names and stays apart when it names several.
 */
export async function saveArticleEnrichment(db: Queryable, articleId: number, enrichment: ArticleEnrichment, version: number, fresh: { publishedAt: Date | null } | null = null): Promise<PersonState[]> {
  const lone = enrichment.entities.filter((e) => e.kind === 'person' && !/\s/.test(e.name)).map((e) => normaliseKey(e.name));
  // An article read in this transaction with nothing stored for it (`fresh`, with its publication
  // time) and no lone surname to place: the first statement would delete nothing and give back
  // only the article's row with its time, so it is not sent.
  const read: ReadRow[] = fresh && !lone.length ? [{ what: 'previous', entity_id: null, entity_key: null, n: 0, published_at: fresh.publishedAt, k: null, key: null }] : await readPreviousAndLone(db, articleId, lone);
  const previous = read.filter((r) => r.what === 'previous');
  if (!previous.length) throw new Error(`article ${articleId} does not exist`);
  return writeArticleEnrichment(
    db,
    articleId,
    enrichment,
    version,
    previous,
    read.filter((r) => r.what === 'lone'),
  );
}

/** The article's stored mentions by entity (its time beside them), and the stored people its lone surnames may name. */
type ReadRow = { what: 'previous' | 'lone'; entity_id: number | null; entity_key: string | null; n: number | null; published_at: Date | null; k: string | null; key: string | null };

async function readPreviousAndLone(db: Queryable, articleId: number, lone: string[]): Promise<ReadRow[]> {
  return db.query<ReadRow>(
    `WITH previous AS (
       SELECT m.entity_id, e.key AS entity_key, count(m.entity_id)::int AS n, a.published_at FROM articles a
         LEFT JOIN mentions m ON m.article_id = a.id LEFT JOIN entities e ON e.id = m.entity_id
        WHERE a.id = $1 GROUP BY m.entity_id, e.key, a.published_at),
     dm AS (DELETE FROM mentions WHERE article_id = $1), df AS (DELETE FROM figures WHERE article_id = $1),
     dq AS (DELETE FROM quotes WHERE article_id = $1), de AS (DELETE FROM events WHERE article_id = $1)
     SELECT 'previous' AS what, entity_id, entity_key, n, published_at, NULL::text AS k, NULL::text AS key FROM previous
     UNION ALL
     SELECT DISTINCT 'lone', NULL::bigint, NULL::text, NULL::int, NULL::timestamptz, l.k, e.key FROM unnest($2::text[]) AS l(k)
       JOIN entities e ON e.kind = 'person' AND l.k = ANY(e.alias_keys) AND e.key <> 'person:' || l.k`,
    [articleId, lone],
    { prepare: true },
  );
}

async function writeArticleEnrichment(
  db: Queryable,
  articleId: number,
  enrichment: ArticleEnrichment,
  version: number,
  previous: { entity_id: number | null; entity_key: string | null; n: number | null; published_at: Date | null }[],
  loneRows: { k: string | null; key: string | null }[],
): Promise<PersonState[]> {
  const publishedAt = previous[0]!.published_at;
  const target = targetKeys(
    enrichment.entities,
    loneRows.map((r) => ({ k: r.k!, key: r.key! })),
  );
  const rows = entityRows(enrichment.entities, target);
  const mentions: { key: string; start: number; end: number; text: string; role: string | null }[] = [];
  for (const entity of enrichment.entities) {
    for (const m of entity.mentions) mentions.push({ key: target.get(entity.key)!, start: m.start, end: m.end, text: m.text, role: m.role });
  }
  // Mentions that lose to an earlier one at the same offset are not stored: count what is.
  const offsets = new Set<number>();
  for (const m of mentions) {
    if (offsets.has(m.start)) continue;
    offsets.add(m.start);
    const row = rows.get(m.key)!;
    if (!row.p) row.a++;
    row.p = true;
    row.m++;
  }
  // What the article mentioned before comes off the counters: of an entity still upserted, in its row.
  const gone: { id: number; m: number }[] = [];
  for (const r of previous) {
    if (r.entity_id === null) continue;
    const row = r.entity_key === null ? undefined : rows.get(r.entity_key);
    if (row) {
      row.m -= r.n!;
      row.a -= 1;
    } else gone.push({ id: r.entity_id, m: r.n! });
  }
  const keyOf = (found: string | null | undefined) => (found ? (target.get(found) ?? null) : null);
  const { figures, quotes, events } = enrichment;
  const people = await db.query<{ id: number; name: string; alias_keys: string[]; article_count: number }>(
    `WITH up AS (
       INSERT INTO entities AS e (kind, key, name, code, aliases, alias_keys, roles, mention_count, article_count, first_seen_at, last_seen_at)
       SELECT kind, key, name, code, aliases, alias_keys, roles, m, a,
              CASE WHEN p THEN $3::timestamptz END, CASE WHEN p THEN $3::timestamptz END
         FROM jsonb_to_recordset($2::jsonb) AS x(kind text, key text, name text, code text, aliases text[], alias_keys text[], roles text[], m int, a int, p bool)
       ON CONFLICT (key) DO UPDATE SET
         aliases = ARRAY(SELECT DISTINCT unnest(e.aliases || EXCLUDED.aliases)),
         alias_keys = ARRAY(SELECT DISTINCT unnest(e.alias_keys || EXCLUDED.alias_keys)),
         roles = ARRAY(SELECT DISTINCT unnest(e.roles || EXCLUDED.roles)),
         name = CASE WHEN e.kind = 'person' AND length(EXCLUDED.name) > length(e.name) AND position(' ' in EXCLUDED.name) > 0
                     THEN EXCLUDED.name ELSE e.name END,
         mention_count = e.mention_count + EXCLUDED.mention_count, article_count = e.article_count + EXCLUDED.article_count,
         first_seen_at = CASE WHEN EXCLUDED.first_seen_at IS NOT NULL THEN LEAST(e.first_seen_at, EXCLUDED.first_seen_at) ELSE e.first_seen_at END,
         last_seen_at = CASE WHEN EXCLUDED.last_seen_at IS NOT NULL THEN GREATEST(e.last_seen_at, EXCLUDED.last_seen_at) ELSE e.last_seen_at END
       RETURNING e.id, e.key, e.kind, e.name, e.alias_keys, e.article_count),
     gone AS (
       UPDATE entities e SET mention_count = e.mention_count - d.m, article_count = e.article_count - 1
         FROM unnest($4::bigint[], $5::int[]) AS d(id, m) WHERE e.id = d.id
       RETURNING e.id, e.kind, e.name, e.alias_keys, e.article_count),
     mi AS (
       INSERT INTO mentions (entity_id, article_id, start_offset, end_offset, text, role)
       SELECT (SELECT id FROM up WHERE up.key = m.k), $1, s, e, t, r
         FROM unnest($6::text[], $7::int[], $8::int[], $9::text[], $10::text[]) WITH ORDINALITY AS m(k, s, e, t, r, n)
        ORDER BY n
       ON CONFLICT (article_id, start_offset) DO NOTHING),
     fi AS (
       INSERT INTO figures (article_id, subject, subject_entity_id, value, unit, text, context, start_offset, measure, subject_keys, change)
       SELECT $1, subject, (SELECT id FROM up WHERE up.key = f.k), value, unit, t, context, s, measure, ARRAY(SELECT jsonb_array_elements_text(keys)), change
         FROM unnest($11::text[], $12::text[], $13::float8[], $14::text[], $15::text[], $16::text[], $17::int[], $18::text[], $19::jsonb[], $20::text[])
              WITH ORDINALITY AS f(subject, k, value, unit, t, context, s, measure, keys, change, n)
        ORDER BY n),
     qi AS (
       INSERT INTO quotes (article_id, text, speaker, speaker_entity_id, start_offset)
       SELECT $1, t, speaker, (SELECT id FROM up WHERE up.key = q.k), s
         FROM unnest($21::text[], $22::text[], $23::text[], $24::int[]) WITH ORDINALITY AS q(t, speaker, k, s, n)
        ORDER BY n),
     ei AS (
       INSERT INTO events (article_id, event_date, precision, text, sentence, start_offset, sentence_start, sentence_end)
       SELECT $1, d, p, t, sentence, s, ss, se
         FROM unnest($25::date[], $26::text[], $27::text[], $28::text[], $29::int[], $30::int[], $31::int[]) WITH ORDINALITY AS v(d, p, t, sentence, s, ss, se, n)
        ORDER BY n),
     ae AS (
       INSERT INTO article_enrichment (article_id, version, summary, error, enriched_at) VALUES ($1, $32, $33, NULL, now())
       ON CONFLICT (article_id) DO UPDATE SET version = $32, summary = $33, error = NULL, enriched_at = now())
     SELECT id, name, alias_keys, article_count FROM up WHERE kind = 'person'
     UNION ALL SELECT id, name, alias_keys, article_count FROM gone WHERE kind = 'person'`,
    [
      articleId,
      JSON.stringify([...rows.values()]),
      publishedAt,
      gone.map((g) => g.id),
      gone.map((g) => g.m),
      mentions.map((m) => m.key),
      mentions.map((m) => m.start),
      mentions.map((m) => m.end),
      mentions.map((m) => m.text),
      mentions.map((m) => m.role),
      figures.map((f) => f.subject),
      figures.map((f) => keyOf(f.subjectKey)),
      figures.map((f) => f.value),
      figures.map((f) => f.unit),
      figures.map((f) => f.text),
      figures.map((f) => f.context),
      figures.map((f) => f.start),
      figures.map((f) => f.measure),
      figures.map((f) => JSON.stringify(f.subjectKeys ?? [])),
      figures.map((f) => f.change),
      quotes.map((q) => q.text),
      quotes.map((q) => q.speaker),
      quotes.map((q) => keyOf(q.speakerKey)),
      quotes.map((q) => q.start),
      events.map((e) => e.date),
      events.map((e) => e.precision),
      events.map((e) => e.text),
      events.map((e) => e.sentence),
      events.map((e) => e.start),
      events.map((e) => e.sentenceStart),
      events.map((e) => e.sentenceEnd),
      version,
      JSON.stringify(enrichment.summary),
    ],
    { prepare: true },
  );
  return people.map(personState);
}

/** A stored person as knownPeopleIn judges it (a batch keeps these in memory). */
export interface PersonState {
  id: number;
  name: string;
  aliasKeys: string[];
  articleCount: number;
}

const personState = (r: { id: number; name: string; alias_keys: string[]; article_count: number }): PersonState => ({ id: r.id, name: r.name, aliasKeys: r.alias_keys, articleCount: r.article_count });

/** Every stored person answering to any of these names, whatever their counts (a batch's one read). */
export async function peopleAnsweringTo(db: Queryable, names: string[]): Promise<PersonState[]> {
  if (!names.length) return [];
  const rows = await db.query<{ id: number; name: string; alias_keys: string[]; article_count: number }>(`SELECT id, name, alias_keys, article_count FROM entities WHERE kind = 'person' AND alias_keys && $1::text[]`, [names]);
  return rows.map(personState);
}

/**
 * Of these names, those a known person answers to. Only people known by a full name and named in
 * some article count: a lone word stored by mistake ("Officials") must not vouch for itself in
 * every later article.
 */
export function knownPeopleIn(people: Iterable<PersonState>, names: string[]): Set<string> {
  const wanted = new Set(names);
  const known = new Set<string>();
  for (const p of people) {
    if (p.articleCount <= 0 || !p.name.includes(' ')) continue;
    for (const k of p.aliasKeys) if (wanted.has(k)) known.add(k);
  }
  return known;
}

/**
 * Of these normalised names, the ones that are a stored person's first or last name: the people
 * the names may mean, read, and judged by knownPeopleIn (the one rule, also for batches that keep
 * the people in memory).
 */
export async function knownPeopleAmong(db: Queryable, names: string[]): Promise<Set<string>> {
  return knownPeopleIn(await peopleAnsweringTo(db, names), names);
}

/** Records that enrichment failed for an article (so a batch goes on and the failure is visible). */
export async function saveEnrichmentError(db: Queryable, articleId: number, version: number, message: string): Promise<void> {
  await db.query(
    `INSERT INTO article_enrichment (article_id, version, error, enriched_at) VALUES ($1, $2, $3, now())
     ON CONFLICT (article_id) DO UPDATE SET version = $2, error = $3, enriched_at = now()`,
    [articleId, version, message.slice(0, 500)],
  );
}

/**
 * Forgets every enrichment result before enriching everything again. Entities keep their rows
 * (and ids, so links to entity pages survive) but lose what they had collected; those no article
 * names any more are removed by `dropUnmentionedEntities` afterwards.
 */
export async function clearEnrichment(db: Queryable): Promise<void> {
  await db.exec(`DELETE FROM mentions; DELETE FROM figures; DELETE FROM quotes; DELETE FROM events; DELETE FROM article_enrichment;
    UPDATE entities SET aliases = '{}', alias_keys = '{}', roles = '{}', mention_count = 0, article_count = 0,
                        first_seen_at = NULL, last_seen_at = NULL;`);
}

export async function dropUnmentionedEntities(db: Queryable): Promise<number> {
  const rows = await db.query<{ id: number }>('DELETE FROM entities e WHERE e.article_count = 0 AND NOT EXISTS (SELECT 1 FROM mentions m WHERE m.entity_id = e.id) RETURNING e.id');
  return rows.length;
}

/** Articles not yet enriched by this version of the stage (all of them with `all`). */
export async function articlesToEnrich(db: Queryable, version: number, all: boolean, limit = 100_000): Promise<number[]> {
  const rows = await db.query<{ id: number }>(
    all
      ? 'SELECT id FROM articles ORDER BY id LIMIT $1'
      : `SELECT a.id FROM articles a LEFT JOIN article_enrichment x ON x.article_id = a.id
          WHERE x.article_id IS NULL OR x.version < $2 ORDER BY a.id LIMIT $1`,
    all ? [limit] : [limit, version],
  );
  return rows.map((r) => r.id);
}

export interface ArticleEnrichmentView {
  articleId: number;
  version: number | null;
  error: string | null;
  summary: { text: string; sentenceIndex: number }[];
  entities: { id: number; kind: string; name: string; code: string | null; mentions: number; roles: string[] }[];
  figures: {
    subject: string | null;
    subjectEntityId: number | null;
    /** The name of the entity it is about, when one is (the phrase in subject may be "the levy"). */
    subjectName?: string | null;
    /** What it measures ("tariff"), when known. */
    measure?: string | null;
    value: number;
    unit: string | null;
    text: string;
    context: string;
  }[];
  quotes: { text: string; speaker: string | null; speakerEntityId: number | null; speakerName: string | null }[];
  events: { date: string; precision: string; text: string; sentence: string }[];
}

const isoDate = (d: Date | string) => (typeof d === 'string' ? d.slice(0, 10) : d.toISOString().slice(0, 10));

/** Everything enrichment stored for one article; null when it was never enriched. */
export async function getArticleEnrichment(db: Queryable, articleId: number): Promise<ArticleEnrichmentView | null> {
  const head = await db.query<{ version: number; error: string | null; summary: { text: string; sentenceIndex: number }[] }>('SELECT version, error, summary FROM article_enrichment WHERE article_id = $1', [articleId]);
  if (!head[0]) return null;
  const entities = await db.query<{ id: number; kind: string; name: string; code: string | null; mentions: number; roles: (string | null)[] }>(
    `SELECT e.id, e.kind, e.name, e.code, count(*)::int AS mentions, array_agg(DISTINCT m.role) AS roles
       FROM mentions m JOIN entities e ON e.id = m.entity_id
      WHERE m.article_id = $1 GROUP BY e.id ORDER BY min(m.start_offset)`,
    [articleId],
  );
  const figures = await db.query<{ subject: string | null; subject_entity_id: number | null; subject_name: string | null; measure: string | null; value: number; unit: string | null; text: string; context: string }>(
    `SELECT f.subject, f.subject_entity_id, e.name AS subject_name, f.measure, f.value, f.unit, f.text, f.context
       FROM figures f LEFT JOIN entities e ON e.id = f.subject_entity_id WHERE f.article_id = $1 ORDER BY f.start_offset`,
    [articleId],
  );
  const quotes = await db.query<{ text: string; speaker: string | null; speaker_entity_id: number | null; speaker_name: string | null }>(
    `SELECT q.text, q.speaker, q.speaker_entity_id, e.name AS speaker_name FROM quotes q
       LEFT JOIN entities e ON e.id = q.speaker_entity_id WHERE q.article_id = $1 ORDER BY q.start_offset`,
    [articleId],
  );
  const events = await db.query<{ event_date: Date | string; precision: string; text: string; sentence: string }>('SELECT event_date, precision, text, sentence FROM events WHERE article_id = $1 ORDER BY start_offset', [articleId]);
  return {
    articleId,
    version: head[0].version,
    error: head[0].error,
    summary: head[0].summary ?? [],
    entities: entities.map((e) => ({ ...e, roles: e.roles.filter((r): r is string => !!r) })),
    figures: figures.map((f) => ({
      subject: f.subject,
      subjectEntityId: f.subject_entity_id,
      subjectName: f.subject_name,
      measure: f.measure,
      value: Number(f.value),
      unit: f.unit,
      text: f.text,
      context: f.context,
    })),
    quotes: quotes.map((q) => ({ text: q.text, speaker: q.speaker, speakerEntityId: q.speaker_entity_id, speakerName: q.speaker_name })),
    events: events.map((e) => ({ date: isoDate(e.event_date), precision: e.precision, text: e.text, sentence: e.sentence })),
  };
}

export interface EntityFilter {
  kind?: StoredEntity['kind'];
  /** Part of a name or alias. */
  q?: string;
  limit?: number;
  offset?: number;
}

/** Entities, most written-about first. */
export async function listEntities(db: Queryable, filter: EntityFilter = {}): Promise<StoredEntity[]> {
  const where: string[] = ['e.article_count > 0'];
  const params: unknown[] = [];
  if (filter.kind) {
    params.push(filter.kind);
    where.push(`e.kind = $${params.length}`);
  }
  if (filter.q) {
    params.push(`%${filter.q.toLowerCase().replace(/[%_\\]/g, '\\$&')}%`);
    where.push(`(lower(e.name) LIKE $${params.length} OR EXISTS (SELECT 1 FROM unnest(e.aliases) a WHERE lower(a) LIKE $${params.length}))`);
  }
  // Bound as parameters, never written into the SQL text (Infinity once reached it as a column name).
  params.push(Math.min(Math.max(filter.limit ?? 50, 1), 500), Math.max(filter.offset ?? 0, 0));
  const rows = await db.query<EntityRow>(
    `SELECT ${ENTITY_COLUMNS} FROM entities e WHERE ${where.join(' AND ')}
      ORDER BY e.article_count DESC, e.mention_count DESC, e.id LIMIT $${params.length - 1} OFFSET $${params.length}`,
    params,
  );
  return rows.map(entityFromRow);
}

export async function getEntity(db: Queryable, id: number): Promise<StoredEntity | null> {
  const rows = await db.query<EntityRow>(`SELECT ${ENTITY_COLUMNS} FROM entities e WHERE e.id = $1`, [id]);
  return rows[0] ? entityFromRow(rows[0]) : null;
}

export interface EntityDetail {
  /** Articles mentioning it per day of publication. */
  mentionsByDay: { day: string; articles: number; mentions: number }[];
  roles: { role: string; count: number }[];
  stories: { id: number; headline: string; articles: number; lastSeenAt: Date | null }[];
  cooccurring: { id: number; kind: string; name: string; articles: number }[];
  articles: { id: number; title: string; sourceName: string | null; publishedAt: Date | null }[];
  timeline: { date: string; precision: string; text: string; sentence: string; articleId: number; sourceName: string | null }[];
  quotes: { text: string; articleId: number; sourceName: string | null }[];
}

export async function getEntityDetail(db: Queryable, id: number): Promise<EntityDetail> {
  const mentionsByDay = await db.query<{ day: string; articles: number; mentions: number }>(
    `SELECT to_char(date_trunc('day', a.published_at AT TIME ZONE 'UTC'), 'YYYY-MM-DD') AS day,
            count(DISTINCT m.article_id)::int AS articles, count(*)::int AS mentions
       FROM mentions m JOIN articles a ON a.id = m.article_id
      WHERE m.entity_id = $1 AND a.published_at IS NOT NULL GROUP BY 1 ORDER BY 1`,
    [id],
  );
  const roles = await db.query<{ role: string; count: number }>(`SELECT role, count(*)::int AS count FROM mentions WHERE entity_id = $1 AND role IS NOT NULL GROUP BY role ORDER BY count DESC, role LIMIT 20`, [id]);
  const stories = await db.query<{ id: number; headline: string; articles: number; last_seen_at: Date | null }>(
    `SELECT s.id, s.headline, count(DISTINCT m.article_id)::int AS articles, s.last_seen_at
       FROM mentions m JOIN story_articles sa ON sa.article_id = m.article_id JOIN stories s ON s.id = sa.story_id
      WHERE m.entity_id = $1 GROUP BY s.id ORDER BY s.last_seen_at DESC NULLS LAST, s.id DESC LIMIT 20`,
    [id],
  );
  const cooccurring = await db.query<{ id: number; kind: string; name: string; articles: number }>(
    `SELECT e.id, e.kind, e.name, count(DISTINCT o.article_id)::int AS articles
       FROM (SELECT DISTINCT article_id FROM mentions WHERE entity_id = $1) mine
       JOIN mentions o ON o.article_id = mine.article_id AND o.entity_id <> $1
       JOIN entities e ON e.id = o.entity_id
      GROUP BY e.id ORDER BY articles DESC, e.mention_count DESC LIMIT 15`,
    [id],
  );
  const articles = await db.query<{ id: number; title: string; source_name: string | null; published_at: Date | null }>(
    `SELECT a.id, a.title, s.name AS source_name, a.published_at FROM articles a LEFT JOIN sources s ON s.id = a.source_id
      WHERE a.id IN (SELECT DISTINCT article_id FROM mentions WHERE entity_id = $1)
      ORDER BY a.published_at DESC NULLS LAST, a.id DESC LIMIT 30`,
    [id],
  );
  // Its timeline: dated sentences that mention it, each sentence once at its earliest date (a
  // sentence naming several dates, "on Tuesday … by Wednesday … the July 9 deadline", or run by
  // several outlets word for word, is one statement), then in date order.
  const timeline = await db.query<{ event_date: Date | string; precision: string; text: string; sentence: string; article_id: number; source_name: string | null }>(
    `SELECT t.* FROM (
       SELECT DISTINCT ON (ev.sentence) ev.event_date, ev.precision, ev.text, ev.sentence, ev.article_id, s.name AS source_name
         FROM events ev
         JOIN mentions m ON m.article_id = ev.article_id AND m.entity_id = $1
                        AND m.start_offset >= ev.sentence_start AND m.start_offset < ev.sentence_end
         JOIN articles a ON a.id = ev.article_id LEFT JOIN sources s ON s.id = a.source_id
        ORDER BY ev.sentence, ev.event_date, ev.article_id, ev.start_offset) t
      ORDER BY t.event_date, t.sentence, t.article_id LIMIT 100`,
    [id],
  );
  const quotes = await db.query<{ text: string; article_id: number; source_name: string | null }>(
    `SELECT q.text, q.article_id, s.name AS source_name FROM quotes q JOIN articles a ON a.id = q.article_id
       LEFT JOIN sources s ON s.id = a.source_id WHERE q.speaker_entity_id = $1 ORDER BY a.published_at DESC NULLS LAST, q.id LIMIT 30`,
    [id],
  );
  return {
    mentionsByDay,
    roles,
    stories: stories.map((s) => ({ id: s.id, headline: s.headline, articles: s.articles, lastSeenAt: s.last_seen_at })),
    cooccurring,
    articles: articles.map((a) => ({ id: a.id, title: a.title, sourceName: a.source_name, publishedAt: a.published_at })),
    timeline: timeline.map((t) => ({ date: isoDate(t.event_date), precision: t.precision, text: t.text, sentence: t.sentence, articleId: t.article_id, sourceName: t.source_name })),
    quotes: quotes.map((q) => ({ text: q.text, articleId: q.article_id, sourceName: q.source_name })),
  };
}

export interface StoryMaterial {
  refs: StoryArticleRef[];
  texts: StoryArticleText[];
  events: EventRow[];
  figures: FigureRow[];
  quotes: QuoteRow[];
}

/** A story's articles (copies of one article included once) with their enrichment rows. */
export async function loadStoryMaterial(db: Queryable, storyId: number): Promise<StoryMaterial | null> {
  const exists = await db.query<{ id: number }>('SELECT id FROM stories WHERE id = $1', [storyId]);
  if (!exists[0]) return null;
  const articles = await db.query<{ id: number; title: string; text: string; published_at: Date | null; source_name: string | null }>(
    `SELECT a.id, a.title, a.text, a.published_at, s.name AS source_name
       FROM story_articles sa JOIN articles a ON a.id = sa.article_id LEFT JOIN sources s ON s.id = a.source_id
      WHERE sa.story_id = $1 ORDER BY a.published_at NULLS LAST, a.id LIMIT 200`,
    [storyId],
  );
  const ids = articles.map((a) => a.id);
  const refs = articles.map((a) => ({ articleId: a.id, sourceName: a.source_name, title: a.title, publishedAt: a.published_at }));
  const texts = articles.map((a) => ({ articleId: a.id, sourceName: a.source_name, title: a.title, text: a.text, publishedAt: a.published_at }));
  const events = await db.query<{ article_id: number; event_date: Date | string; precision: EventRow['precision']; text: string; sentence: string }>(
    'SELECT article_id, event_date, precision, text, sentence FROM events WHERE article_id = ANY($1::bigint[]) ORDER BY article_id, start_offset',
    [ids],
  );
  const figures = await db.query<{
    article_id: number;
    subject: string | null;
    subject_key: string | null;
    subject_name: string | null;
    value: number;
    unit: string | null;
    text: string;
    context: string;
    measure: string | null;
    subject_keys: string[];
    change: 'from' | 'to' | null;
    published_at: Date | null;
  }>(
    `SELECT f.article_id, f.subject, e.key AS subject_key, e.name AS subject_name, f.value, f.unit, f.text, f.context, f.measure, f.subject_keys, f.change,
            a.published_at
       FROM figures f LEFT JOIN entities e ON e.id = f.subject_entity_id JOIN articles a ON a.id = f.article_id
      WHERE f.article_id = ANY($1::bigint[]) ORDER BY f.article_id, f.start_offset`,
    [ids],
  );
  // Names of the further entities a figure is about ("… on Japan and South Korea").
  const otherKeys = [...new Set(figures.flatMap((f) => f.subject_keys))];
  const names = new Map(otherKeys.length ? (await db.query<{ key: string; name: string }>('SELECT key, name FROM entities WHERE key = ANY($1::text[])', [otherKeys])).map((r) => [r.key, r.name]) : []);
  const quotes = await db.query<{ article_id: number; text: string; speaker: string | null; speaker_key: string | null; speaker_name: string | null }>(
    `SELECT q.article_id, q.text, q.speaker, e.key AS speaker_key, e.name AS speaker_name
       FROM quotes q LEFT JOIN entities e ON e.id = q.speaker_entity_id
      WHERE q.article_id = ANY($1::bigint[]) ORDER BY q.article_id, q.start_offset`,
    [ids],
  );
  return {
    refs,
    texts,
    events: events.map((e) => ({ articleId: e.article_id, date: isoDate(e.event_date), precision: e.precision, text: e.text, sentence: e.sentence })),
    figures: figures.map((f) => ({
      articleId: f.article_id,
      subject: f.subject,
      subjectKey: f.subject_key,
      subjectName: f.subject_name,
      value: Number(f.value),
      unit: f.unit,
      text: f.text,
      context: f.context,
      measure: f.measure,
      change: f.change,
      subjects: (f.subject_keys.length ? f.subject_keys : f.subject_key ? [f.subject_key] : []).map((key) => ({ key, name: names.get(key) ?? (key === f.subject_key ? f.subject_name : null) ?? key })),
    })),
    quotes: quotes.map((q) => ({ articleId: q.article_id, text: q.text, speaker: q.speaker, speakerKey: q.speaker_key, speakerName: q.speaker_name })),
  };
}

/** The entity ids of keys, for linking story-level rows to entity pages. */
export async function entityIdsByKey(db: Queryable, keys: string[]): Promise<Map<string, number>> {
  if (!keys.length) return new Map();
  const rows = await db.query<{ id: number; key: string }>('SELECT id, key FROM entities WHERE key = ANY($1::text[])', [keys]);
  return new Map(rows.map((r) => [r.key, r.id]));
}

/**
 * People the words of a question may name ("Lee", "Trump"), known by a full name, with the roles
 * the corpus gives them: how a question about "Lee" finds "the South Korean president".
 */
export async function peopleNamed(db: Queryable, question: string): Promise<{ name: string; roles: string[] }[]> {
  const names = [...new Set((question.match(/\p{Lu}[\p{L}-]+/gu) ?? []).map(normaliseKey).filter(Boolean))];
  if (!names.length) return [];
  return db.query<{ name: string; roles: string[] }>(
    `SELECT name, roles FROM entities
      WHERE kind = 'person' AND article_count > 0 AND position(' ' in name) > 0 AND alias_keys && $1::text[]
      ORDER BY article_count DESC LIMIT 20`,
    [names],
  );
}

/** An article as the enrichment step reads it. */
export interface ArticleToEnrich {
  id: number;
  title: string;
  text: string;
  published_at: Date | null;
  /** Nothing stored for it when read: no mentions, figures, quotes or events (see saveArticleEnrichment's `fresh`). */
  fresh: boolean;
}

/** The articles of `ids`, by id. */
export async function loadArticlesToEnrich(db: Queryable, ids: number[]): Promise<ArticleToEnrich[]> {
  return db.query<ArticleToEnrich>(
    `SELECT a.id, a.title, a.text, a.published_at,
            NOT EXISTS (SELECT 1 FROM mentions m WHERE m.article_id = a.id) AND NOT EXISTS (SELECT 1 FROM figures f WHERE f.article_id = a.id)
            AND NOT EXISTS (SELECT 1 FROM quotes q WHERE q.article_id = a.id) AND NOT EXISTS (SELECT 1 FROM events e WHERE e.article_id = a.id) AS fresh
       FROM articles a WHERE a.id = ANY($1::bigint[]) ORDER BY a.id`,
    [ids],
  );
}
