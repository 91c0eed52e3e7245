import { describe, expect, it } from 'vitest';
import { EVENT_COLUMNS } from '@uplift/clickhouse';
import { buildDemoCompany } from './demo-company';
import { DERIVED_PLAN_SQL, MONTHLY_EVENT_FAMILIES, PERIOD_EVENT_FAMILIES, dropOrgPartitionSql } from './demo-events.queries';
import { monthChunks, queryParameters } from './demo-seed';

const FAMILIES = [...MONTHLY_EVENT_FAMILIES, ...PERIOD_EVENT_FAMILIES];

describe('demo event SQL', () => {
  it('reads only parameters the seed passes (values never sit in the SQL text)', () => {
    const company = buildDemoCompany({ seed: 1, developers: 12, teams: 2, months: 2, orgSlug: 'demo', timeZone: 'UTC', endDate: '2026-11-21' });
    const passed = new Set([...Object.keys(queryParameters(company, 'org', new Date())), 'from', 'to']);
    const used = new Set<string>();
    for (const sql of [...DERIVED_PLAN_SQL.map((plan) => plan.sql), ...FAMILIES.map((family) => family.sql)]) {
      for (const match of sql.matchAll(/\{(\w+):[^}]+\}/g)) used.add(match[1]!);
    }
    for (const name of used) expect(passed, name).toContain(name);
    expect([...used].sort()).toEqual([...passed].sort());
  });

  it('inserts into events columns that exist, with org, id, type, time and data in every family', () => {
    for (const family of FAMILIES) {
      const columns = /^INSERT INTO (?:events|seed_demo_events) \(([^)]+)\)/.exec(family.sql)![1]!.split(', ');
      for (const column of columns) expect(EVENT_COLUMNS as readonly string[], `${family.label}: ${column}`).toContain(column);
      for (const column of ['org_id', 'id', 'type', 'time', 'received_at', 'person_id', 'tool', 'data']) expect(columns).toContain(column);
      expect(family.sql).toContain("WHERE time <= {now:DateTime64(3, 'UTC')}");
      expect(family.sql).not.toMatch(/\brand\w*\(/);
    }
  });

  it('writes completions straight to events and stages the smaller families for one flush', () => {
    expect(MONTHLY_EVENT_FAMILIES.map((family) => family.sql.slice(0, 19))).toEqual(['INSERT INTO events ']);
    for (const family of PERIOD_EVENT_FAMILIES) expect(family.sql.startsWith('INSERT INTO seed_demo_events (')).toBe(true);
  });

  it('drops only partitions named by their YYYYMM id', () => {
    expect(dropOrgPartitionSql('202611')).toBe("ALTER TABLE events DROP PARTITION ID '202611'");
    expect(() => dropOrgPartitionSql("2026'; DROP TABLE events")).toThrow('unexpected partition id');
  });
});

describe('monthChunks', () => {
  it('cuts the period into calendar months, the first and last partial', () => {
    expect(monthChunks('2026-08-22', '2026-11-21')).toEqual([
      { from: '2026-08-22', to: '2026-08-31' },
      { from: '2026-09-01', to: '2026-09-30' },
      { from: '2026-10-01', to: '2026-10-31' },
      { from: '2026-11-01', to: '2026-11-21' },
    ]);
    expect(monthChunks('2026-02-01', '2026-02-28')).toEqual([{ from: '2026-02-01', to: '2026-02-28' }]);
  });
});
