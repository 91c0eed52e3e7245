import type { CustomSeriesRenderItemAPI, CustomSeriesRenderItemParams, CustomSeriesRenderItemReturn, EChartsOption } from 'echarts';
import { AXIS_LABEL, SPLIT_LINE, baseOption, escapeHtml, ratioAxisMax } from './common';
import { SERIES_COLORS, TEXT_COLOR } from './palette';
import type { ChartFormat } from './types';

export type Cohort = { key: string; label: string; n: number; estimate: number | null; ci: [number, number] | null };

export type CohortChart = {
  unit: string;
  cohorts: Cohort[];
  /** "n = 12" in the current language. */
  nLabel: (n: number) => string;
  /** "95 % interval 3.1 h to 4.0 h" in the current language. */
  intervalLabel: (lo: string, hi: string) => string;
  noEstimateLabel: string;
};

/** Draws one interval as an I-beam: the vertical line and two caps. */
export function renderInterval(_params: CustomSeriesRenderItemParams, api: CustomSeriesRenderItemAPI): CustomSeriesRenderItemReturn {
  const index = api.value(0);
  const low = api.coord([index, api.value(1)]);
  const high = api.coord([index, api.value(2)]);
  const size = api.size?.([1, 0]);
  const capHalfWidth = Math.min(10, (Array.isArray(size) ? (size[0] ?? 20) : 20) * 0.12);
  const style = { stroke: TEXT_COLOR, lineWidth: 1.5 };
  const [lowX = 0, lowY = 0] = low;
  const [highX = 0, highY = 0] = high;
  return {
    type: 'group',
    children: [
      { type: 'line', shape: { x1: highX, y1: highY, x2: lowX, y2: lowY }, style },
      { type: 'line', shape: { x1: highX - capHalfWidth, y1: highY, x2: highX + capHalfWidth, y2: highY }, style },
      { type: 'line', shape: { x1: lowX - capHalfWidth, y1: lowY, x2: lowX + capHalfWidth, y2: lowY }, style },
    ],
  };
}

/** One bar per cohort with its 95 % interval, and n under each label: small cohorts are visibly small. */
export function cohortBarsOption(chart: CohortChart, format: ChartFormat): EChartsOption {
  const labels = chart.cohorts.map((cohort) => `${cohort.label}\n${chart.nLabel(cohort.n)}`);
  return {
    ...baseOption(),
    grid: { left: 56, right: 16, top: 16, bottom: 48 },
    tooltip: {
      trigger: 'item',
      confine: true,
      formatter: (params: unknown) => {
        const cohort = chart.cohorts[(params as { dataIndex?: number }).dataIndex ?? -1];
        if (!cohort) return '';
        const estimate = cohort.estimate === null ? chart.noEstimateLabel : format.value(cohort.estimate, chart.unit);
        const interval = cohort.ci ? `<br/>${escapeHtml(chart.intervalLabel(format.value(cohort.ci[0], chart.unit), format.value(cohort.ci[1], chart.unit)))}` : '';
        return `${escapeHtml(cohort.label)} (${escapeHtml(chart.nLabel(cohort.n))})<br/><strong>${escapeHtml(estimate)}</strong>${interval}`;
      },
    },
    xAxis: { type: 'category', data: labels, axisLabel: { ...AXIS_LABEL, interval: 0, lineHeight: 14, width: 90, overflow: 'break' }, axisTick: { show: false } },
    yAxis: {
      type: 'value',
      axisLabel: { ...AXIS_LABEL, formatter: (value: number) => format.axis(value, chart.unit) },
      splitLine: SPLIT_LINE,
      ...(chart.unit === 'ratio' ? { min: 0, max: ratioAxisMax } : {}),
    },
    series: [
      {
        id: 'estimates',
        type: 'bar',
        barMaxWidth: 48,
        color: SERIES_COLORS[0],
        itemStyle: { opacity: 0.85 },
        data: chart.cohorts.map((cohort) => cohort.estimate),
        // Short figures inside the bar's foot (the interval's caps sit at its top); full values in the tooltip and table.
        label: {
          show: true,
          position: 'insideBottom',
          color: '#fff',
          fontSize: 11,
          formatter: (params: { value?: unknown }) => (typeof params.value === 'number' ? format.axis(params.value, chart.unit) : ''),
        },
      },
      {
        id: 'intervals',
        type: 'custom',
        silent: true,
        renderItem: renderInterval,
        encode: { x: 0, y: [1, 2] },
        data: chart.cohorts.flatMap((cohort, index) => (cohort.ci ? [[index, cohort.ci[0], cohort.ci[1]]] : [])),
        z: 3,
      },
    ],
  };
}
