-- Foundation: publishers, the pages articles came from, articles, the related links a page
-- listed, and the log of imports.

CREATE TABLE sources (
  id           bigserial PRIMARY KEY,
  name         text NOT NULL,
  -- lower-cased name, the key two spellings of one publisher share
  name_key     text NOT NULL UNIQUE,
  domain       text,
  homepage_url text,
  created_at   timestamptz NOT NULL DEFAULT now()
);

-- A page as it was read: a saved dump, a saved HTML page, a fetched URL.
CREATE TABLE pages (
  id           bigserial PRIMARY KEY,
  location     text NOT NULL,
  kind         text NOT NULL CHECK (kind IN ('dump', 'html')),
  -- sha256 of the page's bytes: the same page read twice is one row
  content_hash text NOT NULL UNIQUE,
  byte_size    integer NOT NULL,
  charset      text,
  read_at      timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE articles (
  id             bigserial PRIMARY KEY,
  source_id      bigint REFERENCES sources(id),
  page_id        bigint REFERENCES pages(id),
  url            text,
  canonical_url  text UNIQUE,
  -- sha256 of the normalised title and body: the same article from two pages is one row
  content_hash   text NOT NULL UNIQUE,
  title          text NOT NULL,
  byline         text,
  published_at   timestamptz,
  time_basis     text NOT NULL DEFAULT 'unknown',
  published_text text,
  language       text,
  text           text NOT NULL,
  html           text,
  excerpt        text,
  image_url      text,
  role           text NOT NULL DEFAULT 'main' CHECK (role IN ('main', 'related')),
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX articles_published_at ON articles (published_at DESC NULLS LAST, id DESC);
CREATE INDEX articles_source ON articles (source_id, published_at DESC);
-- one publisher's article seen on several pages without a URL (a dump's teaser, the full page)
CREATE INDEX articles_source_title ON articles (source_id, lower(title));

-- The related links an article's page listed, in the page's order.
CREATE TABLE article_links (
  article_id         bigint NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  position           integer NOT NULL,
  title              text NOT NULL,
  source_name        text,
  url                text,
  related_article_id bigint REFERENCES articles(id) ON DELETE SET NULL,
  PRIMARY KEY (article_id, position)
);

CREATE TABLE imports (
  id          bigserial PRIMARY KEY,
  started_at  timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz,
  imported    integer NOT NULL DEFAULT 0,
  present     integer NOT NULL DEFAULT 0,
  failed      integer NOT NULL DEFAULT 0
);

CREATE TABLE import_items (
  import_id     bigint NOT NULL REFERENCES imports(id) ON DELETE CASCADE,
  location      text NOT NULL,
  status        text NOT NULL CHECK (status IN ('imported', 'present', 'failed')),
  message       text,
  article_count integer NOT NULL DEFAULT 0,
  created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX import_items_import ON import_items (import_id);
