-- Feeds: subscriptions and their poll schedule, and the entries each feed carried, mapped to
-- the article they became. Workers on any number of machines claim due feeds with a lease
-- (taken under FOR UPDATE SKIP LOCKED), so a feed is polled by one worker at a time and a
-- worker that dies only delays its feeds until the lease runs out.

CREATE TABLE feeds (
  id                   bigserial PRIMARY KEY,
  -- the feed document's URL as subscribed (after discovery from a page, if any)
  url                  text NOT NULL UNIQUE,
  title                text,
  site_url             text,
  -- the OPML folder path it was filed under ("News/World"), if any
  category             text,
  source_id            bigint REFERENCES sources(id),
  paused               boolean NOT NULL DEFAULT false,
  -- validators of the last good response, sent back as If-None-Match / If-Modified-Since
  etag                 text,
  last_modified        text,
  next_check_at        timestamptz NOT NULL DEFAULT now(),
  interval_seconds     integer NOT NULL DEFAULT 900,
  last_checked_at      timestamptz,
  last_success_at      timestamptz,
  -- the last poll that brought a new or changed entry
  last_changed_at      timestamptz,
  last_status          integer,
  consecutive_failures integer NOT NULL DEFAULT 0,
  last_error           text,
  -- set when the feed has failed many times in a row; cleared by the next success
  flagged_at           timestamptz,
  entry_count          integer NOT NULL DEFAULT 0,
  lease_owner          text,
  lease_until          timestamptz,
  created_at           timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX feeds_due ON feeds (next_check_at) WHERE NOT paused;

-- One row per entry a feed carried, keyed by the feed's own guid for it.
CREATE TABLE feed_entries (
  feed_id       bigint NOT NULL REFERENCES feeds(id) ON DELETE CASCADE,
  guid          text NOT NULL,
  article_id    bigint REFERENCES articles(id) ON DELETE SET NULL,
  url           text,
  title         text,
  -- sha256 of what the entry said: a changed hash means the entry was updated
  entry_hash    text NOT NULL,
  published_at  timestamptz,
  authors       text[] NOT NULL DEFAULT '{}',
  categories    text[] NOT NULL DEFAULT '{}',
  -- [{url, type, length}]: podcasts' audio, photos
  enclosures    jsonb NOT NULL DEFAULT '[]',
  -- why the entry's page could not be used (the summary was stored instead), if so
  problem       text,
  first_seen_at timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (feed_id, guid)
);
CREATE INDEX feed_entries_article ON feed_entries (article_id);
CREATE INDEX feed_entries_url ON feed_entries (url);

-- Entries are matched to articles already stored by their page address (another feed or an
-- import brought it): that lookup needs articles.url indexed as canonical_url already is.
CREATE INDEX IF NOT EXISTS articles_url ON articles (url);
