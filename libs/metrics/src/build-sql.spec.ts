import { describe, expect, it } from 'vitest';
import { buildMetricSql } from './build-sql';
import { METRICS } from './catalog';
import { MIXED_TEAM_EXPRESSION, TEAM_EXPRESSION, WORK_ITEM_TEAM_EXPRESSION } from './conventions';
import { parseMetricQuery } from './parse-query';
import { rollupObstacle, toRollupExpression } from './rollups/rollup-sql';

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
      const { sql } = buildMetricSql(parseMetricQuery(metric.id, {}, { today }), { rollups: false });
      expect(sql).toContain('org_id = {org:String}');
      // a cumulative count reads history from its beginning, every other metric from `from`
      const cumulative = metric.kind === 'count' && metric.cumulative === true;
      expect(sql.includes('time >= toDateTime64({from:Date}, 3, {tz:String})'), metric.id).toBe(!cumulative);
      expect(sql).toContain('time < toDateTime64({to:Date} + 1, 3, {tz:String})');
      expect(sql).toContain("NOT endsWith(actor_login, '[bot]')");
      expect(sql).toMatch(/LIMIT 1 BY /);
      // from the rollups: the same range in days, no bots, each day's events deduplicated
      const served = buildMetricSql(parseMetricQuery(metric.id, {}, { today })).sql;
      if (!served.includes('events_daily_rollup')) continue;
      expect(served.includes('day >= {from:Date}'), metric.id).toBe(!cumulative);
      expect(served).toContain('day <= {to:Date}');
      expect(served).toContain("NOT endsWith(actor_login, '[bot]')");
      expect(served).toMatch(/LIMIT 1 BY day, /);
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

  it('counts a cumulative metric in its bucket and every later one, the periods passed as a typed parameter', () => {
    const { sql, params } = buildMetricSql(
      parseMetricQuery('activated_users', { from: '2026-07-01', to: '2026-07-20', granularity: 'week' }, { today }),
    );
    expect(sql).toContain(
      'arrayJoin(arrayFilter(period -> period >= toMonday(time, {tz:String}), {periods:Array(Date)})) AS period_start',
    );
    expect(params['periods']).toEqual(['2026-06-29', '2026-07-06', '2026-07-13', '2026-07-20']);
  });

  it('splits request_mix into one row per kind over a shared denominator', () => {
    const { sql } = buildMetricSql(parseMetricQuery('request_mix', { groupBy: 'team' }, { today }));
    expect(sql).toContain("['completion', 'chat', 'agent'] AS series_value");
    expect(sql).toContain('[numerator_0, numerator_1, numerator_2] AS numerator');
    expect(sql).toContain("sumIf(event_count, type = 'chat.turn') AS numerator_1");
    // from events only, each row counts once
    const raw = buildMetricSql(parseMetricQuery('request_mix', { groupBy: 'team' }, { today }), { rollups: false }).sql;
    expect(raw).toContain("countIf(type = 'chat.turn') AS numerator_1");
    expect(raw).not.toContain('events_daily_rollup');
  });

  it('serves additive metrics of rolled-up sources from the daily rollup, others from events', () => {
    const sqlOf = (metricId: string, raw: Record<string, string> = {}) => buildMetricSql(parseMetricQuery(metricId, raw, { today })).sql;
    expect(sqlOf('acceptance_rate')).toContain("source = 'completions'");
    expect(sqlOf('acceptance_rate')).toContain('sumIf(event_count, ');
    expect(sqlOf('acceptance_rate', { basis: 'lines' })).toContain("sumIf(lines, type = 'completion.accepted') AS numerator");
    // quantiles do not add up over days; the kind parameter looks suggestions up in events
    expect(sqlOf('completion_latency')).not.toContain('events_daily_rollup');
    expect(sqlOf('acceptance_rate', { kind: 'inline' })).not.toContain('events_daily_rollup');
    expect(sqlOf('commits')).not.toContain('events_daily_rollup');
  });

  it('groups work items and incidents by their own team, other events by TEAM_EXPRESSION', () => {
    const teamColumn = (metricId: string) =>
      buildMetricSql(parseMetricQuery(metricId, { groupBy: 'team' }, { today })).sql.split('\n').find((line) => line.endsWith(' AS team'));
    expect(teamColumn('defects')?.trim()).toBe(`${WORK_ITEM_TEAM_EXPRESSION} AS team`);
    expect(teamColumn('recovery_time')?.trim()).toBe(`${WORK_ITEM_TEAM_EXPRESSION} AS team`);
    expect(teamColumn('deployments')?.trim()).toBe(`${TEAM_EXPRESSION} AS team`);
    expect(teamColumn('defect_density')?.trim()).toBe(`${MIXED_TEAM_EXPRESSION} AS team`);
  });

  it('reads org settings only as typed run-time parameters', () => {
    const labels = buildMetricSql(parseMetricQuery('ai_assisted_pr_share', {}, { today })).sql;
    expect(labels).toContain('{ai_pr_labels:Array(String)}');
    expect(labels).not.toContain('claude-code-assisted');
    expect(buildMetricSql(parseMetricQuery('estimated_efficiency_gain', {}, { today })).sql).toContain(
      '{coding_time_share:Float64} * sum(least(ai_lines_added, lines_added))',
    );
  });

  it('never extracts from the raw data column at query time', () => {
    for (const metric of METRICS) {
      const { sql } = buildMetricSql(parseMetricQuery(metric.id, {}, { today }));
      expect(sql, metric.id).not.toMatch(/JSONExtract|\bdata\b/);
    }
  });
});

describe('rollupObstacle', () => {
  it('accepts additive aggregates and ignores subqueries, refuses the rest', () => {
    expect(rollupObstacle("uniqExactIf(person_id, person_id != '')")).toBeNull();
    expect(rollupObstacle('length(arrayIntersect(groupUniqArrayIf(person_id, a), groupUniqArrayIf(person_id, b)))')).toBeNull();
    expect(rollupObstacle('count() / (SELECT quantileExact(0.5)(x) FROM t)')).toBeNull();
    expect(rollupObstacle('quantileExact(0.95)(latency_ms)')).toBe('quantileExact is not additive over days');
    expect(rollupObstacle('avg(lines)')).toBe('avg is not additive over days');
    expect(rollupObstacle('uniq(person_id)')).toBe('uniq is not additive over days');
    expect(rollupObstacle('sumMap(a, b)')).toBe('sumMap is not one of the additive aggregates');
    expect(toRollupExpression("countIf(type = 'x') / count()")).toBe("sumIf(event_count, type = 'x') / sum(event_count)");
  });
});
