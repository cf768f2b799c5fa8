// One rate limit for every way to log in: the login form, Google Reader's ClientLogin and its
// auth tokens, Fever's api_key and Bearer API tokens all count against the same counters, per
// address and (when the attempt names one) per account. A guess refused by one door is refused
// by all of them. Only failures count, so a reader's app syncing all day is never limited.
import type { FastifyRequest } from 'fastify';
import type { AppContext } from './context.ts';
import { clientAddress } from './auth.ts';
import { hit, LIMITS, RateLimitedError, refund, refuseWhenSpent, type Limit } from './rate-limit.ts';

function loginChecks(address: string, username: string | null): { key: string; limit: Limit }[] {
  const checks = [{ key: `login:ip:${address}`, limit: LIMITS.loginByAddress }];
  if (username) {
    const name = username.normalize('NFKC').trim().toLowerCase().slice(0, 100);
    checks.push({ key: `login:user-ip:${name}:${address}`, limit: LIMITS.loginByNameAndAddress }, { key: `login:user:${name}`, limit: LIMITS.loginByName });
  }
  return checks;
}

/**
 * Runs `verify` (a password or key check) under the login limit. A password-like secret
 * (the form, ClientLogin, Fever's key, which is md5 of a password) is counted before it is
 * checked, so a burst of parallel guesses cannot all slip past a count still at zero; the
 * hit is given back when it was right. Throws RateLimitedError when over the limit.
 */
export async function guardedLogin<T>(ctx: AppContext, request: FastifyRequest, username: string | null, verify: () => Promise<T | null>): Promise<T | null> {
  const checks = loginChecks(clientAddress(ctx, request), username);
  const now = new Date();
  const counted: typeof checks = [];
  for (const check of checks) {
    const result = await hit(ctx.db, check.key, check.limit, now);
    counted.push(check);
    if (!result.allowed) throw new RateLimitedError(check.limit, result.retryAfterSeconds);
  }
  const user = await verify();
  if (user !== null) for (const check of counted) await refund(ctx.db, check.key, check.limit, now);
  return user;
}

/**
 * The same limit for random tokens sent on every request (Bearer, GoogleLogin auth): a look
 * at the counters before, a hit only on a failure, so a valid token costs one read.
 */
export async function guardedToken<T>(ctx: AppContext, request: FastifyRequest, verify: () => Promise<T | null>): Promise<T | null> {
  const checks = loginChecks(clientAddress(ctx, request), null);
  const now = new Date();
  await refuseWhenSpent(ctx.db, checks, now);
  const user = await verify();
  if (user === null) for (const check of checks) await hit(ctx.db, check.key, check.limit, now);
  return user;
}
