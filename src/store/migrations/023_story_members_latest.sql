-- The story step's candidates' members (src/store/stories.ts membersJson: a story's latest originals,
-- copies left out, by article time then id) were found by reading every member of the story, its
-- article row (time, copy or not) and its vector row, then sorting: at 20k stored pages 147 member
-- rows for a lookup's 12 candidates, 178 at 40k, growing with story size. Each member's time and
-- whether it is an original now sit on its story_articles row, kept equal to its article's by the
-- triggers below (whoever writes: the story step, a recluster, an article's later published_at, a
-- copy handed over), and an index gives a story's originals latest first: the latest few are read.
ALTER TABLE story_articles ADD COLUMN at timestamptz, ADD COLUMN original boolean;

UPDATE story_articles sa SET at = COALESCE(a.published_at, a.created_at), original = a.duplicate_of IS NULL
  FROM articles a WHERE a.id = sa.article_id;

-- A member written (or moved to another article): its article's time and copy state.
CREATE FUNCTION story_member_article_state() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  SELECT COALESCE(a.published_at, a.created_at), a.duplicate_of IS NULL INTO NEW.at, NEW.original
    FROM articles a WHERE a.id = NEW.article_id;
  RETURN NEW;
END $$;
CREATE TRIGGER story_articles_article_state BEFORE INSERT OR UPDATE OF article_id ON story_articles
  FOR EACH ROW EXECUTE FUNCTION story_member_article_state();

-- An article's time or copy state changed: its membership row follows.
CREATE FUNCTION article_state_to_story_member() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE story_articles SET at = COALESCE(NEW.published_at, NEW.created_at), original = NEW.duplicate_of IS NULL
   WHERE article_id = NEW.id;
  RETURN NULL;
END $$;
CREATE TRIGGER articles_state_to_story_member AFTER UPDATE OF published_at, created_at, duplicate_of ON articles
  FOR EACH ROW
  WHEN (COALESCE(OLD.published_at, OLD.created_at) IS DISTINCT FROM COALESCE(NEW.published_at, NEW.created_at)
        OR (OLD.duplicate_of IS NULL) IS DISTINCT FROM (NEW.duplicate_of IS NULL))
  EXECUTE FUNCTION article_state_to_story_member();

CREATE INDEX story_articles_latest ON story_articles (story_id, at DESC, article_id DESC) WHERE original;
