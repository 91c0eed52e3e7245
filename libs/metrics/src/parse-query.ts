import { findMetric, METRICS } from './catalog';
import { FILTER_DIMENSIONS, type FilterDimension } from './conventions';
import type { MetricDefinition, MetricParamName } from './definition';
import { MetricQueryError } from './errors';
import { addDays, daysBetween, GRANULARITIES, type Granularity, isIsoDate, periodsBetween } from './periods';
import type { MetricQuery } from './query';

/** Raw query-string values as a web framework hands them over (a repeated parameter is an array). */
export type RawMetricQuery = Record<string, string | string[] | undefined>;

/** Most periods one series may have; a longer range needs a coarser granularity. */
export const MAX_PERIODS = 1500;
/** Without `from`, a query covers 90 days ending at `to`. */
export const DEFAULT_RANGE_DAYS = 90;
export const DEFAULT_GRANULARITY: Granularity = 'week';

const COMMON_PARAMETERS = ['from', 'to', 'granularity', 'groupBy', ...FILTER_DIMENSIONS] as const;
const METRIC_PARAMETERS = new Set<string>(
  METRICS.flatMap((metric) => metric.params.map((param) => param.name)),
);

function invalid(parameter: string, value: unknown, message: string): MetricQueryError {
  return new MetricQueryError('INVALID_PARAMETER', message, { parameter, value });
}

function quoteList(values: readonly string[]): string {
  return values.map((value) => `"${value}"`).join(', ');
}

/** The single value of a parameter; a parameter given twice is an error. */
function singleValue(query: RawMetricQuery, name: string): string | undefined {
  const raw = query[name];
  if (raw === undefined) return undefined;
  if (typeof raw === 'string') return raw;
  if (raw.length === 0) return undefined;
  if (raw.length > 1) throw invalid(name, raw, `${name} must be given once (got ${quoteList(raw)})`);
  return raw[0];
}

function oneOf<Value extends string>(
  name: string,
  value: string,
  allowed: readonly Value[],
): Value {
  if ((allowed as readonly string[]).includes(value)) return value as Value;
  throw invalid(name, value, `${name} must be one of ${allowed.join(', ')} (got "${value}")`);
}

function parseDateParameter(name: 'from' | 'to', value: string): string {
  if (!isIsoDate(value)) throw invalid(name, value, `${name} must be a date YYYY-MM-DD (got "${value}")`);
  return value;
}

/** Filter values: repeated and/or comma-separated, trimmed, duplicates dropped. */
function parseFilter(name: FilterDimension, raw: string | string[]): string[] {
  const values = (Array.isArray(raw) ? raw : [raw])
    .flatMap((value) => value.split(','))
    .map((value) => value.trim())
    .filter((value) => value.length > 0);
  if (values.length === 0) throw invalid(name, raw, `${name} must name at least one value (got "${String(raw)}")`);
  return [...new Set(values)];
}

function checkParameterNames(metric: MetricDefinition, query: RawMetricQuery): void {
  const accepted = new Set<string>([...COMMON_PARAMETERS, ...metric.params.map((param) => param.name)]);
  for (const [name, value] of Object.entries(query)) {
    if (value === undefined || accepted.has(name)) continue;
    if (METRIC_PARAMETERS.has(name)) {
      throw invalid(name, value, `parameter "${name}" is not accepted by metric "${metric.id}"`);
    }
    throw invalid(name, value, `unknown parameter "${name}"`);
  }
}

function parseRange(query: RawMetricQuery, today: string): { from: string; to: string } {
  const toValue = singleValue(query, 'to');
  const fromValue = singleValue(query, 'from');
  const to = toValue === undefined ? today : parseDateParameter('to', toValue);
  const from = fromValue === undefined ? addDays(to, -(DEFAULT_RANGE_DAYS - 1)) : parseDateParameter('from', fromValue);
  if (daysBetween(from, to) < 0) throw invalid('from', from, `from (${from}) must not be after to (${to})`);
  return { from, to };
}

/**
 * Validates a request for one metric. Every problem is a MetricQueryError naming the parameter and its value;
 * `today` (YYYY-MM-DD in the org's time zone) is the default `to`.
 */
export function parseMetricQuery(
  metricId: string,
  query: RawMetricQuery,
  options: { today: string },
): MetricQuery {
  const metric = findMetric(metricId);
  if (!metric) {
    throw new MetricQueryError('UNKNOWN_METRIC', `unknown metric "${metricId}"`, { parameter: 'metric', value: metricId });
  }
  if (!isIsoDate(options.today)) throw new Error(`options.today must be YYYY-MM-DD (got "${options.today}")`);
  checkParameterNames(metric, query);

  const { from, to } = parseRange(query, options.today);
  const granularityValue = singleValue(query, 'granularity');
  const granularity =
    granularityValue === undefined ? DEFAULT_GRANULARITY : oneOf('granularity', granularityValue, GRANULARITIES);
  const periodCount = periodsBetween(from, to, granularity, MAX_PERIODS + 1).length;
  if (periodCount > MAX_PERIODS) {
    throw invalid(
      'granularity',
      granularity,
      `granularity ${granularity} gives more than ${MAX_PERIODS} periods from ${from} to ${to}; use a coarser granularity or a shorter range`,
    );
  }

  const groupByValue = singleValue(query, 'groupBy');
  const groupBy = groupByValue === undefined ? null : oneOf('groupBy', groupByValue, metric.dimensions);

  const filters: MetricQuery['filters'] = {};
  for (const dimension of FILTER_DIMENSIONS) {
    const raw = query[dimension];
    if (raw === undefined) continue;
    if (!metric.dimensions.includes(dimension)) {
      throw invalid(dimension, raw, `metric "${metric.id}" cannot be filtered by ${dimension}`);
    }
    filters[dimension] = parseFilter(dimension, raw);
  }

  const params: MetricQuery['params'] = {};
  for (const param of metric.params) {
    const value = singleValue(query, param.name);
    const chosen = value === undefined ? param.default : oneOf(param.name, value, param.values);
    if (chosen !== undefined) params[param.name as MetricParamName] = chosen;
  }

  return { metric: metric.id, from, to, granularity, groupBy, filters, params };
}
