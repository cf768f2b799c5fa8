-- Issue 22, parts 3-5: webhooks and their owed deliveries, email in (newsletter inboxes) and out
-- (digest settings), a per-site secret for signed links, and per-source metadata for the
-- coverage comparison.

-- A reader's (or an admin's) webhook. `events` is a subset of story.new, story.sources,
-- watch.match; `min_sources` is the N of story.sources; `watch_id` limits watch.match to one
-- saved search (NULL: every saved search of the owner).
CREATE TABLE webhooks (
  id                   bigserial PRIMARY KEY,
  user_id              bigint NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  name                 text NOT NULL,
  url                  text NOT NULL,
  secret               text NOT NULL,
  events               text[] NOT NULL,
  min_sources          integer NOT NULL DEFAULT 3 CHECK (min_sources BETWEEN 2 AND 1000),
  watch_id             bigint REFERENCES watches(id) ON DELETE CASCADE,
  enabled              boolean NOT NULL DEFAULT true,
  -- failed attempts in a row, across deliveries; reset by any success
  consecutive_failures integer NOT NULL DEFAULT 0,
  disabled_reason      text,
  created_at           timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX webhooks_user ON webhooks (user_id);

-- A delivery owed to a webhook. The unique subject makes an event owed once per webhook however
-- often the step that found it runs; a sender claims due rows with FOR UPDATE SKIP LOCKED and
-- holds them until `claimed_until`, so a crashed sender's rows come due again and none goes out
-- twice while claimed.
CREATE TABLE webhook_deliveries (
  id              bigserial PRIMARY KEY,
  webhook_id      bigint NOT NULL REFERENCES webhooks(id) ON DELETE CASCADE,
  event           text NOT NULL,
  subject         text NOT NULL,
  payload         jsonb NOT NULL,
  status          text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'failed')),
  attempts        integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  claimed_until   timestamptz,
  last_status     integer,
  last_error      text,
  created_at      timestamptz NOT NULL DEFAULT now(),
  delivered_at    timestamptz,
  UNIQUE (webhook_id, event, subject)
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE status = 'pending';
CREATE INDEX webhook_deliveries_log ON webhook_deliveries (webhook_id, id DESC);

-- Secrets the site makes for itself (the key that signs unsubscribe links), created on first use.
CREATE TABLE site_secrets (
  name       text PRIMARY KEY,
  value      text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- A reader's newsletter address: <local_part>@<DATELINE_EMAIL_DOMAIN>. The local part is random,
-- so the address cannot be guessed from the user name.
CREATE TABLE email_inboxes (
  user_id    bigint PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
  local_part text NOT NULL UNIQUE,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- Each newsletter message taken in: which reader it was for, who sent it, the article it became.
CREATE TABLE newsletter_messages (
  id          bigserial PRIMARY KEY,
  user_id     bigint NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  article_id  bigint REFERENCES articles(id) ON DELETE SET NULL,
  sender      text NOT NULL,
  message_id  text,
  subject     text NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX newsletter_messages_user ON newsletter_messages (user_id, id DESC);

-- A reader's digest: how often, to which address, and when the next one is owed. A sender
-- claims due rows with FOR UPDATE SKIP LOCKED, like webhook deliveries.
CREATE TABLE digest_settings (
  user_id         bigint PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
  email           text NOT NULL,
  frequency       text NOT NULL DEFAULT 'off' CHECK (frequency IN ('off', 'daily', 'weekly')),
  next_due_at     timestamptz,
  claimed_until   timestamptz,
  last_sent_at    timestamptz,
  last_error      text,
  updated_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX digest_settings_due ON digest_settings (next_due_at) WHERE frequency <> 'off';

-- What is known about a publisher for the coverage comparison. Empty by default: every value
-- is set by an admin (or imported from their CSV), never guessed.
CREATE TABLE source_metadata (
  source_id  bigint PRIMARY KEY REFERENCES sources(id) ON DELETE CASCADE,
  country    text,
  language   text,
  owner      text,
  lean       text CHECK (lean IN ('left', 'centre', 'right')),
  updated_at timestamptz NOT NULL DEFAULT now()
);
