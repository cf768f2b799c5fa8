-- Figures say what they measure and every entity they are about ("tariffs of 25% on Japan and
-- South Korea"), and whether they are the old or the new value of a change the sentence tells.
ALTER TABLE figures ADD COLUMN measure text;
ALTER TABLE figures ADD COLUMN subject_keys text[] NOT NULL DEFAULT '{}';
ALTER TABLE figures ADD COLUMN change text CHECK (change IN ('from', 'to'));
