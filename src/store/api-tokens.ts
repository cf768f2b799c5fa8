// Per-user tokens for programs: personal API tokens (Bearer), the tokens Google Reader clients
// get from ClientLogin, and the Fever key (md5 of "username:password", which is what Fever
// clients send). Only a sha256 of each is stored (table api_tokens, migration 005).
import { createHash } from 'node:crypto';
import type { Queryable } from './db.ts';
import { newToken, tokenHash, type SessionUser } from './sessions.ts';
import type { UserRole } from '../model/index.ts';

export type TokenKind = 'api' | 'greader' | 'fever';

export interface ApiTokenInfo {
  id: number;
  kind: TokenKind;
  name: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  expiresAt: Date | null;
}

/** Issues a token; the clear text is returned once and never stored. */
export async function createApiToken(db: Queryable, userId: number, options: { kind?: TokenKind; name?: string; expiresAt?: Date | null } = {}): Promise<{ id: number; token: string }> {
  const kind = options.kind ?? 'api';
  // A prefix says what the token is when it turns up in a log or a config file.
  const token = `${kind === 'api' ? 'dla' : 'dlg'}_${newToken()}`;
  const rows = await db.query<{ id: number }>('INSERT INTO api_tokens (user_id, kind, name, token_hash, expires_at) VALUES ($1, $2, $3, $4, $5) RETURNING id', [
    userId,
    kind,
    (options.name ?? '').slice(0, 100),
    tokenHash(token),
    options.expiresAt ?? null,
  ]);
  return { id: rows[0]!.id, token };
}

/** The user a live token of one of these kinds belongs to, or null. */
export async function userForToken(db: Queryable, token: string, kinds: TokenKind[]): Promise<SessionUser | null> {
  if (!token || token.length > 200) return null;
  const rows = await db.query<{ token_id: number; id: number; username: string; role: UserRole; stale: boolean }>(
    `SELECT t.id AS token_id, u.id, u.username, u.role,
            (t.last_used_at IS NULL OR t.last_used_at < now() - interval '1 minute') AS stale
       FROM api_tokens t JOIN users u ON u.id = t.user_id
      WHERE t.token_hash = $1 AND t.kind = ANY($2::text[]) AND t.revoked_at IS NULL
        AND (t.expires_at IS NULL OR t.expires_at > now()) AND NOT u.disabled`,
    [tokenHash(token), kinds],
  );
  const row = rows[0];
  if (!row) return null;
  // At most one write a minute per token, not one per request.
  if (row.stale) await db.query('UPDATE api_tokens SET last_used_at = now() WHERE id = $1', [row.token_id]);
  return { id: row.id, username: row.username, role: row.role };
}

export async function listApiTokens(db: Queryable, userId: number): Promise<ApiTokenInfo[]> {
  const rows = await db.query<{
    id: number;
    kind: TokenKind;
    name: string;
    created_at: Date;
    last_used_at: Date | null;
    expires_at: Date | null;
  }>(
    `SELECT id, kind, name, created_at, last_used_at, expires_at FROM api_tokens
      WHERE user_id = $1 AND revoked_at IS NULL ORDER BY id`,
    [userId],
  );
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    name: r.name,
    createdAt: new Date(r.created_at),
    lastUsedAt: r.last_used_at ? new Date(r.last_used_at) : null,
    expiresAt: r.expires_at ? new Date(r.expires_at) : null,
  }));
}

/** Revokes one of the user's tokens; false when there was no such live token. */
export async function revokeApiToken(db: Queryable, userId: number, tokenId: number): Promise<boolean> {
  const rows = await db.query('UPDATE api_tokens SET revoked_at = now() WHERE id = $1 AND user_id = $2 AND revoked_at IS NULL RETURNING id', [tokenId, userId]);
  return rows.length > 0;
}

/** What Fever clients send as api_key: md5 of "username:password", lower-case hex. */
export const feverKey = (username: string, password: string) => createHash('md5').update(`${username}:${password}`).digest('hex');

/**
 * Sets the user's Fever key. The key is derived from a password, so the server cannot compute it
 * from the scrypt hash it keeps: the user gives the password once (their account password or one
 * chosen for Fever apps) and the md5 form is stored hashed like every other token.
 */
export async function setFeverPassword(db: Queryable, user: { id: number; username: string }, password: string): Promise<void> {
  // One Fever key per user: the old one goes (deleted, not revoked: setting the same password
  // again yields the same hash, which the unique index would refuse beside a revoked copy).
  await db.query("DELETE FROM api_tokens WHERE user_id = $1 AND kind = 'fever'", [user.id]);
  await db.query("INSERT INTO api_tokens (user_id, kind, name, token_hash) VALUES ($1, 'fever', 'Fever', $2)", [user.id, tokenHash(feverKey(user.username, password))]);
}
