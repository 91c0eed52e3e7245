import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { localTableName, renderStatement } from './cluster';
import { CLICKHOUSE_MIGRATIONS_DIR, loadMigrations, splitStatements } from './migrations';

const EVENTS_LIKE = `CREATE TABLE IF NOT EXISTS events
(
    org_id LowCardinality(String),
    id     UUID
)
ENGINE = ReplacingMergeTree
PARTITION BY toYYYYMM(time)
ORDER BY (org_id, id)
SETTINGS non_replicated_deduplication_window = 1000`;

describe('renderStatement', () => {
  it('leaves statements alone without a cluster', () => {
    expect(renderStatement(EVENTS_LIKE, {})).toEqual([EVENTS_LIKE]);
    expect(localTableName('events', {})).toBe('events');
  });

  it('renders a replicated local table and a Distributed table sharded by org', () => {
    const [local, distributed] = renderStatement(EVENTS_LIKE, { cluster: 'uplift' });
    expect(local).toBe(`CREATE TABLE IF NOT EXISTS events_local ON CLUSTER 'uplift'
(
    org_id LowCardinality(String),
    id     UUID
)
ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/{database}/events_local', '{replica}')
PARTITION BY toYYYYMM(time)
ORDER BY (org_id, id)
SETTINGS non_replicated_deduplication_window = 1000`);
    expect(distributed).toBe(
      "CREATE TABLE IF NOT EXISTS events ON CLUSTER 'uplift' AS events_local\nENGINE = Distributed('uplift', currentDatabase(), events_local, cityHash64(org_id))",
    );
    expect(localTableName('events', { cluster: 'uplift' })).toBe('events_local');
  });

  it('keeps engine arguments after the replication path', () => {
    const [local] = renderStatement('CREATE TABLE IF NOT EXISTS snapshots\n(\n  org_id String, snapshot UInt64\n)\nENGINE = ReplacingMergeTree(snapshot)\nORDER BY org_id', {
      cluster: 'c1',
    });
    expect(local).toContain("ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/{database}/snapshots_local', '{replica}', snapshot)");
  });

  it('alters local and Distributed tables for column changes, only local tables for mutations', () => {
    expect(renderStatement('ALTER TABLE events ADD COLUMN IF NOT EXISTS score Float64', { cluster: 'c1' })).toEqual([
      "ALTER TABLE events_local ON CLUSTER 'c1' ADD COLUMN IF NOT EXISTS score Float64",
      "ALTER TABLE events ON CLUSTER 'c1' ADD COLUMN IF NOT EXISTS score Float64",
    ]);
    expect(renderStatement('ALTER TABLE events DELETE WHERE org_id = 1', { cluster: 'c1' })).toEqual([
      "ALTER TABLE events_local ON CLUSTER 'c1' DELETE WHERE org_id = 1",
    ]);
  });

  it('drops the Distributed table, then the local one, on every node', () => {
    expect(renderStatement('DROP TABLE IF EXISTS events_daily_rollup', { cluster: 'c' })).toEqual([
      "DROP TABLE IF EXISTS events_daily_rollup ON CLUSTER 'c' SYNC",
      "DROP TABLE IF EXISTS events_daily_rollup_local ON CLUSTER 'c' SYNC",
    ]);
  });

  it('renders every statement of the repository migrations for a cluster', () => {
    for (const migration of loadMigrations(CLICKHOUSE_MIGRATIONS_DIR)) {
      for (const statement of splitStatements(migration.sql)) {
        const rendered = renderStatement(statement, { cluster: 'uplift' });
        for (const sql of rendered) expect(sql, migration.file).toMatch(/ON CLUSTER 'uplift'/);
        if (/^CREATE TABLE/.test(statement)) {
          expect(rendered[0], migration.file).toMatch(/ENGINE = Replicated\w*MergeTree\('\/clickhouse\/tables\/\{shard\}\/\{database\}\/\w+_local', '\{replica\}'/);
          expect(rendered[1], migration.file).toMatch(/ENGINE = Distributed\('uplift', currentDatabase\(\), \w+_local, cityHash64\(org_id\)\)$/);
        }
      }
    }
    expect(readFileSync(path.join(CLICKHOUSE_MIGRATIONS_DIR, '0001_events.sql'), 'utf8')).toContain('CREATE TABLE IF NOT EXISTS events');
  });
});
