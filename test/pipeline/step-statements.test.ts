// Statements the story and enrichment steps save by knowing more: a joining article's membership
// written in its story's save, and an enrichment save that sends no read-and-delete statement for
// an article with nothing stored and no lone surname. What they write must be what the separate
// statements wrote: the stored rows are checked against a recount and against the slow path.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../helpers/db.ts';
import type { Db, Queryable } from '../../src/store/db.ts';
import { saveArticle } from '../../src/store/articles.ts';
import { loadArticlesToEnrich, saveArticleEnrichment } from '../../src/store/enrich.ts';
import { enrichOwed } from '../../src/pipeline/enrich.ts';
import { clusterOwed } from '../../src/pipeline/stories.ts';
import { enrichArticle, ENRICHMENT_VERSION } from '../../src/enrich/index.ts';
import { STORY_LOCK, lockForTransaction } from '../../src/store/locks.ts';
import { extractedArticle } from '../helpers/article.ts';

/** A transaction that records the statements sent through it. */
function recording(tx: Queryable, sent: string[]): Queryable {
  return {
    query: (sql, params, options) => {
      sent.push(sql);
      return tx.query(sql, params, options);
    },
    exec: (sql) => {
      sent.push(sql);
      return tx.exec(sql);
    },
  };
}

// Invented reports: two of one event (the second joins the first's story), and one text naming
// people only by their full names.
const quake = [
  'A strong earthquake struck the coastal town of Velmora on Tuesday, damaging the harbour wall and the old lighthouse. Rescue teams from Velmora and Ostrand searched the collapsed fish market through the night.',
  'Rescue teams searched the collapsed fish market in Velmora after Tuesday’s strong earthquake damaged the harbour wall and the old lighthouse. Crews from Ostrand joined the search through the night.',
];
const people = 'Harbour master Ilse Varga said on Monday that the quay would reopen in May, and councillor Tomas Brandt asked for a vote on the repairs.';

for (const engine of await testEngines()) {
  describe(`statements the story and enrichment steps save, ${engine.name} engine`, { timeout: 120_000 }, () => {
    let db: Db;
    beforeAll(async () => {
      db = await engine.open();
    });
    afterAll(async () => {
      await db?.close();
    });

    it("writes a joining article's membership in its story's save, with the story's counts and times as a recount gives them", async () => {
      const ids: number[] = [];
      for (const [i, text] of quake.entries()) {
        const article = extractedArticle({
          title: i ? 'Rescuers search Velmora fish market after earthquake' : 'Earthquake damages Velmora harbour',
          text,
          sourceName: i ? 'Ostrand Post' : 'Coastal Ledger',
          publishedAt: new Date(Date.UTC(2025, 7, 1, 10 + i)),
        });
        ids.push((await saveArticle(db, article, null)).id);
      }
      const sent: string[] = [];
      await db.transaction(async (tx) => {
        await lockForTransaction(tx, STORY_LOCK);
        await clusterOwed(recording(tx, sent), ids);
      });
      const members = await db.query<{ story_id: number; article_id: number }>('SELECT story_id, article_id FROM story_articles ORDER BY article_id');
      expect(members.map((m) => m.article_id)).toEqual(ids);
      expect(new Set(members.map((m) => m.story_id)).size, 'the second report joins the first one’s story').toBe(1);
      // One statement wrote the join and the save; no member was written alone.
      const joined = sent.filter((sql) => sql.includes('INSERT INTO story_articles') && sql.includes('INSERT INTO story_terms'));
      expect(joined).toHaveLength(1);
      const storyId = members[0]!.story_id;
      const [row] = await db.query<{ article_count: number; source_count: number; first_seen_at: Date; last_seen_at: Date; n: number; sources: number; first_at: Date; last_at: Date; terms: number; at: Date }>(
        `SELECT s.article_count, s.source_count, s.first_seen_at, s.last_seen_at,
                (SELECT count(*)::int FROM story_articles sa WHERE sa.story_id = s.id) AS n,
                (SELECT count(DISTINCT a.source_id)::int FROM story_articles sa JOIN articles a ON a.id = sa.article_id WHERE sa.story_id = s.id) AS sources,
                (SELECT min(COALESCE(a.published_at, a.created_at)) FROM story_articles sa JOIN articles a ON a.id = sa.article_id WHERE sa.story_id = s.id) AS first_at,
                (SELECT max(COALESCE(a.published_at, a.created_at)) FROM story_articles sa JOIN articles a ON a.id = sa.article_id WHERE sa.story_id = s.id) AS last_at,
                (SELECT count(*)::int FROM story_terms t WHERE t.story_id = s.id AND t.last_seen_at = s.last_seen_at) AS terms,
                (SELECT max(at) FROM story_articles sa WHERE sa.story_id = s.id) AS at
           FROM stories s WHERE s.id = $1`,
        [storyId],
      );
      expect(row!.article_count).toBe(2);
      expect(row!.n).toBe(2);
      expect(row!.source_count).toBe(row!.sources);
      expect(row!.source_count).toBe(2);
      expect(new Date(row!.first_seen_at).getTime()).toBe(new Date(row!.first_at).getTime());
      expect(new Date(row!.last_seen_at).getTime()).toBe(new Date(row!.last_at).getTime());
      expect(new Date(row!.at).getTime()).toBe(new Date(row!.last_at).getTime());
      expect(row!.terms).toBeGreaterThan(0);
      const vectors = await db.query<{ article_id: number }>('SELECT article_id FROM article_vectors ORDER BY article_id');
      expect(vectors.map((v) => v.article_id)).toEqual(ids);
    });

    it('sends one statement to save a fresh article with no lone surname, and writes what the two-statement save writes', async () => {
      const fast = (await saveArticle(db, extractedArticle({ title: 'Quay to reopen', text: people, publishedAt: new Date('2025-05-06T10:00:00Z') }), null)).id;
      const slow = (await saveArticle(db, extractedArticle({ title: 'Quay to reopen again', text: `${people} `, publishedAt: new Date('2025-05-06T10:00:00Z') }), null)).id;
      const [loaded] = await loadArticlesToEnrich(db, [fast]);
      expect(loaded!.fresh).toBe(true);
      const enrichment = enrichArticle({ title: 'Quay to reopen', text: people, publishedAt: loaded!.published_at });
      expect(enrichment.entities.filter((e) => e.kind === 'person').map((e) => e.name)).toEqual(['Ilse Varga', 'Tomas Brandt']);
      const sent: string[] = [];
      await db.transaction(async (tx) => {
        await enrichOwed(recording(tx, sent), [fast]);
      });
      expect(sent.filter((sql) => sql.includes('DELETE FROM mentions'))).toHaveLength(0);
      // The slow path on a second copy of the text: the same rows but for the article.
      await db.transaction(async (tx) => {
        await saveArticleEnrichment(tx, slow, enrichArticle({ title: 'Quay to reopen', text: `${people} `, publishedAt: loaded!.published_at }), ENRICHMENT_VERSION);
      });
      const rows = async (id: number) => ({
        mentions: await db.query('SELECT entity_id, start_offset, end_offset, text, role FROM mentions WHERE article_id = $1 ORDER BY start_offset', [id]),
        events: await db.query('SELECT event_date, precision, text, sentence, start_offset FROM events WHERE article_id = $1 ORDER BY start_offset', [id]),
        summary: (await db.query<{ summary: unknown }>('SELECT summary FROM article_enrichment WHERE article_id = $1', [id]))[0]?.summary,
      });
      const got = await rows(fast);
      expect(got.mentions.length).toBeGreaterThan(0);
      expect(got).toEqual(await rows(slow));
      // Enriched again (no longer fresh): its rows are replaced, not added to.
      expect((await loadArticlesToEnrich(db, [fast]))[0]!.fresh).toBe(false);
      const again: string[] = [];
      await db.transaction(async (tx) => {
        await enrichOwed(recording(tx, again), [fast]);
      });
      expect(again.filter((sql) => sql.includes('DELETE FROM mentions'))).toHaveLength(1);
      expect(await rows(fast)).toEqual(got);
      const [counts] = await db.query<{ mention_count: number; article_count: number }>(
        `SELECT mention_count, article_count FROM entities WHERE key = (SELECT e.key FROM entities e JOIN mentions m ON m.entity_id = e.id WHERE m.article_id = $1 ORDER BY m.start_offset LIMIT 1)`,
        [fast],
      );
      expect(counts!.article_count).toBe(2);
    });
  });
}
