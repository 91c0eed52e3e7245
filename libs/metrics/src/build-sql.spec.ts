import { describe, expect, it } from 'vitest';
import { buildMetricSql } from './build-sql';
import { METRICS } from './catalog';
import { parseMetricQuery } from './parse-query';

const today = '2026-09-30';

describe('buildMetricSql', () => {
  it('passes request values only as typed parameters', () => {
    const hostile = "pay'ments) OR 1=1 --";
    const { sql, params } = buildMetricSql(
      parseMetricQuery('acceptance_rate', { team: hostile, repo: 'a/b', kind: 'inline', from: '2026-09-01' }, { today }),
    );
    expect(sql).not.toContain(hostile);
    expect(sql).not.toContain('a/b');
    expect(sql).toContain('team IN {f_team:Array(String)}');
    expect(sql).toContain('repo IN {f_repo:Array(String)}');
    expect(params).toEqual({ from: '2026-09-01', to: today, f_team: [hostile], f_repo: ['a/b'], kind: 'inline' });
  });

  it('scopes every metric to the org, the zone-aware range and non-bot actors, and deduplicates', () => {
    for (const metric of METRICS) {
      const { sql } = buildMetricSql(parseMetricQuery(metric.id, {}, { today }));
      expect(sql).toContain('org_id = {org:String}');
      expect(sql).toContain('time >= toDateTime64({from:Date}, 3, {tz:String})');
      expect(sql).toContain('time < toDateTime64({to:Date} + 1, 3, {tz:String})');
      expect(sql).toContain("NOT endsWith(actor_login, '[bot]')");
      expect(sql).toMatch(/LIMIT 1 BY /);
    }
  });

  it('buckets in the org time zone per granularity', () => {
    const periodOf = (granularity: string) =>
      buildMetricSql(parseMetricQuery('commits', { granularity, from: '2026-01-01' }, { today })).sql.split('\n')[1];
    expect(periodOf('day')).toBe('    toDate(time, {tz:String}) AS period_start,');
    expect(periodOf('week')).toBe('    toMonday(time, {tz:String}) AS period_start,');
    expect(periodOf('month')).toBe('    toStartOfMonth(time, {tz:String}) AS period_start,');
    expect(periodOf('quarter')).toBe('    toStartOfQuarter(time, {tz:String}) AS period_start,');
    expect(periodOf('total')).toBe('    {from:Date} AS period_start,');
  });
});
