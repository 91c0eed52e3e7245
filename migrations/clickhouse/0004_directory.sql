-- The directory as the metrics see it: a copy of the metadata store's people, identities, memberships,
-- seats and repo owners, rewritten whole for an org whenever its directory changes. Each copy carries a
-- `snapshot` id; `directory_snapshots` names the current one, so a reader never sees half a copy and
-- an alias added or a team change re-attributes all history at once (resolution happens at query time).
CREATE TABLE IF NOT EXISTS directory_snapshots
(
    org_id    LowCardinality(String),
    snapshot  UInt64,
    synced_at DateTime64(3, 'UTC')
)
ENGINE = ReplacingMergeTree(snapshot)
ORDER BY org_id;

CREATE TABLE IF NOT EXISTS directory_identities
(
    org_id    LowCardinality(String),
    snapshot  UInt64,
    kind      LowCardinality(String),
    value     String,
    person_id String
)
ENGINE = MergeTree
ORDER BY (org_id, snapshot, kind, value);

CREATE TABLE IF NOT EXISTS directory_people
(
    org_id     LowCardinality(String),
    snapshot   UInt64,
    person_id  String,
    name       String,
    is_bot     UInt8
)
ENGINE = MergeTree
ORDER BY (org_id, snapshot, person_id);

CREATE TABLE IF NOT EXISTS directory_memberships
(
    org_id     LowCardinality(String),
    snapshot   UInt64,
    person_id  String,
    team       String,
    department String,
    start_date Date,
    end_date   Date
)
ENGINE = MergeTree
ORDER BY (org_id, snapshot, person_id, start_date);

CREATE TABLE IF NOT EXISTS directory_seats
(
    org_id     LowCardinality(String),
    snapshot   UInt64,
    person_id  String,
    tool       LowCardinality(String),
    start_date Date,
    end_date   Date
)
ENGINE = MergeTree
ORDER BY (org_id, snapshot, person_id, tool, start_date);

CREATE TABLE IF NOT EXISTS directory_repos
(
    org_id     LowCardinality(String),
    snapshot   UInt64,
    repo       String,
    team       String,
    department String
)
ENGINE = MergeTree
ORDER BY (org_id, snapshot, repo);

CREATE TABLE IF NOT EXISTS directory_teams
(
    org_id     LowCardinality(String),
    snapshot   UInt64,
    team       String,
    department String
)
ENGINE = MergeTree
ORDER BY (org_id, snapshot, team);
