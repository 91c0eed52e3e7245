import type { MetricDefinition } from '../definition';
import { DELIVERY_METRICS } from './delivery-metrics';
import { USAGE_METRICS } from './usage-metrics';

/** Every metric Uplift serves, in catalog order (metrics.md). */
export const METRICS: readonly MetricDefinition[] = [...USAGE_METRICS, ...DELIVERY_METRICS];

/** The definition of a metric id, or undefined for an id the catalog does not have. */
export function findMetric(metricId: string): MetricDefinition | undefined {
  return METRICS.find((metric) => metric.id === metricId);
}
