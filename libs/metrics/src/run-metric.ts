import type { ClickHouseClient } from '@clickhouse/client';
import { queryRows } from '@uplift/clickhouse';
import { buildMetricSql } from './build-sql';
import { findMetric } from './catalog';
import type { MetricDefinition } from './definition';
import { MetricQueryError } from './errors';
import { isValidTimeZone, periodsBetween, periodStart } from './periods';
import type { MetricPoint, MetricQuery, MetricResponse, MetricSeries } from './query';

/** A row of a metric SQL result (64-bit integers may arrive as strings, dates as `YYYY-MM-DD`). */
export type MetricRow = {
  period_start: string;
  group_value?: string;
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

/**
 * Shapes metric rows into the API response: one series per group value (sorted), each with one point per
 * period of [from, to] in order; a period without rows is 0 for counts and null for ratios and statistics.
 */
export function toMetricResponse(query: MetricQuery, rows: readonly MetricRow[]): MetricResponse {
  const metric = findMetric(query.metric);
  if (!metric) throw new MetricQueryError('UNKNOWN_METRIC', `unknown metric "${query.metric}"`, { parameter: 'metric', value: query.metric });
  const periods = periodsBetween(query.from, query.to, query.granularity);
  const rowsByGroup = new Map<string, Map<string, MetricRow>>();
  for (const row of rows) {
    const group = row.group_value ?? '';
    const start = query.granularity === 'total' ? query.from : periodStart(row.period_start, query.granularity);
    const rowsByPeriod = rowsByGroup.get(group) ?? new Map<string, MetricRow>();
    rowsByPeriod.set(start, row);
    rowsByGroup.set(group, rowsByPeriod);
  }
  const groupBy = query.groupBy;
  if (!groupBy) rowsByGroup.set('', rowsByGroup.get('') ?? new Map());
  const groups = [...rowsByGroup.keys()].sort((left, right) => (left < right ? -1 : left > right ? 1 : 0));
  const series: MetricSeries[] = groups.map((group) => {
    const rowsByPeriod = rowsByGroup.get(group) ?? new Map<string, MetricRow>();
    return {
      group: groupBy ? { [groupBy]: group } : {},
      points: periods.map((period) => {
        const row = rowsByPeriod.get(period.start);
        return row ? toPoint(metric, period.label, row) : emptyPoint(metric, period.label);
      }),
    };
  });
  return { metric: metric.id, unit: metric.unit, from: query.from, to: query.to, granularity: query.granularity, series };
}

/** Computes a metric for one org; `timeZone` (IANA, default UTC) defines buckets and the date range. */
export async function runMetric(
  client: ClickHouseClient,
  args: { orgId: string; timeZone?: string; query: MetricQuery },
): Promise<MetricResponse> {
  const timeZone = args.timeZone ?? 'UTC';
  if (!isValidTimeZone(timeZone)) {
    throw new MetricQueryError('INVALID_PARAMETER', `timeZone must be an IANA time zone name (got "${timeZone}")`, {
      parameter: 'timeZone',
      value: timeZone,
    });
  }
  const { sql, params } = buildMetricSql(args.query);
  const rows = await queryRows<MetricRow>(client, {
    query: sql,
    params: { ...params, org: args.orgId, tz: timeZone },
    comment: `metrics:${args.query.metric}`,
  });
  return toMetricResponse(args.query, rows);
}
