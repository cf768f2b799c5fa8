-- Accounts: readers, moderators and admins; their browser sessions; API tokens for the apps
-- they read with; their comments on articles and stories; and the counters that rate-limit
-- logins, sign-ups and posting across every server process sharing this database.

CREATE TABLE users (
  id            bigserial PRIMARY KEY,
  -- as the user typed it; compared case-insensitively (the unique index below)
  username      text NOT NULL UNIQUE,
  -- scrypt: "scrypt$N$r$p$salt$hash" (base64url), so parameters can be raised later
  password_hash text NOT NULL,
  role          text NOT NULL DEFAULT 'reader' CHECK (role IN ('reader', 'moderator', 'admin')),
  disabled      boolean NOT NULL DEFAULT false,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now(),
  last_login_at timestamptz
);
CREATE UNIQUE INDEX users_username_lower ON users (lower(username));

-- A browser session. The cookie carries a random token; only its sha256 is stored, so a
-- leaked table does not hand out sessions. The CSRF token is per session (synchronizer token).
CREATE TABLE sessions (
  id           text PRIMARY KEY,
  user_id      bigint NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  csrf_token   text NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  expires_at   timestamptz NOT NULL,
  user_agent   text
);
CREATE INDEX sessions_user ON sessions (user_id);
CREATE INDEX sessions_expires ON sessions (expires_at);

-- Per-user tokens for programs (JSON API, Fever, Google Reader clients). As with sessions,
-- only a hash of the token is kept. `kind` says which API issued it.
CREATE TABLE api_tokens (
  id           bigserial PRIMARY KEY,
  user_id      bigint NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  kind         text NOT NULL DEFAULT 'api',
  name         text NOT NULL DEFAULT '',
  token_hash   text NOT NULL UNIQUE,
  created_at   timestamptz NOT NULL DEFAULT now(),
  last_used_at timestamptz,
  expires_at   timestamptz,
  revoked_at   timestamptz
);
CREATE INDEX api_tokens_user ON api_tokens (user_id);

-- Comments on an article or a story (exactly one of the two), threaded by parent_id.
-- story_id has no foreign key: stories come from another migration (003) that may land later.
-- A deleted comment keeps its row (deleted_at set, body emptied) so its replies keep their place.
CREATE TABLE comments (
  id             bigserial PRIMARY KEY,
  user_id        bigint NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  article_id     bigint REFERENCES articles(id) ON DELETE CASCADE,
  story_id       bigint,
  parent_id      bigint REFERENCES comments(id) ON DELETE CASCADE,
  body           text NOT NULL,
  hidden         boolean NOT NULL DEFAULT false,
  hidden_by      bigint REFERENCES users(id) ON DELETE SET NULL,
  hidden_at      timestamptz,
  reported_count integer NOT NULL DEFAULT 0,
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now(),
  deleted_at     timestamptz,
  CHECK ((article_id IS NULL) <> (story_id IS NULL))
);
CREATE INDEX comments_article ON comments (article_id, created_at) WHERE article_id IS NOT NULL;
CREATE INDEX comments_story ON comments (story_id, created_at) WHERE story_id IS NOT NULL;
CREATE INDEX comments_reported ON comments (reported_count DESC, created_at) WHERE reported_count > 0;

-- One report per reader per comment: reported_count counts distinct reporters.
CREATE TABLE comment_reports (
  comment_id  bigint NOT NULL REFERENCES comments(id) ON DELETE CASCADE,
  user_id     bigint NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  reason      text NOT NULL DEFAULT '',
  created_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (comment_id, user_id)
);

-- Fixed-window counters for rate limits (login, sign-up, posting), keyed by what is limited
-- ("login:ip:203.0.113.9"). In the database so that several server processes share them.
CREATE TABLE rate_limits (
  key          text NOT NULL,
  window_start timestamptz NOT NULL,
  hits         integer NOT NULL DEFAULT 0,
  PRIMARY KEY (key, window_start)
);
CREATE INDEX rate_limits_window ON rate_limits (window_start);
