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
 * Which days of a rollup-served query read the rollup (and which build), and the span of days read from events
 * instead: the run-time parameters of SERVED_DAY_PARAMETERS. One small query over the builds and the marks.
 */
export async function queryServedDays(
  client: ClickHouseClient,
  args: { orgId: string; timeZone: string; from: string; to: string; fromHistoryStart: boolean },
): Promise<Record<string, unknown>> {
  const rows = await queryRows<{ day: string; built_at: string }>(client, {
    query: `SELECT toString(day) AS day, toString(built_at) AS built_at FROM (\n${servedDaysSql(args.fromHistoryStart)}\n) ORDER BY day`,
    params: { org: args.orgId, tz: args.timeZone, from: args.from, to: args.to },
    comment: 'metrics:served-days',
  });
  const served = new Set(rows.map((row) => row.day));
  const params = { served_days: rows.map((row) => row.day), served_builds: rows.map((row) => row.built_at) };
  if (args.fromHistoryStart) return { ...params, raw_from: HISTORY_START, raw_to: args.to };
  const unserved = daysOf(args.from, args.to).filter((day) => !served.has(day));
  return { ...params, ...(unserved.length === 0 ? NO_DAYS : { raw_from: unserved[0], raw_to: unserved.at(-1) }) };
}
