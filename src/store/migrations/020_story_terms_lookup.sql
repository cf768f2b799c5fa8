-- The story step's candidate lookup (src/store/stories.ts: story_terms joined on a query's terms,
-- last seen within the window, weights summed per story). EXPLAIN (ANALYZE, BUFFERS) on a bench
-- store of 15k articles and 980 stories: a sequential scan of story_terms, 37 ms under load, growing
-- with the stories stored. With this index each term is one index-only range read: 1.3 ms,
-- 92 buffers instead of 2,317. Index only; no change to a table or to the step's SQL.
CREATE INDEX IF NOT EXISTS story_terms_term_seen ON story_terms (term, last_seen_at) INCLUDE (story_id, weight);
