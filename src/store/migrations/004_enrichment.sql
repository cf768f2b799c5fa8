-- Enrichment: entities (people, organisations, places) merged across articles by a normalised
-- key, their mentions with the roles the text gives, figures, quotes with their speakers, dated
-- events, and per article the extractive summary and the version of the stage that made it.

CREATE TABLE entities (
  id            bigserial PRIMARY KEY,
  kind          text NOT NULL CHECK (kind IN ('person', 'organisation', 'place')),
  -- kind plus normalised name, or the ISO code of a country: 'person:leejaemyung', 'place:KR'
  key           text NOT NULL UNIQUE,
  name          text NOT NULL,
  code          text,
  aliases       text[] NOT NULL DEFAULT '{}',
  -- normalised aliases (and a person's first and last name), to place a lone surname
  alias_keys    text[] NOT NULL DEFAULT '{}',
  roles         text[] NOT NULL DEFAULT '{}',
  mention_count integer NOT NULL DEFAULT 0,
  article_count integer NOT NULL DEFAULT 0,
  first_seen_at timestamptz,
  last_seen_at  timestamptz,
  created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX entities_alias_keys ON entities USING gin (alias_keys);
CREATE INDEX entities_popular ON entities (article_count DESC, id);

CREATE TABLE mentions (
  entity_id    bigint NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
  article_id   bigint NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  start_offset integer NOT NULL,
  end_offset   integer NOT NULL,
  text         text NOT NULL,
  role         text,
  PRIMARY KEY (article_id, start_offset)
);
CREATE INDEX mentions_entity ON mentions (entity_id, article_id);

CREATE TABLE figures (
  id                bigserial PRIMARY KEY,
  article_id        bigint NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  subject           text,
  subject_entity_id bigint REFERENCES entities(id) ON DELETE SET NULL,
  value             double precision NOT NULL,
  unit              text,
  text              text NOT NULL,
  context           text NOT NULL,
  start_offset      integer NOT NULL
);
CREATE INDEX figures_article ON figures (article_id);

CREATE TABLE quotes (
  id                bigserial PRIMARY KEY,
  article_id        bigint NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  text              text NOT NULL,
  speaker           text,
  speaker_entity_id bigint REFERENCES entities(id) ON DELETE SET NULL,
  start_offset      integer NOT NULL
);
CREATE INDEX quotes_article ON quotes (article_id);
CREATE INDEX quotes_speaker ON quotes (speaker_entity_id) WHERE speaker_entity_id IS NOT NULL;

CREATE TABLE events (
  id             bigserial PRIMARY KEY,
  article_id     bigint NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  event_date     date NOT NULL,
  precision      text NOT NULL CHECK (precision IN ('day', 'month', 'year')),
  text           text NOT NULL,
  sentence       text NOT NULL,
  start_offset   integer NOT NULL,
  -- the dated sentence's range, to tie an event to the entities mentioned in it
  sentence_start integer NOT NULL,
  sentence_end   integer NOT NULL
);
CREATE INDEX events_article ON events (article_id);
CREATE INDEX events_date ON events (event_date);

CREATE TABLE article_enrichment (
  article_id  bigint PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
  version     integer NOT NULL,
  -- the extractive summary: [{ text, sentenceIndex }]
  summary     jsonb NOT NULL DEFAULT '[]',
  -- why enrichment failed, when it did (the article keeps its other data)
  error       text,
  enriched_at timestamptz NOT NULL DEFAULT now()
);
