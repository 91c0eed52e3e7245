-- Raw telemetry events, one row per accepted event (events-v1 contract).
-- Envelope fields are columns; `data` keeps the event's data object verbatim (unknown fields included).
-- Typed fields that metrics read are MATERIALIZED from `data` once, at insert, by the engine.
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

    suggestion_id     String               MATERIALIZED JSONExtractString(data, 'suggestionId'),
    lines             Int64                MATERIALIZED JSONExtractInt(data, 'lines'),
    chars             Int64                MATERIALIZED JSONExtractInt(data, 'chars'),
    latency_ms        Nullable(Int64)      MATERIALIZED JSONExtract(data, 'latencyMs', 'Nullable(Int64)'),
    data_kind         LowCardinality(String) MATERIALIZED JSONExtractString(data, 'kind'),
    data_status       LowCardinality(String) MATERIALIZED JSONExtractString(data, 'status'),
    data_decision     LowCardinality(String) MATERIALIZED JSONExtractString(data, 'decision'),
    data_mode         LowCardinality(String) MATERIALIZED JSONExtractString(data, 'mode'),
    data_rating       LowCardinality(String) MATERIALIZED JSONExtractString(data, 'rating'),
    sha               String               MATERIALIZED JSONExtractString(data, 'sha'),
    is_merge          UInt8                MATERIALIZED JSONExtractBool(data, 'isMerge'),
    lines_added       Int64                MATERIALIZED JSONExtractInt(data, 'linesAdded'),
    lines_deleted     Int64                MATERIALIZED JSONExtractInt(data, 'linesDeleted'),
    ai_lines_added    Int64                MATERIALIZED JSONExtractInt(data, 'aiLinesAdded'),
    pr_number         Int64                MATERIALIZED JSONExtractInt(data, 'number'),
    ai_assisted       UInt8                MATERIALIZED JSONExtractBool(data, 'aiAssisted'),
    input_tokens      Int64                MATERIALIZED JSONExtractInt(data, 'inputTokens'),
    output_tokens     Int64                MATERIALIZED JSONExtractInt(data, 'outputTokens'),
    cost_usd          Float64              MATERIALIZED JSONExtractFloat(data, 'costUsd'),

    INDEX idx_id id TYPE bloom_filter(0.001) GRANULARITY 4
)
ENGINE = ReplacingMergeTree
PARTITION BY toYYYYMM(time)
ORDER BY (org_id, type, toDate(time), id)
SETTINGS non_replicated_deduplication_window = 1000;
