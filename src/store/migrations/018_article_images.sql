-- Lead images: one row per main article, owed from the moment the article is stored (the trigger
-- below writes it in the article's own transaction, so no ingest path has to remember it). An
-- image fetcher (serve's background hook, `dateline images fetch`) claims pending rows with
-- FOR UPDATE SKIP LOCKED under a lease, fetches the page's og:image or first figure through the
-- address guard, and keeps only a small thumbnail here: the reader never hot-links a publisher.
CREATE TABLE article_images (
  article_id      bigint PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
  status          text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'stored', 'none', 'failed')),
  source_url      text,
  content_type    text,
  width           integer,
  height          integer,
  thumbnail       bytea,
  -- a hash of the thumbnail's bytes: the route's ETag
  digest          text,
  attempts        integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  claimed_until   timestamptz,
  last_error      text,
  created_at      timestamptz NOT NULL DEFAULT now(),
  fetched_at      timestamptz
);
CREATE INDEX article_images_due ON article_images (next_attempt_at) WHERE status = 'pending';

CREATE FUNCTION owe_article_image() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.role = 'main' THEN
    INSERT INTO article_images (article_id) VALUES (NEW.id)
    ON CONFLICT (article_id) DO UPDATE SET status = 'pending', attempts = 0, next_attempt_at = now(), last_error = NULL
      WHERE article_images.status IN ('none', 'failed') AND TG_OP = 'UPDATE';
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER articles_owe_image AFTER INSERT ON articles FOR EACH ROW EXECUTE FUNCTION owe_article_image();
-- A page seen again may bring the image the first sighting lacked (or the article becomes a main one).
CREATE TRIGGER articles_owe_image_again AFTER UPDATE OF image_url, html, role ON articles FOR EACH ROW
  WHEN (OLD.image_url IS DISTINCT FROM NEW.image_url OR OLD.html IS DISTINCT FROM NEW.html OR OLD.role IS DISTINCT FROM NEW.role)
  EXECUTE FUNCTION owe_article_image();

-- Articles stored before this migration are owed too.
INSERT INTO article_images (article_id) SELECT id FROM articles WHERE role = 'main' ON CONFLICT DO NOTHING;
