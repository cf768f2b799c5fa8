// The webhook step's shell: after a batch is stored and its stories decided, finds the events
// the batch caused (stories it created, stories it carried past a webhook's N sources, saved
// searches its articles match) and records a delivery owed to each listening webhook. Sending
// is separate (src/webhooks/deliver.ts), so a slow receiver never holds up an import.
import type { Queryable } from '../store/db.ts';
import { buildWhere } from '../store/search.ts';
import { listWatches, watchSearch, type Watch } from '../store/watches.ts';
import { oweDeliveries, webhooksFor, type OwedDelivery, type Webhook } from '../store/webhooks.ts';
import { passesSources } from '../webhooks/policy.ts';

interface TouchedStory {
  id: number;
  headline: string;
  first_seen_at: Date | null;
  article_count: number;
  /** Distinct publishers among members outside the batch, and among all members. */
  sources_before: number;
  sources_after: number;
  all_new: boolean;
}

const storyJson = (s: TouchedStory) => ({
  id: s.id,
  headline: s.headline,
  firstSeenAt: s.first_seen_at ? new Date(s.first_seen_at).toISOString() : null,
  articleCount: s.article_count,
  sourceCount: s.sources_after,
  path: `/stories/${s.id}`,
});

async function touchedStories(db: Queryable, articleIds: number[]): Promise<TouchedStory[]> {
  return db.query<TouchedStory>(
    `WITH touched AS (SELECT DISTINCT story_id FROM story_articles WHERE article_id = ANY($1::bigint[]))
     SELECT s.id, s.headline, s.first_seen_at, s.article_count,
            count(DISTINCT a.source_id) FILTER (WHERE NOT (sa.article_id = ANY($1::bigint[])))::int AS sources_before,
            count(DISTINCT a.source_id)::int AS sources_after,
            bool_and(sa.article_id = ANY($1::bigint[])) AS all_new
       FROM touched t JOIN stories s ON s.id = t.story_id
       JOIN story_articles sa ON sa.story_id = s.id JOIN articles a ON a.id = sa.article_id
      GROUP BY s.id ORDER BY s.id`,
    [articleIds],
  );
}

/** Which of `articleIds` a saved search matches, by the search's own rule (store/search.ts). */
async function watchMatches(db: Queryable, watch: Watch, articleIds: number[]) {
  const built = buildWhere(watchSearch(watch));
  const ids = built.param(articleIds);
  return db.query<{ id: number; title: string; source_name: string | null; url: string | null; published_at: Date | null }>(
    `SELECT a.id, a.title, s.name AS source_name, coalesce(a.canonical_url, a.url) AS url, a.published_at
       FROM articles a LEFT JOIN sources s ON s.id = a.source_id
      WHERE a.id = ANY(${ids}::bigint[]) AND ${built.where.join(' AND ')} ORDER BY a.id`,
    built.params,
  );
}

/** The deliveries a batch makes owed; pure over what the store returned. */
export function storyDeliveries(webhooks: Webhook[], stories: TouchedStory[]): OwedDelivery[] {
  const owed: OwedDelivery[] = [];
  for (const hook of webhooks) {
    for (const story of stories) {
      if (hook.events.includes('story.new') && story.all_new) {
        owed.push({ webhookId: hook.id, event: 'story.new', subject: `story:${story.id}`, payload: { story: storyJson(story) } });
      }
      if (hook.events.includes('story.sources') && passesSources(story.sources_before, story.sources_after, hook.minSources)) {
        owed.push({ webhookId: hook.id, event: 'story.sources', subject: `story:${story.id}`, payload: { story: storyJson(story), minSources: hook.minSources } });
      }
    }
  }
  return owed;
}

export async function runWebhookStep(db: Queryable, articleIds: number[], now: Date = new Date()): Promise<void> {
  if (!articleIds.length) return;
  const webhooks = await webhooksFor(db, ['story.new', 'story.sources', 'watch.match']);
  if (!webhooks.length) return;
  const owed: OwedDelivery[] = [];
  if (webhooks.some((w) => w.events.some((e) => e.startsWith('story.')))) {
    owed.push(...storyDeliveries(webhooks, await touchedStories(db, articleIds)));
  }
  const watchCache = new Map<number, Watch[]>();
  for (const hook of webhooks.filter((w) => w.events.includes('watch.match'))) {
    if (!watchCache.has(hook.userId)) watchCache.set(hook.userId, await listWatches(db, hook.userId));
    const watches = watchCache.get(hook.userId)!.filter((w) => hook.watchId === null || w.id === hook.watchId);
    for (const watch of watches) {
      // A watch whose filters cannot run here (say, entities before enrichment exists) must not cost the others.
      const matches = await watchMatches(db, watch, articleIds).catch((error: Error) => {
        process.emitWarning(`webhook ${hook.id}: saved search ${watch.id} skipped: ${error.message}`, 'DatelineWebhookWarning');
        return [];
      });
      for (const article of matches) {
        owed.push({
          webhookId: hook.id,
          event: 'watch.match',
          subject: `watch:${watch.id}:article:${article.id}`,
          payload: {
            watch: { id: watch.id, name: watch.name, query: watch.query },
            article: {
              id: article.id, title: article.title, source: article.source_name, url: article.url,
              publishedAt: article.published_at ? new Date(article.published_at).toISOString() : null, path: `/articles/${article.id}`,
            },
          },
        });
      }
    }
  }
  await oweDeliveries(db, owed, now);
}
