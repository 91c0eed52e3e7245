import { Tables } from '@uplift/clickhouse';
import { CURRENT_SNAPSHOT, type Dimension, NOT_A_BOT_PREDICATE, resolvedEvents } from '../conventions';
import type { SourceDefinition } from '../definition';
import { eventTypePredicate } from '../event-types';

/**
 * Daily rollups (docs/rollups.md). A source marked `rollup: 'daily'` is pre-aggregated per org, day in the org's
 * zone and grain into `events_daily_rollup`; a metric over it reads, for each day of its range, the day's rollup
 * rows when the day's latest build is newer than every write that touched it, and otherwise the day's events
 * aggregated the same way in the same query. Results are therefore exact and fresh whatever the refresher did.
 */

/** The grain: every column a rolled-up metric filters, groups or resolves people by. */
export const ROLLUP_GRAIN = [
  'type',
  'actor_email',
  'actor_login',
  'actor_external_id',
  'person_id',
  'context_team',
  'tool',
  'tool_version',
  'ide',
  'language',
  'model',
  'repo',
  'data_decision',
  'data_status',
  'data_rating',
] as const;

/** Per grain row: the deduplicated events and the sums metric expressions read under the events' column names. */
export const ROLLUP_MEASURES = {
  event_count: 'count()',
  lines: 'sum(lines)',
  chars: 'sum(chars)',
  input_tokens: 'sum(input_tokens)',
  output_tokens: 'sum(output_tokens)',
  cost_usd: 'sum(toDecimal128(cost_usd, 9))',
} as const;



/** Aggregate functions a metric over a rolled-up source may use; `count`s become sums of `event_count`. */
const ADDITIVE_AGGREGATES = new Set(['count', 'countIf', 'sum', 'sumIf', 'uniqExact', 'uniqExactIf', 'groupUniqArray', 'groupUniqArrayIf']);
/** ClickHouse aggregate functions (and combinator stems) that cannot be recomputed from daily sums. */
const NON_ADDITIVE = /\b(quantile\w*|median\w*|avg\w*|min|max|any\w*|argMin|argMax|groupArray|stddev\w*|var\w*|uniq|uniqCombined\w*|uniqHLL12|topK\w*)\s*\(/;

/**
 * A metric expression over rollup rows: `count()` → `sum(event_count)`, `countIf(c)` → `sumIf(event_count, c)`;
 * sums read the pre-summed columns and distinct-people aggregates the grain's person as before. Subqueries
 * `(SELECT …)` do not read the source's rows and are left as they are.
 */
export function toRollupExpression(expression: string): string {
  return expression.replace(/\bcount\(\)/g, 'sum(event_count)').replace(/\bcountIf\(/g, 'sumIf(event_count, ');
}

/** Why an expression cannot be served from rollups (null: it can). Subqueries `(SELECT …)` are not looked at. */
export function rollupObstacle(expression: string): string | null {
  const outsideSubqueries = stripSubqueries(expression);
  const nonAdditive = NON_ADDITIVE.exec(outsideSubqueries);
  if (nonAdditive) return `${nonAdditive[1]} is not additive over days`;
  for (const match of outsideSubqueries.matchAll(/\b(count|sum|uniq|groupUniq)(\w*)\s*\(/g)) {
    const name = `${match[1]}${match[2]}`;
    if (!ADDITIVE_AGGREGATES.has(name)) return `${name} is not one of the additive aggregates`;
  }
  return null;
}

function stripSubqueries(expression: string): string {
  let result = '';
  let depth = 0;
  for (let index = 0; index < expression.length; index += 1) {
    if (depth === 0 && expression.startsWith('(SELECT', index)) {
      depth = 1;
      index += '(SELECT'.length - 1;
      continue;
    }
    if (depth > 0) {
      if (expression[index] === '(') depth += 1;
      else if (expression[index] === ')') depth -= 1;
      continue;
    }
    result += expression[index];
  }
  return result;
}

/** Grain columns behind each dimension (the team also needs the person, always kept for resolution). */
const DIMENSION_GRAIN: Record<Dimension, readonly string[]> = {
  team: ['context_team'],
  developer: [],
  language: ['language'],
  ide: ['ide'],
  tool: ['tool'],
  tool_version: ['tool', 'tool_version'],
  model: ['model'],
  repo: ['repo'],
  pull_request: [],
};

/** The identities people are resolved from, the type (computed columns read it) and what the query reads. */
function keptGrain(source: SourceDefinition, dimensions: readonly Dimension[]): Set<string> {
  const grain = new Set<string>(ROLLUP_GRAIN);
  return new Set(
    ['actor_email', 'actor_login', 'actor_external_id', 'person_id', 'type', ...source.fields, ...dimensions.flatMap((dimension) => DIMENSION_GRAIN[dimension])].filter((column) => grain.has(column)),
  );
}

/** Every line of `sql` indented by `depth` spaces. */
function indent(sql: string, depth: number): string {
  return sql.split('\n').map((line) => `${' '.repeat(depth)}${line}`).join('\n');
}

/** A rollup row of the build chosen for its day: {days} and {builds} pair each chosen day with its build. */
const ofChosenBuild = (days: string, builds: string) => `built_at = transform(day, ${days}, ${builds}, toDateTime64(0, 3, 'UTC'))`;

/** The day of an event in the org's zone. */
const LOCAL_DAY = 'toDate(time, {tz:String})';

/**
 * The source's events of the days chosen by `dayPredicate`, deduplicated within each day by the source's key,
 * one row per (org, day, grain) with the measures: what a build stores and what an unbuilt day is read as.
 */
export function dailyRowsFromEvents(source: SourceDefinition, dayPredicates: readonly string[]): string {
  const computed = Object.entries(source.computed ?? {});
  const rawKeyColumns = source.dedupBy.filter((column) => !(source.computed ?? {})[column]);
  const measureInputs = ['lines', 'chars', 'input_tokens', 'output_tokens', 'cost_usd'];
  const selected = [...new Set(['org_id', 'id', 'time', ...ROLLUP_GRAIN, ...measureInputs, ...rawKeyColumns])];
  const order = source.keep === 'latest' ? 'ORDER BY time DESC, id DESC' : 'ORDER BY time, id';
  const keepsEveryEvent = source.dedupBy.length === 1 && source.dedupBy[0] === 'id';
  const inner = [
    'SELECT',
    [...selected, `${LOCAL_DAY} AS day`, ...computed.map(([name, expression]) => `${expression} AS ${name}`)].map((column) => `    ${column}`).join(',\n'),
    `FROM ${Tables.events}`,
    `WHERE ${['org_id = {org:String}', eventTypePredicate(source.eventTypes), ...(source.where ? [`(${source.where})`] : []), ...dayPredicates].join('\n  AND ')}`,
    ...(keepsEveryEvent ? [] : [order]),
    `LIMIT 1 BY day, ${source.dedupBy.join(', ')}`,
  ].join('\n');
  return [
    'SELECT',
    ['org_id', 'day', ...ROLLUP_GRAIN, ...Object.entries(ROLLUP_MEASURES).map(([name, aggregate]) => `${aggregate} AS ${name}`)].map((column) => `    ${column}`).join(',\n'),
    'FROM',
    '(',
    indent(inner, 4),
    ')',
    `GROUP BY org_id, day, ${ROLLUP_GRAIN.join(', ')}`,
  ].join('\n');
}

/** Rows of events whose local day lies in [{from:Date}, {to:Date}] (the UTC date bounds let the key prune). */
const DAYS_IN_RANGE = [
  'time >= toDateTime64({from:Date}, 3, {tz:String})',
  'time < toDateTime64({to:Date} + 1, 3, {tz:String})',
];

/**
 * The build of one source over the org's days [{from:Date}, {to:Date}]: every grain row of those days, stamped
 * with the build's time. Parameters: org, tz, from, to, built_at.
 */
export function buildRollupSql(source: SourceDefinition): string {
  return [
    `INSERT INTO ${Tables.eventsDailyRollup} (org_id, source, day, built_at, ${ROLLUP_GRAIN.join(', ')}, ${Object.keys(ROLLUP_MEASURES).join(', ')})`,
    'SELECT',
    `    org_id, '${source.id}', day, {built_at:DateTime64(3, 'UTC')}, ${ROLLUP_GRAIN.join(', ')}, ${Object.keys(ROLLUP_MEASURES).join(', ')}`,
    'FROM',
    '(',
    dailyRowsFromEvents(source, DAYS_IN_RANGE),
    ')',
  ].join('\n');
}

const SERVED_DAYS = '{served_days:Array(Date)}';
const SERVED_BUILDS = "{served_builds:Array(DateTime64(3, 'UTC'))}";
const RESOLVED_DAYS = '{resolved_days:Array(Date)}';
const RESOLVED_BUILDS = "{resolved_builds:Array(DateTime64(3, 'UTC'))}";

/**
 * Parameters a rollup-served query reads besides the query's own, found by `queryServedDays` just before it
 * runs: the days read from the resolved rollup (with the resolution to read for each), the days read from the
 * daily rollup and resolved at query time (with the build), and the span of the other days, read from events.
 */
export const SERVED_DAY_PARAMETERS = {
  served_days: 'Array(Date)',
  served_builds: "Array(DateTime64(3, 'UTC'))",
  resolved_days: 'Array(Date)',
  resolved_builds: "Array(DateTime64(3, 'UTC'))",
  raw_from: 'Date',
  raw_to: 'Date',
} as const;

/**
 * The org's days (in `tz`, up to {to:Date}, from {from:Date} unless `fromHistoryStart`) whose latest build is
 * newer than every mark covering them: `(day, built_at)` of the build to read, and `resolved_at` of the
 * resolution of that build with the current directory snapshot (`resolved` = 0 when there is none).
 */
export function servedDaysSql(fromHistoryStart: boolean): string {
  const lowerDay = fromHistoryStart ? [] : ['day >= {from:Date}'];
  // each mark covers the local days of [first_time, last_time], clipped to the query's range
  const firstDay = fromHistoryStart ? 'toDate(first_time, {tz:String})' : 'greatest(toDate(first_time, {tz:String}), {from:Date})';
  const lastDay = 'least(toDate(last_time, {tz:String}), {to:Date})';
  return `SELECT builds.day AS day, builds.built_at AS built_at, resolutions.rollup_built_at = builds.built_at AS resolved, resolutions.resolved_at AS resolved_at
FROM
(
    SELECT day, max(built_at) AS built_at
    FROM ${Tables.rollupBuilds}
    WHERE ${['org_id = {org:String}', 'time_zone = {tz:String}', 'day <= {to:Date}', ...lowerDay].join(' AND ')}
    GROUP BY day
) AS builds
LEFT JOIN
(
    SELECT day, max(marked_at) AS marked_at
    FROM
    (
        SELECT arrayJoin(arrayMap(offset -> ${firstDay} + offset, range(toUInt32(greatest(0, dateDiff('day', ${firstDay}, ${lastDay}) + 1))))) AS day, marked_at
        FROM ${Tables.rollupMarks}
        WHERE org_id = {org:String}
    )
    GROUP BY day
) AS marks ON builds.day = marks.day
LEFT JOIN
(
    SELECT day, rollup_built_at, max(built_at) AS resolved_at
    FROM ${Tables.rollupResolutions}
    WHERE ${['org_id = {org:String}', `snapshot = ${CURRENT_SNAPSHOT}`, 'day <= {to:Date}', ...lowerDay].join(' AND ')}
    GROUP BY day, rollup_built_at
) AS resolutions ON builds.day = resolutions.day AND builds.built_at = resolutions.rollup_built_at
WHERE marks.marked_at <= builds.built_at`;
}

/**
 * What a metric over a rolled-up source reads instead of `events`: the grain rows of its range, from the
 * rollup for served days and from the events for the others, with `time` = the day's local midnight (so period
 * buckets and the directory's day-by-day team resolution work unchanged).
 */
export function rollupRelation(source: SourceDefinition, options: { fromHistoryStart: boolean; dimensions: readonly Dimension[] }): string {
  const columns = ['org_id', 'day', ...ROLLUP_GRAIN, ...Object.keys(ROLLUP_MEASURES)];
  const lowerDay = options.fromHistoryStart ? [] : ['day >= {from:Date}'];
  const fromRollup = rollupRowsOfBuilds(source, columns, SERVED_DAYS, SERVED_BUILDS, lowerDay);
  // The unserved days' span bounds the scan of events (sort key and partitions prune on it; it is empty when
  // every day is served); the served and resolved days inside it are skipped.
  const rawDays = [
    'time >= toDateTime64({raw_from:Date}, 3, {tz:String})',
    'time < toDateTime64({raw_to:Date} + 1, 3, {tz:String})',
    `${LOCAL_DAY} NOT IN (SELECT arrayJoin(arrayConcat(${SERVED_DAYS}, ${RESOLVED_DAYS})))`,
  ];
  const fromEvents = [`SELECT ${columns.join(', ')}`, 'FROM', '(', dailyRowsFromEvents(source, rawDays), ')'].join('\n');
  // Only the grain columns this query reads are kept (the others become ''), and rows are summed over the rest
  // first: fewer rows for the directory resolution that follows.
  const kept = keptGrain(source, options.dimensions);
  const grain = ROLLUP_GRAIN.map((column) => (kept.has(column) ? column : `'' AS ${column}`));
  const measures = Object.keys(ROLLUP_MEASURES).map((measure) => `sum(${measure}) AS ${measure}`);
  return `(
    SELECT org_id, ${grain.join(', ')}, ${measures.join(', ')}, toDateTime64(day, 3, {tz:String}) AS time
    FROM
    (
${indent(fromRollup, 8)}
        UNION ALL
${indent(fromEvents, 8)}
    )
    GROUP BY org_id, day, ${ROLLUP_GRAIN.filter((column) => kept.has(column)).join(', ')}
) AS ${Tables.events}`;
}

/** Resolved rows: the grain with the actor's identities replaced by the person and their teams (no bots). */
export const RESOLVED_GRAIN = [
  'type',
  'person_id',
  'context_team',
  'member_team',
  'repo_team',
  'tool',
  'tool_version',
  'ide',
  'language',
  'model',
  'repo',
  'data_decision',
  'data_status',
  'data_rating',
] as const;

/** The people grain: what the distinct-people metrics read of a resolved row. */
export const PEOPLE_GRAIN = ['person_id', 'context_team', 'member_team'] as const;

/** A reference to a grain or measure column a people row does not have. */
const NOT_IN_PEOPLE_GRAIN = new RegExp(
  `\\b(${[...RESOLVED_GRAIN, ...Object.keys(ROLLUP_MEASURES), 'actor_email', 'actor_login', 'actor_external_id']
    .filter((column) => column !== 'event_count' && !(PEOPLE_GRAIN as readonly string[]).includes(column))
    .join('|')})\\b`,
);

/**
 * Whether the people grain has everything a query reads: the source's fields and computed columns, the
 * dimensions it groups and filters by, and its aggregate expressions (subqueries aside).
 */
export function peopleGrainSuffices(source: SourceDefinition, dimensions: readonly Dimension[], expressions: readonly string[]): boolean {
  const computed = Object.keys(source.computed ?? {}).filter((name) => !source.dedupBy.includes(name));
  if (computed.length > 0 || source.teamExpression !== undefined) return false;
  if (!source.fields.every((field) => (PEOPLE_GRAIN as readonly string[]).includes(field))) return false;
  if (!dimensions.every((dimension) => dimension === 'team' || dimension === 'developer')) return false;
  return expressions.every((expression) => !NOT_IN_PEOPLE_GRAIN.test(stripSubqueries(expression)));
}

/** The day's people rows: each resolved row of a resolution, summed down to the people grain. */
export function resolvePeopleSql(): string {
  return [
    `INSERT INTO ${Tables.eventsDailyPeople} (org_id, source, day, built_at, ${PEOPLE_GRAIN.join(', ')}, event_count)`,
    `SELECT org_id, source, day, built_at, ${PEOPLE_GRAIN.join(', ')}, sum(event_count)`,
    `FROM ${Tables.eventsDailyResolved}`,
    "WHERE org_id = {org:String} AND day >= {from:Date} AND day <= {to:Date} AND built_at = {built_at:DateTime64(3, 'UTC')}",
    `GROUP BY org_id, source, day, built_at, ${PEOPLE_GRAIN.join(', ')}`,
  ].join('\n');
}

/** What a rolled-up metric reads, whichever way its days are served: resolved rows stamped with local midnight. */
const RESOLVED_COLUMNS = ['org_id', 'time', ...RESOLVED_GRAIN, ...Object.keys(ROLLUP_MEASURES)];

/** The `columns` of the daily rollup's rows of the days in `days` (each of its build in `builds`); all sources when null. */
function rollupRowsOfBuilds(source: SourceDefinition | null, columns: readonly string[], days: string, builds: string, lowerDay: readonly string[]): string {
  return [
    `SELECT ${columns.join(', ')}`,
    `FROM ${Tables.eventsDailyRollup}`,
    `WHERE ${['org_id = {org:String}', ...(source ? [`source = '${source.id}'`] : []), 'day <= {to:Date}', ...lowerDay].join(' AND ')}`,
    `  AND ${ofChosenBuild(days, builds)}`,
  ].join('\n');
}

/**
 * The resolution of the org's days {days} (in [{from:Date}, {to:Date}], each of the daily-rollup build in
 * {builds}) with the current directory: every source's rows with people, teams and repo owners resolved and
 * bots dropped, stamped {built_at}. Parameters: org, tz, from, to, days, builds, built_at.
 */
export function resolveRollupSql(): string {
  const columns = ['org_id', 'source', 'day', ...ROLLUP_GRAIN, ...Object.keys(ROLLUP_MEASURES), 'toDateTime64(day, 3, {tz:String}) AS time'];
  const rows = `(\n${indent(rollupRowsOfBuilds(null, columns, '{days:Array(Date)}', "{builds:Array(DateTime64(3, 'UTC'))}", ['day >= {from:Date}']), 4)}\n) AS ${Tables.events}`;
  return [
    `INSERT INTO ${Tables.eventsDailyResolved} (org_id, source, day, built_at, ${RESOLVED_GRAIN.join(', ')}, ${Object.keys(ROLLUP_MEASURES).join(', ')})`,
    'SELECT',
    `    org_id, source, day, {built_at:DateTime64(3, 'UTC')}, ${RESOLVED_GRAIN.join(', ')}, ${Object.keys(ROLLUP_MEASURES).map((measure) => `sum(${measure})`).join(', ')}`,
    `FROM ${resolvedEvents(['org_id = {org:String}'], rows)}`,
    `WHERE ${NOT_A_BOT_PREDICATE}`,
    `GROUP BY org_id, source, day, ${RESOLVED_GRAIN.join(', ')}`,
  ].join('\n');
}

/**
 * What a metric over a rolled-up source reads instead of `events`: resolved rows of its range — from the
 * resolved rollup for the days resolved with the current directory (its people rows when `peopleOnly`), and
 * (unless `resolvedOnly`, when every day of the range is) the other days' grain rows from the daily rollup or
 * the events, resolved at query time.
 */
export function rolledUpRows(
  source: SourceDefinition,
  options: { fromHistoryStart: boolean; dimensions: readonly Dimension[]; resolvedOnly: boolean; peopleOnly: boolean },
): string {
  const lowerDay = options.fromHistoryStart ? [] : ['day >= {from:Date}'];
  // a query that reads nothing but people and their teams reads the people rows (the other columns are empty)
  const resolvedColumn = (column: string) => {
    if (column === 'time') return 'toDateTime64(day, 3, {tz:String}) AS time';
    if (!options.peopleOnly || column === 'org_id' || column === 'event_count' || (PEOPLE_GRAIN as readonly string[]).includes(column)) return column;
    return column in ROLLUP_MEASURES ? `${column === 'cost_usd' ? 'toDecimal128(0, 9)' : 'toInt64(0)'} AS ${column}` : `'' AS ${column}`;
  };
  const fromResolved = [
    `SELECT ${RESOLVED_COLUMNS.map(resolvedColumn).join(', ')}`,
    `FROM ${options.peopleOnly ? Tables.eventsDailyPeople : Tables.eventsDailyResolved}`,
    `WHERE ${['org_id = {org:String}', `source = '${source.id}'`, 'day <= {to:Date}', ...lowerDay].join(' AND ')}`,
    `  AND ${ofChosenBuild(RESOLVED_DAYS, RESOLVED_BUILDS)}`,
  ].join('\n');
  if (options.resolvedOnly) return `(\n${indent(fromResolved, 4)}\n) AS ${Tables.events}`;
  const resolvedNow = [
    `SELECT ${RESOLVED_COLUMNS.join(', ')}`,
    `FROM ${resolvedEvents(['org_id = {org:String}'], rollupRelation(source, options))}`,
    `WHERE ${NOT_A_BOT_PREDICATE}`,
  ].join('\n');
  return `(\n${indent(fromResolved, 4)}\n    UNION ALL\n${indent(resolvedNow, 4)}\n) AS ${Tables.events}`;
}
