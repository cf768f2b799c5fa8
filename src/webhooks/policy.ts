// Webhooks, the pure part: which events exist, how a body is signed and checked, when a failed
// delivery is tried again, when a webhook is switched off, and when a story "passes" N sources.
// No clock, no network: the shell (src/webhooks/deliver.ts, src/pipeline/webhooks.ts) passes
// times and counts in.
import { createHmac, timingSafeEqual } from 'node:crypto';

export const WEBHOOK_EVENTS = ['story.new', 'story.sources', 'watch.match'] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

/** Header names a receiver reads. */
export const SIGNATURE_HEADER = 'dateline-signature';
export const EVENT_HEADER = 'dateline-event';
export const DELIVERY_HEADER = 'dateline-delivery';

/** HMAC-SHA256 over `<unix seconds>.<body>`, hex; the timestamp inside lets a receiver refuse replays. */
export function signBody(secret: string, body: string, at: Date): string {
  const t = Math.floor(at.getTime() / 1000);
  const v1 = createHmac('sha256', secret).update(`${t}.${body}`).digest('hex');
  return `t=${t},v1=${v1}`;
}

/**
 * What a receiver does (documented in docs/webhooks.md): recompute the HMAC of `<t>.<raw body>`
 * and compare in constant time, and refuse a timestamp further than `toleranceSeconds` from now.
 */
export function verifySignature(secret: string, body: string, header: string, now: Date, toleranceSeconds = 300): boolean {
  const parts = new Map(header.split(',').map((p) => p.trim().split('=', 2) as [string, string]));
  const t = Number(parts.get('t'));
  const given = parts.get('v1') ?? '';
  if (!Number.isInteger(t) || !/^[0-9a-f]{64}$/.test(given)) return false;
  if (Math.abs(now.getTime() / 1000 - t) > toleranceSeconds) return false;
  const expected = createHmac('sha256', secret).update(`${t}.${body}`).digest();
  return timingSafeEqual(expected, Buffer.from(given, 'hex'));
}

export interface RetryPolicy {
  /** Delay before the second attempt, in seconds; each later one doubles it. */
  baseDelaySeconds: number;
  maxDelaySeconds: number;
  /** Attempts of one delivery before it is given up as failed. */
  maxAttempts: number;
  /** Failed attempts in a row (across deliveries) after which the webhook is switched off. */
  disableAfter: number;
}

export const DEFAULT_RETRY: RetryPolicy = { baseDelaySeconds: 30, maxDelaySeconds: 6 * 3600, maxAttempts: 8, disableAfter: 20 };

/**
 * After the `attempts`-th failed attempt: when to try again, or null to give up. Exponential
 * (30 s, 1 min, 2 min, …, capped) with up to 10% jitter so many failed deliveries to one host
 * do not all return at the same second; `jitter` in [0, 1) comes from the shell.
 */
export function nextAttemptAt(attempts: number, failedAt: Date, policy: RetryPolicy = DEFAULT_RETRY, jitter = 0): Date | null {
  if (attempts >= policy.maxAttempts) return null;
  const delay = Math.min(policy.maxDelaySeconds, policy.baseDelaySeconds * 2 ** (attempts - 1));
  return new Date(failedAt.getTime() + delay * (1 + 0.1 * jitter) * 1000);
}

export const shouldDisable = (consecutiveFailures: number, policy: RetryPolicy = DEFAULT_RETRY) => consecutiveFailures >= policy.disableAfter;

/** A story passes N sources in a batch when it had fewer before the batch and has N or more after. */
export const passesSources = (before: number, after: number, n: number) => before < n && after >= n;

export class WebhookInputError extends Error {
  constructor(
    readonly field: string,
    problem: string,
  ) {
    super(`${field}: ${problem}`);
  }
}

export interface WebhookInput {
  name?: string;
  url: string;
  events: string[];
  minSources?: number;
  watchId?: number | null;
}

/** Checks what a user asked for; the URL's address is checked again at each delivery (DNS may change). */
export function validateWebhookInput(input: WebhookInput): Required<WebhookInput> {
  let url: URL;
  try {
    url = new URL(input.url);
  } catch {
    throw new WebhookInputError('url', `${JSON.stringify(String(input.url).slice(0, 80))} is not an absolute URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new WebhookInputError('url', 'expected an http:// or https:// URL');
  if (url.username || url.password) throw new WebhookInputError('url', 'credentials in the URL are not accepted; the signature authenticates us');
  if (input.url.length > 2000) throw new WebhookInputError('url', 'longer than 2000 characters');
  const events = [...new Set(input.events)];
  if (!events.length) throw new WebhookInputError('events', `expected one or more of ${WEBHOOK_EVENTS.join(', ')}`);
  for (const event of events) {
    if (!(WEBHOOK_EVENTS as readonly string[]).includes(event)) {
      throw new WebhookInputError('events', `${JSON.stringify(event.slice(0, 40))} is not an event; expected ${WEBHOOK_EVENTS.join(', ')}`);
    }
  }
  const minSources = input.minSources ?? 3;
  if (!Number.isInteger(minSources) || minSources < 2 || minSources > 1000) throw new WebhookInputError('minSources', 'expected a whole number from 2 to 1000');
  const name = (input.name ?? '').trim() || url.host;
  if (name.length > 200) throw new WebhookInputError('name', 'longer than 200 characters');
  return { name, url: url.toString(), events, minSources, watchId: input.watchId ?? null };
}
