import { METRICS } from './catalog';
import { FILTER_DIMENSIONS } from './conventions';
import type { MetricDefinition, MetricId, MetricUnit } from './definition';
import { DEFAULT_GRANULARITY, DEFAULT_RANGE_DAYS, MAX_PERIODS } from './parse-query';
import { GRANULARITIES } from './periods';

/** One accepted query parameter of a metric, as GET /api/v1/metrics describes it. */
export type MetricParameterInfo = {
  name: string;
  description: string;
  /** Allowed values; absent for free values (dates, filter values). */
  values?: readonly string[];
  default?: string;
  /** True when the parameter may be repeated or comma-separated. */
  multiple?: boolean;
};

export type MetricInfo = { id: MetricId; name: string; unit: MetricUnit; description: string; params: MetricParameterInfo[] };

function parametersOf(metric: MetricDefinition): MetricParameterInfo[] {
  return [
    { name: 'from', description: `first day, YYYY-MM-DD, inclusive, in the org's time zone`, default: `to − ${DEFAULT_RANGE_DAYS - 1} days` },
    { name: 'to', description: `last day, YYYY-MM-DD, inclusive, in the org's time zone`, default: 'today' },
    {
      name: 'granularity',
      description: `bucket size (week = ISO week from Monday); at most ${MAX_PERIODS} periods`,
      values: GRANULARITIES,
      default: DEFAULT_GRANULARITY,
    },
    { name: 'groupBy', description: 'one series per value of this dimension', values: metric.dimensions },
    ...FILTER_DIMENSIONS.filter((dimension) => metric.dimensions.includes(dimension)).map((dimension) => ({
      name: dimension,
      description: `keep only these ${dimension} values`,
      multiple: true,
    })),
    ...metric.params.map((param) => ({
      name: param.name,
      description: param.description,
      values: param.values,
      ...(param.default === undefined ? {} : { default: param.default }),
    })),
  ];
}

/** The catalog as GET /api/v1/metrics serves it. */
export function listMetrics(): MetricInfo[] {
  return METRICS.map((metric) => ({
    id: metric.id,
    name: metric.name,
    unit: metric.unit,
    description: metric.description,
    params: parametersOf(metric),
  }));
}
