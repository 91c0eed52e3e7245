import type { LineSeriesOption, XAXisComponentOption, YAXisComponentOption } from 'echarts';
import { describe, expect, it } from 'vitest';
import { phaseMarks } from './annotations';
import { TEST_FORMAT } from './test-format';
import { timeSeriesOption } from './time-series';
import type { ChartSeries } from './types';

const periods = ['2026-W27', '2026-W28', '2026-W29', '2026-W30'];
const series = (key: string, unit: string, values: (number | null)[], extra: Partial<ChartSeries> = {}): ChartSeries => ({
  key,
  name: key,
  unit,
  points: values.map((value, index) => ({ period: periods[index] ?? '', value })),
  ...extra,
});

type AnyRecord = Record<string, unknown>;
const asArray = <T>(value: T | T[] | undefined): T[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

describe('timeSeriesOption', () => {
  it('draws one line per series on the period axis, nulls as gaps', () => {
    const option = timeSeriesOption({ kind: 'line', periods, series: [series('adoption', 'ratio', [0.1, null, 0.3, 0.4])] }, TEST_FORMAT);
    const [line] = asArray(option.series) as LineSeriesOption[];
    expect(line).toMatchObject({ type: 'line', id: 'adoption', data: [0.1, null, 0.3, 0.4], connectNulls: false });
    const [xAxis] = asArray(option.xAxis) as (XAXisComponentOption & { data: string[]; axisLabel: { formatter: (label: string) => string } })[];
    expect(xAxis?.data).toEqual(periods);
    expect(xAxis?.axisLabel.formatter('2026-W27')).toBe('<2026-W27>');
    const [yAxis] = asArray(option.yAxis) as (YAXisComponentOption & { axisLabel: { formatter: (value: number) => string } })[];
    expect(yAxis).toMatchObject({ min: 0 });
    expect(yAxis?.axisLabel.formatter(0.5)).toBe('0.5|ratio');
    expect((line?.tooltip as { valueFormatter: (value: unknown) => string }).valueFormatter(0.3)).toBe('0.3 ratio');
    expect(option.legend).toMatchObject({ show: false });
  });

  it('fills periods a series lacks with null and aligns by period, not position', () => {
    const sparse: ChartSeries = { key: 's', name: 's', unit: 'people', points: [{ period: '2026-W29', value: 4 }] };
    const option = timeSeriesOption({ kind: 'bar', periods, series: [sparse] }, TEST_FORMAT);
    expect((asArray(option.series)[0] as AnyRecord)['data']).toEqual([null, null, 4, null]);
  });

  it('puts a second unit on the right axis and stacks stacked bars per unit', () => {
    const option = timeSeriesOption(
      { kind: 'stacked-bar', periods, series: [series('a', 'people', [1, 2, 3, 4]), series('b', 'people', [1, 1, 1, 1]), series('c', 'ratio', [0.1, 0.2, 0.3, 0.4])] },
      TEST_FORMAT,
    );
    const yAxes = asArray(option.yAxis) as YAXisComponentOption[];
    expect(yAxes.map((axis) => axis.position)).toEqual(['left', 'right']);
    expect((asArray(option.series) as AnyRecord[]).map((entry) => [entry['stack'], entry['yAxisIndex']])).toEqual([
      ['people', 0],
      ['people', 0],
      ['ratio', 1],
    ]);
    expect(option.legend).toMatchObject({ show: true });
  });

  it('gives each unit its own row on a shared time axis when there are more than two', () => {
    const option = timeSeriesOption(
      {
        kind: 'line',
        periods,
        series: [series('adoption', 'ratio', [0.1, 0.2, 0.3, 0.4]), series('lines', 'lines', [10, 20, 30, 40]), series('items', 'items', [1, 2, 3, 4]), series('density', 'defects/KLOC', [0.5, 0.4, 0.3, 0.2])],
      },
      TEST_FORMAT,
    );
    expect(asArray(option.grid)).toHaveLength(4);
    const xAxes = asArray(option.xAxis) as (XAXisComponentOption & { axisLabel: { show: boolean } })[];
    expect(xAxes.map((axis) => axis.axisLabel.show)).toEqual([false, false, false, true]);
    expect((asArray(option.yAxis) as YAXisComponentOption[]).map((axis) => [axis.gridIndex, axis.name])).toEqual([
      [0, 'adoption'],
      [1, 'lines'],
      [2, 'items'],
      [3, 'density'],
    ]);
    expect((asArray(option.series) as AnyRecord[]).map((entry) => entry['xAxisIndex'])).toEqual([0, 1, 2, 3]);
    expect(option.axisPointer).toEqual({ link: [{ xAxisIndex: 'all' }] });
  });

  it('draws the org as a muted dashed reference line and keeps team ids for drill-down', () => {
    const option = timeSeriesOption(
      { kind: 'line', periods, series: [series('team:payments', 'ratio', [0.1, 0.2, 0.3, 0.4], { team: 'payments' }), series('org', 'ratio', [0.2, 0.2, 0.2, 0.2], { reference: true })] },
      TEST_FORMAT,
    );
    const [team, org] = asArray(option.series) as LineSeriesOption[];
    expect(team?.id).toBe('team:payments');
    expect(org?.lineStyle).toMatchObject({ type: 'dashed' });
    expect(org?.color).not.toBe(team?.color);
  });

  it('draws rollout phases on every row: areas for each phase, lines where a phase starts in the range', () => {
    const phases = phaseMarks(
      [
        { name: 'Pilot', startDate: '2026-06-01', targetShare: 0.1 },
        { name: 'Promotion', startDate: '2026-07-08', targetShare: 0.5 },
      ],
      periods,
      'week',
      (phase) => `${phase.name} ${phase.targetShare}`,
    );
    expect(phases).toEqual([
      { label: 'Pilot 0.1', startPeriod: '2026-W27', endPeriod: '2026-W28', startsBeforeRange: true },
      { label: 'Promotion 0.5', startPeriod: '2026-W28', endPeriod: '2026-W30', startsBeforeRange: false },
    ]);
    const option = timeSeriesOption(
      { kind: 'line', periods, phases, series: [series('a', 'ratio', [1, 2, 3, 4]), series('b', 'ratio', [1, 2, 3, 4]), series('c', 'lines', [1, 2, 3, 4]), series('d', 'items', [1, 2, 3, 4])] },
      TEST_FORMAT,
    );
    const all = asArray(option.series) as LineSeriesOption[];
    expect(all.map((entry) => entry.markLine !== undefined)).toEqual([true, false, true, true]);
    expect(all[0]?.markLine?.data).toEqual([{ xAxis: '2026-W28', name: 'Promotion 0.5' }]);
    expect(all[0]?.markArea?.data).toHaveLength(2);
    expect((all[0]?.markArea?.data as AnyRecord[][])[1]?.[0]).toMatchObject({ xAxis: '2026-W28', name: 'Promotion 0.5' });
    // Only the top row names the phases.
    expect(all.map((entry) => (entry.markArea?.label as { show?: boolean } | undefined)?.show)).toEqual([true, undefined, false, false]);
  });
});

describe('phaseMarks', () => {
  const label = (phase: { name: string }) => phase.name;
  it('leaves out phases outside the range', () => {
    const marks = phaseMarks(
      [
        { name: 'Old', startDate: '2026-01-01', targetShare: 0.1 },
        { name: 'Current', startDate: '2026-02-01', targetShare: 0.5 },
        { name: 'Future', startDate: '2026-12-01', targetShare: 0.8 },
      ],
      periods,
      'week',
      label,
    );
    expect(marks).toEqual([{ label: 'Current', startPeriod: '2026-W27', endPeriod: '2026-W30', startsBeforeRange: true }]);
    expect(phaseMarks([{ name: 'x', startDate: '2026-07-01', targetShare: 1 }], [], 'week', label)).toEqual([]);
  });
});
