-- Durable progress of the post-ingest steps (src/pipeline.ts): a row says that step is still owed
-- for that article. Storing an article owes every step in the same transaction; whoever runs
-- next (an import, `serve`, a worker) claims owed rows with FOR UPDATE SKIP LOCKED, does the step
-- and deletes the rows in one transaction, so a process killed at any instant leaves only rows
-- that the next one finishes. A step that keeps failing keeps its row with the error, and is no
-- longer retried once `attempts` reaches the pipeline's limit.
CREATE TABLE article_steps (
  step       text NOT NULL,
  article_id bigint NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  attempts   integer NOT NULL DEFAULT 0,
  last_error text,
  PRIMARY KEY (step, article_id)
);
CREATE INDEX article_steps_article ON article_steps (article_id);

-- Articles stored before this change owe what they visibly lack: no fingerprint, no story, no
-- enrichment. Webhook events of articles already stored are not sent late.
INSERT INTO article_steps (step, article_id)
  SELECT 'near-duplicates', a.id FROM articles a
   WHERE NOT EXISTS (SELECT 1 FROM article_fingerprints f WHERE f.article_id = a.id);
INSERT INTO article_steps (step, article_id)
  SELECT 'stories', a.id FROM articles a
   WHERE NOT EXISTS (SELECT 1 FROM story_articles sa WHERE sa.article_id = a.id);
INSERT INTO article_steps (step, article_id)
  SELECT 'enrichment', a.id FROM articles a
   WHERE NOT EXISTS (SELECT 1 FROM article_enrichment e WHERE e.article_id = a.id);

-- The reference clock a database was set to, when one was (the demo sets it once, to when its
-- pages were saved): every process on this database then counts ages from it, unless
-- DATELINE_NOW says otherwise. No row: the wall clock.
CREATE TABLE reference_clock (
  only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row),
  now      timestamptz NOT NULL
);
