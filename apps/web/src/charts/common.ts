import type { EChartsOption } from 'echarts';
import { FONT_FAMILY, GRID_LINE_COLOR, MUTED_TEXT_COLOR, TEXT_COLOR } from './palette';

/**
 * Options every chart shares: font, colours, short animation. Screen readers get the chart's title as its
 * label and every chart's figures as a table (the panel's Table view), not ECharts' generated English prose.
 */
export function baseOption(): EChartsOption {
  return {
    textStyle: { fontFamily: FONT_FAMILY, color: TEXT_COLOR },
    animationDuration: 300,
    animationDurationUpdate: 200,
  };
}

/** Tooltip text may hold names from the data (teams, languages): escape before ECharts renders it as HTML. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

export const AXIS_LABEL = { color: MUTED_TEXT_COLOR, fontSize: 11 };
export const SPLIT_LINE = { lineStyle: { color: GRID_LINE_COLOR } };

/** Aligns points with the axis periods: a period missing from the series is null. */
export function valuesByPeriod(periods: readonly string[], points: readonly { period: string; value: number | null }[]): (number | null)[] {
  const byPeriod = new Map(points.map((point) => [point.period, point.value]));
  return periods.map((period) => byPeriod.get(period) ?? null);
}

/** Ratio axes end at 100 % when the data comes close to it (no "120 %" tick), and scale freely below that. */
export function ratioAxisMax(extent: { max: number }): number {
  return (extent.max > 0.8 && extent.max <= 1 ? 1 : null) as number;
}
