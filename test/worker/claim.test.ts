// The claim of due feeds on both engines: concurrent claimers get disjoint feeds (FOR UPDATE
// SKIP LOCKED), a held feed is not claimable until its lease runs out, only the lease holder's
// outcome is written, and a poll's outcome releases the feed until its next check.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../helpers/db.ts';
import type { Db } from '../../src/store/db.ts';
import { addFeed, claimDueFeeds, countDueFeeds, getFeed, recordPoll, renewLease } from '../../src/store/feeds.ts';

for (const engine of await testEngines()) {
  describe(`claiming due feeds (${engine.name})`, () => {
    let db: Db;
    beforeAll(async () => {
      db = await engine.open();
    });
    afterAll(async () => {
      await db?.close();
    });

    it('gives concurrent claimers disjoint feeds, and each feed to exactly one', async () => {
      const now = new Date();
      for (let i = 0; i < 30; i++) await addFeed(db, { url: `https://claim.example/${i}.xml`, nextCheckAt: new Date(now.getTime() - 1000) });
      const claims = await Promise.all(['w1', 'w2', 'w3'].map((owner) => claimDueFeeds(db, { owner, now, limit: 12, leaseSeconds: 60 })));
      const ids = claims.flat().map((f) => f.id);
      expect(ids).toHaveLength(30);
      expect(new Set(ids).size).toBe(30);
      expect(await claimDueFeeds(db, { owner: 'w4', now, limit: 10, leaseSeconds: 60 })).toEqual([]);
      expect(await countDueFeeds(db, now)).toEqual({ due: 30, held: 30 });
    });

    it('hands a feed whose lease ran out to another worker, and ignores the old holder afterwards', async () => {
      const now = new Date();
      const { feed } = await addFeed(db, { url: 'https://claim.example/lease.xml', nextCheckAt: new Date(now.getTime() - 1000) });
      await db.query(`UPDATE feeds SET paused = true WHERE url LIKE 'https://claim.example/%' AND id <> $1`, [feed.id]);
      const [first] = await claimDueFeeds(db, { owner: 'dead', now, limit: 5, leaseSeconds: 30 });
      expect(first!.id).toBe(feed.id);
      expect(await claimDueFeeds(db, { owner: 'alive', now: new Date(now.getTime() + 29_000), limit: 5, leaseSeconds: 30 })).toEqual([]);
      const [taken] = await claimDueFeeds(db, { owner: 'alive', now: new Date(now.getTime() + 31_000), limit: 5, leaseSeconds: 30 });
      expect(taken!.id).toBe(feed.id);
      // The first holder wakes up: it can neither renew nor record.
      expect(await renewLease(db, feed.id, 'dead', new Date(now.getTime() + 60_000))).toBe(false);
      const poll = { checkedAt: now, nextCheckAt: new Date(now.getTime() + 600_000), intervalSeconds: 600, status: 200 };
      const success = { etag: null, lastModified: null, title: 'T', siteUrl: null, changed: true, movedTo: null };
      expect(await recordPoll(db, feed.id, 'dead', { ...poll, success })).toBe(false);
      expect(await recordPoll(db, feed.id, 'alive', { ...poll, success })).toBe(true);
      const after = (await getFeed(db, feed.id))!;
      expect(after.nextCheckAt.getTime()).toBe(now.getTime() + 600_000);
      expect(after.title).toBe('T');
      // A one-off run started before the feed fell due does not take it.
      await db.query(`UPDATE feeds SET next_check_at = $2 WHERE id = $1`, [feed.id, new Date(now.getTime() + 61_000)]);
      expect(await claimDueFeeds(db, { owner: 'once', now: new Date(now.getTime() + 62_000), dueBy: new Date(now.getTime() + 60_000), limit: 5, leaseSeconds: 30 })).toEqual([]);
      expect(await countDueFeeds(db, new Date(now.getTime() + 62_000), new Date(now.getTime() + 60_000))).toEqual({ due: 0, held: 0 });
      await db.query(`UPDATE feeds SET next_check_at = $2 WHERE id = $1`, [feed.id, new Date(now.getTime() + 600_000)]);
      // Released, and not due again until its next check.
      expect(await claimDueFeeds(db, { owner: 'x', now: new Date(now.getTime() + 60_000), limit: 5, leaseSeconds: 30 })).toEqual([]);
    });
  });
}
