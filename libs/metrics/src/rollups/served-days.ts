import type { ClickHouseClient } from '@clickhouse/client';
import { queryRows } from '@uplift/clickhouse';
import { servedDaysSql } from './rollup-sql';

/** Before any event: the lower bound of a cumulative query's unserved span. */
const HISTORY_START = '1970-01-01';
/** An empty span (from after to): every day is served. */
const NO_DAYS = { raw_from: '2149-06-05', raw_to: '1970-01-01' };

const DAY_MS = 86_400_000;
const daysOf = (from: string, to: string) => {
  const days: string[] = [];
  for (let time = Date.parse(`${from}T00:00:00Z`); time <= Date.parse(`${to}T00:00:00Z`); time += DAY_MS) days.push(new Date(time).toISOString().slice(0, 10));
  return days;
};

/**
 * How a rollup-served query reads its days: `params` are the run-time parameters of SERVED_DAY_PARAMETERS;
 * `resolvedOnly` says every day of the range is read from the resolved rollup (the query can skip the rest).
 */
export type ServedDays = { params: Record<string, unknown>; resolvedOnly: boolean };

/**
 * Which days of a rollup-served query read the resolved rollup (and which resolution), which read the daily
 * rollup (and which build), and the span of the other days, read from events. One small query over the
 * builds, the resolutions and the marks.
 */
export async function queryServedDays(
  client: ClickHouseClient,
  args: { orgId: string; timeZone: string; from: string; to: string; fromHistoryStart: boolean },
): Promise<ServedDays> {
  const rows = await queryRows<{ day: string; built_at: string; resolved: number; resolved_at: string }>(client, {
    query: `SELECT toString(day) AS day, toString(built_at) AS built_at, resolved, toString(resolved_at) AS resolved_at FROM (\n${servedDaysSql(args.fromHistoryStart)}\n) ORDER BY day`,
    params: { org: args.orgId, tz: args.timeZone, from: args.from, to: args.to },
    comment: 'metrics:served-days',
  });
  const resolved = rows.filter((row) => Number(row.resolved) === 1);
  const built = rows.filter((row) => Number(row.resolved) !== 1);
  const params = {
    resolved_days: resolved.map((row) => row.day),
    resolved_builds: resolved.map((row) => row.resolved_at),
    served_days: built.map((row) => row.day),
    served_builds: built.map((row) => row.built_at),
  };
  if (args.fromHistoryStart) return { params: { ...params, raw_from: HISTORY_START, raw_to: args.to }, resolvedOnly: false };
  const served = new Set(rows.map((row) => row.day));
  const unserved = daysOf(args.from, args.to).filter((day) => !served.has(day));
  return {
    params: { ...params, ...(unserved.length === 0 ? NO_DAYS : { raw_from: unserved[0], raw_to: unserved.at(-1) }) },
    resolvedOnly: unserved.length === 0 && built.length === 0,
  };
}
