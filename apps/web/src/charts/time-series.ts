import type { EChartsOption, SeriesOption, XAXisComponentOption, YAXisComponentOption } from 'echarts';
import { AXIS_LABEL, SPLIT_LINE, baseOption, ratioAxisMax, valuesByPeriod } from './common';
import { PHASE_AREA_COLORS, PHASE_LINE_COLOR, REFERENCE_COLOR, SERIES_COLORS } from './palette';
import type { ChartFormat, ChartSeries, PhaseMark } from './types';

export type TimeSeriesKind = 'line' | 'area' | 'bar' | 'stacked-bar';

export type TimeSeriesChart = {
  kind: TimeSeriesKind;
  /** Every period of the range, in order. */
  periods: string[];
  series: ChartSeries[];
  phases?: PhaseMark[];
};

/** Up to this many units share one plot (left and right axis); more get one row each on a shared time axis. */
const MAX_UNITS_PER_GRID = 2;

type Row = { unit: string; series: ChartSeries[] };

function unitsInOrder(series: readonly ChartSeries[]): string[] {
  return [...new Set(series.map((entry) => entry.unit))];
}

/**
 * Phases as shaded areas with a dashed line where each one starts. Only the top row names them (inside its
 * area, horizontally), so stacked rows stay readable.
 */
function phaseDecorations(phases: readonly PhaseMark[], labelled: boolean): Pick<SeriesOption & { type: 'line' }, 'markLine' | 'markArea'> {
  return {
    markArea: {
      silent: true,
      label: { show: labelled, position: 'insideTopLeft', color: PHASE_LINE_COLOR, fontSize: 11, distance: 4 },
      data: phases.map((phase, index) => [
        { xAxis: phase.startPeriod, name: phase.label, itemStyle: { color: PHASE_AREA_COLORS[index % PHASE_AREA_COLORS.length] } },
        { xAxis: phase.endPeriod },
      ]),
    },
    markLine: {
      silent: true,
      symbol: ['none', 'none'],
      lineStyle: { color: PHASE_LINE_COLOR, type: 'dashed', width: 1 },
      label: { show: false },
      data: phases.filter((phase) => !phase.startsBeforeRange).map((phase) => ({ xAxis: phase.startPeriod, name: phase.label })),
    },
  };
}

/**
 * Lines, areas or bars over time. Series of one or two units share a plot (second unit on the right axis);
 * with more units each unit gets its own row, all rows on one time axis, so adoption, code output, throughput
 * and defect density can be read against the same rollout phases. Phases are drawn on every row.
 */
export function timeSeriesOption(chart: TimeSeriesChart, format: ChartFormat): EChartsOption {
  const units = unitsInOrder(chart.series);
  const split = units.length > MAX_UNITS_PER_GRID;
  const rows: Row[] = split ? units.map((unit) => ({ unit, series: chart.series.filter((entry) => entry.unit === unit) })) : [{ unit: units[0] ?? '', series: chart.series }];
  const showLegend = chart.series.length > 1;
  const top = showLegend ? 36 : 16;
  // One plot: pixel margins. Several rows: percentages, leaving room above each row for its axis name.
  const rowShare = 84 / rows.length;
  const grids =
    rows.length === 1
      ? [{ left: 56, right: units.length === 2 ? 56 : 20, top, bottom: 28 }]
      : rows.map((_row, index) => ({ left: 56, right: 20, top: `${(showLegend ? 9 : 5) + index * rowShare}%`, height: `${rowShare - 8}%` }));

  const xAxes: XAXisComponentOption[] = rows.map((_row, index) => ({
    type: 'category',
    gridIndex: index,
    data: chart.periods,
    boundaryGap: chart.kind === 'bar' || chart.kind === 'stacked-bar',
    axisLabel: { ...AXIS_LABEL, show: index === rows.length - 1, hideOverlap: true, formatter: (label: string) => format.period(label) },
    axisTick: { show: index === rows.length - 1 },
  }));

  const yAxes: YAXisComponentOption[] = [];
  const yAxisOfUnit = new Map<string, number>();
  rows.forEach((row, rowIndex) => {
    const rowUnits = split ? [row.unit] : units;
    rowUnits.forEach((unit, unitIndex) => {
      yAxisOfUnit.set(unit, yAxes.length);
      yAxes.push({
        type: 'value',
        gridIndex: rowIndex,
        position: unitIndex === 0 ? 'left' : 'right',
        name: split ? row.series.map((entry) => entry.name).join(' · ') : undefined,
        nameLocation: 'end',
        nameGap: 8,
        nameTextStyle: { ...AXIS_LABEL, align: 'left' },
        splitNumber: split ? 2 : unit === 'ratio' ? 5 : 4,
        axisLabel: { ...AXIS_LABEL, hideOverlap: true, formatter: (value: number) => format.axis(value, unit) },
        splitLine: unitIndex === 0 ? SPLIT_LINE : { show: false },
        ...(unit === 'ratio' ? { min: 0, max: ratioAxisMax } : {}),
      });
    });
  });

  let colorIndex = 0;
  const decorated = new Set<number>();
  const series: SeriesOption[] = chart.series.map((entry) => {
    const rowIndex = split ? units.indexOf(entry.unit) : 0;
    const color = entry.reference ? REFERENCE_COLOR : SERIES_COLORS[colorIndex++ % SERIES_COLORS.length];
    const phases = chart.phases && chart.phases.length > 0 && !decorated.has(rowIndex) ? phaseDecorations(chart.phases, rowIndex === 0) : {};
    decorated.add(rowIndex);
    const common = {
      id: entry.key,
      name: entry.name,
      xAxisIndex: rowIndex,
      yAxisIndex: yAxisOfUnit.get(entry.unit) ?? 0,
      data: valuesByPeriod(chart.periods, entry.points),
      color,
      tooltip: { valueFormatter: (value: unknown) => format.value(typeof value === 'number' ? value : null, entry.unit) },
      ...phases,
    };
    if (chart.kind === 'bar' || chart.kind === 'stacked-bar') {
      return { ...common, type: 'bar', ...(chart.kind === 'stacked-bar' ? { stack: entry.unit } : {}), barMaxWidth: 28 };
    }
    return {
      ...common,
      type: 'line',
      showSymbol: chart.periods.length <= 31,
      symbolSize: 5,
      connectNulls: false,
      lineStyle: { width: 2, ...(entry.reference ? { type: 'dashed' } : {}) },
      ...(chart.kind === 'area' ? { areaStyle: { opacity: 0.12 } } : {}),
    };
  });

  return {
    ...baseOption(),
    grid: grids,
    xAxis: xAxes,
    yAxis: yAxes,
    series,
    legend: { show: showLegend, type: 'scroll', top: 0, left: 0, textStyle: AXIS_LABEL },
    tooltip: { trigger: 'axis', confine: true },
    axisPointer: { link: [{ xAxisIndex: 'all' }] },
  };
}
