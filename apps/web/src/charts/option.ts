import type { EChartsOption } from 'echarts';
import type { PanelContent } from '../panels/build';
import { categoryBarOption } from './category-bar';
import { cohortBarsOption } from './cohort-bars';
import { heatmapOption } from './heatmap';
import { scatterOption } from './scatter';
import { timeSeriesOption } from './time-series';
import type { ChartFormat, PhaseMark } from './types';

/** toEChartsOption: the one entry from a panel's content to an ECharts option; null for non-chart content. */
export function toEChartsOption(content: PanelContent, format: ChartFormat, phases?: PhaseMark[]): EChartsOption | null {
  switch (content.type) {
    case 'time-series':
      return timeSeriesOption({ ...content.chart, ...(phases ? { phases } : {}) }, format);
    case 'category-bar':
      return categoryBarOption(content.chart, format);
    case 'heatmap':
      return heatmapOption(content.chart, format);
    case 'scatter':
      return scatterOption(content.chart, format);
    case 'cohorts':
      return cohortBarsOption(content.chart, format);
    case 'kpi':
    case 'table':
      return null;
  }
}
