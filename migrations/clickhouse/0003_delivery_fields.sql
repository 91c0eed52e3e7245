-- Typed columns for the delivery, DORA and survey metrics (libs/metrics). Like 0001's typed columns they are
-- filled by the writer from the validated event (libs/clickhouse event-row.ts, typedEventColumns); metrics only
-- read columns. Rows written before this migration read as the defaults (NULL, '', 0, []).
--   created_at, first_commit_at, first_review_at, merge_commit_sha, labels: pull_request.* (created_at also
--     work_item.resolved.createdAt)
--   commits: pull_request.merged.commits and deployment.finished.commits (the SHAs shipped)
--   deployment_id: deployment.finished and incident.opened; environment (lower-cased), commit_sha, started_at,
--     pipeline: deployment.finished (pipeline also build.finished)
--   item_key, data_team, severity: work_item.* (data_team and severity also incident.opened)
--   incident_id: incident.*; question, score: survey.response
ALTER TABLE events
    ADD COLUMN IF NOT EXISTS created_at       Nullable(DateTime64(3, 'UTC')),
    ADD COLUMN IF NOT EXISTS first_commit_at  Nullable(DateTime64(3, 'UTC')),
    ADD COLUMN IF NOT EXISTS first_review_at  Nullable(DateTime64(3, 'UTC')),
    ADD COLUMN IF NOT EXISTS merge_commit_sha String,
    ADD COLUMN IF NOT EXISTS commits          Array(String),
    ADD COLUMN IF NOT EXISTS labels           Array(String),
    ADD COLUMN IF NOT EXISTS deployment_id    String,
    ADD COLUMN IF NOT EXISTS environment      LowCardinality(String),
    ADD COLUMN IF NOT EXISTS commit_sha       String,
    ADD COLUMN IF NOT EXISTS started_at       Nullable(DateTime64(3, 'UTC')),
    ADD COLUMN IF NOT EXISTS pipeline         String,
    ADD COLUMN IF NOT EXISTS item_key         String,
    ADD COLUMN IF NOT EXISTS data_team        LowCardinality(String),
    ADD COLUMN IF NOT EXISTS severity         LowCardinality(String),
    ADD COLUMN IF NOT EXISTS incident_id      String,
    ADD COLUMN IF NOT EXISTS question         LowCardinality(String),
    ADD COLUMN IF NOT EXISTS score            Float64;
