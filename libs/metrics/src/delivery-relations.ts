import { NOT_A_BOT_PREDICATE, RESOLVED_EVENTS } from './conventions';

/**
 * Derived row sets that link delivery events to each other (DevLake-compatible DORA, see the metrics README):
 * a merged PR to the deployment that shipped it, an incident to the deployment it belongs to. Each is a
 * parenthesised subquery of constant SQL reading only `{org:String}`. They look at the org's whole history (a
 * PR merged or a deployment finished long before `from` still links); the metric builder or the query
 * functions bound the result by date.
 */

/** Indents every line after the first, so a nested subquery reads at its depth in the generated SQL. */
export function nest(sql: string, depth: number): string {
  return sql.split('\n').join(`\n${' '.repeat(depth)}`);
}

/** A successful deployment to production (environments are lower-cased at ingest). */
export const PRODUCTION_DEPLOYMENT_PREDICATE = "data_status = 'success' AND environment = 'production'";

/** Successful production deployment events of the org, each event id once (a retried request re-sends ids). */
const PRODUCTION_DEPLOYMENT_EVENTS = `(
    SELECT *
    FROM ${nest(RESOLVED_EVENTS, 8)}
    WHERE org_id = {org:String} AND type = 'deployment.finished' AND ${PRODUCTION_DEPLOYMENT_PREDICATE}
    LIMIT 1 BY id
)`;

/**
 * One row per incident (its first `incident.opened`) with the deployment it belongs to: its own `deploymentId`,
 * else the latest successful production deployment event of its repo — of any repo of the org when the incident
 * names none — that finished strictly before the incident opened. `deployment_id` is '' when there is none.
 */
export const INCIDENT_LINKS = `(
    SELECT
        incident.incident_id AS incident_id,
        incident.time AS opened_at,
        incident.repo AS repo,
        incident.data_team AS data_team,
        incident.repo_team AS repo_team,
        incident.deployment_id AS named_deployment_id,
        if(incident.deployment_id != '', incident.deployment_id, latest.deployment_id) AS deployment_id
    FROM
    (
        SELECT incident_id, time, id, repo, data_team, repo_team, deployment_id
        FROM ${nest(RESOLVED_EVENTS, 8)}
        WHERE org_id = {org:String} AND type = 'incident.opened' AND ${NOT_A_BOT_PREDICATE}
        ORDER BY time, id
        LIMIT 1 BY incident_id
    ) AS incident
    ASOF LEFT JOIN
    (
        SELECT deployment_id, time AS finished_at, link_repo
        FROM ${nest(PRODUCTION_DEPLOYMENT_EVENTS, 8)}
        ARRAY JOIN [repo, ''] AS link_repo
    ) AS latest
    ON incident.repo = latest.link_repo AND latest.finished_at < incident.time
)`;

/** A deployment finishes when its last successful production event does (DevLake: max(finished_date)). */
const DEPLOYMENT_FINISHES = `(
    SELECT deployment_id, max(time) AS finished_at
    FROM ${nest(PRODUCTION_DEPLOYMENT_EVENTS, 4)}
    GROUP BY deployment_id
)`;

/** Deployment ids that have at least one incident. */
export const DEPLOYMENTS_WITH_INCIDENTS = `(
    SELECT deployment_id
    FROM ${nest(INCIDENT_LINKS, 4)}
    WHERE deployment_id != ''
)`;

/**
 * `incident.resolved` events (with the resolved incident's repo and team) whose incident belongs to a
 * successful production deployment, and the hours from that deployment's finish to the resolution.
 */
export const RECOVERED_INCIDENTS = `(
    SELECT
        resolved.org_id AS org_id,
        resolved.id AS id,
        resolved.type AS type,
        resolved.time AS time,
        resolved.actor_login AS actor_login,
        resolved.is_bot AS is_bot,
        resolved.incident_id AS incident_id,
        link.repo AS repo,
        link.data_team AS data_team,
        link.repo_team AS repo_team,
        link.deployment_id AS deployment_id,
        dateDiff('millisecond', deployment.finished_at, resolved.time) / 3600000 AS recovery_hours
    FROM ${nest(RESOLVED_EVENTS, 4)} AS resolved
    INNER JOIN ${nest(INCIDENT_LINKS, 4)} AS link ON link.incident_id = resolved.incident_id
    INNER JOIN ${nest(DEPLOYMENT_FINISHES, 4)} AS deployment ON deployment.deployment_id = link.deployment_id
    WHERE resolved.org_id = {org:String} AND resolved.type = 'incident.resolved'
)`;

/** Whole minutes from one instant to another as DevLake counts them: ceil(Δ / 60 s), NULL when negative. */
function spanMinutes(start: string, end: string): string {
  const minutes = `toInt64(ceil(dateDiff('millisecond', ${start}, ${end}) / 60000))`;
  return `if(${minutes} < 0, NULL, ${minutes})`;
}

/**
 * One row per merged PR (its first `pull_request.merged` per (repo, number), no bots; `time` = merged) with the
 * deployment that shipped it — the earliest (by startedAt, else finish, then deploymentId, then event id)
 * successful production deployment event whose `commitSha` or `commits` holds the PR's `mergeCommitSha`,
 * matched by SHA across the org's repos — and DevLake's lead-time parts in minutes:
 * coding = first commit → created, pickup = created → first review, review = first review → merged,
 * deploy = merged → deployment finished, cycle = coding + (created → merged) + deploy with a missing part as 0.
 */
export const PULL_REQUEST_LEAD_TIMES = `(
    SELECT
        *,
        ${spanMinutes('first_commit_at', 'created_at')} AS coding_minutes,
        ${spanMinutes('created_at', 'first_review_at')} AS pickup_minutes,
        ${spanMinutes('first_review_at', 'time')} AS review_minutes,
        ${spanMinutes('time', 'deployed_at')} AS deploy_minutes,
        coalesce(coding_minutes, 0) + coalesce(${spanMinutes('created_at', 'time')}, 0) + coalesce(deploy_minutes, 0) AS cycle_minutes
    FROM
    (
        SELECT
            pr.org_id AS org_id,
            pr.id AS id,
            pr.type AS type,
            pr.time AS time,
            pr.actor_login AS actor_login,
            pr.is_bot AS is_bot,
            pr.person_id AS person_id,
            pr.context_team AS context_team,
            pr.member_team AS member_team,
            pr.repo AS repo,
            pr.language AS language,
            pr.tool AS tool,
            pr.pr_number AS pr_number,
            pr.created_at AS created_at,
            pr.first_commit_at AS first_commit_at,
            pr.first_review_at AS first_review_at,
            pr.merge_commit_sha AS merge_commit_sha,
            tupleElement(deployment.first, 1) AS deployment_event_id,
            tupleElement(deployment.first, 2) AS deployment_id,
            tupleElement(deployment.first, 3) AS deployment_repo,
            if(deployment_event_id = '', NULL, tupleElement(deployment.first, 4)) AS deployed_at
        FROM
        (
            SELECT *
            FROM ${nest(RESOLVED_EVENTS, 8)}
            WHERE org_id = {org:String} AND type = 'pull_request.merged' AND ${NOT_A_BOT_PREDICATE}
            ORDER BY time, id
            LIMIT 1 BY repo, pr_number
        ) AS pr
        LEFT JOIN
        (
            SELECT
                shipped_sha,
                argMin((toString(id), deployment_id, repo, time), (coalesce(started_at, time), deployment_id, id)) AS first
            FROM ${nest(PRODUCTION_DEPLOYMENT_EVENTS, 12)}
            ARRAY JOIN arrayDistinct(arrayConcat([commit_sha], commits)) AS shipped_sha
            WHERE shipped_sha != ''
            GROUP BY shipped_sha
        ) AS deployment ON deployment.shipped_sha = pr.merge_commit_sha
    )
)`;

/** Merged PRs that a successful production deployment shipped, with `time` = that deployment's finish. */
export const DEPLOYED_PULL_REQUESTS = `(
    SELECT * REPLACE (assumeNotNull(deployed_at) AS time)
    FROM ${nest(PULL_REQUEST_LEAD_TIMES, 4)}
    WHERE deployment_event_id != ''
)`;

/**
 * Every `deployment.finished` event (each id once) with its previous successful deployment event of the same
 * (pipeline, repo, environment), ordered by finish then id — DevLake's prev_success_deployment_commit. Only
 * successful deployments get a previous one; the first of a series has none ('').
 */
export const DEPLOYMENT_CHAIN = `(
    SELECT
        deployment.*,
        chain.previous_event_id AS previous_event_id,
        chain.previous_deployment_id AS previous_deployment_id,
        chain.previous_commit_sha AS previous_commit_sha
    FROM
    (
        SELECT *
        FROM ${nest(RESOLVED_EVENTS, 8)}
        WHERE org_id = {org:String} AND type = 'deployment.finished'
        LIMIT 1 BY id
    ) AS deployment
    LEFT JOIN
    (
        SELECT
            toString(id) AS event_id,
            lagInFrame(toString(id), 1, '') OVER series AS previous_event_id,
            lagInFrame(deployment_id, 1, '') OVER series AS previous_deployment_id,
            lagInFrame(commit_sha, 1, '') OVER series AS previous_commit_sha
        FROM
        (
            SELECT *
            FROM ${nest(RESOLVED_EVENTS, 8)}
            WHERE org_id = {org:String} AND type = 'deployment.finished' AND data_status = 'success'
            LIMIT 1 BY id
        )
        WINDOW series AS (PARTITION BY pipeline, repo, environment ORDER BY time, id ROWS BETWEEN 1 PRECEDING AND CURRENT ROW)
    ) AS chain ON chain.event_id = toString(deployment.id)
)`;
