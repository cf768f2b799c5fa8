// Browser sessions kept in the database, so any server process sharing it knows every session.
// The cookie carries a random token; the row's id is that token's sha256, so reading the
// table does not give anyone a usable cookie. Each session has its own CSRF token.
import { createHash, randomBytes } from 'node:crypto';
import type { Queryable } from './db.ts';
import type { UserRole } from '../model/index.ts';

export interface SessionUser {
  id: number;
  username: string;
  role: UserRole;
}

export interface Session {
  /** sha256 of the cookie's token (hex): the row's id. */
  id: string;
  user: SessionUser;
  csrfToken: string;
  expiresAt: Date;
}

export const newToken = (bytes = 32) => randomBytes(bytes).toString('base64url');
export const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

export interface NewSessionOptions {
  now: Date;
  lifetimeMs: number;
  userAgent?: string | null;
}

/** Opens a session; returns the token for the cookie (never stored) and the session. */
export async function createSession(db: Queryable, user: SessionUser, options: NewSessionOptions): Promise<{ token: string; session: Session }> {
  const token = newToken();
  const session: Session = {
    id: tokenHash(token),
    user,
    csrfToken: newToken(),
    expiresAt: new Date(options.now.getTime() + options.lifetimeMs),
  };
  await db.query(
    `INSERT INTO sessions (id, user_id, csrf_token, created_at, last_seen_at, expires_at, user_agent)
     VALUES ($1, $2, $3, $4, $4, $5, $6)`,
    [session.id, user.id, session.csrfToken, options.now, session.expiresAt, options.userAgent?.slice(0, 300) ?? null],
  );
  return { token, session };
}

/**
 * The live session a cookie token names, or null (unknown, expired, user disabled). A session
 * used after half its lifetime is extended, so active readers stay signed in.
 */
export async function findSession(db: Queryable, token: string, now: Date, lifetimeMs: number): Promise<Session | null> {
  if (!token || token.length > 100) return null;
  const rows = await db.query<{
    id: string;
    csrf_token: string;
    expires_at: Date;
    user_id: number;
    username: string;
    role: UserRole;
  }>(
    `SELECT s.id, s.csrf_token, s.expires_at, u.id AS user_id, u.username, u.role
       FROM sessions s JOIN users u ON u.id = s.user_id
      WHERE s.id = $1 AND s.expires_at > $2 AND NOT u.disabled`,
    [tokenHash(token), now],
  );
  const row = rows[0];
  if (!row) return null;
  let expiresAt = new Date(row.expires_at);
  if (expiresAt.getTime() - now.getTime() < lifetimeMs / 2) {
    expiresAt = new Date(now.getTime() + lifetimeMs);
    await db.query('UPDATE sessions SET expires_at = $2, last_seen_at = $3 WHERE id = $1', [row.id, expiresAt, now]);
  }
  return {
    id: row.id,
    user: { id: row.user_id, username: row.username, role: row.role },
    csrfToken: row.csrf_token,
    expiresAt,
  };
}

export async function deleteSession(db: Queryable, sessionId: string): Promise<void> {
  await db.query('DELETE FROM sessions WHERE id = $1', [sessionId]);
}

export async function deleteUserSessions(db: Queryable, userId: number): Promise<number> {
  const rows = await db.query<{ id: string }>('DELETE FROM sessions WHERE user_id = $1 RETURNING id', [userId]);
  return rows.length;
}

export async function deleteExpiredSessions(db: Queryable, now: Date): Promise<number> {
  const rows = await db.query<{ id: string }>('DELETE FROM sessions WHERE expires_at <= $1 RETURNING id', [now]);
  return rows.length;
}
