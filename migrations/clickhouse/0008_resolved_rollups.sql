-- Resolved daily rollups (libs/metrics/src/rollups, docs/rollups.md): the daily rollup's rows with people and
-- teams resolved through the directory (identities → person, the person's team on the day, repo owners) and
-- bots dropped, so a dashboard query reads them without any lookup. A resolution is derived from one build of
-- `events_daily_rollup` and one directory snapshot; it is read for a day only while both are still the
-- current ones, so an alias added or a team change never shows stale attributions (the day falls back to the
-- daily rollup, resolved at query time, until the refresher resolves it again).
CREATE TABLE IF NOT EXISTS events_daily_resolved
(
    org_id          LowCardinality(String),
    source          LowCardinality(String),
    day             Date,
    built_at        DateTime64(3, 'UTC'),
    type            LowCardinality(String),
    person_id       String,
    context_team    LowCardinality(String),
    member_team     LowCardinality(String),
    repo_team       LowCardinality(String),
    tool            LowCardinality(String),
    tool_version    LowCardinality(String),
    ide             LowCardinality(String),
    language        LowCardinality(String),
    model           LowCardinality(String),
    repo            String,
    data_decision   LowCardinality(String),
    data_status     LowCardinality(String),
    data_rating     LowCardinality(String),
    event_count     UInt64,
    lines           Int64,
    chars           Int64,
    input_tokens    Int64,
    output_tokens   Int64,
    cost_usd        Decimal128(9)
)
ENGINE = MergeTree
PARTITION BY toYYYYMM(day)
ORDER BY (org_id, source, day, built_at, type, person_id);

-- One row per (org, day) resolved: which rollup build and directory snapshot the day's resolved rows came from.
CREATE TABLE IF NOT EXISTS rollup_resolutions
(
    org_id          LowCardinality(String),
    day             Date,
    rollup_built_at DateTime64(3, 'UTC'),
    snapshot        UInt64,
    built_at        DateTime64(3, 'UTC')
)
ENGINE = MergeTree
ORDER BY (org_id, day, built_at);
