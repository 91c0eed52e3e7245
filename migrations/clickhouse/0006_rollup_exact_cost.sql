-- Costs add up as decimals (exact, the same in whatever order rows are summed): the rollup's cost column becomes
-- Decimal128(9) like the metric's sum. Rollups are derived data: every build is forgotten, so each day reads
-- `events` until the refresher (which re-marks everything on its next start) has built it again.
ALTER TABLE events_daily_rollup MODIFY COLUMN cost_usd Decimal128(9);

ALTER TABLE rollup_builds DELETE WHERE 1;
