import { Tables } from '@uplift/clickhouse';

/**
 * Population and grouping conventions shared by every metric, each written once. People and teams are
 * resolved at query time from the org's current directory snapshot (docs/directory.md), so a directory change
 * re-attributes history on the next query.
 */

/** The org's current directory snapshot (0 before its first). */
export const CURRENT_SNAPSHOT = `(SELECT max(snapshot) FROM ${Tables.directorySnapshots} WHERE org_id = {org:String})`;

const identityLookup = (kind: string) =>
  `(SELECT (groupArray(value), groupArray(person_id)) FROM ${Tables.directoryIdentities} WHERE org_id = {org:String} AND snapshot = ${CURRENT_SNAPSHOT} AND kind = '${kind}')`;

/**
 * The org's events as metrics see them: every column of `events`, with `person_id` resolved through the
 * directory's identities (email, else login, else external id — nested `transform`s, each a hash lookup; an
 * unknown actor stays its own person), and
 * `member_team` (the team of the person's membership covering the event's day in the org's zone, '' when
 * none), `repo_team` (the owning team of the event's repo, '' when none) and `is_bot` (a person flagged as a
 * bot) added. `predicates` on raw event columns narrow the scan before resolution. `relation` replaces the `events`
 * table with rows of the same columns, aliased `events` (the daily rollups, see rollups/rollup-sql.ts).
 */
export function resolvedEvents(predicates: readonly string[] = ['org_id = {org:String}'], relation: string = Tables.events): string {
  return `(
    SELECT
        resolved.* EXCEPT (event_date),
        if(resolved.event_date <= membership.end_date, membership.team, '') AS member_team
    FROM
    (
        WITH
            ${identityLookup('email')} AS by_email,
            ${identityLookup('login')} AS by_login,
            ${identityLookup('external_id')} AS by_external,
            (SELECT groupArray(person_id) FROM ${Tables.directoryPeople} WHERE org_id = {org:String} AND snapshot = ${CURRENT_SNAPSHOT} AND is_bot = 1) AS bots,
            (SELECT (groupArray(repo), groupArray(team)) FROM ${Tables.directoryRepos} WHERE org_id = {org:String} AND snapshot = ${CURRENT_SNAPSHOT}) AS owners
        SELECT
            ${Tables.events}.* EXCEPT (person_id),
            transform(actor_email, by_email.1, by_email.2,
                transform(actor_login, by_login.1, by_login.2,
                    transform(actor_external_id, by_external.1, by_external.2, ${Tables.events}.person_id))) AS person_id,
            has(bots, person_id) AS is_bot,
            transform(repo, owners.1, owners.2, '') AS repo_team,
            toDate(time, {tz:String}) AS event_date
        FROM ${relation}
        WHERE ${predicates.join('\n          AND ')}
    ) AS resolved
    ASOF LEFT JOIN
    (
        SELECT person_id, start_date, end_date, team
        FROM ${Tables.directoryMemberships}
        WHERE org_id = {org:String} AND snapshot = ${CURRENT_SNAPSHOT}
    ) AS membership
    ON resolved.person_id = membership.person_id AND resolved.event_date >= membership.start_date
)`;
}

/** All of the org's events, resolved (for derived row sets that filter further themselves). */
export const RESOLVED_EVENTS = resolvedEvents();

/** Dimensions a series can be grouped by. */
export const DIMENSIONS = ['team', 'developer', 'language', 'ide', 'tool', 'tool_version', 'model', 'repo', 'pull_request'] as const;
export type Dimension = (typeof DIMENSIONS)[number];

/** Dimensions of assistant events (every one but `pull_request`, which only pull-request metrics have). */
export const ASSISTANT_DIMENSIONS: readonly Dimension[] = DIMENSIONS.filter((dimension) => dimension !== 'pull_request');

/** Dimensions a query can filter on (`developer` is a grouping only). */
export const FILTER_DIMENSIONS = ['team', 'language', 'ide', 'tool', 'tool_version', 'repo', 'model'] as const;
export type FilterDimension = (typeof FILTER_DIMENSIONS)[number];

/** Team of an event: its `context.team`, else the person's team on that day (directory), else `unassigned`. */
export const TEAM_EXPRESSION = "multiIf(context_team != '', context_team, member_team != '', member_team, 'unassigned')";

/** Team of a work item or an incident: its own `team` field, else its repo's owning team, else `unassigned`. */
export const WORK_ITEM_TEAM_EXPRESSION = "multiIf(data_team != '', data_team, repo_team != '', repo_team, 'unassigned')";

/** Team of a source that mixes work items with other events (defect density): each by its own rule. */
export const MIXED_TEAM_EXPRESSION = `if(startsWith(type, 'work_item.') OR startsWith(type, 'incident.'), ${WORK_ITEM_TEAM_EXPRESSION}, ${TEAM_EXPRESSION})`;

/** The developer an event belongs to: the person resolved through the directory's identities. */
export const DEVELOPER_EXPRESSION = 'person_id';

/** SQL expression over `events` columns for each dimension. */
export const DIMENSION_EXPRESSIONS: Record<Dimension, string> = {
  team: TEAM_EXPRESSION,
  developer: DEVELOPER_EXPRESSION,
  language: 'language',
  ide: 'ide',
  tool: 'tool',
  /** `<tool> <version>` (`copilot 1.2`), so versions of different tools never merge; '' without a tool. */
  tool_version: "if(tool = '', '', concat(tool, ' ', if(tool_version = '', 'unknown', tool_version)))",
  model: 'model',
  repo: 'repo',
  /** `<repo>#<number>`: one pull request (per-PR analyses, e.g. AI-assisted against other PRs) */
  pull_request: "concat(repo, '#', toString(pr_number))",
};

/**
 * Bots never count: events of people flagged as bots in the directory, and of logins ending with `[bot]`, are
 * dropped from every metric. Actor-less events (deployment.*, incident.*, build.*) are unaffected.
 */
export const NOT_A_BOT_PREDICATE = "NOT endsWith(actor_login, '[bot]') AND NOT is_bot";
