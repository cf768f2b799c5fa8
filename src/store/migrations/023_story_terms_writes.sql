-- The story step's index writes (issue 21). Every story save upserts its ~30 story_terms rows, and
-- none can be a HOT update (weight and last_seen_at sit in story_terms_term_seen, INCLUDE columns
-- included), so each rewritten row enters every index of the table. Three indexes were two too
-- many: the primary key on (term, story_id) served only the upsert's conflict check, and
-- story_terms_story (story_id) the deletes by story. One primary key on (story_id, term) serves
-- both (the conflict check, and a story's rows as its leading column), so a rewritten row enters
-- two indexes instead of three. The candidate lookup reads story_terms_term_seen as before.
ALTER TABLE story_terms DROP CONSTRAINT story_terms_pkey;
ALTER TABLE story_terms ADD CONSTRAINT story_terms_pkey PRIMARY KEY (story_id, term);
DROP INDEX IF EXISTS story_terms_story;
