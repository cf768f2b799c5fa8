// Email in the store: each reader's newsletter address, the newsletters taken in, digest
// settings (claimed when due with FOR UPDATE SKIP LOCKED, like webhook deliveries), and the
// site's own signing key for unsubscribe links.
import { randomBytes } from 'node:crypto';
import type { Queryable } from './db.ts';

/** The reader's newsletter address's local part, made on first ask. */
export async function ensureInbox(db: Queryable, userId: number): Promise<string> {
  const localPart = 'n' + randomBytes(9).toString('hex');
  await db.query('INSERT INTO email_inboxes (user_id, local_part) VALUES ($1, $2) ON CONFLICT (user_id) DO NOTHING', [userId, localPart]);
  const rows = await db.query<{ local_part: string }>('SELECT local_part FROM email_inboxes WHERE user_id = $1', [userId]);
  return rows[0]!.local_part;
}

/** The reader a local part belongs to (case-insensitive, as mail systems treat it). */
export async function userForInbox(db: Queryable, localPart: string): Promise<number | null> {
  const rows = await db.query<{ user_id: number }>('SELECT user_id FROM email_inboxes WHERE local_part = lower($1)', [localPart]);
  return rows[0]?.user_id ?? null;
}

export interface NewsletterRecord {
  id: number;
  articleId: number | null;
  sender: string;
  subject: string;
  receivedAt: Date;
}

export async function recordNewsletter(db: Queryable, entry: { userId: number; articleId: number; sender: string; messageId: string | null; subject: string; receivedAt: Date }): Promise<void> {
  await db.query('INSERT INTO newsletter_messages (user_id, article_id, sender, message_id, subject, received_at) VALUES ($1, $2, $3, $4, $5, $6)', [
    entry.userId,
    entry.articleId,
    entry.sender,
    entry.messageId,
    entry.subject,
    entry.receivedAt,
  ]);
}

export async function listNewsletters(db: Queryable, userId: number, limit = 50): Promise<NewsletterRecord[]> {
  const rows = await db.query<{ id: number; article_id: number | null; sender: string; subject: string; received_at: Date }>(
    'SELECT id, article_id, sender, subject, received_at FROM newsletter_messages WHERE user_id = $1 ORDER BY id DESC LIMIT $2',
    [userId, limit],
  );
  return rows.map((r) => ({ id: r.id, articleId: r.article_id, sender: r.sender, subject: r.subject, receivedAt: new Date(r.received_at) }));
}

export type DigestFrequency = 'off' | 'daily' | 'weekly';

export interface DigestSettings {
  userId: number;
  email: string;
  frequency: DigestFrequency;
  nextDueAt: Date | null;
  lastSentAt: Date | null;
  lastError: string | null;
}

interface DigestRow {
  user_id: number;
  email: string;
  frequency: DigestFrequency;
  next_due_at: Date | null;
  last_sent_at: Date | null;
  last_error: string | null;
}

const digestFromRow = (r: DigestRow): DigestSettings => ({
  userId: r.user_id,
  email: r.email,
  frequency: r.frequency,
  nextDueAt: r.next_due_at ? new Date(r.next_due_at) : null,
  lastSentAt: r.last_sent_at ? new Date(r.last_sent_at) : null,
  lastError: r.last_error,
});

export async function getDigestSettings(db: Queryable, userId: number): Promise<DigestSettings | null> {
  const rows = await db.query<DigestRow>('SELECT user_id, email, frequency, next_due_at, last_sent_at, last_error FROM digest_settings WHERE user_id = $1', [userId]);
  return rows[0] ? digestFromRow(rows[0]) : null;
}

/** Saves a reader's digest choice; `nextDueAt` is when the first one is owed (null when off). */
export async function saveDigestSettings(db: Queryable, userId: number, email: string, frequency: DigestFrequency, nextDueAt: Date | null): Promise<DigestSettings> {
  const rows = await db.query<DigestRow>(
    `INSERT INTO digest_settings (user_id, email, frequency, next_due_at) VALUES ($1, $2, $3, $4)
     ON CONFLICT (user_id) DO UPDATE SET email = EXCLUDED.email, frequency = EXCLUDED.frequency, next_due_at = EXCLUDED.next_due_at,
            last_error = NULL, updated_at = now()
     RETURNING user_id, email, frequency, next_due_at, last_sent_at, last_error`,
    [userId, email, frequency, nextDueAt],
  );
  return digestFromRow(rows[0]!);
}

/** Claims digests due at `now` for `leaseSeconds` (see claimDeliveries in webhooks.ts for why a lease). */
export async function claimDueDigests(db: Queryable, now: Date, limit: number, leaseSeconds: number): Promise<DigestSettings[]> {
  const rows = await db.query<DigestRow>(
    `WITH due AS (
       SELECT user_id FROM digest_settings
        WHERE frequency <> 'off' AND next_due_at <= $1 AND (claimed_until IS NULL OR claimed_until <= $1)
        ORDER BY next_due_at LIMIT $2 FOR UPDATE SKIP LOCKED)
     UPDATE digest_settings d SET claimed_until = $1::timestamptz + make_interval(secs => $3) FROM due WHERE d.user_id = due.user_id
     RETURNING d.user_id, d.email, d.frequency, d.next_due_at, d.last_sent_at, d.last_error`,
    [now, limit, leaseSeconds],
  );
  return rows.map(digestFromRow);
}

export async function markDigestSent(db: Queryable, userId: number, sentAt: Date, nextDueAt: Date): Promise<void> {
  await db.query('UPDATE digest_settings SET last_sent_at = $2, next_due_at = $3, claimed_until = NULL, last_error = NULL WHERE user_id = $1', [userId, sentAt, nextDueAt]);
}

export async function markDigestFailed(db: Queryable, userId: number, error: string, retryAt: Date): Promise<void> {
  await db.query('UPDATE digest_settings SET last_error = $2, next_due_at = $3, claimed_until = NULL WHERE user_id = $1', [userId, error.slice(0, 500), retryAt]);
}

/** Unsubscribing: the digest stops, the address is kept so switching back on is one click. */
export async function stopDigest(db: Queryable, userId: number): Promise<boolean> {
  return (await db.query("UPDATE digest_settings SET frequency = 'off', next_due_at = NULL, updated_at = now() WHERE user_id = $1 RETURNING user_id", [userId])).length > 0;
}

/** A key the site makes once and keeps (e.g. for signing unsubscribe links); concurrent first asks agree. */
export async function siteSecret(db: Queryable, name: string): Promise<string> {
  await db.query('INSERT INTO site_secrets (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING', [name, randomBytes(32).toString('base64url')]);
  const rows = await db.query<{ value: string }>('SELECT value FROM site_secrets WHERE name = $1', [name]);
  return rows[0]!.value;
}
