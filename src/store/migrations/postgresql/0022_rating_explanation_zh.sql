-- A star rating's explanation in Chinese beside the English one: officials read the console in
-- Chinese. Ratings stored before it have '' and show the English until the next rating run.
ALTER TABLE institution_ratings ADD COLUMN explanation_zh TEXT NOT NULL DEFAULT '';
