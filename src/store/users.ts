// Reader accounts: creating users, checking passwords, reading and changing roles.
// Passwords are hashed with scrypt from node:crypto (memory-hard, no native module); the hash
// string carries its own parameters, so stronger defaults later still verify old hashes and
// `verifyPassword` upgrades them on the next successful login.
import { randomBytes, scrypt as scryptCallback, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import type { Queryable } from './db.ts';
import type { User, UserRole } from '../model/index.ts';

export const ROLES: readonly UserRole[] = ['reader', 'moderator', 'admin'];

/** A bad username, password or role, or a name already taken: the message says which. */
export class AccountError extends Error {
  constructor(
    readonly field: 'username' | 'password' | 'role',
    message: string,
  ) {
    super(message);
  }
}

export interface ScryptParams {
  /** CPU/memory cost, a power of two. Memory used is 128 * N * r bytes. */
  N: number;
  r: number;
  p: number;
}

// 2^16 * 8 * 128 B = 64 MiB and ~0.2 s per hash on this kind of machine: memory-hard enough to
// make offline guessing costly, light enough for a small server that also runs PGlite.
export const DEFAULT_SCRYPT: ScryptParams = { N: 2 ** 16, r: 8, p: 1 };
const KEY_LENGTH = 32;
const SALT_LENGTH = 16;

export const USERNAME_RULE = /^[A-Za-z0-9][A-Za-z0-9_.-]{2,31}$/;
export const PASSWORD_MIN = 10;
// Long enough for any passphrase or manager-generated secret; bounded so a request cannot make
// the server normalise and hash megabytes.
export const PASSWORD_MAX = 1024;

function scrypt(password: string, salt: Buffer, params: ScryptParams): Promise<Buffer> {
  const options: ScryptOptions = { N: params.N, r: params.r, p: params.p, maxmem: 256 * params.N * params.r + 1024 * 1024 };
  return new Promise((resolve, reject) => scryptCallback(password, salt, KEY_LENGTH, options, (error, key) => (error ? reject(error) : resolve(key))));
}

// NFKC so that the same passphrase typed on two keyboards (composed or decomposed accents,
// full-width digits) is the same password.
const normalisePassword = (password: string) => password.normalize('NFKC');

export async function hashPassword(password: string, params: ScryptParams = DEFAULT_SCRYPT): Promise<string> {
  const salt = randomBytes(SALT_LENGTH);
  const key = await scrypt(normalisePassword(password), salt, params);
  return `scrypt$${params.N}$${params.r}$${params.p}$${salt.toString('base64url')}$${key.toString('base64url')}`;
}

function parseHash(stored: string): { params: ScryptParams; salt: Buffer; key: Buffer } | null {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return null;
  const [N, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
  if (![N, r, p].every((n) => Number.isInteger(n) && n > 0)) return null;
  return { params: { N, r, p }, salt: Buffer.from(parts[4]!, 'base64url'), key: Buffer.from(parts[5]!, 'base64url') };
}

/** True when `password` matches the stored hash string. */
export async function checkPasswordHash(password: string, stored: string): Promise<boolean> {
  const parsed = parseHash(stored);
  if (!parsed) return false;
  const key = await scrypt(normalisePassword(password), parsed.salt, parsed.params);
  return key.length === parsed.key.length && timingSafeEqual(key, parsed.key);
}

function needsRehash(stored: string, params: ScryptParams): boolean {
  const parsed = parseHash(stored);
  return !parsed || parsed.params.N < params.N || parsed.params.r < params.r || parsed.params.p < params.p;
}

export function validateUsername(username: string): string {
  const name = username.normalize('NFKC').trim();
  if (!USERNAME_RULE.test(name)) {
    throw new AccountError('username', `username ${JSON.stringify(name.slice(0, 40))}: use 3 to 32 letters, digits, dots, dashes or underscores, starting with a letter or digit`);
  }
  return name;
}

export function validatePassword(password: string): void {
  const length = [...normalisePassword(password)].length;
  if (length < PASSWORD_MIN) throw new AccountError('password', `password: at least ${PASSWORD_MIN} characters, got ${length}`);
  if (length > PASSWORD_MAX) throw new AccountError('password', `password: at most ${PASSWORD_MAX} characters, got ${length}`);
}

export function validateRole(role: string): UserRole {
  if (!(ROLES as readonly string[]).includes(role)) {
    throw new AccountError('role', `role ${JSON.stringify(role)}: expected one of ${ROLES.join(', ')}`);
  }
  return role as UserRole;
}

interface UserRow {
  id: number;
  username: string;
  role: UserRole;
  created_at: Date;
  password_hash: string;
  disabled: boolean;
}

const toUser = (row: UserRow): User => ({ id: row.id, username: row.username, role: row.role, createdAt: new Date(row.created_at) });

export interface NewUser {
  username: string;
  password: string;
  role?: UserRole;
}

/** Creates a user; throws AccountError for a bad name or password, or a name already taken. */
export async function createUser(db: Queryable, input: NewUser, params: ScryptParams = DEFAULT_SCRYPT): Promise<User> {
  const username = validateUsername(input.username);
  validatePassword(input.password);
  const role = validateRole(input.role ?? 'reader');
  const passwordHash = await hashPassword(input.password, params);
  const rows = await db.query<UserRow>(
    `INSERT INTO users (username, password_hash, role) VALUES ($1, $2, $3)
     ON CONFLICT DO NOTHING
     RETURNING id, username, role, created_at, password_hash, disabled`,
    [username, passwordHash, role],
  );
  if (!rows[0]) throw new AccountError('username', `username ${JSON.stringify(username)} is already taken`);
  return toUser(rows[0]);
}

// Verifying against this when the user does not exist keeps the time of a failed login the same
// whether or not the name exists, so timing does not reveal which names are registered.
let decoyHash: Promise<string> | null = null;

/** The user whose name and password these are, or null (unknown name, wrong password, disabled). */
export async function verifyPassword(db: Queryable, username: string, password: string, params: ScryptParams = DEFAULT_SCRYPT): Promise<User | null> {
  if (password.length > PASSWORD_MAX * 4) return null;
  const rows = await db.query<UserRow>('SELECT id, username, role, created_at, password_hash, disabled FROM users WHERE lower(username) = lower($1)', [username.normalize('NFKC').trim()]);
  const row = rows[0];
  if (!row) {
    decoyHash ??= hashPassword('not a password of anyone', params);
    await checkPasswordHash(password, await decoyHash);
    return null;
  }
  if (!(await checkPasswordHash(password, row.password_hash)) || row.disabled) return null;
  if (needsRehash(row.password_hash, params)) {
    await db.query('UPDATE users SET password_hash = $2, updated_at = now() WHERE id = $1', [row.id, await hashPassword(password, params)]);
  }
  await db.query('UPDATE users SET last_login_at = now() WHERE id = $1', [row.id]);
  return toUser(row);
}

export async function getUserById(db: Queryable, id: number): Promise<User | null> {
  const rows = await db.query<UserRow>('SELECT id, username, role, created_at, password_hash, disabled FROM users WHERE id = $1 AND NOT disabled', [id]);
  return rows[0] ? toUser(rows[0]) : null;
}

export async function getUserByName(db: Queryable, username: string): Promise<User | null> {
  const rows = await db.query<UserRow>('SELECT id, username, role, created_at, password_hash, disabled FROM users WHERE lower(username) = lower($1) AND NOT disabled', [username.normalize('NFKC').trim()]);
  return rows[0] ? toUser(rows[0]) : null;
}

export async function setUserRole(db: Queryable, username: string, role: UserRole): Promise<User> {
  validateRole(role);
  const rows = await db.query<UserRow>(
    `UPDATE users SET role = $2, updated_at = now() WHERE lower(username) = lower($1)
     RETURNING id, username, role, created_at, password_hash, disabled`,
    [username, role],
  );
  if (!rows[0]) throw new AccountError('username', `no user named ${JSON.stringify(username)}`);
  return toUser(rows[0]);
}

/** Changes the role of the user with this id (the admin page); false when there is none. */
export async function setUserRoleById(db: Queryable, id: number, role: UserRole): Promise<boolean> {
  validateRole(role);
  const rows = await db.query('UPDATE users SET role = $2, updated_at = now() WHERE id = $1 RETURNING id', [id, role]);
  return rows.length > 0;
}

export async function setPassword(db: Queryable, username: string, password: string, params: ScryptParams = DEFAULT_SCRYPT): Promise<void> {
  validatePassword(password);
  const hash = await hashPassword(password, params);
  const rows = await db.query<{ id: number }>('UPDATE users SET password_hash = $2, updated_at = now() WHERE lower(username) = lower($1) RETURNING id', [username, hash]);
  if (!rows[0]) throw new AccountError('username', `no user named ${JSON.stringify(username)}`);
  // A new password ends everything opened with the old one: a stolen token must not outlive it.
  await endCredentials(db, rows[0].id);
}

/**
 * Ends every way a user is signed in: browser sessions, personal API tokens, reader-app
 * (Google Reader) tokens and the Fever key. What a password change and disabling both do.
 */
export async function endCredentials(db: Queryable, userId: number): Promise<{ sessions: number; tokens: number }> {
  const sessions = await db.query('DELETE FROM sessions WHERE user_id = $1 RETURNING id', [userId]);
  const tokens = await db.query('UPDATE api_tokens SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL RETURNING id', [userId]);
  return { sessions: sessions.length, tokens: tokens.length };
}

/** Disables or re-enables an account. Disabling ends its sessions and revokes its tokens for good. */
export async function setDisabled(db: Queryable, username: string, disabled: boolean): Promise<User & { ended: { sessions: number; tokens: number } }> {
  const rows = await db.query<UserRow>(
    `UPDATE users SET disabled = $2, updated_at = now() WHERE lower(username) = lower($1)
     RETURNING id, username, role, created_at, password_hash, disabled`,
    [username.normalize('NFKC').trim(), disabled],
  );
  if (!rows[0]) throw new AccountError('username', `no user named ${JSON.stringify(username)}`);
  const ended = disabled ? await endCredentials(db, rows[0].id) : { sessions: 0, tokens: 0 };
  return { ...toUser(rows[0]), ended };
}

export async function listUsers(db: Queryable): Promise<(User & { lastLoginAt: Date | null })[]> {
  const rows = await db.query<UserRow & { last_login_at: Date | null }>('SELECT id, username, role, created_at, password_hash, disabled, last_login_at FROM users ORDER BY id');
  return rows.map((row) => ({ ...toUser(row), lastLoginAt: row.last_login_at ? new Date(row.last_login_at) : null }));
}

export async function countUsers(db: Queryable): Promise<number> {
  const rows = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM users');
  return rows[0]?.n ?? 0;
}
