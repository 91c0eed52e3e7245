import { describe, expect, it } from 'vitest';
import { parseMetricQuery } from './parse-query';
import { toMetricResponse } from './run-metric';
import { settingsParameters } from './settings';

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

  it('gives a split metric one series per kind (every kind, in catalog order), with the group key too', () => {
    const ungrouped = parseMetricQuery('request_mix', { from: '2026-07-01', to: '2026-07-31', granularity: 'month' }, { today });
    expect(toMetricResponse(ungrouped, [{ period_start: '2026-07-01', series_value: 'chat', value: 0.25, numerator: 1, denominator: 4 }]).series).toEqual([
      { group: { kind: 'completion' }, points: [{ period: '2026-07', value: null, numerator: 0, denominator: 0 }] },
      { group: { kind: 'chat' }, points: [{ period: '2026-07', value: 0.25, numerator: 1, denominator: 4 }] },
      { group: { kind: 'agent' }, points: [{ period: '2026-07', value: null, numerator: 0, denominator: 0 }] },
    ]);
    const grouped = parseMetricQuery('request_mix', { from: '2026-07-01', to: '2026-07-31', granularity: 'total', groupBy: 'team' }, { today });
    const response = toMetricResponse(grouped, [
      { period_start: '2026-07-01', group_value: 'search', series_value: 'agent', value: 1, numerator: 2, denominator: 2 },
    ]);
    expect(response.series.map((series) => series.group)).toEqual([
      { team: 'search', kind: 'completion' },
      { team: 'search', kind: 'chat' },
      { team: 'search', kind: 'agent' },
    ]);
    expect(toMetricResponse(grouped, []).series).toEqual([]);
  });
});

describe('settingsParameters', () => {
  it('fills the defaults and normalises the AI labels', () => {
    expect(settingsParameters()).toEqual({ tz: 'UTC', coding_time_share: 0.32, ai_pr_labels: ['ai-assisted', 'claude-code-assisted', 'copilot'] });
    expect(settingsParameters({ timeZone: 'Asia/Shanghai', codingTimeShare: 0.5, aiPrLabels: [' AI ', 'ai', ''] })).toEqual({
      tz: 'Asia/Shanghai',
      coding_time_share: 0.5,
      ai_pr_labels: ['ai'],
    });
  });

  it('names the setting that is not usable', () => {
    expect(() => settingsParameters({ timeZone: 'Mars/Olympus' })).toThrow(expect.objectContaining({ parameter: 'timeZone' }));
    expect(() => settingsParameters({ codingTimeShare: 1.5 })).toThrow(expect.objectContaining({ parameter: 'codingTimeShare' }));
    expect(() => settingsParameters({ codingTimeShare: Number.NaN })).toThrow(expect.objectContaining({ code: 'INVALID_PARAMETER' }));
  });
});
