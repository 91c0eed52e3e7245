import type { EChartsOption } from 'echarts';
import { AXIS_LABEL, baseOption, escapeHtml } from './common';
import { HEATMAP_COLORS } from './palette';
import type { ChartFormat } from './types';

export type HeatmapChart = {
  periods: string[];
  /** Top to bottom: one row per group (team × week). */
  rows: { key: string; label: string; team?: string; values: (number | null)[] }[];
  unit: string;
};

type HeatmapCell = { value: [number, number, number]; team?: string };

/** Group × period cells coloured by value; empty cells stay blank (no data is not zero). */
export function heatmapOption(chart: HeatmapChart, format: ChartFormat): EChartsOption {
  const cells: HeatmapCell[] = [];
  chart.rows.forEach((row, rowIndex) => {
    row.values.forEach((value, periodIndex) => {
      if (value === null) return;
      cells.push({ value: [periodIndex, rowIndex, value], ...(row.team === undefined ? {} : { team: row.team }) });
    });
  });
  const values = cells.map((cell) => cell.value[2]);
  const max = chart.unit === 'ratio' ? 1 : Math.max(1, ...values);
  return {
    ...baseOption(),
    grid: { left: 8, right: 16, top: 8, bottom: 56, outerBoundsContain: 'axisLabel' },
    tooltip: {
      confine: true,
      formatter: (params: unknown) => {
        const cell = (params as { data?: HeatmapCell }).data;
        if (!cell) return '';
        const [periodIndex, rowIndex, value] = cell.value;
        const row = chart.rows[rowIndex]?.label ?? '';
        const period = format.period(chart.periods[periodIndex] ?? '');
        return `${escapeHtml(row)} · ${escapeHtml(period)}<br/><strong>${escapeHtml(format.value(value, chart.unit))}</strong>`;
      },
    },
    xAxis: {
      type: 'category',
      data: chart.periods,
      splitArea: { show: false },
      axisLabel: { ...AXIS_LABEL, hideOverlap: true, formatter: (label: string) => format.period(label) },
    },
    yAxis: {
      type: 'category',
      inverse: true,
      data: chart.rows.map((row) => row.label),
      axisLabel: { ...AXIS_LABEL, width: 110, overflow: 'truncate' },
      axisTick: { show: false },
    },
    visualMap: {
      type: 'continuous',
      min: 0,
      max,
      orient: 'horizontal',
      left: 'center',
      bottom: 0,
      itemHeight: 120,
      itemWidth: 10,
      calculable: false,
      inRange: { color: HEATMAP_COLORS },
      textStyle: AXIS_LABEL,
      text: [format.axis(max, chart.unit), format.axis(0, chart.unit)],
    },
    series: [{ type: 'heatmap', data: cells, emphasis: { itemStyle: { borderColor: '#1f2430', borderWidth: 1 } }, itemStyle: { borderColor: '#fff', borderWidth: 1 } }],
  };
}
