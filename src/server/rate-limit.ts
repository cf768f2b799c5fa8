// Rate limits on logins, sign-ups and posting. Counters live in the database (table
// rate_limits, fixed windows), not in process memory: several server processes may serve one
// database (issue 8's deployment), and a limit each process counted alone would multiply by
// their number; a restart would also reset an in-memory count an attacker could wait out.
// The cost is one upsert per limited request, which only these few routes pay.
import type { Queryable } from '../store/db.ts';
import { countRateHit, deleteRateWindowsBefore, rateHits, refundRateHit } from '../store/rate-limits.ts';
import { HttpError } from './errors.ts';

export interface Limit {
  /** What is limited, for the message ("login attempts from this address"). */
  what: string;
  max: number;
  windowMs: number;
}

const MINUTE = 60_000;

export const LIMITS = {
  loginByAddress: { what: 'login attempts from this address', max: 50, windowMs: 15 * MINUTE },
  // Per account and address: guessing one password from one place. The account-wide limit is
  // higher so that a stranger's failed attempts cannot lock its owner out for long.
  loginByNameAndAddress: { what: 'login attempts for this account from this address', max: 10, windowMs: 15 * MINUTE },
  loginByName: { what: 'login attempts for this account', max: 100, windowMs: 15 * MINUTE },
  signupByAddress: { what: 'sign-ups from this address', max: 5, windowMs: 60 * MINUTE },
  commentByUser: { what: 'comments', max: 10, windowMs: 5 * MINUTE },
  reportByUser: { what: 'reports', max: 30, windowMs: 60 * MINUTE },
} satisfies Record<string, Limit>;

export interface LimitResult {
  allowed: boolean;
  hits: number;
  retryAfterSeconds: number;
}

let lastSweep = 0;

/** Counts one hit against `key` in the current window and says whether it is within the limit. */
export async function hit(db: Queryable, key: string, limit: Limit, now: Date): Promise<LimitResult> {
  const windowStart = Math.floor(now.getTime() / limit.windowMs) * limit.windowMs;
  const hits = await countRateHit(db, key, new Date(windowStart));
  // Old windows are useless: sweep them now and then rather than on every hit.
  if (now.getTime() - lastSweep > 10 * MINUTE) {
    lastSweep = now.getTime();
    await deleteRateWindowsBefore(db, new Date(now.getTime() - 24 * 60 * MINUTE));
  }
  return {
    allowed: hits <= limit.max,
    hits,
    retryAfterSeconds: Math.max(1, Math.ceil((windowStart + limit.windowMs - now.getTime()) / 1000)),
  };
}

export class RateLimitedError extends HttpError {
  constructor(
    limit: Limit,
    readonly retryAfterSeconds: number,
  ) {
    const minutes = Math.ceil(retryAfterSeconds / 60);
    super(429, 'rate_limited', `too many ${limit.what}: at most ${limit.max} per ${Math.round(limit.windowMs / MINUTE)} minutes; try again in ${minutes} minute${minutes === 1 ? '' : 's'}`);
  }
}

/** Counts a hit on every key and throws RateLimitedError when any is over its limit. */
export async function enforce(db: Queryable, checks: { key: string; limit: Limit }[], now: Date): Promise<void> {
  for (const check of checks) {
    const result = await hit(db, check.key, check.limit, now);
    if (!result.allowed) throw new RateLimitedError(check.limit, result.retryAfterSeconds);
  }
}

/** Takes back one hit (a login that succeeded after counting as an attempt). */
export async function refund(db: Queryable, key: string, limit: Limit, now: Date): Promise<void> {
  const windowStart = Math.floor(now.getTime() / limit.windowMs) * limit.windowMs;
  await refundRateHit(db, key, new Date(windowStart));
}

/** Throws RateLimitedError when any key already holds its limit's hits, without counting one. */
export async function refuseWhenSpent(db: Queryable, checks: { key: string; limit: Limit }[], now: Date): Promise<void> {
  for (const check of checks) {
    const windowStart = Math.floor(now.getTime() / check.limit.windowMs) * check.limit.windowMs;
    if ((await rateHits(db, check.key, new Date(windowStart))) >= check.limit.max) {
      throw new RateLimitedError(check.limit, Math.max(1, Math.ceil((windowStart + check.limit.windowMs - now.getTime()) / 1000)));
    }
  }
}
