import type { BarSeriesOption, EChartsOption } from 'echarts';
import { AXIS_LABEL, SPLIT_LINE, baseOption, ratioAxisMax } from './common';
import { SERIES_COLORS } from './palette';
import type { ChartFormat } from './types';

export type Category = { key: string; label: string; team?: string };

export type CategoryBarChart = {
  stacked: boolean;
  /** Rows top to bottom. */
  categories: Category[];
  /** One value per category, in the same order. */
  series: { key: string; name: string; unit: string; values: (number | null)[] }[];
};

/**
 * Horizontal bars, one row per group (team, IDE, language …): long names stay readable, and the first
 * category is on top. Each bar carries its team so a click can open the team page.
 */
export function categoryBarOption(chart: CategoryBarChart, format: ChartFormat): EChartsOption {
  const unit = chart.series[0]?.unit ?? '';
  const series: BarSeriesOption[] = chart.series.map((entry, index) => ({
    id: entry.key,
    name: entry.name,
    type: 'bar',
    color: SERIES_COLORS[index % SERIES_COLORS.length],
    barMaxWidth: 22,
    ...(chart.stacked ? { stack: 'total' } : {}),
    label: {
      show: !chart.stacked,
      position: 'right',
      ...AXIS_LABEL,
      formatter: (params: { value?: unknown }) => format.value(typeof params.value === 'number' ? params.value : null, entry.unit),
    },
    tooltip: { valueFormatter: (value: unknown) => format.value(typeof value === 'number' ? value : null, entry.unit) },
    data: chart.categories.map((category, categoryIndex) => ({
      value: entry.values[categoryIndex] ?? null,
      ...(category.team === undefined ? {} : { team: category.team }),
    })),
  }));
  return {
    ...baseOption(),
    grid: { left: 8, right: chart.stacked ? 20 : 64, top: chart.series.length > 1 ? 32 : 8, bottom: 24, outerBoundsContain: 'axisLabel' },
    legend: { show: chart.series.length > 1, type: 'scroll', top: 0, left: 0, textStyle: AXIS_LABEL },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, confine: true },
    xAxis: {
      type: 'value',
      splitNumber: unit === 'ratio' ? 5 : 3,
      axisLabel: { ...AXIS_LABEL, hideOverlap: true, formatter: (value: number) => format.axis(value, unit) },
      splitLine: SPLIT_LINE,
      ...(unit === 'ratio' ? { min: 0, max: ratioAxisMax } : {}),
    },
    yAxis: {
      type: 'category',
      inverse: true,
      data: chart.categories.map((category) => category.label),
      axisLabel: { ...AXIS_LABEL, width: 120, overflow: 'truncate' },
      axisTick: { show: false },
    },
    series,
  };
}
