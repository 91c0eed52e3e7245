import type { MetricDefinition, MetricId } from '../definition';
import { ADOPTION_METRICS } from './adoption-metrics';
import { DELIVERY_METRICS } from './delivery-metrics';
import { DORA_METRICS } from './dora-metrics';
import { OUTCOME_METRICS } from './outcome-metrics';
import { USAGE_METRICS } from './usage-metrics';

/**
 * The catalog in metrics.md order. `seat_utilization` is not here yet: it needs the seats of the directory.
 */
export const CATALOG_ORDER: readonly MetricId[] = [
  'active_users',
  'engaged_users',
  'activated_users',
  'seat_utilization',
  'adoption_rate',
  'acceptance_rate',
  'agent_edit_acceptance_rate',
  'chat_like_rate',
  'ai_code_share',
  'ai_assisted_pr_share',
  'request_mix',
  'ai_cost',
  'tokens',
  'completion_latency',
  'commits',
  'lines_changed',
  'pr_throughput',
  'pr_throughput_per_developer',
  'pr_cycle_time',
  'requirement_throughput',
  'requirement_lead_time',
  'deployments',
  'lead_time_for_changes',
  'change_failure_rate',
  'recovery_time',
  'defects',
  'defect_density',
  'satisfaction',
  'time_saved_hours',
  'estimated_efficiency_gain',
];

const DEFINITIONS: readonly MetricDefinition[] = [
  ...USAGE_METRICS,
  ...ADOPTION_METRICS,
  ...DELIVERY_METRICS,
  ...DORA_METRICS,
  ...OUTCOME_METRICS,
];

function inCatalogOrder(definitions: readonly MetricDefinition[]): MetricDefinition[] {
  const byId = new Map(definitions.map((metric) => [metric.id, metric]));
  if (byId.size !== definitions.length || byId.size !== CATALOG_ORDER.length) {
    throw new Error('every metric must be defined once and listed once in CATALOG_ORDER');
  }
  return CATALOG_ORDER.map((id) => {
    const metric = byId.get(id);
    if (!metric) throw new Error(`metric "${id}" is listed in CATALOG_ORDER but not defined`);
    return metric;
  });
}

/** Every metric Uplift serves, in catalog order (metrics.md). */
export const METRICS: readonly MetricDefinition[] = inCatalogOrder(DEFINITIONS);

/** The definition of a metric id, or undefined for an id the catalog does not have. */
export function findMetric(metricId: string): MetricDefinition | undefined {
  return METRICS.find((metric) => metric.id === metricId);
}
