/**
 * Inputs of the chart option builders: plain data, already labelled and translated, so every builder is a pure
 * `data → ECharts option` function that tests can call without a DOM.
 */

/** How numbers and periods read: injected so the builders stay independent of the language. */
export type ChartFormat = {
  /** Tooltips and labels: "31.2%", "3.5 h", "0.54 per KLOC"; a dash for null. */
  value: (value: number | null, unit: string) => string;
  /** Axis ticks: short, "25%", "120K". */
  axis: (value: number, unit: string) => string;
  /** Period labels of the metrics API as people read them. */
  period: (label: string) => string;
};

export type ChartPoint = { period: string; value: number | null };

/** One line or bar series. `team` makes it clickable (drill-down); `reference` draws it muted and dashed (the org). */
export type ChartSeries = {
  key: string;
  name: string;
  unit: string;
  points: ChartPoint[];
  team?: string;
  reference?: boolean;
};

/** A rollout phase placed on a period axis. */
export type PhaseMark = {
  label: string;
  startPeriod: string;
  endPeriod: string;
  /** The phase started before the range: its start line is not drawn. */
  startsBeforeRange: boolean;
};
