-- Search: a full-text index on every article, saved searches ("watches"), and each reader's
-- read/starred state for the apps that speak Fever or Google Reader.

-- PostgreSQL's parser keeps a run of Chinese, Japanese or Korean characters as one token, so a
-- word inside the run cannot be found. This indexes every two-character window of each run
-- (and each run's last character alone, so a one-character query can match as a prefix).
-- Positions are character offsets across runs with a gap between runs, so a phrase query
-- (bigram <-> bigram) never matches across two runs. src/search/cjk.ts builds queries with
-- the same rule and the same character ranges.
CREATE FUNCTION dateline_cjk_bigram_runs(input text) RETURNS tsvector
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $fn$
  SELECT coalesce(string_agg('''' || substr(r.run, i, 2) || ''':' || least(16383, r.start + i), ' '), '')::tsvector
    FROM (
      SELECT m.match[1] AS run,
             coalesce(sum(char_length(m.match[1]) + 1) OVER (ORDER BY m.n ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS start
        FROM regexp_matches(input, '([\u1100-\u11ff\u3040-\u30ff\u3130-\u318f\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\uff66-\uff9f]+)', 'g')
             WITH ORDINALITY AS m(match, n)
    ) r,
    generate_series(1, char_length(r.run)) AS i
$fn$;

-- Most text has no CJK character at all: one regex test spares it the run splitting (~3x cheaper).
CREATE FUNCTION dateline_cjk_bigrams(input text) RETURNS tsvector
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $fn$
  SELECT CASE WHEN input ~ '[\u1100-\u11ff\u3040-\u30ff\u3130-\u318f\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\uff66-\uff9f]'
              THEN dateline_cjk_bigram_runs(input) ELSE ''::tsvector END
$fn$;

-- One configuration for every language: the same stemming applies on both sides of a match,
-- so non-English Latin-script text is still found word for word (only stemmed the English way).
-- A generated column keeps the index current whoever writes the article. Very long bodies are
-- cut so the vector stays under PostgreSQL's 1 MB limit and an insert never fails because of it.
ALTER TABLE articles ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
  setweight(to_tsvector('english'::regconfig, coalesce(title, '')), 'A')
  || setweight(dateline_cjk_bigrams(coalesce(title, '')), 'A')
  || setweight(to_tsvector('english'::regconfig, left(coalesce(excerpt, '') || ' ' || text, 200000)), 'D')
  || setweight(dateline_cjk_bigrams(left(coalesce(excerpt, '') || ' ' || text, 50000)), 'D')
) STORED;
-- Keep the vector in the row (compressed) and let the body text move out of line instead: every
-- match check and every ranking reads the vector, and fetching it from the TOAST table made
-- those about twice as slow (measured on 20,000 bench articles).
ALTER TABLE articles ALTER COLUMN search_vector SET STORAGE MAIN;
CREATE INDEX articles_search ON articles USING gin (search_vector);
-- Language filter and the by-language listing.
CREATE INDEX articles_language ON articles (language, published_at DESC);

-- A saved search. The feed key is a random secret in the watch's feed URLs, so a feed reader
-- can poll the feed without credentials and the feed is not guessable from its id.
CREATE TABLE watches (
  id          bigserial PRIMARY KEY,
  user_id     bigint REFERENCES users(id) ON DELETE CASCADE,
  name        text NOT NULL,
  -- as the user wrote it ("tariff AND Korea"); parsed again on every run
  query       text NOT NULL,
  -- the other search filters: {"sources": [...], "language": "en", "entities": [..], "story": n}
  filters     jsonb NOT NULL DEFAULT '{}',
  feed_key    text NOT NULL UNIQUE,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX watches_user ON watches (user_id);

-- What a reader has read and starred, for the Fever and Google Reader APIs. No row means unread
-- and not starred.
CREATE TABLE reader_states (
  user_id    bigint NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  article_id bigint NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  read_at    timestamptz,
  starred_at timestamptz,
  PRIMARY KEY (user_id, article_id)
);
CREATE INDEX reader_states_starred ON reader_states (user_id, article_id) WHERE starred_at IS NOT NULL;
