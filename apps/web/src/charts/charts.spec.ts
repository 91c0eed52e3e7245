import type { BarSeriesOption, CustomSeriesRenderItemAPI, CustomSeriesRenderItemParams, HeatmapSeriesOption, ScatterSeriesOption } from 'echarts';
import { describe, expect, it } from 'vitest';
import { categoryBarOption } from './category-bar';
import { cohortBarsOption, renderInterval } from './cohort-bars';
import { escapeHtml } from './common';
import { teamOfClick } from './drill-down';
import { heatmapOption } from './heatmap';
import { combineValues, kpiDirection, kpiTone } from './kpi';
import { scatterOption } from './scatter';
import { sortRows, tableModel } from './table';
import { TEST_FORMAT } from './test-format';

const asArray = <T>(value: T | T[] | undefined): T[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);
type Formatter = (params: unknown) => string;

describe('categoryBarOption', () => {
  it('draws one horizontal bar per group, first on top, each bar knowing its team', () => {
    const option = categoryBarOption(
      {
        stacked: false,
        categories: [
          { key: 'search', label: 'search', team: 'search' },
          { key: 'payments', label: 'payments', team: 'payments' },
        ],
        series: [{ key: 'adoption_rate', name: 'Adoption', unit: 'ratio', values: [0.8, null] }],
      },
      TEST_FORMAT,
    );
    expect(option.yAxis).toMatchObject({ type: 'category', inverse: true, data: ['search', 'payments'] });
    expect(option.xAxis).toMatchObject({ type: 'value', min: 0 });
    const [bars] = asArray(option.series) as BarSeriesOption[];
    expect(bars?.data).toEqual([
      { value: 0.8, team: 'search' },
      { value: null, team: 'payments' },
    ]);
    expect((bars?.label as { formatter: (params: { value: unknown }) => string }).formatter({ value: 0.8 })).toBe('0.8 ratio');
    expect(teamOfClick({ data: (bars?.data as unknown[])[1] })).toBe('payments');
  });
});

describe('heatmapOption', () => {
  it('places team × period cells, leaves missing cells out and scales ratios to 0–100 %', () => {
    const option = heatmapOption(
      {
        periods: ['2026-W27', '2026-W28'],
        rows: [
          { key: 'payments', label: 'payments', team: 'payments', values: [0.2, null] },
          { key: 'search', label: 'search', team: 'search', values: [0.5, 0.6] },
        ],
        unit: 'ratio',
      },
      TEST_FORMAT,
    );
    const [series] = asArray(option.series) as HeatmapSeriesOption[];
    expect(series?.data).toEqual([
      { value: [0, 0, 0.2], team: 'payments' },
      { value: [0, 1, 0.5], team: 'search' },
      { value: [1, 1, 0.6], team: 'search' },
    ]);
    expect(option.visualMap).toMatchObject({ min: 0, max: 1, text: ['1|ratio', '0|ratio'] });
    const tooltip = (option.tooltip as { formatter: Formatter }).formatter({ data: (series?.data as unknown[])[2] });
    expect(tooltip).toBe('search · &#60;2026-W28&#62;<br/><strong>0.6 ratio</strong>');
  });
});

describe('scatterOption', () => {
  const chart = {
    x: { label: 'AI code share', unit: 'ratio' },
    y: { label: 'Defect density', unit: 'defects/KLOC' },
    points: [
      { x: 0.1, y: 0.9, label: 'payments 2026-W27', team: 'payments' },
      { x: 0.5, y: 0.5, label: '<b>search</b> 2026-W27', team: 'search' },
    ],
    ols: { slope: -1, intercept: 1 },
    regressionLabel: 'Fitted line',
  };

  it('draws the points and the fitted line across the range of x', () => {
    const option = scatterOption(chart, TEST_FORMAT);
    const [points, fit] = asArray(option.series) as [ScatterSeriesOption, ScatterSeriesOption];
    expect(points.data).toEqual([
      { value: [0.1, 0.9], name: 'payments 2026-W27', team: 'payments' },
      { value: [0.5, 0.5], name: '<b>search</b> 2026-W27', team: 'search' },
    ]);
    expect(fit.data).toEqual([
      [0.1, 0.9],
      [0.5, 0.5],
    ]);
    const tooltip = (option.tooltip as { formatter: Formatter }).formatter({ data: (points.data as unknown[])[1] });
    expect(tooltip).toContain('&#60;b&#62;search&#60;/b&#62;');
    expect(tooltip).toContain('Defect density: 0.5 defects/KLOC');
  });

  it('draws no line without a fit or with a single point', () => {
    const option = scatterOption({ ...chart, ols: null }, TEST_FORMAT);
    expect((asArray(option.series)[1] as ScatterSeriesOption).data).toEqual([]);
    expect(option.legend).toMatchObject({ show: false });
  });
});

describe('cohortBarsOption', () => {
  const chart = {
    unit: 'hours',
    cohorts: [
      { key: 'none', label: 'No AI', n: 12, estimate: 30, ci: [25, 36] as [number, number] },
      { key: 'heavy', label: 'Heavy', n: 2, estimate: null, ci: null },
    ],
    nLabel: (n: number) => `n = ${n}`,
    intervalLabel: (lo: string, hi: string) => `${lo} to ${hi}`,
    noEstimateLabel: 'too few',
  };

  it('labels each cohort with its n and draws intervals only where there are any', () => {
    const option = cohortBarsOption(chart, TEST_FORMAT);
    expect(option.xAxis).toMatchObject({ data: ['No AI\nn = 12', 'Heavy\nn = 2'] });
    const [bars, intervals] = asArray(option.series) as [BarSeriesOption, { data: number[][] }];
    expect(bars.data).toEqual([30, null]);
    expect((bars.label as { formatter: (params: { value: unknown }) => string }).formatter({ value: 30 })).toBe('30|hours');
    expect(intervals.data).toEqual([[0, 25, 36]]);
    const formatter = (option.tooltip as { formatter: Formatter }).formatter;
    expect(formatter({ dataIndex: 0 })).toBe('No AI (n = 12)<br/><strong>30 hours</strong><br/>25 hours to 36 hours');
    expect(formatter({ dataIndex: 1 })).toBe('Heavy (n = 2)<br/><strong>too few</strong>');
  });

  it('draws an interval as a line with two caps', () => {
    const api = {
      value: (dimension: number) => [1, 20, 40][dimension] as number,
      coord: ([x, y]: number[]) => [(x ?? 0) * 100, 200 - (y ?? 0)],
      size: () => [50, 0],
    } as unknown as CustomSeriesRenderItemAPI;
    const shape = renderInterval({} as CustomSeriesRenderItemParams, api) as { type: string; children: { shape: Record<string, number> }[] };
    expect(shape.type).toBe('group');
    expect(shape.children.map((child) => child.shape)).toEqual([
      { x1: 100, y1: 160, x2: 100, y2: 180 },
      { x1: 94, y1: 160, x2: 106, y2: 160 },
      { x1: 94, y1: 180, x2: 106, y2: 180 },
    ]);
  });
});

describe('tables', () => {
  const groups = [
    { key: 'a', label: 'alpha', team: 'alpha' },
    { key: 'b', label: 'beta', team: 'beta' },
    { key: 'c', label: 'gamma', team: 'gamma' },
  ];
  const adoption = { column: { key: 'adoption_rate', label: 'Adoption', unit: 'ratio' }, values: new Map<string, number | null>([['a', 0.5], ['b', 0.2], ['c', null]]) };
  const users = { column: { key: 'active_users', label: 'Users', unit: 'people' }, values: new Map<string, number | null>([['a', 4], ['b', 9]]) };

  it('joins columns per group and sorts with missing values last in either order', () => {
    const ascending = tableModel([adoption, users], groups, { by: 0, order: 'asc' });
    expect(ascending.rows.map((row) => [row.label, ...row.values])).toEqual([
      ['beta', 0.2, 9],
      ['alpha', 0.5, 4],
      ['gamma', null, null],
    ]);
    expect(tableModel([adoption], groups, { by: 0, order: 'desc' }).rows.map((row) => row.label)).toEqual(['alpha', 'beta', 'gamma']);
  });

  it('sorts by group label and cuts to the limit', () => {
    const rows = tableModel([users], groups).rows;
    expect(sortRows(rows, { by: 'group', order: 'desc' }, 2).map((row) => row.label)).toEqual(['gamma', 'beta']);
  });
});

describe('KPI tiles', () => {
  it('says whether a change is good news for the metric', () => {
    expect(kpiTone(0.1, 'higher')).toBe('good');
    expect(kpiTone(0.1, 'lower')).toBe('bad');
    expect(kpiTone(-0.1, 'lower')).toBe('good');
    expect(kpiTone(0.1, 'neutral')).toBe('neutral');
    expect(kpiTone(null, 'higher')).toBe('neutral');
    expect(kpiDirection(-2)).toBe('down');
    expect(kpiDirection(0)).toBe('flat');
  });

  it('combines two metrics into a difference (dormant seats)', () => {
    expect(combineValues([40, 31], 'difference')).toBe(9);
    expect(combineValues([40, null], 'difference')).toBeNull();
    expect(combineValues([5, 14], 'difference')).toBe(0);
    expect(combineValues([40], undefined)).toBe(40);
  });
});

describe('drill-down and escaping', () => {
  it('finds the team of a clicked series or data item', () => {
    expect(teamOfClick({ seriesId: 'team:payments' })).toBe('payments');
    expect(teamOfClick({ seriesId: 'org', data: 3 })).toBeUndefined();
    expect(escapeHtml(`<img src=x onerror="a">&'`)).toBe('&#60;img src=x onerror=&#34;a&#34;&#62;&#38;&#39;');
  });
});
