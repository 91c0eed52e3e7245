import { Tables } from '@uplift/clickhouse';
import { findMetric } from './catalog';
import { DIMENSION_EXPRESSIONS, type Dimension, FILTER_DIMENSIONS, NOT_A_BOT_PREDICATE } from './conventions';
import type { MetricDefinition, MetricVariant, SourceDefinition } from './definition';
import { MetricQueryError } from './errors';
import type { Granularity } from './periods';
import type { MetricQuery } from './query';
import { SOURCES } from './sources';

/**
 * SQL of a metric query plus the values of its typed parameters. The SQL also reads `{org:String}` and
 * `{tz:String}` (the org's IANA time zone), which the caller supplies at run time (see runMetric).
 */
export type MetricSql = { sql: string; params: Record<string, unknown> };

/** Run-time parameters every metric SQL reads besides `params`. */
export const RUNTIME_PARAMETERS = ['org', 'tz'] as const;

/** Start of the bucket an event falls in, in the org's time zone (`total`: one bucket starting at `from`). */
const PERIOD_START: Record<Granularity, string> = {
  day: 'toDate(time, {tz:String})',
  week: 'toMonday(time, {tz:String})',
  month: 'toStartOfMonth(time, {tz:String})',
  quarter: 'toStartOfQuarter(time, {tz:String})',
  total: '{from:Date}',
};

function eventTypePredicate(eventTypes: readonly string[]): string {
  const exact = eventTypes.filter((type) => !type.endsWith('.*'));
  const prefixes = eventTypes.filter((type) => type.endsWith('.*')).map((type) => type.slice(0, -1));
  const terms = [
    ...prefixes.map((prefix) => `startsWith(type, '${prefix}')`),
    ...(exact.length > 0 ? [`type IN (${exact.map((type) => `'${type}'`).join(', ')})`] : []),
  ];
  return terms.length === 1 ? terms.join('') : `(${terms.join(' OR ')})`;
}

function dimensionColumn(dimension: Dimension): string {
  const expression = DIMENSION_EXPRESSIONS[dimension];
  return expression === dimension ? dimension : `${expression} AS ${dimension}`;
}

/** The metric's aggregate expressions after applying the variants its parameter values select. */
function resolveExpressions(metric: MetricDefinition, query: MetricQuery): Required<MetricVariant> {
  const resolved: Required<MetricVariant> =
    metric.kind === 'ratio'
      ? { value: '', numerator: metric.numerator, denominator: metric.denominator }
      : { value: metric.value, numerator: '', denominator: '' };
  for (const param of metric.params) {
    const chosen = query.params[param.name];
    const variant = chosen === undefined ? undefined : param.variants?.[chosen];
    if (variant) Object.assign(resolved, variant);
  }
  return resolved;
}

function sourceSubquery(
  source: SourceDefinition,
  dimensions: readonly Dimension[],
  extraPredicates: readonly string[],
): string {
  const columns = [...new Set(['id', 'time', ...source.dedupBy, ...source.fields])].filter(
    (column) => !dimensions.includes(column as Dimension),
  );
  const predicates = [
    'org_id = {org:String}',
    eventTypePredicate(source.eventTypes),
    'time >= toDateTime64({from:Date}, 3, {tz:String})',
    'time < toDateTime64({to:Date} + 1, 3, {tz:String})',
    NOT_A_BOT_PREDICATE,
    ...(source.where ? [`(${source.where})`] : []),
    ...extraPredicates,
  ];
  const keepsEarliest = !(source.dedupBy.length === 1 && source.dedupBy[0] === 'id');
  return [
    '    SELECT',
    [...columns, ...dimensions.map(dimensionColumn)].map((column) => `        ${column}`).join(',\n'),
    `    FROM ${Tables.events}`,
    `    WHERE ${predicates.join('\n      AND ')}`,
    ...(keepsEarliest ? ['    ORDER BY time, id'] : []),
    `    LIMIT 1 BY ${source.dedupBy.join(', ')}`,
  ].join('\n');
}

function aggregateColumns(metric: MetricDefinition, expressions: Required<MetricVariant>): string[] {
  if (metric.kind !== 'ratio') return [`${expressions.value} AS value`];
  return [
    `${expressions.numerator} AS numerator`,
    `${expressions.denominator} AS denominator`,
    'if(denominator = 0, NULL, numerator / denominator) AS value',
  ];
}

/**
 * Compiles a validated query into one SELECT returning a row per (period_start, group_value) that has data:
 * a deduplicated source subquery (org, event types, date range in the org's zone, no bots, one row per dedup
 * key), then filters and grouping on the chosen row, then the metric's aggregates.
 */
export function buildMetricSql(query: MetricQuery): MetricSql {
  const metric = findMetric(query.metric);
  if (!metric) {
    throw new MetricQueryError('UNKNOWN_METRIC', `unknown metric "${query.metric}"`, {
      parameter: 'metric',
      value: query.metric,
    });
  }
  const source = SOURCES[metric.source];
  const params: Record<string, unknown> = { from: query.from, to: query.to };

  const filterDimensions = FILTER_DIMENSIONS.filter((dimension) => query.filters[dimension] !== undefined);
  const dimensions = [...new Set([...(query.groupBy ? [query.groupBy] : []), ...filterDimensions])];
  const filterPredicates = filterDimensions.map((dimension) => {
    params[`f_${dimension}`] = query.filters[dimension];
    return `${dimension} IN {f_${dimension}:Array(String)}`;
  });

  const sourcePredicates: string[] = [];
  for (const param of metric.params) {
    const chosen = query.params[param.name];
    if (chosen === undefined || !param.sourceWhere) continue;
    params[param.name] = chosen;
    sourcePredicates.push(`(${param.sourceWhere})`);
  }

  const selected = [
    `${PERIOD_START[query.granularity]} AS period_start`,
    ...(query.groupBy ? [`${query.groupBy} AS group_value`] : []),
    ...aggregateColumns(metric, resolveExpressions(metric, query)),
  ];
  const grouping = query.groupBy ? 'period_start, group_value' : 'period_start';
  const sql = [
    'SELECT',
    selected.map((column) => `    ${column}`).join(',\n'),
    'FROM',
    '(',
    sourceSubquery(source, dimensions, sourcePredicates),
    ')',
    ...(filterPredicates.length > 0 ? [`WHERE ${filterPredicates.join('\n  AND ')}`] : []),
    `GROUP BY ${grouping}`,
    `ORDER BY ${query.groupBy ? 'group_value, period_start' : 'period_start'}`,
  ].join('\n');
  return { sql, params };
}
