export { buildMetricSql, RUNTIME_PARAMETERS, type MetricSql } from './build-sql';
export { findMetric, METRICS } from './catalog';
export {
  DIMENSIONS,
  FILTER_DIMENSIONS,
  NOT_A_BOT_PREDICATE,
  TEAM_EXPRESSION,
  type Dimension,
  type FilterDimension,
} from './conventions';
export type {
  MetricDefinition,
  MetricId,
  MetricKind,
  MetricParamDefinition,
  MetricParamName,
  MetricUnit,
  SourceDefinition,
  SourceId,
} from './definition';
export { MetricQueryError, type MetricQueryErrorCode } from './errors';
export { listMetrics, type MetricInfo, type MetricParameterInfo } from './list-metrics';
export {
  DEFAULT_GRANULARITY,
  DEFAULT_RANGE_DAYS,
  MAX_PERIODS,
  parseMetricQuery,
  type RawMetricQuery,
} from './parse-query';
export {
  GRANULARITIES,
  isoWeekLabel,
  isValidTimeZone,
  periodLabel,
  periodsBetween,
  todayInTimeZone,
  type Granularity,
  type Period,
} from './periods';
export type { MetricPoint, MetricQuery, MetricResponse, MetricSeries } from './query';
export { runMetric, toMetricResponse, type MetricRow } from './run-metric';
export { SOURCES } from './sources';
