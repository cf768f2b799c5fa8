// The demo corpus end to end: import demo/ (pages and dumps) through the real pipeline and check
// the near-duplicate links and the stories against demo/manifest.json: every wire copy is linked
// to its original, nothing else is, and the stories group exactly as the manifest says; then
// `rebuildStories` must give, row for row, what the steps give one article at a time. On both
// engines (embedded, and the server when it is reachable). The story step settles by the
// stream's own clock (src/pipeline/stories.ts), so right after the import the corpus's last
// three days have not had their settling look; the manifest is checked once the stream has
// moved past them (settled at the last article's time plus StoryConfig.settleQuietDays, what the
// next article to come after that would do), and the import's own end state is checked for
// mixed stories too.
import { existsSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../helpers/db.ts';
import type { Db } from '../../src/store/db.ts';
import { importPaths } from '../../src/cli/commands/import.ts';
import { demoDir, readDemoManifest } from '../../src/cli/commands/serve.ts';
import { sourceKey } from '../../src/store/sources.ts';
import { clearStories } from '../../src/store/stories.ts';
import { clearDedup } from '../../src/store/dedup.ts';
import { runDedupStep } from '../../src/pipeline/dedup.ts';
import { rebuildStories, runStoryStep, settleAt } from '../../src/pipeline/stories.ts';
import { DEFAULT_CLUSTER } from '../../src/cluster/online.ts';

const manifestPath = demoDir + 'manifest.json';
const hasManifest = existsSync(manifestPath);
if (!hasManifest) console.warn(`[dateline tests] skipping the demo-corpus story test: ${manifestPath} is missing`);

interface ManifestArticle {
  key: string;
  outlet: string;
  title: string;
  story: string;
  canonical_url: string | null;
  copy_of: string | null;
  first_sentence: string;
}

const normalTitle = (t: string) =>
  t
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

for (const engine of hasManifest ? await testEngines() : [])
  describe(`the demo corpus on the ${engine.name} engine: near-duplicates and stories against the manifest`, () => {
    let db: Db;
    let manifest: ManifestArticle[];
    /** Manifest key -> stored article row (stories once the stream has moved past the corpus). */
    const stored = new Map<string, { id: number; duplicate_of: number | null; story_id: number | null }>();
    /** Manifest key -> story id right after the import (the stream's clock at its last article). */
    const atImportEnd = new Map<string, number | null>();

    beforeAll(async () => {
      manifest = (JSON.parse(readFileSync(manifestPath, 'utf8')) as { articles: ManifestArticle[] }).articles;
      db = await engine.open();
      const corpus = [demoDir + 'dumps', demoDir + 'pages'].filter((dir) => existsSync(dir));
      // As `dateline demo` does it: each dump's relative ages counted from when it was saved.
      const demo = readDemoManifest();
      await importPaths(db, corpus, {
        asOf: null,
        maxPageBytes: 10 * 1024 * 1024,
        quiet: true,
        print: () => undefined,
        asOfFor: (file) => demo.dumpAsOf.get(file),
      });
      const rows = await db.query<{ id: number; title: string; text: string; canonical_url: string | null; source: string | null; duplicate_of: number | null; story_id: number | null }>(
        `SELECT a.id, a.title, a.text, a.canonical_url, s.name AS source, a.duplicate_of, sa.story_id
         FROM articles a LEFT JOIN sources s ON s.id = a.source_id LEFT JOIN story_articles sa ON sa.article_id = a.id ORDER BY a.id`,
      );
      for (const m of manifest) {
        const match =
          rows.find((r) => m.canonical_url && r.canonical_url === m.canonical_url) ??
          rows.find((r) => normalTitle(r.title) === normalTitle(m.title) && r.source && sourceKey(r.source) === sourceKey(m.outlet)) ??
          // A dump's main article may carry no source line: its title and opening sentence identify it.
          rows.find((r) => normalTitle(r.title) === normalTitle(m.title) && normalTitle(r.text).includes(normalTitle(m.first_sentence).slice(0, 80)));
        if (match) stored.set(m.key, match);
      }
      for (const [key, row] of stored) atImportEnd.set(key, row.story_id);
      const [{ last }] = (await db.query<{ last: Date }>('SELECT max(COALESCE(published_at, created_at)) AS last FROM articles')) as [{ last: Date }];
      await settleAt(db, new Date(new Date(last).getTime() + DEFAULT_CLUSTER.story.settleQuietDays * 86_400_000));
      const storyOf = new Map((await db.query<{ article_id: number; story_id: number }>('SELECT article_id, story_id FROM story_articles')).map((r) => [r.article_id, r.story_id]));
      for (const row of stored.values()) row.story_id = storyOf.get(row.id) ?? null;
    }, 300_000);
    afterAll(async () => {
      await db?.close();
    });

    it('finds every manifest article in the store', () => {
      const missing = manifest.filter((m) => !stored.has(m.key)).map((m) => m.key);
      expect(missing).toEqual([]);
    });

    it('links the wire copies of each original into one family, and nothing else', () => {
      // Families as the manifest has them (an original and its copies) and as the store has them
      // (an article and everything whose duplicate_of points at it), compared as sets of keys.
      const familyKey = (key: string) => manifest.find((m) => m.key === key)?.copy_of ?? key;
      const expected = new Map<string, string[]>();
      const actual = new Map<number, string[]>();
      for (const m of manifest) {
        const row = stored.get(m.key);
        if (!row) continue;
        expected.set(familyKey(m.key), [...(expected.get(familyKey(m.key)) ?? []), m.key]);
        const root = row.duplicate_of ?? row.id;
        actual.set(root, [...(actual.get(root) ?? []), m.key]);
      }
      const sorted = (families: Iterable<string[]>) => [...families].map((f) => f.sort().join(' + ')).sort();
      expect(sorted(actual.values())).toEqual(sorted(expected.values()));
    });

    it("puts every copy in its original's story and groups the stories close to the manifest", () => {
      const scored = manifest.filter((m) => stored.has(m.key));
      for (const m of scored.filter((m) => m.copy_of && stored.has(m.copy_of))) {
        expect(stored.get(m.key)!.story_id, m.key).toBe(stored.get(m.copy_of!)!.story_id);
      }
      const { precision, recall, f1, mixed } = bcubed(scored, (key) => stored.get(key)!.story_id ?? -stored.get(key)!.id, 'once the stream has moved past the corpus');
      // Floors at what the engine reaches on this corpus (issue 16 asked for F1 0.97 and no mixed
      // story): the alliance-summit reports no longer settle into the tariffs story (they share South
      // Korea, Washington and the US) since a settling look counts the days between
      // (StoryConfig.settleDecayDays); one alliance report, a meeting that only names the summit, stays
      // on its own.
      expect(mixed).toEqual([]);
      expect(precision).toBeGreaterThanOrEqual(0.99);
      expect(recall).toBeGreaterThanOrEqual(0.96);
      expect(f1).toBeGreaterThanOrEqual(0.98);
    });

    it('mixes no two manifest stories right after the import either (its last days not yet settled)', () => {
      const scored = manifest.filter((m) => atImportEnd.has(m.key));
      const { precision, mixed } = bcubed(scored, (key) => atImportEnd.get(key) ?? -stored.get(key)!.id, 'right after the import');
      expect(mixed).toEqual([]);
      expect(precision).toBeGreaterThanOrEqual(0.99);
    });

    /** B-cubed over the manifest's stories (each "single" article is a story of its own), printed. */
    function bcubed(scored: ManifestArticle[], storyOf: (key: string) => number, when: string) {
      const gold = scored.map((m) => (m.story === 'single' ? `single:${m.key}` : m.story));
      const predicted = scored.map((m) => storyOf(m.key));
      let precision = 0;
      let recall = 0;
      scored.forEach((_, i) => {
        const same = (j: number) => gold[j] === gold[i];
        const together = (j: number) => predicted[j] === predicted[i];
        const both = scored.filter((__, j) => same(j) && together(j)).length;
        precision += both / scored.filter((__, j) => together(j)).length;
        recall += both / scored.filter((__, j) => same(j)).length;
      });
      precision /= scored.length;
      recall /= scored.length;
      const f1 = (2 * precision * recall) / (precision + recall);
      console.info(`[demo stories, ${engine.name}, ${when}] B-cubed precision ${precision.toFixed(3)}, recall ${recall.toFixed(3)}, F1 ${f1.toFixed(3)} over ${scored.length} articles`);
      // No stored story may hold two of the manifest's stories ("single" articles are stories of their own).
      const storiesOf = new Map<string, Set<string>>();
      for (const i of scored.keys()) storiesOf.set(String(predicted[i]), (storiesOf.get(String(predicted[i])) ?? new Set()).add(gold[i]!));
      const mixed = [...storiesOf.values()].filter((g) => g.size > 1).map((g) => [...g].sort().join(' + '));
      if (mixed.length) console.info(`[demo stories, ${engine.name}, ${when}] stories mixing manifest stories: ${mixed.join('; ')}`);
      return { precision, recall, f1, mixed };
    }

    it('recluster (decisions held in memory, written in bulk) gives what the steps give one article at a time', async () => {
      const snapshot = async () => ({
        stories: await db.query(
          `SELECT s.headline, s.headline_article_id, s.centroid, s.first_seen_at, s.last_seen_at, s.article_count, s.source_count, s.settled,
                (SELECT array_agg(sa.article_id || ':' || coalesce(sa.similarity::text, '-') ORDER BY sa.article_id) FROM story_articles sa WHERE sa.story_id = s.id) AS members,
                (SELECT array_agg(st.term || ':' || st.weight || ':' || coalesce(st.last_seen_at::text, '-') ORDER BY st.term) FROM story_terms st WHERE st.story_id = s.id) AS terms
           FROM stories s ORDER BY s.id`,
        ),
        vectors: await db.query('SELECT article_id, vector FROM article_vectors ORDER BY article_id'),
        stats: await db.query('SELECT term, df FROM term_stats ORDER BY term'),
        documents: await db.query(`SELECT value FROM cluster_stats WHERE key = 'documents'`),
        duplicates: await db.query('SELECT id, duplicate_of, duplicate_similarity FROM articles ORDER BY id'),
        fingerprints: await db.query(`SELECT article_id, encode(signature, 'hex') AS signature, shingle_count, seen_at FROM article_fingerprints ORDER BY article_id`),
        buckets: await db.query('SELECT band_key::text, article_id, seen_at FROM dedup_buckets ORDER BY band_key, article_id'),
      });
      // One article at a time, in time order, through the post-ingest steps...
      const ids = (await db.query<{ id: number }>('SELECT id FROM articles ORDER BY id')).map((r) => r.id);
      await db.transaction(async (tx) => {
        await clearDedup(tx);
        await clearStories(tx);
      });
      // Both settle by the stream's own clock only (nothing at the wall clock), as the import did.
      await runDedupStep(db, ids);
      await runStoryStep(db, ids, DEFAULT_CLUSTER);
      const stepwise = await snapshot();
      expect(stepwise.stories.length).toBeGreaterThan(5);
      expect(stepwise.duplicates.filter((d) => (d as { duplicate_of: number | null }).duplicate_of !== null).length).toBeGreaterThan(3);
      // ...and the rebuild.
      const result = await rebuildStories(db, { dedup: true });
      expect(result.stories).toBe(stepwise.stories.length);
      expect(await snapshot()).toEqual(stepwise);
    });
  });
