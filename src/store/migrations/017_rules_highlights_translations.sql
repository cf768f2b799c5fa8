-- Issue 22, parts 1, 2 and 6: each reader's mute and keep rules, admins' per-feed block and keep
-- rules applied at ingest, highlights and notes on article text, and cached translations.

-- A reader's rule. A mute rule hides the articles it matches from the reader's lists, searches,
-- feeds and reader apps; a keep rule wins over every mute (mute "football", keep "world cup").
-- word/phrase rules are matched on the article's search vector through `tsquery` (built once when
-- the rule is stored, with the title's weight A, the body's D, or both); regex rules with `~*` on
-- the title and on the first 20,000 characters of the body; source and entity rules by id.
CREATE TABLE user_rules (
  id         bigserial PRIMARY KEY,
  user_id    bigint NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  action     text NOT NULL CHECK (action IN ('mute', 'keep')),
  kind       text NOT NULL CHECK (kind IN ('word', 'phrase', 'regex', 'source', 'entity')),
  field      text NOT NULL DEFAULT 'both' CHECK (field IN ('title', 'body', 'both')),
  -- as the reader wrote it (a source's or an entity's name for those kinds)
  pattern    text NOT NULL CHECK (char_length(pattern) BETWEEN 1 AND 200),
  tsquery    tsquery,
  source_id  bigint REFERENCES sources(id) ON DELETE CASCADE,
  entity_id  bigint REFERENCES entities(id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((kind IN ('word', 'phrase')) = (tsquery IS NOT NULL)),
  CHECK ((kind = 'source') = (source_id IS NOT NULL)),
  CHECK ((kind = 'entity') = (entity_id IS NOT NULL))
);
CREATE INDEX user_rules_user ON user_rules (user_id, action);

-- An admin's rule on one feed, applied when its entries are ingested (src/rules/feed.ts): a block
-- rule drops the entries it matches, keep rules (when a feed has any) keep only the entries one
-- of them matches.
CREATE TABLE feed_rules (
  id         bigserial PRIMARY KEY,
  feed_id    bigint NOT NULL REFERENCES feeds(id) ON DELETE CASCADE,
  action     text NOT NULL CHECK (action IN ('block', 'keep')),
  kind       text NOT NULL CHECK (kind IN ('word', 'phrase', 'regex')),
  field      text NOT NULL DEFAULT 'both' CHECK (field IN ('title', 'body', 'both')),
  pattern    text NOT NULL CHECK (char_length(pattern) BETWEEN 1 AND 200),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX feed_rules_feed ON feed_rules (feed_id);

-- A highlight on an article's text, anchored the way annotations survive a re-rendered page: the
-- quoted text with a little context before and after, and its offsets in the article's text as
-- the page shows it (whitespace runs collapsed to one space). The note is kept as written and as
-- sanitised HTML, like a comment.
CREATE TABLE highlights (
  id           bigserial PRIMARY KEY,
  user_id      bigint NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  article_id   bigint NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  quote        text NOT NULL CHECK (char_length(quote) BETWEEN 1 AND 5000),
  prefix       text NOT NULL DEFAULT '',
  suffix       text NOT NULL DEFAULT '',
  start_offset integer NOT NULL CHECK (start_offset >= 0),
  end_offset   integer NOT NULL,
  note         text,
  note_html    text,
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now(),
  CHECK (end_offset > start_offset)
);
CREATE INDEX highlights_user ON highlights (user_id, created_at DESC, id DESC);
CREATE INDEX highlights_article ON highlights (article_id, user_id);

-- A translation of an article (title and text) or of a story's summary into one language, made
-- by the configured model once and kept; `source_hash` is the hash of the original that was
-- translated, so a changed original is translated again instead of showing a stale translation.
CREATE TABLE translations (
  subject     text NOT NULL CHECK (subject IN ('article', 'story')),
  subject_id  bigint NOT NULL,
  language    text NOT NULL,
  source_hash text NOT NULL,
  title       text,
  text        text NOT NULL,
  model       text NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (subject, subject_id, language)
);
