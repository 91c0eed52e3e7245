import { Tables } from '@uplift/clickhouse';
import { MIXED_TEAM_EXPRESSION, NOT_A_BOT_PREDICATE, RESOLVED_EVENTS, WORK_ITEM_TEAM_EXPRESSION } from '../conventions';
import type { SourceDefinition } from '../definition';
import {
  DEPLOYED_PULL_REQUESTS,
  DEPLOYMENTS_WITH_INCIDENTS,
  PRODUCTION_DEPLOYMENT_PREDICATE,
  RECOVERED_INCIDENTS,
  nest,
} from '../delivery-relations';

/** Before the end of the range: lookups of what came earlier than a row, however long before `from`. */
const UNTIL_TO = 'time < toDateTime64({to:Date} + 1, 3, {tz:String})';

/** aiAssisted, or a label in the org's AI label list (`{ai_pr_labels}`, lower-cased; labels compared lower-cased). */
const HAS_AI_MARK = '(ai_assisted = 1 OR hasAny(arrayMap(label -> lower(label), labels), {ai_pr_labels:Array(String)}))';

/** The PR's pull_request.opened carried the mark (a merged event need not repeat labels). */
const OPENED_WITH_AI_MARK = `(repo, pr_number) IN (SELECT repo, pr_number FROM ${Tables.events} WHERE org_id = {org:String} AND type = 'pull_request.opened' AND ${HAS_AI_MARK} AND ${UNTIL_TO})`;

/** One of the PR's `commits` is a commit event of its repo with aiLinesAdded > 0. */
const HAS_AI_COMMIT = `arrayExists(pr_commit -> (repo, pr_commit) IN (SELECT repo, sha FROM ${Tables.events} WHERE org_id = {org:String} AND type = 'commit' AND ai_lines_added > 0 AND ${UNTIL_TO}), commits)`;

/**
 * The pull_request.merged event counted for each (repo, number) in the range: its first report (by time, id),
 * exactly as the merged_pull_requests source keeps it.
 */
const FIRST_MERGES = `(
    SELECT id
    FROM ${nest(RESOLVED_EVENTS, 4)}
    WHERE org_id = {org:String}
      AND type = 'pull_request.merged'
      AND time >= toDateTime64({from:Date}, 3, {tz:String})
      AND ${UNTIL_TO}
      AND ${NOT_A_BOT_PREDICATE}
    ORDER BY time, id
    LIMIT 1 BY repo, pr_number
)`;

/** When a resolved work item was created: its `createdAt`, else its first work_item.created. */
const RESOLVED_REQUIREMENTS = `(
    SELECT resolved.*, created.created_time AS created_time
    FROM ${nest(RESOLVED_EVENTS, 4)} AS resolved
    LEFT JOIN
    (
        SELECT item_key, toNullable(min(time)) AS created_time
        FROM ${Tables.events}
        WHERE org_id = {org:String} AND type = 'work_item.created' AND ${UNTIL_TO}
        GROUP BY item_key
    ) AS created ON created.item_key = resolved.item_key
    WHERE resolved.org_id = {org:String} AND resolved.type = 'work_item.resolved'
)`;

/** Sources of the delivery, DORA and survey metrics (bots are excluded from every source, see conventions). */
export const DELIVERY_SOURCES = {
  commits: {
    id: 'commits',
    description: 'non-merge commit events; one row per (repo, sha)',
    eventTypes: ['commit'],
    where: 'is_merge = 0',
    dedupBy: ['repo', 'sha'],
    fields: ['lines_added', 'lines_deleted', 'ai_lines_added'],
  },
  contributions: {
    id: 'contributions',
    description:
      'commit and pull_request.* events, one row per event id, with first_merge: the pull_request.merged counted for its (repo, number), as pr_throughput counts it',
    eventTypes: ['commit', 'pull_request.*'],
    dedupBy: ['id'],
    fields: ['type', 'person_id'],
    computed: { first_merge: `id IN ${FIRST_MERGES}` },
  },
  merged_pull_requests: {
    id: 'merged_pull_requests',
    description: 'pull_request.merged; one row per (repo, number)',
    eventTypes: ['pull_request.merged'],
    dedupBy: ['repo', 'pr_number'],
    fields: [],
  },
  merged_pull_request_cycles: {
    id: 'merged_pull_request_cycles',
    description: 'pull_request.merged, one row per (repo, number), with cycle_hours: merged − (firstCommitAt, else createdAt)',
    eventTypes: ['pull_request.merged'],
    dedupBy: ['repo', 'pr_number'],
    fields: [],
    computed: { cycle_hours: "dateDiff('millisecond', coalesce(first_commit_at, created_at), time) / 3600000" },
  },
  merged_pull_requests_with_ai_signal: {
    id: 'merged_pull_requests_with_ai_signal',
    description:
      'pull_request.merged, one row per (repo, number), with ai_signal: aiAssisted or an AI label on its merged or opened event, or one of its commits with aiLinesAdded > 0',
    eventTypes: ['pull_request.merged'],
    dedupBy: ['repo', 'pr_number'],
    fields: [],
    computed: { ai_signal: `${HAS_AI_MARK} OR ${OPENED_WITH_AI_MARK} OR ${HAS_AI_COMMIT}` },
  },
  resolved_requirements: {
    id: 'resolved_requirements',
    description:
      'work_item.resolved with kind = requirement, one row per key (first resolution), with its creation time (createdAt, else its first work_item.created)',
    eventTypes: ['work_item.resolved'],
    where: "data_kind = 'requirement'",
    dedupBy: ['item_key'],
    fields: [],
    computed: { lead_days: "dateDiff('millisecond', coalesce(created_at, created_time), time) / 86400000" },
    from: RESOLVED_REQUIREMENTS,
    teamExpression: WORK_ITEM_TEAM_EXPRESSION,
  },
  created_bugs: {
    id: 'created_bugs',
    description: 'work_item.created with kind = bug; one row per key',
    eventTypes: ['work_item.created'],
    where: "data_kind = 'bug'",
    dedupBy: ['item_key'],
    fields: [],
    teamExpression: WORK_ITEM_TEAM_EXPRESSION,
  },
  bugs_and_commits: {
    id: 'bugs_and_commits',
    description: 'work_item.created with kind = bug (one row per key) and non-merge commits (one row per (repo, sha))',
    eventTypes: ['work_item.created', 'commit'],
    where: "(type = 'work_item.created' AND data_kind = 'bug') OR (type = 'commit' AND is_merge = 0)",
    dedupBy: ['defect_key'],
    fields: ['type', 'lines_added'],
    computed: { defect_key: "if(type = 'commit', concat('commit:', repo, '@', sha), concat('item:', item_key))" },
    teamExpression: MIXED_TEAM_EXPRESSION,
  },
  production_deployments: {
    id: 'production_deployments',
    description:
      'successful production deployment.finished events; one row per deploymentId, its latest (a deployment finishes when its last part does)',
    eventTypes: ['deployment.finished'],
    where: PRODUCTION_DEPLOYMENT_PREDICATE,
    dedupBy: ['deployment_id'],
    keep: 'latest',
    fields: [],
  },
  production_deployments_with_incidents: {
    id: 'production_deployments_with_incidents',
    description:
      'production_deployments with has_incident: an incident names the deployment, or it is the latest successful production deployment (of the incident repo) that finished before the incident opened',
    eventTypes: ['deployment.finished'],
    where: PRODUCTION_DEPLOYMENT_PREDICATE,
    dedupBy: ['deployment_id'],
    keep: 'latest',
    fields: [],
    computed: { has_incident: `deployment_id IN ${DEPLOYMENTS_WITH_INCIDENTS}` },
  },
  deployed_pull_requests: {
    id: 'deployed_pull_requests',
    description:
      'merged PRs (one row per (repo, number)) shipped by a successful production deployment, at that deployment finish, with DevLake lead-time parts in minutes',
    eventTypes: ['pull_request.merged'],
    dedupBy: ['repo', 'pr_number'],
    fields: ['cycle_minutes'],
    from: DEPLOYED_PULL_REQUESTS,
  },
  recovered_incidents: {
    id: 'recovered_incidents',
    description:
      'incident.resolved, one row per incidentId (first resolution), with the hours since the finish of the deployment the incident belongs to',
    eventTypes: ['incident.resolved'],
    dedupBy: ['incident_id'],
    fields: ['recovery_hours'],
    from: RECOVERED_INCIDENTS,
    teamExpression: WORK_ITEM_TEAM_EXPRESSION,
  },
  survey_responses: {
    id: 'survey_responses',
    description: 'survey.response; one row per event id',
    eventTypes: ['survey.response'],
    dedupBy: ['id'],
    fields: ['question', 'score'],
  },
} satisfies Record<string, SourceDefinition>;
