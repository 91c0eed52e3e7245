import { describe, expect, it } from 'vitest';
import { MetricQueryError } from './errors';
import { parseMetricQuery, type RawMetricQuery } from './parse-query';

const today = '2026-09-30';

function errorOf(metricId: string, query: RawMetricQuery): MetricQueryError {
  try {
    parseMetricQuery(metricId, query, { today });
  } catch (error) {
    if (error instanceof MetricQueryError) return error;
    throw error;
  }
  throw new Error('expected a MetricQueryError');
}

describe('parseMetricQuery defaults', () => {
  it('covers the 90 days ending today by week, ungrouped, with the metric defaults', () => {
    expect(parseMetricQuery('acceptance_rate', {}, { today })).toEqual({
      metric: 'acceptance_rate',
      from: '2026-07-03', // 2026-09-30 − 89 days
      to: '2026-09-30',
      granularity: 'week',
      groupBy: null,
      filters: {},
      params: { basis: 'count' },
    });
  });

  it('derives from from an explicit to and ignores undefined values', () => {
    const query = parseMetricQuery('commits', { to: '2026-03-31', from: undefined }, { today });
    expect(query.from).toBe('2026-01-01');
    expect(query.to).toBe('2026-03-31');
  });

  it('reads repeated and comma-separated filters, trimmed and without duplicates', () => {
    const query = parseMetricQuery(
      'active_users',
      { team: ['payments, search', 'payments'], language: 'go', groupBy: 'developer', granularity: 'day', from: '2026-09-01' },
      { today },
    );
    expect(query.filters).toEqual({ team: ['payments', 'search'], language: ['go'] });
    expect(query.groupBy).toBe('developer');
    expect(query.granularity).toBe('day');
  });

  it('keeps metric parameters', () => {
    expect(parseMetricQuery('acceptance_rate', { basis: 'lines', kind: 'next_edit' }, { today }).params).toEqual({
      basis: 'lines',
      kind: 'next_edit',
    });
    expect(parseMetricQuery('completion_latency', { stat: 'p95' }, { today }).params).toEqual({ stat: 'p95' });
  });

  it('accepts exactly 1500 periods', () => {
    expect(parseMetricQuery('commits', { from: '2022-01-01', to: '2026-02-08', granularity: 'day' }, { today }).from).toBe(
      '2022-01-01',
    ); // 2022-01-01 … 2026-02-08 is 1500 days
  });
});

describe('parseMetricQuery errors name the parameter', () => {
  it.each<[string, RawMetricQuery, string, unknown, string]>([
    ['acceptance_rate', { colour: 'red' }, 'colour', 'red', 'unknown parameter "colour"'],
    ['commits', { basis: 'lines' }, 'basis', 'lines', 'parameter "basis" is not accepted by metric "commits"'],
    ['commits', { granularity: 'hour' }, 'granularity', 'hour', 'granularity must be one of day, week, month, quarter, total (got "hour")'],
    ['commits', { granularity: ['day', 'week'] }, 'granularity', ['day', 'week'], 'granularity must be given once (got "day", "week")'],
    ['commits', { from: '2026-02-30' }, 'from', '2026-02-30', 'from must be a date YYYY-MM-DD (got "2026-02-30")'],
    ['commits', { to: 'today' }, 'to', 'today', 'to must be a date YYYY-MM-DD (got "today")'],
    ['commits', { from: '2026-10-01', to: '2026-09-01' }, 'from', '2026-10-01', 'from (2026-10-01) must not be after to (2026-09-01)'],
    ['commits', { from: '2022-01-01', to: '2026-02-09', granularity: 'day' }, 'granularity', 'day', 'granularity day gives more than 1500 periods from 2022-01-01 to 2026-02-09; use a coarser granularity or a shorter range'],
    ['commits', { groupBy: 'colour' }, 'groupBy', 'colour', 'groupBy must be one of team, developer, repo, language, tool (got "colour")'],
    ['commits', { groupBy: 'model' }, 'groupBy', 'model', 'groupBy must be one of team, developer, repo, language, tool (got "model")'],
    ['commits', { ide: 'vscode' }, 'ide', 'vscode', 'metric "commits" cannot be filtered by ide'],
    ['active_users', { team: ' , ' }, 'team', ' , ', 'team must name at least one value (got " , ")'],
    ['acceptance_rate', { basis: 'words' }, 'basis', 'words', 'basis must be one of count, lines, chars (got "words")'],
    ['acceptance_rate', { kind: 'block' }, 'kind', 'block', 'kind must be one of inline, next_edit (got "block")'],
    ['completion_latency', { stat: 'p99' }, 'stat', 'p99', 'stat must be one of p50, p95 (got "p99")'],
  ])('%s %j', (metricId, query, parameter, value, message) => {
    const error = errorOf(metricId, query);
    expect(error.code).toBe('INVALID_PARAMETER');
    expect(error.parameter).toBe(parameter);
    expect(error.value).toEqual(value);
    expect(error.message).toBe(message);
  });

  it('rejects an unknown metric', () => {
    const error = errorOf('happiness', {});
    expect(error).toMatchObject({ code: 'UNKNOWN_METRIC', parameter: 'metric', value: 'happiness' });
    expect(error.message).toBe('unknown metric "happiness"');
  });
});
