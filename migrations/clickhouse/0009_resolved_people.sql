-- People per day (libs/metrics/src/rollups, docs/rollups.md): each resolution of a day also stores its resolved
-- rows summed down to the person and their teams, which is all the distinct-people metrics read (active,
-- engaged and activated users, seat utilization by org, team and developer) — several times fewer rows than
-- the full resolved grain. Written with the resolution and read under the same rule (the day's current build,
-- the current directory snapshot).
CREATE TABLE IF NOT EXISTS events_daily_people
(
    org_id       LowCardinality(String),
    source       LowCardinality(String),
    day          Date,
    built_at     DateTime64(3, 'UTC'),
    person_id    String,
    context_team LowCardinality(String),
    member_team  LowCardinality(String),
    event_count  UInt64
)
ENGINE = MergeTree
PARTITION BY toYYYYMM(day)
ORDER BY (org_id, source, day, built_at, person_id);

-- Resolutions made before this table existed have no people rows: forget them, so every day is resolved again
-- (from the daily rollup, not from events) on the next refresh; until then those days are resolved at query time.
ALTER TABLE rollup_resolutions DELETE WHERE 1;
