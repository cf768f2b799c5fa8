-- Story vectors carry the headline as a channel of their own ("t:" terms) since the clusterer
-- scores words, names and headlines separately: the separate headline vector is gone. Vectors
-- and stories stored before this change were weighed the old way: `dateline recluster` rebuilds them.
ALTER TABLE article_vectors DROP COLUMN IF EXISTS title_vector;
