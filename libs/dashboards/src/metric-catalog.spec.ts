import { listMetrics } from '@uplift/metrics';
import { describe, expect, it } from 'vitest';
import { METRIC_DIMENSIONS, METRIC_IDS, METRIC_PARAMS, METRIC_UNITS, isMetricId } from './metric-catalog';

/**
 * The dashboards keep the catalog's ids, units, dimensions and parameters as data (files validate without a
 * server). Every metric the engine implements must agree with it; the rest are catalog metrics still to come.
 */
describe('the metric list dashboards validate against', () => {
  const implemented = listMetrics();

  it('knows every implemented metric', () => {
    for (const metric of implemented) expect(isMetricId(metric.id), `${metric.id} is missing from libs/dashboards`).toBe(true);
  });

  it('agrees with the engine on units, dimensions and parameters', () => {
    for (const metric of implemented) {
      if (!isMetricId(metric.id)) continue;
      expect(METRIC_UNITS[metric.id], metric.id).toBe(metric.unit);
      const groupBy = metric.params.find((param) => param.name === 'groupBy');
      expect([...METRIC_DIMENSIONS[metric.id]].sort(), `${metric.id} dimensions`).toEqual([...(groupBy?.values ?? [])].sort());
      const specific = Object.fromEntries(
        metric.params.filter((param) => !['from', 'to', 'granularity', 'groupBy', ...(groupBy?.values ?? [])].includes(param.name)).map((param) => [param.name, [...(param.values ?? [])]]),
      );
      expect(Object.fromEntries(Object.entries(METRIC_PARAMS[metric.id] ?? {}).map(([name, values]) => [name, [...values]])), `${metric.id} parameters`).toEqual(specific);
    }
  });

  it('lists the 30 metrics of the catalog', () => {
    expect(METRIC_IDS).toHaveLength(30);
  });
});
