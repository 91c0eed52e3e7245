import type { ClickHouseClient } from '@clickhouse/client';
import { queryRows } from '@uplift/clickhouse';
import { buildMetricSql, type BuildOptions } from './build-sql';
import { queryServedDays } from './rollups/served-days';
import { findMetric } from './catalog';
import type { MetricDefinition } from './definition';
import { MetricQueryError } from './errors';
import { periodsBetween, periodStart } from './periods';
import type { MetricPoint, MetricQuery, MetricResponse, MetricSeries } from './query';
import { type MetricSettings, settingsParameters } from './settings';

/** A row of a metric SQL result (64-bit integers may arrive as strings, dates as `YYYY-MM-DD`). */
export type MetricRow = {
  period_start: string;
  group_value?: string;
  /** A split metric's series (request_mix: the request kind). */
  series_value?: string;
  value: number | string | null;
  numerator?: number | string;
  denominator?: number | string;
};

function toNumber(value: number | string | null | undefined): number | null {
  if (value === null || value === undefined) return null;
  return typeof value === 'number' ? value : Number(value);
}

function emptyPoint(metric: MetricDefinition, period: string): MetricPoint {
  if (metric.kind === 'ratio') return { period, value: null, numerator: 0, denominator: 0 };
  return { period, value: metric.kind === 'count' ? 0 : null };
}

function toPoint(metric: MetricDefinition, period: string, row: MetricRow): MetricPoint {
  if (metric.kind !== 'ratio') return { period, value: toNumber(row.value) };
  const numerator = toNumber(row.numerator) ?? 0;
  const denominator = toNumber(row.denominator) ?? 0;
  return { period, value: denominator === 0 ? null : numerator / denominator, numerator, denominator };
}

type SeriesOfGroup = { group: string; split: string };

/**
 * Shapes metric rows into the API response: one series per group value (sorted) — and, for a split metric, one
 * per group value and series value (in the definition's order, every value present) — each with one point per
 * period of [from, to] in order; a period without rows is 0 for counts and null for ratios and statistics.
 */
export function toMetricResponse(query: MetricQuery, rows: readonly MetricRow[]): MetricResponse {
  const metric = findMetric(query.metric);
  if (!metric) throw new MetricQueryError('UNKNOWN_METRIC', `unknown metric "${query.metric}"`, { parameter: 'metric', value: query.metric });
  const split = metric.kind === 'ratio' ? metric.series : undefined;
  const periods = periodsBetween(query.from, query.to, query.granularity);
  const keyOf = (group: string, splitValue: string) => JSON.stringify([group, splitValue]);
  const rowsBySeries = new Map<string, Map<string, MetricRow>>();
  const groups = new Set<string>();
  for (const row of rows) {
    const group = row.group_value ?? '';
    groups.add(group);
    const start = query.granularity === 'total' ? query.from : periodStart(row.period_start, query.granularity);
    const key = keyOf(group, row.series_value ?? '');
    const rowsByPeriod = rowsBySeries.get(key) ?? new Map<string, MetricRow>();
    rowsByPeriod.set(start, row);
    rowsBySeries.set(key, rowsByPeriod);
  }
  const groupBy = query.groupBy;
  if (!groupBy) groups.add('');
  const sortedGroups = [...groups].sort((left, right) => (left < right ? -1 : left > right ? 1 : 0));
  const seriesKeys: SeriesOfGroup[] = sortedGroups.flatMap((group) =>
    split ? split.values.map((entry) => ({ group, split: entry.value })) : [{ group, split: '' }],
  );
  const series: MetricSeries[] = seriesKeys.map(({ group, split: splitValue }) => {
    const rowsByPeriod = rowsBySeries.get(keyOf(group, splitValue)) ?? new Map<string, MetricRow>();
    return {
      group: {
        ...(groupBy ? { [groupBy]: group } : {}),
        ...(split ? { [split.key]: splitValue } : {}),
      },
      points: periods.map((period) => {
        const row = rowsByPeriod.get(period.start);
        return row ? toPoint(metric, period.label, row) : emptyPoint(metric, period.label);
      }),
    };
  });
  return { metric: metric.id, unit: metric.unit, from: query.from, to: query.to, granularity: query.granularity, series };
}

/**
 * Computes a metric for one org. `settings` are the org's metric settings (time zone, codingTimeShare,
 * aiPrLabels; defaults in DEFAULT_METRIC_SETTINGS), passed as typed parameters; `timeZone` is the older way to
 * give the zone (an error when both are given and differ). `build.rollups: false` reads raw events only.
 */
export async function runMetric(
  client: ClickHouseClient,
  args: { orgId: string; timeZone?: string; settings?: MetricSettings; query: MetricQuery; build?: BuildOptions },
): Promise<MetricResponse> {
  const settingsZone = args.settings?.timeZone;
  if (args.timeZone !== undefined && settingsZone !== undefined && args.timeZone !== settingsZone) {
    throw new MetricQueryError(
      'INVALID_PARAMETER',
      `timeZone "${args.timeZone}" and settings.timeZone "${settingsZone}" disagree; give one`,
      { parameter: 'timeZone', value: args.timeZone },
    );
  }
  const runtime = settingsParameters({ ...args.settings, timeZone: settingsZone ?? args.timeZone });
  const built = buildMetricSql(args.query, args.build);
  const served = built.servedDays
    ? await queryServedDays(client, { orgId: args.orgId, timeZone: String(runtime['tz']), from: args.query.from, to: args.query.to, fromHistoryStart: built.servedDays.fromHistoryStart })
    : null;
  // every day resolved already: the SQL without the query-time resolution of the other days
  const { sql, params } = served?.resolvedOnly ? buildMetricSql(args.query, { ...args.build, resolvedOnly: true }) : built;
  const rows = await queryRows<MetricRow>(client, {
    query: sql,
    params: { ...params, ...runtime, ...served?.params, org: args.orgId },
    comment: `metrics:${args.query.metric}`,
  });
  return toMetricResponse(args.query, rows);
}
