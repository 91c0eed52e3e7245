import type { ClickHouseClient } from '@clickhouse/client';
import { queryRows, Tables } from '@uplift/clickhouse';
import { CURRENT_SNAPSHOT } from '../conventions';
import { resolvePeopleSql, resolveRollupSql } from './rollup-sql';

/** What one pass resolved for an org. */
export type RollupResolution = { orgId: string; snapshot: number; days: number; builtAt: string };

/**
 * Resolves the org's built days that have no resolution of their latest build with the current directory
 * snapshot: every day after a directory change, otherwise the days just built. The snapshot recorded is the one
 * current before the rows are read, so rows resolved with a newer one can only be recorded as older (and are
 * then never read). Safe to run from several processes at once: a day reads its newest matching resolution.
 */
export async function resolveRollups(
  client: ClickHouseClient,
  args: { orgId: string; timeZone: string; chunkDays: number; settleMs: number },
): Promise<RollupResolution | null> {
  const { orgId, timeZone } = args;
  const [state] = await queryRows<{ snapshot: string; now: string }>(client, {
    query: `SELECT toString(${CURRENT_SNAPSHOT}) AS snapshot, toString(now64(3)) AS now`,
    params: { org: orgId },
    comment: 'rollups:resolve:snapshot',
  });
  const snapshot = state!.snapshot;
  const builtAt = state!.now;
  const pending = await queryRows<{ day: string; built_at: string }>(client, {
    query: `SELECT toString(builds.day) AS day, toString(builds.built_at) AS built_at
FROM
(
    SELECT day, max(built_at) AS built_at
    FROM ${Tables.rollupBuilds}
    WHERE org_id = {org:String} AND time_zone = {tz:String}
    GROUP BY day
) AS builds
LEFT ANTI JOIN
(
    SELECT day, rollup_built_at
    FROM ${Tables.rollupResolutions}
    WHERE org_id = {org:String} AND snapshot = {snapshot:UInt64}
) AS resolutions ON builds.day = resolutions.day AND builds.built_at = resolutions.rollup_built_at
ORDER BY day`,
    params: { org: orgId, tz: timeZone, snapshot },
    comment: 'rollups:resolve:pending',
  });
  for (let start = 0; start < pending.length; start += args.chunkDays) {
    const chunk = pending.slice(start, start + args.chunkDays);
    const params = {
      org: orgId,
      tz: timeZone,
      from: chunk[0]!.day,
      to: chunk.at(-1)!.day,
      days: chunk.map((row) => row.day),
      builds: chunk.map((row) => row.built_at),
      built_at: builtAt,
      snapshot,
    };
    await client.command({ query: resolveRollupSql(), query_params: params, clickhouse_settings: { log_comment: 'rollups:resolve' } });
    await client.command({ query: resolvePeopleSql(), query_params: params, clickhouse_settings: { log_comment: 'rollups:resolve:people' } });
    // the days count as resolved only once their rows (resolved and people) are in
    await client.command({
      query: `INSERT INTO ${Tables.rollupResolutions} (org_id, day, rollup_built_at, snapshot, built_at)
SELECT {org:String}, pair.1, pair.2, {snapshot:UInt64}, {built_at:DateTime64(3, 'UTC')}
FROM (SELECT arrayJoin(arrayZip({days:Array(Date)}, {builds:Array(DateTime64(3, 'UTC'))})) AS pair)`,
      query_params: params,
      clickhouse_settings: { log_comment: 'rollups:resolutions' },
    });
  }
  await forgetSupersededResolutions(client, orgId, args.settleMs);
  return pending.length === 0 ? null : { orgId, snapshot: Number(snapshot), days: pending.length, builtAt };
}

/**
 * Deletes a day's resolved rows and records older than its newest resolution once that has been recorded for
 * `settleMs` (a query that chose an older one finishes long before). A newer resolution is of a build and a
 * snapshot at least as new, so an older one is never the one a query should read.
 */
async function forgetSupersededResolutions(client: ClickHouseClient, orgId: string, settleMs: number): Promise<void> {
  // one cutoff for every statement, so the records deleted last are exactly those whose rows went first
  const superseded = (table: string, cutoff: string) => `SELECT rows.day, rows.built_at
      FROM (SELECT DISTINCT day, built_at FROM ${table} WHERE org_id = {org:String}) AS rows
      INNER JOIN
      (
          SELECT day, max(built_at) AS settled
          FROM ${Tables.rollupResolutions}
          WHERE org_id = {org:String} AND built_at <= ${cutoff}
          GROUP BY day
      ) AS settled ON rows.day = settled.day
      WHERE rows.built_at < settled.settled`;
  const [state] = await queryRows<{ cutoff: string; superseded: number }>(client, {
    query: `SELECT toString(now64(3) - toIntervalMillisecond({settle:UInt32})) AS cutoff, (SELECT count() FROM (${superseded(Tables.rollupResolutions, 'now64(3) - toIntervalMillisecond({settle:UInt32})')})) AS superseded`,
    params: { org: orgId, settle: settleMs },
    comment: 'rollups:forget:check',
  });
  // nothing to forget (the usual case): no DELETE, so no mutation of the tables every refresh
  if (Number(state!.superseded) === 0) return;
  for (const table of [Tables.eventsDailyResolved, Tables.eventsDailyPeople, Tables.rollupResolutions]) {
    await client.command({
      query: `DELETE FROM ${table}
WHERE org_id = {org:String}
  AND (day, built_at) IN (
      ${superseded(table, "{cutoff:DateTime64(3, 'UTC')}")}
  )`,
      query_params: { org: orgId, cutoff: state!.cutoff },
      clickhouse_settings: { log_comment: `rollups:forget:${table}` },
    });
  }
}
