export {
  DIMENSIONS,
  FILTERS,
  GRANULARITIES,
  METRIC_IDS,
  METRIC_DIMENSIONS,
  METRIC_PARAMS,
  METRIC_UNITS,
  dimensionsOf,
  isMetricId,
  type Dimension,
  type FilterName,
  type Granularity,
  type MetricId,
  type MetricUnit,
} from './metric-catalog';
export {
  ANALYSES,
  ANALYSIS_UNITS,
  CHART_KINDS,
  DATE_PRESETS,
  GRID_COLUMNS,
  dashboardSchema,
  type AnalysisKind,
  type ChartKind,
  type DashboardInput,
  type DatePreset,
  type MetricRef,
  type PanelLayout,
  type Text,
} from './schema';
export { toDefinition, toSummary, type DashboardDefinition, type DashboardSummary, type PanelDefinition } from './definition';
export {
  DashboardValidationError,
  formatIssue,
  loadDashboard,
  loadDashboards,
  parseDashboard,
  type DashboardIssue,
} from './load-dashboards';
export { dashboardJsonSchema, dashboardJsonSchemaText } from './json-schema';
