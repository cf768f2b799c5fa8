-- Settling (src/cluster/settle.ts): a small story gets one second look once it has gone quiet,
-- and may then join the story it belongs to. `settled` says it has had that look (or was too big
-- to need it); the partial index finds the ones still waiting by when they were last seen.
-- Stories stored before this change were formed under the earlier rules: they count as settled
-- (`dateline recluster` rebuilds them under the new ones).
ALTER TABLE stories ADD COLUMN settled boolean NOT NULL DEFAULT false;
UPDATE stories SET settled = true;
CREATE INDEX stories_unsettled ON stories (last_seen_at, id) WHERE NOT settled;
