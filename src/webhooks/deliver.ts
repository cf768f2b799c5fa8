// Webhook delivery, the I/O shell: claims due deliveries from the store, POSTs each signed JSON
// body to its webhook's URL (the address guard checks the host, as for any fetch made on a
// user's behalf; redirects are not followed, since a 3xx could point anywhere), and records
// the outcome. Any process may run it: claims are exclusive, so several senders share the work.
import { Agent, request } from 'undici';
import type { Queryable } from '../store/db.ts';
import { createAddressGuard, type AddressGuard } from '../fetch/guard.ts';
import { USER_AGENT } from '../fetch/client.ts';
import { claimDeliveries, recordAttempt, type AttemptOutcome, type ClaimedDelivery } from '../store/webhooks.ts';
import { DEFAULT_RETRY, DELIVERY_HEADER, EVENT_HEADER, SIGNATURE_HEADER, signBody, type RetryPolicy } from './policy.ts';

export interface SenderOptions {
  allowPrivateAddresses: string[];
  /** Whole-request limit per attempt, ms. */
  timeoutMs?: number;
  policy?: RetryPolicy;
  /** Seconds a claim is held; longer than one attempt can take. */
  leaseSeconds?: number;
  batchSize?: number;
}

export interface WebhookSender {
  /** Sends what is due at `now`; returns counts by outcome. */
  runOnce(db: Queryable, now: Date): Promise<{ delivered: number; retry: number; failed: number }>;
  close(): Promise<void>;
}

export function createWebhookSender(options: SenderOptions): WebhookSender {
  const guard = createAddressGuard(options.allowPrivateAddresses);
  const timeoutMs = options.timeoutMs ?? 10_000;
  const agent = new Agent({ connect: { timeout: timeoutMs, lookup: guard.lookup }, headersTimeout: timeoutMs, bodyTimeout: timeoutMs });
  const policy = options.policy ?? DEFAULT_RETRY;
  const leaseSeconds = options.leaseSeconds ?? Math.ceil(timeoutMs / 1000) * 3;
  return {
    async runOnce(db, now) {
      const counts = { delivered: 0, retry: 0, failed: 0 };
      const claimed = await claimDeliveries(db, now, options.batchSize ?? 20, leaseSeconds);
      await Promise.all(
        claimed.map(async (delivery) => {
          const outcome = await post(agent, guard, delivery, timeoutMs, now);
          counts[await recordAttempt(db, delivery, outcome, now, policy, Math.random())]++;
        }),
      );
      return counts;
    },
    close: () => agent.close(),
  };
}

/** The body a receiver gets: the event, when, and what it is about. */
export function deliveryBody(delivery: Pick<ClaimedDelivery, 'id' | 'event' | 'payload'>, sentAt: Date): string {
  return JSON.stringify({ id: delivery.id, event: delivery.event, sentAt: sentAt.toISOString(), data: delivery.payload });
}

async function post(agent: Agent, guard: AddressGuard, delivery: ClaimedDelivery, timeoutMs: number, sentAt: Date): Promise<AttemptOutcome> {
  const body = deliveryBody(delivery, sentAt);
  try {
    const url = new URL(delivery.url);
    guard.checkLiteral(url.hostname);
    const response = await request(url, {
      method: 'POST',
      dispatcher: agent,
      signal: AbortSignal.timeout(timeoutMs),
      headers: {
        'content-type': 'application/json',
        'user-agent': USER_AGENT,
        [SIGNATURE_HEADER]: signBody(delivery.secret, body, sentAt),
        [EVENT_HEADER]: delivery.event,
        [DELIVERY_HEADER]: String(delivery.id),
        'idempotency-key': `dateline-${delivery.id}`,
      },
      body,
    });
    // Only the status matters; the body is read and dropped so the connection is reusable.
    await response.body.dump({ limit: 64 * 1024 }).catch(() => undefined);
    const ok = response.statusCode >= 200 && response.statusCode < 300;
    return { ok, status: response.statusCode, error: ok ? null : `the receiver answered HTTP ${response.statusCode}` };
  } catch (error) {
    const message = (error as Error).name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : (error as Error).message;
    return { ok: false, status: null, error: message };
  }
}
