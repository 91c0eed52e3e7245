-- Events the collector rejected, kept for inspection (GET /api/v1/admin/rejected-events).
-- `payload` is the event exactly as received; `errors` is a JSON array of { path, message, value }.
CREATE TABLE IF NOT EXISTS rejected_events
(
    org_id       LowCardinality(String),
    received_at  DateTime64(3, 'UTC'),
    request_id   UUID,
    event_index  UInt32,
    event_id     String,
    event_type   String,
    payload      String,
    errors       String
)
ENGINE = MergeTree
PARTITION BY toYYYYMM(received_at)
ORDER BY (org_id, received_at, request_id, event_index)
TTL toDateTime(received_at) + INTERVAL 180 DAY
SETTINGS non_replicated_deduplication_window = 1000;
