// Mute and keep rules: each reader's (user_rules) and each feed's (feed_rules, migration 017).
// `ruleFilterSql` is the one SQL fragment every reader-facing query adds to hide what a reader
// muted: lists, search, feeds out and the reader apps all filter the same way, in the database,
// so paging and unread counts stay right.
import type { Queryable } from './db.ts';
import { sourceKey } from './sources.ts';
import { checkTextRule, MAX_RULES_PER_FEED, MAX_RULES_PER_USER, REGEX_BODY_CHARS, RULE_KINDS, RuleInputError, ruleWords, type RuleField, type RuleKind } from '../rules/policy.ts';
import type { FeedRule } from '../rules/feed.ts';

export interface UserRule {
  id: number;
  action: 'mute' | 'keep';
  kind: RuleKind;
  field: RuleField;
  pattern: string;
  sourceId: number | null;
  entityId: number | null;
  createdAt: Date;
}

export interface UserRuleInput {
  action: string;
  kind: string;
  field?: string;
  /** The word, phrase or expression; for a source or entity rule its name or id. */
  pattern: string;
}

/**
 * SQL that is true when the article `alias` is visible to the user whose id is the bound
 * parameter `userParam` (e.g. '$1'): no mute rule of theirs matches it, or a keep rule does.
 * Each kind of rule is folded into one value per query (all word and phrase rules into one
 * tsquery, all expressions on titles into one alternation, ...): uncorrelated subqueries that
 * PostgreSQL evaluates once, so an article is tested once per kind however many rules there are,
 * and a kind the reader has no rule of costs nothing (its value is NULL and the test is skipped or false).
 */
export function ruleFilterSql(alias: string, userParam: string): string {
  const a = alias;
  const matches = (action: 'mute' | 'keep') => {
    const mine = `FROM user_rules r WHERE r.user_id = ${userParam} AND r.action = '${action}'`;
    const words = `(SELECT string_agg('(' || r.tsquery::text || ')', ' | ')::tsquery ${mine} AND r.tsquery IS NOT NULL)`;
    const sources = `ARRAY(SELECT r.source_id ${mine} AND r.kind = 'source')`;
    const entities = `ARRAY(SELECT r.entity_id ${mine} AND r.kind = 'entity')`;
    const regex = (field: 'title' | 'body') => `(SELECT string_agg('(?:' || r.pattern || ')', '|') ${mine} AND r.kind = 'regex' AND r.field <> '${field === 'title' ? 'body' : 'title'}')`;
    // Each test is guarded by its folded value: without that, every article's search vector
    // (stored compressed) would be read even for a reader with no word rule.
    return `((${words} IS NOT NULL AND coalesce(${a}.search_vector @@ ${words}, false))
      OR coalesce(${a}.source_id = ANY(${sources}), false)
      OR (${regex('title')} IS NOT NULL AND coalesce(${a}.title ~* ${regex('title')}, false))
      OR (${regex('body')} IS NOT NULL AND coalesce(left(${a}.text, ${REGEX_BODY_CHARS}) ~* ${regex('body')}, false))
      OR (cardinality(${entities}) > 0 AND EXISTS (SELECT 1 FROM mentions rm WHERE rm.article_id = ${a}.id AND rm.entity_id = ANY(${entities}))))`;
  };
  return `(NOT ${matches('mute')} OR ${matches('keep')})`;
}

interface UserRuleRow {
  id: number;
  action: 'mute' | 'keep';
  kind: RuleKind;
  field: RuleField;
  pattern: string;
  source_id: number | null;
  entity_id: number | null;
  created_at: Date;
}
const toRule = (r: UserRuleRow): UserRule => ({
  id: r.id,
  action: r.action,
  kind: r.kind,
  field: r.field,
  pattern: r.pattern,
  sourceId: r.source_id,
  entityId: r.entity_id,
  createdAt: new Date(r.created_at),
});
const RULE_COLUMNS = 'id, action, kind, field, pattern, source_id, entity_id, created_at';

export async function listUserRules(db: Queryable, userId: number): Promise<UserRule[]> {
  const rows = await db.query<UserRuleRow>(`SELECT ${RULE_COLUMNS} FROM user_rules WHERE user_id = $1 ORDER BY id`, [userId]);
  return rows.map(toRule);
}

const WEIGHTS: Record<RuleField, string> = { title: 'A', body: 'D', both: 'AD' };

/** Checks a regular expression against PostgreSQL's engine too (the one the reader's rules run on). */
async function checkRegexInDb(db: Queryable, pattern: string): Promise<void> {
  try {
    await db.query("SELECT '' ~* $1", [pattern]);
  } catch (error) {
    throw new RuleInputError('pattern', `not a valid regular expression: ${(error as Error).message}`);
  }
}

async function resolveSubject(db: Queryable, kind: 'source' | 'entity', pattern: string): Promise<{ id: number; name: string }> {
  const byId = /^\d{1,15}$/.test(pattern) ? Number(pattern) : null;
  if (kind === 'source') {
    const rows = await db.query<{ id: number; name: string }>('SELECT id, name FROM sources WHERE id = $1 OR name_key = $2 ORDER BY (id = $1) DESC LIMIT 1', [byId ?? 0, sourceKey(pattern)]);
    if (!rows[0]) throw new RuleInputError('pattern', `no source is named "${pattern}"`);
    return rows[0];
  }
  const rows = await db.query<{ id: number; name: string }>('SELECT id, name FROM entities WHERE id = $1 OR lower(name) = lower($2) ORDER BY (id = $1) DESC, article_count DESC LIMIT 1', [byId ?? 0, pattern]);
  if (!rows[0]) throw new RuleInputError('pattern', `no entity is named "${pattern}"`);
  return rows[0];
}

/** Checks and stores a reader's rule; a RuleInputError names what is wrong. */
export async function createUserRule(db: Queryable, userId: number, input: UserRuleInput): Promise<UserRule> {
  if (input.action !== 'mute' && input.action !== 'keep') throw new RuleInputError('action', `expected mute or keep, got "${input.action}"`);
  if (!(RULE_KINDS as readonly string[]).includes(input.kind)) {
    throw new RuleInputError('kind', `expected one of ${RULE_KINDS.join(', ')}, got "${input.kind}"`);
  }
  const count = (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM user_rules WHERE user_id = $1', [userId]))[0]!.n;
  if (count >= MAX_RULES_PER_USER) throw new RuleInputError('rules', `at most ${MAX_RULES_PER_USER} rules per reader`);
  let row: UserRuleRow[];
  if (input.kind === 'source' || input.kind === 'entity') {
    const pattern = (input.pattern ?? '').trim();
    if (!pattern || pattern.length > 200) throw new RuleInputError('pattern', `expected a ${input.kind} name or id (1 to 200 characters)`);
    const subject = await resolveSubject(db, input.kind, pattern);
    row = await db.query<UserRuleRow>(`INSERT INTO user_rules (user_id, action, kind, pattern, source_id, entity_id) VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${RULE_COLUMNS}`, [
      userId,
      input.action,
      input.kind,
      subject.name,
      input.kind === 'source' ? subject.id : null,
      input.kind === 'entity' ? subject.id : null,
    ]);
  } else {
    const rule = checkTextRule(input, ['word', 'phrase', 'regex']);
    let tsquery: string | null = null;
    if (rule.kind === 'regex') await checkRegexInDb(db, rule.pattern);
    else {
      tsquery = ruleWords(rule.pattern)
        .map((w) => `${w}:${WEIGHTS[rule.field]}`)
        .join(' <-> ');
      const [{ nodes }] = (await db.query<{ nodes: number }>("SELECT numnode(to_tsquery('english', $1))::int AS nodes", [tsquery])) as [{ nodes: number }];
      if (!nodes) throw new RuleInputError('pattern', `"${rule.pattern}" has only words too common to match (the, and, …)`);
    }
    row = await db.query<UserRuleRow>(
      `INSERT INTO user_rules (user_id, action, kind, field, pattern, tsquery)
       VALUES ($1, $2, $3, $4, $5, CASE WHEN $6::text IS NULL THEN NULL ELSE to_tsquery('english', $6::text) END) RETURNING ${RULE_COLUMNS}`,
      [userId, input.action, rule.kind, rule.field, rule.pattern, tsquery],
    );
  }
  return toRule(row[0]!);
}

export async function deleteUserRule(db: Queryable, userId: number, ruleId: number): Promise<boolean> {
  return (await db.query('DELETE FROM user_rules WHERE user_id = $1 AND id = $2 RETURNING id', [userId, ruleId])).length > 0;
}

// Per-feed rules (admins), applied at ingest.

export interface StoredFeedRule extends FeedRule {
  id: number;
  feedId: number;
  createdAt: Date;
}

interface FeedRuleRow {
  id: number;
  feed_id: number;
  action: 'block' | 'keep';
  kind: FeedRule['kind'];
  field: RuleField;
  pattern: string;
  created_at: Date;
}
const toFeedRule = (r: FeedRuleRow): StoredFeedRule => ({
  id: r.id,
  feedId: r.feed_id,
  action: r.action,
  kind: r.kind,
  field: r.field,
  pattern: r.pattern,
  createdAt: new Date(r.created_at),
});

export async function listFeedRules(db: Queryable, feedId: number): Promise<StoredFeedRule[]> {
  const rows = await db.query<FeedRuleRow>('SELECT id, feed_id, action, kind, field, pattern, created_at FROM feed_rules WHERE feed_id = $1 ORDER BY id', [feedId]);
  return rows.map(toFeedRule);
}

export async function createFeedRule(db: Queryable, feedId: number, input: UserRuleInput): Promise<StoredFeedRule> {
  if (input.action !== 'block' && input.action !== 'keep') throw new RuleInputError('action', `expected block or keep, got "${input.action}"`);
  const rule = checkTextRule(input);
  const count = (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM feed_rules WHERE feed_id = $1', [feedId]))[0]!.n;
  if (count >= MAX_RULES_PER_FEED) throw new RuleInputError('rules', `at most ${MAX_RULES_PER_FEED} rules per feed`);
  const rows = await db.query<FeedRuleRow>(
    `INSERT INTO feed_rules (feed_id, action, kind, field, pattern) VALUES ($1, $2, $3, $4, $5)
     RETURNING id, feed_id, action, kind, field, pattern, created_at`,
    [feedId, input.action, rule.kind, rule.field, rule.pattern],
  );
  return toFeedRule(rows[0]!);
}

export async function deleteFeedRule(db: Queryable, feedId: number, ruleId: number): Promise<boolean> {
  return (await db.query('DELETE FROM feed_rules WHERE feed_id = $1 AND id = $2 RETURNING id', [feedId, ruleId])).length > 0;
}
