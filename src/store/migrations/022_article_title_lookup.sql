-- The store step's identity lookup (src/store/articles.ts sameArticleCandidates: stored articles of
-- the same content hash, the same canonical URL or the same title ignoring case). The title term
-- had no index of its own: EXPLAIN (ANALYZE, BUFFERS) on a bench store of 2.7k articles read it as a
-- full scan of articles_source_title (source_id, lower(title)), 38 of the 42 buffers the lookup
-- read, growing with every article stored. With this index it is one range read. Index only.
CREATE INDEX IF NOT EXISTS articles_title_lower ON articles (lower(title));
