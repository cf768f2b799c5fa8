-- Near-duplicates and stories: each article's MinHash fingerprint and LSH band buckets (looked
-- up by key, so checking an article never scans the corpus), the link from a copy to its
-- original, stories with their articles, the story index (top centroid terms), article vectors
-- and the stream's term statistics that give IDF.

ALTER TABLE articles ADD COLUMN duplicate_of bigint REFERENCES articles(id) ON DELETE SET NULL;
ALTER TABLE articles ADD COLUMN duplicate_similarity real;
CREATE INDEX articles_duplicate_of ON articles (duplicate_of) WHERE duplicate_of IS NOT NULL;

CREATE TABLE article_fingerprints (
  article_id    bigint PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
  -- MinHash signature: bands × rows unsigned 32-bit values, little-endian
  signature     bytea NOT NULL,
  shingle_count integer NOT NULL,
  seen_at       timestamptz NOT NULL
);

-- One row per (LSH band key, article): two articles sharing a key are candidate copies.
CREATE TABLE dedup_buckets (
  band_key   bigint NOT NULL,
  article_id bigint NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  seen_at    timestamptz NOT NULL,
  PRIMARY KEY (band_key, article_id)
);
CREATE INDEX dedup_buckets_article ON dedup_buckets (article_id);

CREATE TABLE stories (
  id                  bigserial PRIMARY KEY,
  -- the title of its most central article
  headline            text NOT NULL,
  headline_article_id bigint REFERENCES articles(id) ON DELETE SET NULL,
  first_seen_at       timestamptz,
  last_seen_at        timestamptz,
  -- distinct articles (copies of one article count once) and distinct publishers
  article_count       integer NOT NULL DEFAULT 0,
  source_count        integer NOT NULL DEFAULT 0,
  -- sum of member vectors, pruned to the heaviest terms
  centroid            jsonb NOT NULL DEFAULT '{}',
  created_at          timestamptz NOT NULL DEFAULT now(),
  updated_at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX stories_last_seen ON stories (last_seen_at DESC NULLS LAST, id DESC);

CREATE TABLE story_articles (
  story_id   bigint NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
  article_id bigint NOT NULL UNIQUE REFERENCES articles(id) ON DELETE CASCADE,
  -- the score it joined with (a copy: its similarity to the original)
  similarity real,
  added_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (story_id, article_id)
);

-- The candidate index: a story under its heaviest terms, with when it was last seen.
CREATE TABLE story_terms (
  term         text NOT NULL,
  story_id     bigint NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
  weight       real NOT NULL,
  last_seen_at timestamptz,
  PRIMARY KEY (term, story_id)
);
CREATE INDEX story_terms_story ON story_terms (story_id);

CREATE TABLE article_vectors (
  article_id   bigint PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
  vector       jsonb NOT NULL,
  -- the headline alone, for headline-to-headline matching
  title_vector jsonb
);

-- Document frequencies over the stream clustered so far (IDF), and the stream's size.
CREATE TABLE term_stats (
  term text PRIMARY KEY,
  df   integer NOT NULL
);
CREATE TABLE cluster_stats (
  key   text PRIMARY KEY,
  value bigint NOT NULL
);
