-- Search at a million articles: the full-text index also holds, for every article, lexemes for
-- its publication day and month (UTC), its source and its language. With them the GIN index
-- itself answers "the matches of this query on this day, from these sources": a search walks the
-- days (or months) newest first, one small index intersection each, and stops once it holds the
-- newest N matches, so it reads about N rows instead of every match (src/store/search.ts).
--
-- The keys are index-only: the index is on an expression (the stored vector with the keys after
-- it), so the table is not rewritten. It replaces articles_search: a query with no key finds
-- through it exactly what it found through the vector alone. The lexemes start with '#' and hold
-- a space, which no word of a query can become (the parser never keeps either in a lexeme).

-- The keys of one article. IMMUTABLE (an index expression must be): the day and month are read in
-- UTC, and the numeric formats do not depend on the locale.
CREATE FUNCTION dateline_search_keys(published timestamptz, source bigint, lang text) RETURNS tsvector
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $fn$
  SELECT array_to_tsvector(array_remove(ARRAY[
           CASE WHEN published IS NULL THEN '#undated' ELSE '#day ' || to_char(published AT TIME ZONE 'UTC', 'YYYY-MM-DD') END,
           CASE WHEN published IS NOT NULL THEN '#month ' || to_char(published AT TIME ZONE 'UTC', 'YYYY-MM') END,
           CASE WHEN source IS NOT NULL THEN '#source ' || source::text END,
           CASE WHEN lang IS NOT NULL AND lang <> '' THEN '#lang ' || lower(lang) END
         ], NULL))
$fn$;

-- A GIN build sorts its entries in memory: the default 64 MB spills many times at a million rows.
SET LOCAL maintenance_work_mem = '256MB';
CREATE INDEX articles_search_keyed ON articles USING gin ((search_vector || dateline_search_keys(published_at, source_id, language)))
  WITH (gin_pending_list_limit = 1024);
DROP INDEX IF EXISTS articles_search;
