// Webhooks end to end on both engines: the post-ingest step makes deliveries owed (once each),
// a sender POSTs them signed to a receiver on 127.0.0.1, failures are retried with backoff and
// switch the webhook off, claims are exclusive and a crashed sender's claims come due again,
// and the address guard refuses targets it was not told to allow.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../helpers/db.ts';
import type { Db } from '../../src/store/db.ts';
import { createUser } from '../../src/store/users.ts';
import { saveArticle } from '../../src/store/articles.ts';
import { addStoryArticle, createStory } from '../../src/store/stories.ts';
import { createWatch } from '../../src/store/watches.ts';
import { claimDeliveries, createWebhook, getWebhook, listDeliveries, oweDeliveries } from '../../src/store/webhooks.ts';
import { runWebhookStep } from '../../src/pipeline/webhooks.ts';
import { createWebhookSender } from '../../src/webhooks/deliver.ts';
import { verifySignature, DEFAULT_RETRY } from '../../src/webhooks/policy.ts';
import { article } from '../search/fixtures.ts';
import { startReceiver, type Receiver } from './receiver.ts';

const FAST_SCRYPT = { N: 1024, r: 8, p: 1 };
const T0 = new Date('2026-03-01T12:00:00Z');
const later = (seconds: number) => new Date(T0.getTime() + seconds * 1000);

for (const engine of await testEngines()) {
  describe(`webhook deliveries on the ${engine.name} engine`, () => {
    let db: Db;
    let receiver: Receiver;
    let userId: number;

    beforeAll(async () => {
      db = await engine.open();
      receiver = await startReceiver();
      userId = (await createUser(db, { username: 'hooker', password: 'correct horse battery' }, FAST_SCRYPT)).id;
    });
    afterAll(async () => {
      await receiver?.close();
      await db?.close();
    });

    it('owes each event once and delivers it signed', async () => {
      const watch = await createWatch(db, userId, { query: 'tariffs' });
      const hook = await createWebhook(db, userId, { url: receiver.url, events: ['story.new', 'story.sources', 'watch.match'], minSources: 2 });
      const first = await saveArticle(db, article({ title: 'Seoul weighs steel tariffs', text: 'Officials met exporters about tariffs.', sourceName: 'Coastal Ledger' }), null);
      const story = await createStory(db, 'Seoul weighs steel tariffs', first.id);
      await addStoryArticle(db, story, first.id, null);
      await runWebhookStep(db, [first.id], T0);
      // A second publisher joins the story: it now has two sources.
      const second = await saveArticle(db, article({ title: 'Exporters brace for levies', text: 'Steel makers fear new levies.', sourceName: 'Capital Wire' }), null);
      await addStoryArticle(db, story, second.id, 0.5);
      await runWebhookStep(db, [second.id], T0);
      await runWebhookStep(db, [first.id, second.id].slice(1), T0); // running again owes nothing new
      const log = await listDeliveries(db, hook.id);
      expect(log.map((d) => `${d.event} ${d.subject}`).sort()).toEqual([`story.new story:${story}`, `story.sources story:${story}`, `watch.match watch:${watch.id}:article:${first.id}`]);

      const sender = createWebhookSender({ allowPrivateAddresses: ['127.0.0.1'] });
      try {
        expect(await sender.runOnce(db, T0)).toEqual({ delivered: 3, retry: 0, failed: 0 });
        expect(await sender.runOnce(db, later(3600))).toEqual({ delivered: 0, retry: 0, failed: 0 });
      } finally {
        await sender.close();
      }
      expect(receiver.received).toHaveLength(3);
      for (const request of receiver.received) {
        expect(request.headers['content-type']).toBe('application/json');
        expect(verifySignature(hook.secret, request.body, String(request.headers['dateline-signature']), T0)).toBe(true);
        expect(verifySignature('whsec_wrong', request.body, String(request.headers['dateline-signature']), T0)).toBe(false);
      }
      const bodies = receiver.received.map((r) => JSON.parse(r.body));
      const sources = bodies.find((b) => b.event === 'story.sources');
      expect(sources.data).toMatchObject({ minSources: 2, story: { id: story, sourceCount: 2, path: `/stories/${story}` } });
      const match = bodies.find((b) => b.event === 'watch.match');
      expect(match.data.article).toMatchObject({ id: first.id, title: 'Seoul weighs steel tariffs', source: 'Coastal Ledger' });
      expect(match.data.watch).toMatchObject({ id: watch.id, query: 'tariffs' });
      expect((await listDeliveries(db, hook.id)).every((d) => d.status === 'delivered' && d.attempts === 1 && d.lastStatus === 204)).toBe(true);
    });

    it('retries a failing receiver with backoff, gives up, and switches the webhook off', async () => {
      const hook = await createWebhook(db, userId, { url: receiver.url.replace('/hook', '/failing'), events: ['story.new'] });
      await oweDeliveries(db, [{ webhookId: hook.id, event: 'story.new', subject: 'story:9001', payload: { story: { id: 9001 } } }], T0);
      const policy = { ...DEFAULT_RETRY, maxAttempts: 3, disableAfter: 3 };
      const sender = createWebhookSender({ allowPrivateAddresses: ['127.0.0.1'], policy });
      receiver.status = 503;
      const before = receiver.received.length;
      try {
        expect(await sender.runOnce(db, T0)).toEqual({ delivered: 0, retry: 1, failed: 0 });
        let [entry] = await listDeliveries(db, hook.id);
        expect(entry).toMatchObject({ status: 'pending', attempts: 1, lastStatus: 503, lastError: 'the receiver answered HTTP 503' });
        const wait = (entry!.nextAttemptAt!.getTime() - T0.getTime()) / 1000;
        expect(wait).toBeGreaterThanOrEqual(30);
        expect(wait).toBeLessThan(33.1);
        // Not due before the backoff is over.
        expect(await sender.runOnce(db, later(20))).toEqual({ delivered: 0, retry: 0, failed: 0 });
        expect(await sender.runOnce(db, later(40))).toEqual({ delivered: 0, retry: 1, failed: 0 });
        [entry] = await listDeliveries(db, hook.id);
        expect((entry!.nextAttemptAt!.getTime() - later(40).getTime()) / 1000).toBeGreaterThanOrEqual(60);
        expect(await sender.runOnce(db, later(200))).toEqual({ delivered: 0, retry: 0, failed: 1 });
        [entry] = await listDeliveries(db, hook.id);
        expect(entry).toMatchObject({ status: 'failed', attempts: 3, nextAttemptAt: null });
        const off = (await getWebhook(db, userId, hook.id))!;
        expect(off.enabled).toBe(false);
        expect(off.disabledReason).toMatch(/switched off after 3 failed attempts in a row; last: the receiver answered HTTP 503/);
        // A switched-off webhook's owed deliveries wait.
        await oweDeliveries(db, [{ webhookId: hook.id, event: 'story.new', subject: 'story:9002', payload: {} }], later(300));
        expect(await sender.runOnce(db, later(300))).toEqual({ delivered: 0, retry: 0, failed: 0 });
      } finally {
        receiver.status = 204;
        await sender.close();
      }
      expect(receiver.received.length - before).toBe(3);
    });

    it("claims each due delivery once, and a crashed sender's claims come due when the lease ends", async () => {
      const hook = await createWebhook(db, userId, { url: receiver.url, events: ['story.new'] });
      await oweDeliveries(
        db,
        [1, 2, 3, 4, 5].map((n) => ({ webhookId: hook.id, event: 'story.new' as const, subject: `story:${100 + n}`, payload: { n } })),
        T0,
      );
      const [a, b] = await Promise.all([claimDeliveries(db, later(1), 3, 60), claimDeliveries(db, later(1), 3, 60)]);
      const ids = [...a!, ...b!].map((d) => d.id);
      expect(ids).toHaveLength(5);
      expect(new Set(ids).size).toBe(5);
      // The sender "crashed" holding them: nobody else takes them while the lease lasts...
      expect(await claimDeliveries(db, later(30), 10, 60)).toHaveLength(0);
      // ...and they are due again after it, with nothing recorded as sent.
      const again = await claimDeliveries(db, later(62), 10, 60);
      expect(again.map((d) => d.id).sort()).toEqual([...ids].sort());
      expect(again.every((d) => d.attempts === 0)).toBe(true);
    });

    it('sends each delivery exactly once when two senders run at the same time', async () => {
      const hook = await createWebhook(db, userId, { url: receiver.url.replace('/hook', '/race'), events: ['story.new'] });
      await oweDeliveries(
        db,
        Array.from({ length: 30 }, (_, n) => ({ webhookId: hook.id, event: 'story.new' as const, subject: `story:${500 + n}`, payload: { n } })),
        later(130),
      );
      const senders = [0, 1].map(() => createWebhookSender({ allowPrivateAddresses: ['127.0.0.1'], batchSize: 4 }));
      const before = receiver.received.length;
      try {
        // Past the leases of the crash test above, whose claims these senders also pick up.
        for (let round = 0; round < 20; round++) {
          const counts = await Promise.all(senders.map((s) => s.runOnce(db, later(130))));
          if (counts.every((c) => c.delivered + c.retry + c.failed === 0)) break;
        }
      } finally {
        await Promise.all(senders.map((s) => s.close()));
      }
      const raced = receiver.received
        .slice(before)
        .filter((r) => r.path === '/race')
        .map((r) => String(r.headers['dateline-delivery']));
      expect(raced).toHaveLength(30);
      expect(new Set(raced).size).toBe(30);
      expect((await listDeliveries(db, hook.id)).every((d) => d.status === 'delivered' && d.attempts === 1)).toBe(true);
    });

    it('refuses a loopback target unless allowed, and logs why', async () => {
      const hook = await createWebhook(db, userId, { url: receiver.url.replace('/hook', '/guarded'), events: ['story.new'] });
      await oweDeliveries(db, [{ webhookId: hook.id, event: 'story.new', subject: 'story:7', payload: {} }], later(500));
      const before = receiver.received.length;
      const sender = createWebhookSender({ allowPrivateAddresses: [] });
      try {
        // The earlier test's claims are still leased until later(122); this runs after that.
        const counts = await sender.runOnce(db, later(500));
        expect(counts.delivered).toBe(0);
      } finally {
        await sender.close();
      }
      const [entry] = await listDeliveries(db, hook.id);
      expect(entry!.lastError).toMatch(/refused to connect to 127\.0\.0\.1 .*loopback/);
      expect(receiver.received.length).toBe(before);
    });
  });
}
