export { buildMetricSql, servedFromRollups, RUNTIME_PARAMETERS, type BuildOptions, type MetricSql, type RuntimeParameter } from './build-sql';
export { CATALOG_ORDER, findMetric, METRICS } from './catalog';
export {
  DIMENSIONS,
  FILTER_DIMENSIONS,
  MIXED_TEAM_EXPRESSION,
  NOT_A_BOT_PREDICATE,
  TEAM_EXPRESSION,
  WORK_ITEM_TEAM_EXPRESSION,
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
  SeriesKey,
  SeriesSplit,
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
export { DEFAULT_METRIC_SETTINGS, settingsParameters, type MetricSettings } from './settings';
export { SOURCES } from './sources';
export {
  queryIncidentDeployments,
  queryPreviousDeployments,
  queryPullRequestLeadTimes,
  type DeliveryQueryArgs,
  type DeploymentWithPrevious,
  type IncidentDeployment,
  type PullRequestLeadTime,
} from './delivery-queries';
export * as devlake from './devlake';
export { markUnbuiltWrites, refreshRollups, type RefreshRollupsOptions, type RollupRefresh } from './rollups/refresh-rollups';
