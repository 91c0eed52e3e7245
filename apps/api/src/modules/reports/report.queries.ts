import type { ClickHouseClient } from '@clickhouse/client';
import { Tables, queryRows } from '@uplift/clickhouse';

export type AttributionCoverageRow = { source: string; commits: number; attributedCommits: number };

type CoverageRow = { source: string; commits: string | number; attributed: string | number };

/**
 * Non-merge commits of a quarter by source tool, and how many carry AI attribution (`aiLinesAdded` present, or
 * `aiAttribution`). A commit counts once per (repo, sha). `teams` narrows to the team the event sent in its
 * context (null: the whole org). Values reach ClickHouse only as typed parameters.
 */
export async function queryAttributionCoverage(
  client: ClickHouseClient,
  args: { orgId: string; from: string; to: string; timeZone: string; teams: string[] | null },
): Promise<AttributionCoverageRow[]> {
  const rows = await queryRows<CoverageRow>(client, {
    query: `SELECT
    if(tool = '', 'unknown', tool) AS source,
    uniqExact((repo, sha)) AS commits,
    uniqExactIf((repo, sha), JSONHas(data, 'aiLinesAdded') OR JSONHas(data, 'aiAttribution')) AS attributed
FROM ${Tables.events}
WHERE org_id = {org:String}
  AND type = 'commit'
  AND is_merge = 0
  AND NOT endsWith(actor_login, '[bot]')
  AND toDate(time, {tz:String}) BETWEEN {from:Date} AND {to:Date}
  AND ({all_teams:UInt8} = 1 OR context_team IN {teams:Array(String)})
GROUP BY source
ORDER BY source`,
    params: {
      org: args.orgId,
      tz: args.timeZone,
      from: args.from,
      to: args.to,
      all_teams: args.teams === null ? 1 : 0,
      teams: args.teams ?? [],
    },
    comment: 'reports:attribution-coverage',
  });
  return rows.map((row) => ({ source: row.source, commits: Number(row.commits), attributedCommits: Number(row.attributed) }));
}
