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
-- UTC. Built only of immutable functions (no to_char, which is STABLE) so that PostgreSQL inlines
-- it: a phrase query re-checks each row it fetches against the whole indexed expression, and a
-- call of a SQL function that is not inlined costs far more than the check itself.
CREATE FUNCTION dateline_search_keys(published timestamptz, source bigint, lang text) RETURNS tsvector
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $fn$
  SELECT array_to_tsvector(array_remove(ARRAY[
           CASE WHEN published IS NULL THEN '#undated'
                ELSE '#day ' || lpad(extract(year FROM published AT TIME ZONE 'UTC')::int::text, 4, '0')
                     || '-' || lpad(extract(month FROM published AT TIME ZONE 'UTC')::int::text, 2, '0')
                     || '-' || lpad(extract(day FROM published AT TIME ZONE 'UTC')::int::text, 2, '0') END,
           CASE WHEN published IS NOT NULL
                THEN '#month ' || lpad(extract(year FROM published AT TIME ZONE 'UTC')::int::text, 4, '0')
                     || '-' || lpad(extract(month FROM published AT TIME ZONE 'UTC')::int::text, 2, '0') END,
           CASE WHEN source IS NOT NULL THEN '#source ' || source::text END,
           CASE WHEN lang IS NOT NULL AND lang <> '' THEN '#lang ' || lower(lang) END
         ], NULL))
$fn$;

-- A GIN build sorts its entries in memory: the default 64 MB spills many times at a million rows.
SET LOCAL maintenance_work_mem = '256MB';
CREATE INDEX articles_search_keyed ON articles USING gin ((search_vector || dateline_search_keys(published_at, source_id, language)))
  WITH (gin_pending_list_limit = 1024);
DROP INDEX IF EXISTS articles_search;
