import type { ClickHouseClient } from '@clickhouse/client';
import { markEventsWritten, queryRows, Tables, WHOLE_HISTORY } from '@uplift/clickhouse';
import { SOURCES } from '../sources';
import { resolveRollups, type RollupResolution } from './resolve-rollups';
import { buildRollupSql } from './rollup-sql';

/** The sources pre-aggregated into the daily rollup. */
const ROLLED_UP_SOURCES = Object.values(SOURCES).filter((source) => source.rollup === 'daily');

export type RefreshRollupsOptions = {
  /** The org's current time zone (its days are built in it); null skips an org that no longer exists. */
  timeZoneOf: (orgId: string) => Promise<string | null>;
  /** Days built per statement. */
  chunkDays?: number;
  /** How long a newer build must have been current before the rows of older builds of its day are deleted. */
  settleMs?: number;
  /** Resolve the built days with the current directory afterwards (default true; false leaves them to queries). */
  resolve?: boolean;
};

/** What one refresh did for an org: the local days it built from events, the days it resolved with the directory. */
export type RollupRefresh = {
  orgId: string;
  timeZone: string;
  built: { from: string; to: string; days: number; builtAt: string } | null;
  resolved: RollupResolution | null;
};

const DAY_MS = 86_400_000;

const addDays = (day: string, days: number) => new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
const daysBetween = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS) + 1;

/**
 * One refresh of the daily rollups: for every org with events written since its last build, rebuilds the days
 * those writes touched (in the org's zone) from `events`, then records the builds. The build time is the
 * engine's clock read before any event is, so a day counts as built only for writes marked before that time;
 * a write marked later leaves the day read from `events` until the next refresh. An org whose zone changed is
 * rebuilt whole. Safe to run from several processes at once: the latest complete build of a day wins.
 */
export async function refreshRollups(client: ClickHouseClient, options: RefreshRollupsOptions): Promise<RollupRefresh[]> {
  const chunkDays = options.chunkDays ?? 31;
  // each org's zone is looked up once per refresh
  const zones = new Map<string, Promise<string | null>>();
  const timeZoneOf = (orgId: string) => zones.get(orgId) ?? zones.set(orgId, options.timeZoneOf(orgId)).get(orgId)!;
  const orgsWithBuilds = await markZoneChanges(client, timeZoneOf);
  const [clock] = await queryRows<{ now: string }>(client, { query: 'SELECT toString(now64(3)) AS now', comment: 'rollups:clock' });
  const builtAt = clock!.now;

  // Every mark written before the clock: a refresh deletes the marks it read, so those left are unread — written
  // since, or still in flight when an earlier refresh read the others, or read by a refresh that failed.
  const unread = await queryRows<{ org: string; first: string; last: string; identity: string }>(client, {
    query: `SELECT org_id AS org, toString(first_time) AS first, toString(last_time) AS last, ${MARK_IDENTITY} AS identity
FROM ${Tables.rollupMarks}
WHERE marked_at <= {built_at:DateTime64(3, 'UTC')}
ORDER BY org, marked_at`,
    params: { built_at: builtAt },
    comment: 'rollups:pending',
  });
  const pending = marksByOrg(unread.map((row) => ({ org_id: row.org, first_time: row.first, last_time: row.last, identity: row.identity })));

  const refreshed: RollupRefresh[] = [];
  for (const org of pending) {
    const timeZone = await timeZoneOf(org.org_id);
    if (timeZone === null) continue;
    const span = await daySpan(client, org.org_id, timeZone, org.first_time, org.last_time);
    if (!span) continue;
    for (let from = span.from; from <= span.to; from = addDays(from, chunkDays)) {
      const to = [addDays(from, chunkDays - 1), span.to].sort()[0]!;
      const params = { org: org.org_id, tz: timeZone, from, to, built_at: builtAt };
      for (const source of ROLLED_UP_SOURCES) {
        await client.command({ query: buildRollupSql(source), query_params: params, clickhouse_settings: { log_comment: `rollups:build:${source.id}` } });
      }
      // the days count as built only once every source's rows of the chunk are in
      await client.command({
        query: `INSERT INTO ${Tables.rollupBuilds} (org_id, day, time_zone, built_at)
SELECT {org:String}, {from:Date} + number, {tz:String}, {built_at:DateTime64(3, 'UTC')} FROM numbers({days:UInt32})`,
        query_params: { ...params, days: daysBetween(from, to) },
        clickhouse_settings: { log_comment: 'rollups:builds' },
      });
    }
    refreshed.push({ orgId: org.org_id, timeZone, built: { from: span.from, to: span.to, days: daysBetween(span.from, span.to), builtAt }, resolved: null });
  }
  // The marks this refresh read are spent (every metric query reads the marks of its org, so they must stay
  // few): exactly those are deleted, so none is read twice and none still in flight is lost.
  for (const org of pending) {
    await client.command({
      query: `DELETE FROM ${Tables.rollupMarks}
WHERE org_id = {org:String}
  AND ${MARK_IDENTITY} IN {marks:Array(String)}`,
      query_params: { org: org.org_id, marks: org.marks.map((mark) => mark.identity) },
      clickhouse_settings: { log_comment: 'rollups:spent-marks' },
    });
  }
  for (const org of pending) await forgetSupersededBuilds(client, org.org_id, options.settleMs ?? 600_000);
  if (options.resolve === false) return refreshed;
  // every org with builds: a directory change needs new resolutions even when no event was written
  for (const orgId of new Set([...orgsWithBuilds, ...refreshed.map((entry) => entry.orgId)])) {
    const timeZone = await timeZoneOf(orgId);
    if (timeZone === null) continue;
    const resolved = await resolveRollups(client, { orgId, timeZone, chunkDays, settleMs: options.settleMs ?? 600_000 });
    if (!resolved) continue;
    const refresh = refreshed.find((entry) => entry.orgId === orgId);
    if (refresh) refresh.resolved = resolved;
    else refreshed.push({ orgId, timeZone, built: null, resolved });
  }
  return refreshed;
}

/** A mark's identity: its span and mark time, in milliseconds (text, so it passes as a typed array parameter). */
const MARK_IDENTITY = 'toString((toUnixTimestamp64Milli(first_time), toUnixTimestamp64Milli(last_time), toUnixTimestamp64Milli(marked_at)))';

/** A mark as read: its span as ClickHouse text, and its identity (the span and mark time in milliseconds). */
type Mark = { org_id: string; first_time: string; last_time: string; identity: string };

/** Each org's marks with the span of event times they cover (times as ClickHouse text, which sorts as time). */
function marksByOrg(marks: readonly Mark[]): { org_id: string; first_time: string; last_time: string; marks: Mark[] }[] {
  const orgs = new Map<string, { org_id: string; first_time: string; last_time: string; marks: Mark[] }>();
  for (const mark of marks) {
    const org = orgs.get(mark.org_id);
    if (!org) {
      orgs.set(mark.org_id, { org_id: mark.org_id, first_time: mark.first_time, last_time: mark.last_time, marks: [mark] });
      continue;
    }
    if (mark.first_time < org.first_time) org.first_time = mark.first_time;
    if (mark.last_time > org.last_time) org.last_time = mark.last_time;
    org.marks.push(mark);
  }
  return [...orgs.values()];
}

/**
 * Deletes a day's rows of builds older than the newest build that has been current for `settleMs`: a query
 * that chose a build before a newer one was recorded finishes long before then.
 */
async function forgetSupersededBuilds(client: ClickHouseClient, orgId: string, settleMs: number): Promise<void> {
  await client.command({
    query: `DELETE FROM ${Tables.eventsDailyRollup}
WHERE org_id = {org:String}
  AND (day, built_at) IN (
      SELECT rows.day, rows.built_at
      FROM (SELECT DISTINCT day, built_at FROM ${Tables.eventsDailyRollup} WHERE org_id = {org:String}) AS rows
      INNER JOIN
      (
          SELECT day, max(built_at) AS settled
          FROM ${Tables.rollupBuilds}
          WHERE org_id = {org:String} AND built_at <= now64(3) - toIntervalMillisecond({settle:UInt32})
          GROUP BY day
      ) AS settled ON rows.day = settled.day
      WHERE rows.built_at < settled.settled
  )`,
    query_params: { org: orgId, settle: settleMs },
    clickhouse_settings: { log_comment: 'rollups:forget' },
  });
}

/**
 * The local days to build for a mark span, clipped to the days the org has events on (a whole-history mark
 * becomes the org's actual range); null when the org has no events in it.
 */
async function daySpan(client: ClickHouseClient, orgId: string, timeZone: string, firstTime: string, lastTime: string): Promise<{ from: string; to: string } | null> {
  const [row] = await queryRows<{ from: string; to: string; events: number }>(client, {
    query: `SELECT toString(toDate(min(time), {tz:String})) AS from, toString(toDate(max(time), {tz:String})) AS to, count() AS events
FROM ${Tables.events}
WHERE org_id = {org:String} AND time >= {first:DateTime64(3, 'UTC')} AND time <= {last:DateTime64(3, 'UTC')}`,
    params: { org: orgId, tz: timeZone, first: firstTime, last: lastTime },
    comment: 'rollups:span',
  });
  return row && Number(row.events) > 0 ? { from: row.from, to: row.to } : null;
}

/** An org whose latest build is in another zone than its current one gets a whole-history mark. Returns the orgs with builds. */
async function markZoneChanges(client: ClickHouseClient, timeZoneOf: (orgId: string) => Promise<string | null>): Promise<string[]> {
  const built = await queryRows<{ org_id: string; time_zone: string }>(client, {
    query: `SELECT org_id, argMax(time_zone, built_at) AS time_zone FROM ${Tables.rollupBuilds} GROUP BY org_id ORDER BY org_id`,
    comment: 'rollups:zones',
  });
  for (const org of built) {
    const current = await timeZoneOf(org.org_id);
    if (current === null || current === org.time_zone) continue;
    await markEventsWritten({ client }, [{ orgId: org.org_id, firstTime: WHOLE_HISTORY.first, lastTime: WHOLE_HISTORY.last }]);
  }
  return built.map((org) => org.org_id);
}

/**
 * After a restart: marks what was written since the last build (with a margin), in case a process stopped
 * between writing events and marking them. Reads `received_at` of the events since then.
 */
export async function markUnbuiltWrites(client: ClickHouseClient, marginMs = 600_000): Promise<void> {
  await client.command({
    query: `INSERT INTO ${Tables.rollupMarks} (org_id, first_time, last_time)
SELECT org_id, min(time), max(time)
FROM ${Tables.events}
WHERE received_at > (SELECT max(built_at) FROM ${Tables.rollupBuilds}) - toIntervalMillisecond({margin:UInt32})
GROUP BY org_id`,
    query_params: { margin: marginMs },
    clickhouse_settings: { log_comment: 'rollups:recover' },
  });
}
