import * as echarts from 'echarts';
import type { EChartsOption, SeriesOption } from 'echarts';
import { formatValue } from './report-format';
import type { ReportChart, ReportPhase, TrendSeries } from './report.types';

export const CHART_WIDTH = 760;
export const CHART_HEIGHT = 300;

const COLORS = ['#2563eb', '#16a34a', '#d97706', '#9333ea', '#dc2626'];
const PHASE_COLORS = ['rgba(37,99,235,0.08)', 'rgba(22,163,74,0.08)', 'rgba(217,119,6,0.08)', 'rgba(147,51,234,0.08)'];

/** Chart titles carry a marker ("Chart 1 of 4") so a reader (and a test) can find each chart in the text layer. */
export function chartTitle(chart: ReportChart, index: number, total: number): string {
  return `Chart ${index + 1} of ${total}: ${chart.title}`;
}

/** `2026-W27` for the week containing a date, on the same Monday-based ISO calendar as the metrics API. */
function isoWeekOf(date: string): string {
  const day = new Date(`${date}T00:00:00Z`);
  const weekday = (day.getUTCDay() + 6) % 7;
  const thursday = new Date(day.getTime() + (3 - weekday) * 86_400_000);
  const yearStart = Date.UTC(thursday.getUTCFullYear(), 0, 1);
  const week = Math.floor((thursday.getTime() - yearStart) / 86_400_000 / 7) + 1;
  return `${thursday.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

/** Phases on the week axis: each runs from its start week to the next phase's start (clipped to the range). */
export function phaseAreas(phases: readonly ReportPhase[], periods: readonly string[]): { label: string; start: string; end: string; startsInRange: boolean }[] {
  const first = periods[0];
  const last = periods.at(-1);
  if (first === undefined || last === undefined) return [];
  const areas: { label: string; start: string; end: string; startsInRange: boolean }[] = [];
  phases.forEach((phase, index) => {
    const start = isoWeekOf(phase.startDate);
    const next = phases[index + 1];
    const nextStart = next ? isoWeekOf(next.startDate) : undefined;
    if (start > last || (nextStart !== undefined && nextStart <= first)) return;
    areas.push({
      label: `${phase.name} (${Math.round(phase.targetShare * 100)}%)`,
      start: start < first ? first : start,
      end: nextStart !== undefined && nextStart <= last ? nextStart : last,
      startsInRange: start >= first,
    });
  });
  return areas;
}

function lineSeries(series: TrendSeries, index: number, axis: number, grid = 0): SeriesOption {
  return {
    type: 'line',
    name: series.name,
    xAxisIndex: grid,
    yAxisIndex: axis,
    data: series.points.map((point) => point.value),
    connectNulls: false,
    showSymbol: true,
    symbolSize: 4,
    lineStyle: { width: 2, color: COLORS[index % COLORS.length] },
    itemStyle: { color: COLORS[index % COLORS.length] },
    animation: false,
  };
}

const axisLabel = (series: TrendSeries) => ({
  fontSize: 9,
  formatter: (value: number) => (series.format === 'percent' ? `${Math.round(value * 100)}%` : formatValue(value, series.format === 'integer' ? 'integer' : 'decimal')),
});

/**
 * A report chart as an ECharts option: one or two series share a plot (second on the right axis); three or more
 * get a row each on a shared week axis. Rollout phases are shaded with their names and target shares.
 */
export function reportChartOption(chart: ReportChart, index: number, total: number): EChartsOption {
  const stacked = chart.series.length > 2;
  const base: EChartsOption = {
    animation: false,
    backgroundColor: '#ffffff',
    textStyle: { fontFamily: 'Helvetica' },
    title: { text: chartTitle(chart, index, total), left: 8, top: 4, textStyle: { fontSize: 13, fontWeight: 'bold', color: '#111827' } },
    legend: { top: 26, left: 8, textStyle: { fontSize: 10 }, data: chart.series.map((series) => series.name) },
    color: COLORS,
  };
  if (stacked) {
    const rows = chart.series.length;
    const top = 56;
    const rowHeight = (CHART_HEIGHT - top - 28) / rows;
    return {
      ...base,
      grid: chart.series.map((_series, row) => ({ left: 56, right: 24, top: top + row * rowHeight, height: rowHeight - 16 })),
      xAxis: chart.series.map((_series, row) => ({
        type: 'category' as const,
        gridIndex: row,
        data: chart.periods,
        axisLabel: { show: row === rows - 1, fontSize: 9 },
      })),
      yAxis: chart.series.map((series, row) => ({ type: 'value' as const, gridIndex: row, axisLabel: axisLabel(series), splitNumber: 2 })),
      series: chart.series.map((series, row) => ({ ...lineSeries(series, row, row, row) })),
    };
  }
  const areas = phaseAreas(chart.phases, chart.periods);
  const series = chart.series.map((entry, seriesIndex) => lineSeries(entry, seriesIndex, seriesIndex));
  if (areas.length > 0 && series[0]) {
    Object.assign(series[0], {
      markArea: {
        silent: true,
        label: { show: true, position: 'insideTopLeft', fontSize: 9, color: '#374151' },
        data: areas.map((area, areaIndex) => [
          { xAxis: area.start, name: area.label, itemStyle: { color: PHASE_COLORS[areaIndex % PHASE_COLORS.length] } },
          { xAxis: area.end },
        ]),
      },
      markLine: {
        silent: true,
        symbol: ['none', 'none'],
        label: { show: false },
        lineStyle: { color: '#6b7280', type: 'dashed', width: 1 },
        data: areas.filter((area) => area.startsInRange).map((area) => ({ xAxis: area.start })),
      },
    });
  }
  return {
    ...base,
    grid: { left: 56, right: chart.series.length > 1 ? 56 : 24, top: 56, bottom: 36 },
    xAxis: { type: 'category', data: chart.periods, axisLabel: { fontSize: 9 } },
    yAxis: chart.series.map((entry, axis) => ({
      type: 'value' as const,
      position: axis === 0 ? ('left' as const) : ('right' as const),
      axisLabel: axisLabel(entry),
      splitLine: { show: axis === 0 },
      ...(entry.format === 'percent' ? { min: 0, max: 1 } : {}),
    })),
    series,
  };
}

/** Renders a chart server-side to an SVG string (vector; no DOM, no canvas). */
export function renderChartSvg(chart: ReportChart, index: number, total: number): string {
  const instance = echarts.init(null, null, { renderer: 'svg', ssr: true, width: CHART_WIDTH, height: CHART_HEIGHT });
  try {
    instance.setOption(reportChartOption(chart, index, total));
    return instance.renderToSVGString();
  } finally {
    instance.dispose();
  }
}
