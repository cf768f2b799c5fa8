// The pure webhook rules: signatures a receiver can check (and tampering it catches), the
// backoff schedule, switching off, "passing N sources", and input checks that name the field.
import { describe, expect, it } from 'vitest';
import { nextAttemptAt, passesSources, shouldDisable, signBody, validateWebhookInput, verifySignature, DEFAULT_RETRY } from '../../src/webhooks/policy.ts';

describe('webhook signatures', () => {
  const at = new Date('2026-01-02T03:04:05Z');
  it('verifies its own signature and refuses a changed body, a wrong secret or a stale time', () => {
    const body = '{"event":"story.new"}';
    const header = signBody('whsec_abc', body, at);
    expect(header).toMatch(/^t=1767323045,v1=[0-9a-f]{64}$/);
    expect(verifySignature('whsec_abc', body, header, at)).toBe(true);
    expect(verifySignature('whsec_abc', body + ' ', header, at)).toBe(false);
    expect(verifySignature('whsec_abd', body, header, at)).toBe(false);
    expect(verifySignature('whsec_abc', body, header, new Date(at.getTime() + 301_000))).toBe(false);
    expect(verifySignature('whsec_abc', body, 'garbage', at)).toBe(false);
  });
});

describe('webhook retries', () => {
  const failedAt = new Date('2026-01-01T00:00:00Z');
  it('doubles the wait after each failure, up to the cap, and gives up after the last attempt', () => {
    const waits = [1, 2, 3, 4].map((n) => (nextAttemptAt(n, failedAt)!.getTime() - failedAt.getTime()) / 1000);
    expect(waits).toEqual([30, 60, 120, 240]);
    expect(nextAttemptAt(DEFAULT_RETRY.maxAttempts, failedAt)).toBeNull();
    const capped = nextAttemptAt(7, failedAt, { ...DEFAULT_RETRY, maxDelaySeconds: 100 })!;
    expect((capped.getTime() - failedAt.getTime()) / 1000).toBe(100);
    expect(shouldDisable(DEFAULT_RETRY.disableAfter - 1)).toBe(false);
    expect(shouldDisable(DEFAULT_RETRY.disableAfter)).toBe(true);
  });
  it('counts a story as passing N only in the batch that carries it over', () => {
    expect(passesSources(1, 2, 2)).toBe(true);
    expect(passesSources(2, 3, 2)).toBe(false);
    expect(passesSources(0, 1, 2)).toBe(false);
  });
});

describe('webhook input', () => {
  it('names the field that is wrong', () => {
    expect(() => validateWebhookInput({ url: 'ftp://x.example', events: ['story.new'] })).toThrow(/^url: /);
    expect(() => validateWebhookInput({ url: 'not a url', events: ['story.new'] })).toThrow(/^url: /);
    expect(() => validateWebhookInput({ url: 'https://u:p@x.example/', events: ['story.new'] })).toThrow(/^url: credentials/);
    expect(() => validateWebhookInput({ url: 'https://x.example/', events: [] })).toThrow(/^events: /);
    expect(() => validateWebhookInput({ url: 'https://x.example/', events: ['story.old'] })).toThrow(/^events: "story.old"/);
    expect(() => validateWebhookInput({ url: 'https://x.example/', events: ['story.sources'], minSources: 1 })).toThrow(/^minSources: /);
    expect(validateWebhookInput({ url: 'https://x.example/h', events: ['story.new', 'story.new'] })).toMatchObject({ name: 'x.example', events: ['story.new'], minSources: 3 });
  });
});
