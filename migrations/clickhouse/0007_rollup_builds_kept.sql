-- A ReplacingMergeTree could merge a day's rows of an older build into the newer build's before a query that had
-- chosen the older build read them, losing the day for that query. Each build's rows are now kept as written
-- (plain MergeTree, ordered by build); the refresher deletes a day's older builds once a newer one has been
-- current for long enough that no query can still be reading them. Rollups are derived data: the table starts
-- empty and every build is forgotten, so each day reads `events` until it is built again.
DROP TABLE IF EXISTS events_daily_rollup;

CREATE TABLE IF NOT EXISTS events_daily_rollup
(
    org_id            LowCardinality(String),
    source            LowCardinality(String),
    day               Date,
    built_at          DateTime64(3, 'UTC'),
    type              LowCardinality(String),
    actor_email       String,
    actor_login       String,
    actor_external_id String,
    person_id         String,
    context_team      LowCardinality(String),
    tool              LowCardinality(String),
    tool_version      LowCardinality(String),
    ide               LowCardinality(String),
    language          LowCardinality(String),
    model             LowCardinality(String),
    repo              String,
    data_decision     LowCardinality(String),
    data_status       LowCardinality(String),
    data_rating       LowCardinality(String),
    event_count       UInt64,
    lines             Int64,
    chars             Int64,
    input_tokens      Int64,
    output_tokens     Int64,
    cost_usd          Decimal128(9)
)
ENGINE = MergeTree
PARTITION BY toYYYYMM(day)
ORDER BY (org_id, source, day, built_at, type, person_id);

ALTER TABLE rollup_builds DELETE WHERE 1;
