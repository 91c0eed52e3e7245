/**
 * The metric ids of the full catalog (metrics.md), kept here as data so a dashboard file is checked without a
 * running API. A metric listed here may not be implemented by the server yet: the dashboard still validates and
 * the panel shows that the metric is not available.
 */
export const METRIC_UNITS = {
  active_users: 'people',
  engaged_users: 'people',
  activated_users: 'people',
  seat_utilization: 'ratio',
  adoption_rate: 'ratio',
  acceptance_rate: 'ratio',
  agent_edit_acceptance_rate: 'ratio',
  chat_like_rate: 'ratio',
  ai_code_share: 'ratio',
  ai_assisted_pr_share: 'ratio',
  request_mix: 'ratio',
  ai_cost: 'USD',
  tokens: 'tokens',
  completion_latency: 'ms',
  commits: 'commits',
  lines_changed: 'lines',
  pr_throughput: 'PRs',
  pr_throughput_per_developer: 'PRs/person',
  pr_cycle_time: 'hours',
  requirement_throughput: 'items',
  requirement_lead_time: 'days',
  deployments: 'deployments',
  lead_time_for_changes: 'hours',
  change_failure_rate: 'ratio',
  recovery_time: 'hours',
  defects: 'defects',
  defect_density: 'defects/KLOC',
  satisfaction: 'ratio',
  time_saved_hours: 'hours/person/week',
  estimated_efficiency_gain: 'ratio',
} as const;

export type MetricId = keyof typeof METRIC_UNITS;
export type MetricUnit = (typeof METRIC_UNITS)[MetricId];

export const METRIC_IDS = Object.keys(METRIC_UNITS) as [MetricId, ...MetricId[]];

export const METRIC_UNIT_VALUES = [...new Set(Object.values(METRIC_UNITS))] as [MetricUnit, ...MetricUnit[]];

export const DIMENSIONS = ['team', 'developer', 'language', 'ide', 'tool', 'tool_version', 'model', 'repo', 'pull_request'] as const;
export type Dimension = (typeof DIMENSIONS)[number];

/** Dimensions a dashboard's filter bar can set (`developer` is never a page filter). */
export const FILTERS = ['team', 'tool', 'language', 'ide'] as const;
export type FilterName = (typeof FILTERS)[number];

export const GRANULARITIES = ['day', 'week', 'month', 'quarter', 'total'] as const;
export type Granularity = (typeof GRANULARITIES)[number];

const ALL: readonly Dimension[] = DIMENSIONS.filter((dimension) => dimension !== 'pull_request');
const CODE: readonly Dimension[] = ['team', 'developer', 'repo', 'language', 'tool'];
const TEAM_AND_REPO: readonly Dimension[] = ['team', 'repo'];
const PULL_REQUESTS: readonly Dimension[] = [...CODE, 'pull_request'];

/**
 * What each metric can be grouped and filtered by: assistant events carry every dimension; code facts
 * (commits, PRs) no IDE or model; work items, deployments and incidents belong to a team or repo; surveys
 * and adoption to people and teams.
 */
export const METRIC_DIMENSIONS: Record<MetricId, readonly Dimension[]> = {
  active_users: ALL,
  engaged_users: ALL,
  activated_users: ALL,
  seat_utilization: [],
  adoption_rate: ['team', 'developer'],
  acceptance_rate: ALL,
  agent_edit_acceptance_rate: ALL,
  chat_like_rate: ALL,
  ai_code_share: CODE,
  ai_assisted_pr_share: PULL_REQUESTS,
  request_mix: ALL,
  ai_cost: ALL,
  tokens: ALL,
  completion_latency: ALL,
  commits: CODE,
  lines_changed: CODE,
  pr_throughput: CODE,
  pr_throughput_per_developer: CODE,
  pr_cycle_time: PULL_REQUESTS,
  requirement_throughput: TEAM_AND_REPO,
  requirement_lead_time: TEAM_AND_REPO,
  deployments: TEAM_AND_REPO,
  lead_time_for_changes: CODE,
  change_failure_rate: TEAM_AND_REPO,
  recovery_time: TEAM_AND_REPO,
  defects: TEAM_AND_REPO,
  defect_density: TEAM_AND_REPO,
  satisfaction: ['team'],
  time_saved_hours: ['team'],
  estimated_efficiency_gain: CODE,
};

export function dimensionsOf(metric: MetricId): readonly Dimension[] {
  return METRIC_DIMENSIONS[metric];
}

/** Metric-specific query parameters and their allowed values (metrics.md). */
export const METRIC_PARAMS: Partial<Record<MetricId, Readonly<Record<string, readonly string[]>>>> = {
  acceptance_rate: { basis: ['count', 'lines', 'chars'], kind: ['inline', 'next_edit'] },
  completion_latency: { stat: ['p50', 'p95'] },
};

export function isMetricId(value: string): value is MetricId {
  return Object.hasOwn(METRIC_UNITS, value);
}
