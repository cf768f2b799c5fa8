-- Each reader's own subscriptions for the reader apps (Google Reader API, Fever). The feeds table
-- stays the server's: every feed is fetched once, whoever follows it. A reader follows every feed
-- an admin added (the CLI, OPML, the admin's apps) unless they unsubscribed (subscribed = false),
-- plus the feeds they subscribed to themselves; a feed a reader brought in (private_to) is shown
-- only to the readers who subscribed to it. Title and folder are this reader's names for the feed;
-- NULL means the feed's own, and an empty folder means none.
CREATE TABLE reader_subscriptions (
  user_id    bigint NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  feed_id    bigint NOT NULL REFERENCES feeds(id) ON DELETE CASCADE,
  subscribed boolean NOT NULL,
  title      text,
  folder     text,
  PRIMARY KEY (user_id, feed_id)
);
CREATE INDEX reader_subscriptions_feed ON reader_subscriptions (feed_id);
ALTER TABLE feeds ADD COLUMN private_to_readers boolean NOT NULL DEFAULT false;
