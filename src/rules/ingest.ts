// The feed path's one call into the rules: the entries of a feed that its block/keep rules let
// through (src/rules/feed.ts decides; this loads the feed's rules).
import type { Queryable } from '../store/db.ts';
import type { FeedEntry } from '../feeds/types.ts';
import { listFeedRules } from '../store/rules.ts';
import { applyFeedRules } from './feed.ts';

export async function entriesPassingFeedRules(db: Queryable, feedId: number, entries: FeedEntry[]): Promise<FeedEntry[]> {
  const rules = await listFeedRules(db, feedId);
  return rules.length ? entries.filter((entry) => applyFeedRules(entry, rules).keep) : entries;
}
