// Webhooks and their owed deliveries in the store: a user's webhooks, deliveries made owed by
// the post-ingest step (once per webhook and subject), claimed by senders with
// FOR UPDATE SKIP LOCKED under a lease, and each attempt's outcome (retry, delivered, failed,
// webhook switched off).
import { randomBytes } from 'node:crypto';
import type { Queryable } from './db.ts';
import { buildWhere } from './search.ts';
import { watchSearch, type Watch } from './watches.ts';
import { nextAttemptAt, shouldDisable, type RetryPolicy, DEFAULT_RETRY, type WebhookEvent, type WebhookInput, validateWebhookInput } from '../webhooks/policy.ts';

export interface Webhook {
  id: number;
  userId: number;
  name: string;
  url: string;
  secret: string;
  events: WebhookEvent[];
  minSources: number;
  watchId: number | null;
  enabled: boolean;
  consecutiveFailures: number;
  disabledReason: string | null;
  createdAt: Date;
}

interface WebhookRow {
  id: number;
  user_id: number;
  name: string;
  url: string;
  secret: string;
  events: string[];
  min_sources: number;
  watch_id: number | null;
  enabled: boolean;
  consecutive_failures: number;
  disabled_reason: string | null;
  created_at: Date;
}

const COLUMNS = 'id, user_id, name, url, secret, events, min_sources, watch_id, enabled, consecutive_failures, disabled_reason, created_at';

const fromRow = (r: WebhookRow): Webhook => ({
  id: r.id,
  userId: r.user_id,
  name: r.name,
  url: r.url,
  secret: r.secret,
  events: r.events as WebhookEvent[],
  minSources: r.min_sources,
  watchId: r.watch_id,
  enabled: r.enabled,
  consecutiveFailures: r.consecutive_failures,
  disabledReason: r.disabled_reason,
  createdAt: new Date(r.created_at),
});

/** Stores a checked webhook with a fresh signing secret (shown to its owner, who verifies with it). */
export async function createWebhook(db: Queryable, userId: number, input: WebhookInput): Promise<Webhook> {
  const checked = validateWebhookInput(input);
  const rows = await db.query<WebhookRow>(`INSERT INTO webhooks (user_id, name, url, secret, events, min_sources, watch_id) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${COLUMNS}`, [
    userId,
    checked.name,
    checked.url,
    'whsec_' + randomBytes(24).toString('base64url'),
    checked.events,
    checked.minSources,
    checked.watchId,
  ]);
  return fromRow(rows[0]!);
}

/** A user's webhooks; `all` (for admins) lists everyone's. */
export async function listWebhooks(db: Queryable, userId: number, all = false): Promise<Webhook[]> {
  const rows = all ? await db.query<WebhookRow>(`SELECT ${COLUMNS} FROM webhooks ORDER BY id`) : await db.query<WebhookRow>(`SELECT ${COLUMNS} FROM webhooks WHERE user_id = $1 ORDER BY id`, [userId]);
  return rows.map(fromRow);
}

/** One webhook, if the user owns it (or `any` for an admin). */
export async function getWebhook(db: Queryable, userId: number, id: number, any = false): Promise<Webhook | null> {
  const rows = await db.query<WebhookRow>(`SELECT ${COLUMNS} FROM webhooks WHERE id = $1 AND ($2 OR user_id = $3)`, [id, any, userId]);
  return rows[0] ? fromRow(rows[0]) : null;
}

export async function deleteWebhook(db: Queryable, userId: number, id: number, any = false): Promise<boolean> {
  return (await db.query('DELETE FROM webhooks WHERE id = $1 AND ($2 OR user_id = $3) RETURNING id', [id, any, userId])).length > 0;
}

/** Switches a webhook back on (after its owner fixed the receiver): the failure count starts over. */
export async function enableWebhook(db: Queryable, id: number): Promise<void> {
  await db.query('UPDATE webhooks SET enabled = true, consecutive_failures = 0, disabled_reason = NULL WHERE id = $1', [id]);
}

/** Enabled webhooks listening for any of these events. */
export async function webhooksFor(db: Queryable, events: WebhookEvent[]): Promise<Webhook[]> {
  const rows = await db.query<WebhookRow>(`SELECT ${COLUMNS} FROM webhooks WHERE enabled AND events && $1::text[] ORDER BY id`, [events]);
  return rows.map(fromRow);
}

export interface OwedDelivery {
  webhookId: number;
  event: WebhookEvent;
  /** What the event is about ("story:12"); a second delivery of the same subject is not owed. */
  subject: string;
  payload: unknown;
}

/** Records deliveries as owed; those already owed (same webhook, event, subject) are skipped. Returns how many are new. */
export async function oweDeliveries(db: Queryable, owed: OwedDelivery[], now: Date): Promise<number> {
  if (!owed.length) return 0;
  const rows = await db.query(
    `INSERT INTO webhook_deliveries (webhook_id, event, subject, payload, next_attempt_at)
     SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::jsonb[], $5::timestamptz[])
     ON CONFLICT (webhook_id, event, subject) DO NOTHING RETURNING id`,
    [owed.map((o) => o.webhookId), owed.map((o) => o.event), owed.map((o) => o.subject), owed.map((o) => JSON.stringify(o.payload)), owed.map(() => now)],
  );
  return rows.length;
}

export interface ClaimedDelivery {
  id: number;
  webhookId: number;
  event: WebhookEvent;
  payload: unknown;
  attempts: number;
  url: string;
  secret: string;
}

/**
 * Claims up to `limit` due deliveries of enabled webhooks for `leaseSeconds`: other senders skip
 * the locked rows while claiming and the claimed ones until the lease ends, so a delivery is
 * never sent by two senders at once, and a sender that dies leaves its rows due again later.
 */
export async function claimDeliveries(db: Queryable, now: Date, limit: number, leaseSeconds: number): Promise<ClaimedDelivery[]> {
  const rows = await db.query<{ id: number; webhook_id: number; event: string; payload: unknown; attempts: number; url: string; secret: string }>(
    `WITH due AS (
       SELECT d.id FROM webhook_deliveries d JOIN webhooks w ON w.id = d.webhook_id
        WHERE d.status = 'pending' AND d.next_attempt_at <= $1 AND (d.claimed_until IS NULL OR d.claimed_until <= $1) AND w.enabled
        ORDER BY d.next_attempt_at, d.id LIMIT $2 FOR UPDATE OF d SKIP LOCKED)
     UPDATE webhook_deliveries d SET claimed_until = $1::timestamptz + make_interval(secs => $3)
       FROM due, webhooks w WHERE d.id = due.id AND w.id = d.webhook_id
     RETURNING d.id, d.webhook_id, d.event, d.payload, d.attempts, w.url, w.secret`,
    [now, limit, leaseSeconds],
  );
  return rows.map((r) => ({
    id: r.id,
    webhookId: r.webhook_id,
    event: r.event as WebhookEvent,
    payload: typeof r.payload === 'string' ? JSON.parse(r.payload) : r.payload,
    attempts: r.attempts,
    url: r.url,
    secret: r.secret,
  }));
}

export interface AttemptOutcome {
  ok: boolean;
  /** The receiver's HTTP status, when it answered. */
  status: number | null;
  error: string | null;
}

/** Writes one attempt's outcome: delivered; or due again after the backoff; or failed for good. Switches the webhook off after too many failures in a row. */
export async function recordAttempt(db: Queryable, delivery: ClaimedDelivery, outcome: AttemptOutcome, at: Date, policy: RetryPolicy = DEFAULT_RETRY, jitter = 0): Promise<'delivered' | 'retry' | 'failed'> {
  const attempts = delivery.attempts + 1;
  if (outcome.ok) {
    await db.query(`UPDATE webhook_deliveries SET status = 'delivered', attempts = $2, last_status = $3, last_error = NULL, delivered_at = $4, claimed_until = NULL WHERE id = $1`, [delivery.id, attempts, outcome.status, at]);
    await db.query('UPDATE webhooks SET consecutive_failures = 0 WHERE id = $1', [delivery.webhookId]);
    return 'delivered';
  }
  const next = nextAttemptAt(attempts, at, policy, jitter);
  await db.query(
    `UPDATE webhook_deliveries SET status = $2, attempts = $3, last_status = $4, last_error = $5, next_attempt_at = COALESCE($6, next_attempt_at), claimed_until = NULL
      WHERE id = $1`,
    [delivery.id, next ? 'pending' : 'failed', attempts, outcome.status, (outcome.error ?? '').slice(0, 500), next],
  );
  const rows = await db.query<{ consecutive_failures: number }>('UPDATE webhooks SET consecutive_failures = consecutive_failures + 1 WHERE id = $1 RETURNING consecutive_failures', [delivery.webhookId]);
  const failures = rows[0]?.consecutive_failures ?? 0;
  if (shouldDisable(failures, policy)) {
    await db.query('UPDATE webhooks SET enabled = false, disabled_reason = $2 WHERE id = $1 AND enabled', [
      delivery.webhookId,
      `switched off after ${failures} failed attempts in a row; last: ${(outcome.error ?? `HTTP ${outcome.status}`).slice(0, 200)}`,
    ]);
  }
  return next ? 'retry' : 'failed';
}

export interface DeliveryLogEntry {
  id: number;
  event: string;
  subject: string;
  status: string;
  attempts: number;
  lastStatus: number | null;
  lastError: string | null;
  nextAttemptAt: Date | null;
  createdAt: Date;
  deliveredAt: Date | null;
}

/** The newest deliveries of a webhook, for its log. */
export async function listDeliveries(db: Queryable, webhookId: number, limit = 50): Promise<DeliveryLogEntry[]> {
  const rows = await db.query<{
    id: number;
    event: string;
    subject: string;
    status: string;
    attempts: number;
    last_status: number | null;
    last_error: string | null;
    next_attempt_at: Date;
    created_at: Date;
    delivered_at: Date | null;
  }>(
    `SELECT id, event, subject, status, attempts, last_status, last_error, next_attempt_at, created_at, delivered_at
       FROM webhook_deliveries WHERE webhook_id = $1 ORDER BY id DESC LIMIT $2`,
    [webhookId, limit],
  );
  return rows.map((r) => ({
    id: r.id,
    event: r.event,
    subject: r.subject,
    status: r.status,
    attempts: r.attempts,
    lastStatus: r.last_status,
    lastError: r.last_error,
    nextAttemptAt: r.status === 'pending' ? new Date(r.next_attempt_at) : null,
    createdAt: new Date(r.created_at),
    deliveredAt: r.delivered_at ? new Date(r.delivered_at) : null,
  }));
}

// ---- what the post-ingest webhook step reads ----

/** A story a batch of articles touched, as the webhook step reads it. */
export interface TouchedStory {
  id: number;
  headline: string;
  first_seen_at: Date | null;
  article_count: number;
  /** Distinct publishers among members outside the batch, and among all members. */
  sources_before: number;
  sources_after: number;
  all_new: boolean;
}

/** The stories `articleIds` belong to, with their publishers counted before and after the batch. */
export async function touchedStories(db: Queryable, articleIds: number[]): Promise<TouchedStory[]> {
  return db.query<TouchedStory>(
    `WITH touched AS (SELECT DISTINCT story_id FROM story_articles WHERE article_id = ANY($1::bigint[]))
     SELECT s.id, s.headline, s.first_seen_at, s.article_count,
            count(DISTINCT a.source_id) FILTER (WHERE NOT (sa.article_id = ANY($1::bigint[])))::int AS sources_before,
            count(DISTINCT a.source_id)::int AS sources_after,
            bool_and(sa.article_id = ANY($1::bigint[])) AS all_new
       FROM touched t JOIN stories s ON s.id = t.story_id
       JOIN story_articles sa ON sa.story_id = s.id JOIN articles a ON a.id = sa.article_id
      GROUP BY s.id ORDER BY s.id`,
    [articleIds],
  );
}

/** Which of `articleIds` a saved search matches, by the search's own rule (store/search.ts). */
export async function watchMatches(db: Queryable, watch: Watch, articleIds: number[]) {
  const built = buildWhere(watchSearch(watch));
  const ids = built.param(articleIds);
  return db.query<{ id: number; title: string; source_name: string | null; url: string | null; published_at: Date | null }>(
    `SELECT a.id, a.title, s.name AS source_name, coalesce(a.canonical_url, a.url) AS url, a.published_at
       FROM articles a LEFT JOIN sources s ON s.id = a.source_id
      WHERE a.id = ANY(${ids}::bigint[]) AND ${built.where.join(' AND ')} ORDER BY a.id`,
    built.params,
  );
}
