-- Operations: retention archives old articles (text kept, heavy HTML dropped) and marks when.
ALTER TABLE articles ADD COLUMN archived_at timestamptz;
CREATE INDEX articles_retention ON articles (COALESCE(published_at, created_at)) WHERE archived_at IS NULL;
