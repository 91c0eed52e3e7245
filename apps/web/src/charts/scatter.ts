import type { EChartsOption } from 'echarts';
import { AXIS_LABEL, SPLIT_LINE, baseOption, escapeHtml } from './common';
import { MUTED_TEXT_COLOR, SERIES_COLORS } from './palette';
import type { ChartFormat } from './types';

export type ScatterPoint = { x: number; y: number; label: string; team?: string };

export type ScatterChart = {
  x: { label: string; unit: string };
  y: { label: string; unit: string };
  points: ScatterPoint[];
  /** Ordinary least squares fit y = intercept + slope·x; drawn over the range of x. */
  ols: { slope: number; intercept: number } | null;
  regressionLabel: string;
};

/** The correlation scatter: one point per unit (team-week, developer-month) and the fitted line. */
export function scatterOption(chart: ScatterChart, format: ChartFormat): EChartsOption {
  const xs = chart.points.map((point) => point.x);
  const minX = Math.min(...xs);
  const maxX = Math.max(...xs);
  const fitted =
    chart.ols && chart.points.length > 1 && maxX > minX
      ? [
          [minX, chart.ols.intercept + chart.ols.slope * minX],
          [maxX, chart.ols.intercept + chart.ols.slope * maxX],
        ]
      : [];
  return {
    ...baseOption(),
    grid: { left: 56, right: 24, top: 28, bottom: 44 },
    legend: { show: fitted.length > 0, top: 0, right: 0, textStyle: AXIS_LABEL },
    tooltip: {
      trigger: 'item',
      confine: true,
      formatter: (params: unknown) => {
        const point = (params as { data?: { value?: [number, number]; name?: string } }).data;
        if (!point?.value) return '';
        return (
          `${escapeHtml(point.name ?? '')}<br/>${escapeHtml(chart.x.label)}: ${escapeHtml(format.value(point.value[0], chart.x.unit))}` +
          `<br/>${escapeHtml(chart.y.label)}: ${escapeHtml(format.value(point.value[1], chart.y.unit))}`
        );
      },
    },
    xAxis: {
      type: 'value',
      name: chart.x.label,
      nameLocation: 'middle',
      nameGap: 26,
      nameTextStyle: AXIS_LABEL,
      scale: chart.x.unit !== 'ratio',
      axisLabel: { ...AXIS_LABEL, formatter: (value: number) => format.axis(value, chart.x.unit) },
      splitLine: SPLIT_LINE,
    },
    yAxis: {
      type: 'value',
      name: chart.y.label,
      nameTextStyle: { ...AXIS_LABEL, align: 'left' },
      axisLabel: { ...AXIS_LABEL, formatter: (value: number) => format.axis(value, chart.y.unit) },
      splitLine: SPLIT_LINE,
    },
    series: [
      {
        id: 'points',
        type: 'scatter',
        symbolSize: 9,
        color: SERIES_COLORS[0],
        itemStyle: { opacity: 0.75 },
        data: chart.points.map((point) => ({ value: [point.x, point.y], name: point.label, ...(point.team === undefined ? {} : { team: point.team }) })),
      },
      {
        id: 'fit',
        name: chart.regressionLabel,
        type: 'line',
        silent: true,
        showSymbol: false,
        color: MUTED_TEXT_COLOR,
        lineStyle: { type: 'dashed', width: 1.5 },
        tooltip: { show: false },
        data: fitted,
      },
    ],
  };
}
