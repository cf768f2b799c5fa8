// The webhook step's shell: after a batch is stored and its stories decided, finds the events
// the batch caused (stories it created, stories it carried past a webhook's N sources, saved
// searches its articles match) and records a delivery owed to each listening webhook. Sending
// is separate (src/webhooks/deliver.ts), so a slow receiver never holds up an import.
import type { Queryable } from '../store/db.ts';
import { listWatches, type Watch } from '../store/watches.ts';
import { oweDeliveries, touchedStories, watchMatches, webhooksFor, type OwedDelivery, type TouchedStory, type Webhook } from '../store/webhooks.ts';
import { passesSources } from '../webhooks/policy.ts';

const storyJson = (s: TouchedStory) => ({
  id: s.id,
  headline: s.headline,
  firstSeenAt: s.first_seen_at ? new Date(s.first_seen_at).toISOString() : null,
  articleCount: s.article_count,
  sourceCount: s.sources_after,
  path: `/stories/${s.id}`,
});

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
              id: article.id,
              title: article.title,
              source: article.source_name,
              url: article.url,
              publishedAt: article.published_at ? new Date(article.published_at).toISOString() : null,
              path: `/articles/${article.id}`,
            },
          },
        });
      }
    }
  }
  await oweDeliveries(db, owed, now);
}
