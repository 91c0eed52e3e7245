-- Daily rollups of the assistant-usage sources (libs/metrics/src/rollups): one row per org, source, day in the
-- org's time zone and grain (event type, the actor's identities, team as sent, tool, tool version, IDE,
-- language, model, repo, decision, status, rating), with the deduplicated event count and sums. Metrics read
-- a day from here only when its latest build is newer than every write that touched the day
-- (`rollup_marks`); other days are aggregated from `events` in the same query, so results are always exact
-- and fresh. People and teams are still resolved at query time: the grain keeps the raw identities.
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
    cost_usd          Float64
)
ENGINE = ReplacingMergeTree(built_at)
PARTITION BY toYYYYMM(day)
ORDER BY (org_id, source, day, type, person_id, actor_email, actor_login, actor_external_id, context_team, tool,
          tool_version, ide, language, model, repo, data_decision, data_status, data_rating);

-- One row per (org, day, time zone) built: which build's rows are the day's current ones.
CREATE TABLE IF NOT EXISTS rollup_builds
(
    org_id    LowCardinality(String),
    day       Date,
    time_zone LowCardinality(String),
    built_at  DateTime64(3, 'UTC')
)
ENGINE = ReplacingMergeTree(built_at)
ORDER BY (org_id, time_zone, day);

-- Written after every insert into `events`: the org and the span of event times it touched. A day covered by
-- a mark newer than its build is read from `events` until the next build. Marks older than the TTL are long
-- since built (the refresher also re-marks, on start, everything received after its last build).
CREATE TABLE IF NOT EXISTS rollup_marks
(
    org_id     LowCardinality(String),
    first_time DateTime64(3, 'UTC'),
    last_time  DateTime64(3, 'UTC'),
    marked_at  DateTime64(3, 'UTC') DEFAULT now64(3)
)
ENGINE = MergeTree
ORDER BY (org_id, marked_at)
TTL toDateTime(marked_at) + INTERVAL 30 DAY;
