import type { Dimension, FilterDimension } from './conventions';
import type { MetricId, MetricParamName, MetricUnit, SeriesKey } from './definition';
import type { Granularity } from './periods';

/** A validated metric request: what to compute, over which dates, bucketed and grouped how. */
export type MetricQuery = {
  metric: MetricId;
  /** Inclusive civil dates in the org's time zone. */
  from: string;
  to: string;
  granularity: Granularity;
  groupBy: Dimension | null;
  /** Each listed dimension keeps only rows whose value is one of the listed values. */
  filters: Partial<Record<FilterDimension, readonly string[]>>;
  /** The metric's own parameters, defaults filled in; an optional parameter without a default may be absent. */
  params: Partial<Record<MetricParamName, string>>;
};

export type MetricPoint = { period: string; value: number | null; numerator?: number; denominator?: number };

/**
 * One series: its group (`{ team: 'payments' }`, `{}` without groupBy) and, for a split metric such as
 * request_mix, the series key too (`{ team: 'payments', kind: 'chat' }`, `{ kind: 'chat' }`).
 */
export type MetricSeries = { group: Partial<Record<Dimension | SeriesKey, string>>; points: MetricPoint[] };

export type MetricResponse = {
  metric: MetricId;
  unit: MetricUnit;
  from: string;
  to: string;
  granularity: Granularity;
  series: MetricSeries[];
  /**
   * Present when per-person figures were withheld: a viewer asked for `groupBy=developer` and fewer developers
   * than the org's privacy minimum group size have data (`series` is then empty).
   */
  suppressed?: { reason: 'privacy'; minGroupSize: number };
};
