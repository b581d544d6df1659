-- S20(3): 未按规定接受重点抽查、专项督查 — an inspection cancelled because the institution refused it
-- counts towards a notice proposal for twelve months from when it was cancelled.
ALTER TABLE inspections ADD COLUMN refused BIGINT NOT NULL DEFAULT 0;
ALTER TABLE inspections ADD COLUMN cancelled_at BIGINT;
