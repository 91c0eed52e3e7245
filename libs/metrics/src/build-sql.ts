import { findMetric } from './catalog';
import {
  DIMENSION_EXPRESSIONS,
  type Dimension,
  FILTER_DIMENSIONS,
  NOT_A_BOT_PREDICATE,
  TEAM_EXPRESSION,
  resolvedEvents,
} from './conventions';
import type { MetricDefinition, MetricVariant, SourceDefinition } from './definition';
import { nest } from './delivery-relations';
import { eventTypePredicate } from './event-types';
import { peopleGrainSuffices, rolledUpRows, rollupObstacle, SERVED_DAY_PARAMETERS, toRollupExpression } from './rollups/rollup-sql';
import { MetricQueryError } from './errors';
import { type Granularity, periodsBetween } from './periods';
import type { MetricQuery } from './query';
import { SOURCES } from './sources';

/**
 * SQL of a metric query plus the values of its typed parameters. The SQL also reads the run-time parameters
 * (`{org:String}`, `{tz:String}`, the org settings), which the caller supplies at run time (see runMetric).
 */
export type MetricSql = {
  sql: string;
  params: Record<string, unknown>;
  /** Set when the SQL reads the daily rollups: it also needs the served days (queryServedDays) at run time. */
  servedDays?: { fromHistoryStart: boolean };
};

/** Run-time parameters a metric SQL may read besides `params`, with their ClickHouse types. */
export const RUNTIME_PARAMETERS = {
  org: 'String',
  tz: 'String',
  coding_time_share: 'Float64',
  ai_pr_labels: 'Array(String)',
  ...SERVED_DAY_PARAMETERS,
} as const;
export type RuntimeParameter = keyof typeof RUNTIME_PARAMETERS;

/** Start of the bucket an event falls in, in the org's time zone (`total`: one bucket starting at `from`). */
const PERIOD_START: Record<Granularity, string> = {
  day: 'toDate(time, {tz:String})',
  week: 'toMonday(time, {tz:String})',
  month: 'toStartOfMonth(time, {tz:String})',
  quarter: 'toStartOfQuarter(time, {tz:String})',
  total: '{from:Date}',
};

/** The last day of the bucket starting at `period_start`, never after `to` (`{{bucket_end}}` in expressions). */
const BUCKET_END: Record<Granularity, string> = {
  day: 'period_start',
  week: 'least(period_start + 6, {to:Date})',
  month: 'least(addMonths(period_start, 1) - 1, {to:Date})',
  quarter: 'least(addMonths(period_start, 3) - 1, {to:Date})',
  total: '{to:Date}',
};

/** A cumulative metric counts a row in its own bucket and every later one (`{periods}` = the period starts). */
function cumulativePeriodStart(granularity: Granularity): string {
  return `arrayJoin(arrayFilter(period -> period >= ${PERIOD_START[granularity]}, {periods:Array(Date)}))`;
}

function dimensionColumn(dimension: Dimension, source: SourceDefinition): string {
  const expression =
    dimension === 'team' ? (source.teamExpression ?? TEAM_EXPRESSION) : DIMENSION_EXPRESSIONS[dimension];
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

/** A source subquery's select list: its columns (less those a dimension or computed column replaces), then both. */
function selectList(source: SourceDefinition, columns: readonly string[], computed: readonly [string, string][], dimensions: readonly Dimension[]): string {
  const computedNames = new Set(computed.map(([name]) => name));
  return [
    ...[...new Set(columns)].filter((column) => !dimensions.includes(column as Dimension) && !computedNames.has(column)),
    ...computed.map(([name, expression]) => `${nest(expression, 8)} AS ${name}`),
    ...dimensions.map((dimension) => dimensionColumn(dimension, source)),
  ]
    .map((column) => `        ${column}`)
    .join(',\n');
}

/**
 * A rolled-up source's rows as metrics read them: resolved grain rows (people and teams resolved, bots dropped,
 * deduplicated per day when built); aggregates count `event_count` instead of rows (see toRollupExpression).
 */
function rollupSourceSubquery(
  source: SourceDefinition,
  options: { dimensions: readonly Dimension[]; fromHistoryStart: boolean; resolvedOnly: boolean; peopleOnly: boolean },
): string {
  // computed dedup keys (request_key) served their purpose when the day was built
  const computed = Object.entries(source.computed ?? {}).filter(([name]) => !source.dedupBy.includes(name));
  return [
    '    SELECT',
    selectList(source, ['time', 'event_count', ...source.fields], computed, options.dimensions),
    `    FROM ${nest(rolledUpRows(source, options), 4)}`,
  ].join('\n');
}

function sourceSubquery(
  source: SourceDefinition,
  options: { dimensions: readonly Dimension[]; predicates: readonly string[]; fromHistoryStart: boolean },
): string {
  // Raw-column predicates narrow the scan before people and teams are resolved; the bot rule needs the
  // resolved person, so it applies after.
  const rawPredicates = [
    'org_id = {org:String}',
    eventTypePredicate(source.eventTypes),
    ...(options.fromHistoryStart ? [] : ['time >= toDateTime64({from:Date}, 3, {tz:String})']),
    'time < toDateTime64({to:Date} + 1, 3, {tz:String})',
    ...(source.where ? [`(${source.where})`] : []),
    ...options.predicates,
  ];
  const predicates = source.from ? [...rawPredicates, NOT_A_BOT_PREDICATE] : [NOT_A_BOT_PREDICATE];
  const keepsEveryEvent = source.dedupBy.length === 1 && source.dedupBy[0] === 'id';
  const order = source.keep === 'latest' ? 'ORDER BY time DESC, id DESC' : 'ORDER BY time, id';
  return [
    '    SELECT',
    selectList(source, ['id', 'time', ...source.dedupBy, ...source.fields], Object.entries(source.computed ?? {}), options.dimensions),
    `    FROM ${nest(source.from ?? resolvedEvents(rawPredicates), 4)}`,
    `    WHERE ${predicates.join('\n      AND ')}`,
    ...(keepsEveryEvent ? [] : [`    ${order}`]),
    `    LIMIT 1 BY ${source.dedupBy.join(', ')}`,
  ].join('\n');
}

function aggregateColumns(metric: MetricDefinition, expressions: Required<MetricVariant>, rewrite: (expression: string) => string): string[] {
  if (metric.kind !== 'ratio') return [`${expressions.value} AS value`];
  if (metric.series) {
    return [
      ...metric.series.values.map((entry, index) => `${rewrite(entry.numerator)} AS numerator_${index}`),
      `${expressions.denominator} AS denominator`,
    ];
  }
  return [
    `${expressions.numerator} AS numerator`,
    `${expressions.denominator} AS denominator`,
    'if(denominator = 0, NULL, numerator / denominator) AS value',
  ];
}

/** A split ratio: one row per series value, each with its own numerator over the shared denominator. */
function splitIntoSeries(metric: MetricDefinition, grouped: boolean, inner: string): string {
  if (metric.kind !== 'ratio' || !metric.series) return inner;
  const values = metric.series.values;
  return [
    'SELECT',
    [
      'period_start',
      ...(grouped ? ['group_value'] : []),
      'series_value',
      'numerator',
      'denominator',
      'if(denominator = 0, NULL, numerator / denominator) AS value',
    ]
      .map((column) => `    ${column}`)
      .join(',\n'),
    'FROM',
    '(',
    inner,
    ')',
    'ARRAY JOIN',
    `    [${values.map((entry) => `'${entry.value}'`).join(', ')}] AS series_value,`,
    `    [${values.map((_entry, index) => `numerator_${index}`).join(', ')}] AS numerator`,
    `ORDER BY ${grouped ? 'group_value, ' : ''}series_value, period_start`,
  ].join('\n');
}

/**
 * How a query is compiled: `rollups: false` reads every day from `events` (the baseline rollups are tested
 * against); `resolvedOnly` reads a rollup-served query's days from the resolved rollup alone (when
 * queryServedDays found every day of the range resolved).
 */
export type BuildOptions = { rollups?: boolean; resolvedOnly?: boolean };

/** The metric's aggregate expressions as given, or rewritten for rollup rows. */
function expressionsFor(expressions: Required<MetricVariant>, rewrite: (expression: string) => string): Required<MetricVariant> {
  return { value: rewrite(expressions.value), numerator: rewrite(expressions.numerator), denominator: rewrite(expressions.denominator) };
}

/**
 * Whether a query is served from the daily rollups: its source is rolled up, no parameter narrows the source
 * with its own lookup, and every aggregate it uses adds up over days.
 */
export function servedFromRollups(metric: MetricDefinition, query: MetricQuery, options: BuildOptions = {}): boolean {
  if (options.rollups === false || SOURCES[metric.source].rollup !== 'daily') return false;
  if (metric.params.some((param) => param.sourceWhere && query.params[param.name] !== undefined)) return false;
  const expressions = resolveExpressions(metric, query);
  const all = [expressions.value, expressions.numerator, expressions.denominator, ...(metric.kind === 'ratio' ? (metric.series?.values ?? []).map((entry) => entry.numerator) : [])];
  return all.every((expression) => rollupObstacle(expression) === null);
}

/**
 * Compiles a validated query into one SELECT returning a row per (period_start, group_value) that has data:
 * a deduplicated source subquery (org, event types, date range in the org's zone, no bots, one row per dedup
 * key), then filters and grouping on the chosen row, then the metric's aggregates. A split ratio returns one
 * row per (period_start, group_value, series_value).
 */
export function buildMetricSql(query: MetricQuery, options: BuildOptions = {}): MetricSql {
  const metric = findMetric(query.metric);
  if (!metric) {
    throw new MetricQueryError('UNKNOWN_METRIC', `unknown metric "${query.metric}"`, {
      parameter: 'metric',
      value: query.metric,
    });
  }
  const source = SOURCES[metric.source];
  const params: Record<string, unknown> = { from: query.from, to: query.to };
  const cumulative = metric.kind === 'count' && metric.cumulative === true;
  if (cumulative) params['periods'] = periodsBetween(query.from, query.to, query.granularity).map((period) => period.start);

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

  const periodStart = cumulative ? cumulativePeriodStart(query.granularity) : PERIOD_START[query.granularity];
  const rolledUp = servedFromRollups(metric, query, options);
  const rewrite = rolledUp ? toRollupExpression : (expression: string) => expression;
  const aggregates = aggregateColumns(metric, expressionsFor(resolveExpressions(metric, query), rewrite), rewrite);
  const selected = [
    `${periodStart} AS period_start`,
    ...(query.groupBy ? [`${query.groupBy} AS group_value`] : []),
    ...aggregates.map((column) => column.replaceAll('{{bucket_end}}', BUCKET_END[query.granularity])),
  ];
  const peopleOnly = rolledUp && peopleGrainSuffices(source, dimensions, aggregates);
  const grouping = query.groupBy ? 'period_start, group_value' : 'period_start';
  const split = metric.kind === 'ratio' && metric.series !== undefined;
  const sql = [
    'SELECT',
    selected.map((column) => `    ${column}`).join(',\n'),
    'FROM',
    '(',
    rolledUp
      ? rollupSourceSubquery(source, { dimensions, fromHistoryStart: cumulative, resolvedOnly: options.resolvedOnly === true, peopleOnly })
      : sourceSubquery(source, { dimensions, predicates: sourcePredicates, fromHistoryStart: cumulative }),
    ')',
    ...(filterPredicates.length > 0 ? [`WHERE ${filterPredicates.join('\n  AND ')}`] : []),
    `GROUP BY ${grouping}`,
    ...(split ? [] : [`ORDER BY ${query.groupBy ? 'group_value, period_start' : 'period_start'}`]),
  ].join('\n');
  return { sql: splitIntoSeries(metric, query.groupBy !== null, sql), params, ...(rolledUp ? { servedDays: { fromHistoryStart: cumulative } } : {}) };
}
