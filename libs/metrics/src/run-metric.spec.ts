import { describe, expect, it } from 'vitest';
import { parseMetricQuery } from './parse-query';
import { toMetricResponse } from './run-metric';

const today = '2026-09-30';

describe('toMetricResponse', () => {
  it('fills every period of an ungrouped count with 0, even without rows', () => {
    const query = parseMetricQuery('commits', { from: '2026-07-01', to: '2026-07-20' }, { today });
    expect(toMetricResponse(query, [])).toEqual({
      metric: 'commits',
      unit: 'commits',
      from: '2026-07-01',
      to: '2026-07-20',
      granularity: 'week',
      series: [
        {
          group: {},
          points: [
            { period: '2026-W27', value: 0 },
            { period: '2026-W28', value: 0 },
            { period: '2026-W29', value: 0 },
            { period: '2026-W30', value: 0 },
          ],
        },
      ],
    });
  });

  it('fills ratios with null and zero parts, sorts groups, converts numbers', () => {
    const query = parseMetricQuery(
      'acceptance_rate',
      { from: '2026-07-01', to: '2026-09-30', granularity: 'month', groupBy: 'team' },
      { today },
    );
    const response = toMetricResponse(query, [
      { period_start: '2026-08-01', group_value: 'search', value: null, numerator: '0', denominator: '0' },
      { period_start: '2026-07-01', group_value: 'payments', value: 0.25, numerator: 1, denominator: 4 },
    ]);
    expect(response.series).toEqual([
      {
        group: { team: 'payments' },
        points: [
          { period: '2026-07', value: 0.25, numerator: 1, denominator: 4 },
          { period: '2026-08', value: null, numerator: 0, denominator: 0 },
          { period: '2026-09', value: null, numerator: 0, denominator: 0 },
        ],
      },
      {
        group: { team: 'search' },
        points: [
          { period: '2026-07', value: null, numerator: 0, denominator: 0 },
          { period: '2026-08', value: null, numerator: 0, denominator: 0 },
          { period: '2026-09', value: null, numerator: 0, denominator: 0 },
        ],
      },
    ]);
  });

  it('returns no series for an empty grouped result and null for an empty statistic', () => {
    const grouped = parseMetricQuery('commits', { groupBy: 'team', granularity: 'total' }, { today });
    expect(toMetricResponse(grouped, []).series).toEqual([]);
    const latency = parseMetricQuery('completion_latency', { granularity: 'total' }, { today });
    expect(toMetricResponse(latency, []).series).toEqual([{ group: {}, points: [{ period: 'total', value: null }] }]);
  });
});
