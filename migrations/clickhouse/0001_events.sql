-- Raw telemetry events, one row per accepted event (events-v1 contract).
-- Envelope fields are columns; `data` keeps the event's data object verbatim (unknown fields included).
-- The typed fields that metrics read are filled by the writer from the validated event (libs/clickhouse
-- event-row.ts) rather than MATERIALIZED by JSONExtract: extracting 19 fields from `data` in the engine
-- cost more than the rest of the insert together (measured on chDB 26.7).
-- ReplacingMergeTree collapses a re-sent event id at merge time; metrics never rely on merges:
-- every metric deduplicates at query time (see libs/metrics), so a duplicate never counts twice.
CREATE TABLE IF NOT EXISTS events
(
    org_id            LowCardinality(String),
    id                UUID,
    type              LowCardinality(String),
    time              DateTime64(3, 'UTC'),
    received_at       DateTime64(3, 'UTC'),
    actor_email       String,
    actor_login       String,
    actor_external_id String,
    person_id         String,
    context_team      LowCardinality(String),
    tool              LowCardinality(String),
    tool_version      LowCardinality(String),
    ide               LowCardinality(String),
    ide_version       LowCardinality(String),
    repo              String,
    language          LowCardinality(String),
    branch            String,
    model             LowCardinality(String),
    data              String,

    suggestion_id     String,
    lines             Int64,
    chars             Int64,
    latency_ms        Nullable(Int64),
    data_kind         LowCardinality(String),
    data_status       LowCardinality(String),
    data_decision     LowCardinality(String),
    data_mode         LowCardinality(String),
    data_rating       LowCardinality(String),
    sha               String,
    is_merge          UInt8,
    lines_added       Int64,
    lines_deleted     Int64,
    ai_lines_added    Int64,
    pr_number         Int64,
    ai_assisted       UInt8,
    input_tokens      Int64,
    output_tokens     Int64,
    cost_usd          Float64,

    INDEX idx_id id TYPE bloom_filter(0.001) GRANULARITY 4
)
ENGINE = ReplacingMergeTree
PARTITION BY toYYYYMM(time)
ORDER BY (org_id, type, toDate(time), id)
SETTINGS non_replicated_deduplication_window = 1000;
