import type { ClickHouseClient } from '@clickhouse/client';
import { queryRows } from '@uplift/clickhouse';
import { DEPLOYMENT_CHAIN, INCIDENT_LINKS, PULL_REQUEST_LEAD_TIMES } from './delivery-relations';
import { MetricQueryError } from './errors';
import { daysBetween, isIsoDate } from './periods';
import { settingsParameters } from './settings';

/**
 * Row-level views of the DORA links behind lead_time_for_changes, change_failure_rate and recovery_time, for
 * drill-downs, importers and the DevLake conformance test. Same SQL as the metrics (delivery-relations.ts).
 */

/** An org and an inclusive range of civil dates in `timeZone` (default UTC). */
export type DeliveryQueryArgs = { orgId: string; from: string; to: string; timeZone?: string };

/** DevLake's per-PR lead time parts (project_pr_metrics), whole minutes, null when unknown or negative. */
export type PullRequestLeadTime = {
  repo: string;
  number: number;
  /** the pull_request.merged event counted for the PR (its first) */
  eventId: string;
  createdAt: string | null;
  mergedAt: string;
  firstCommitAt: string | null;
  firstReviewAt: string | null;
  mergeCommitSha: string;
  /** the deployment event that shipped the PR, null when none did */
  deployment: { eventId: string; deploymentId: string; repo: string; finishedAt: string } | null;
  codingMinutes: number | null;
  pickupMinutes: number | null;
  reviewMinutes: number | null;
  deployMinutes: number | null;
  /** coding + created → merged + deploy, a missing part counted as 0 */
  cycleMinutes: number;
};

export type IncidentDeployment = {
  incidentId: string;
  openedAt: string;
  repo: string;
  /** the deployment the incident belongs to, null when there is none */
  deploymentId: string | null;
  /** `deploymentId`: the incident named it; `time`: the latest successful production deployment before it */
  linkedBy: 'deploymentId' | 'time' | null;
};

export type DeploymentWithPrevious = {
  eventId: string;
  deploymentId: string;
  repo: string;
  environment: string;
  pipeline: string;
  status: string;
  commitSha: string;
  commits: string[];
  startedAt: string | null;
  finishedAt: string;
  /** the previous successful deployment event of the same (pipeline, repo, environment); null for a failure */
  previous: { eventId: string; deploymentId: string; commitSha: string } | null;
};

const RANGE = (column: string) =>
  `${column} >= toDateTime64({from:Date}, 3, {tz:String}) AND ${column} < toDateTime64({to:Date} + 1, 3, {tz:String})`;

/** 'YYYY-MM-DD hh:mm:ss.sss' (UTC) → RFC 3339 with `Z`. */
function isoTime(value: string): string {
  return `${value.replace(' ', 'T')}Z`;
}

function isoTimeOrNull(value: string | null): string | null {
  return value === null ? null : isoTime(value);
}

function toNumberOrNull(value: number | string | null): number | null {
  return value === null ? null : Number(value);
}

function rangeParameters(args: DeliveryQueryArgs): Record<string, unknown> {
  for (const name of ['from', 'to'] as const) {
    if (!isIsoDate(args[name])) {
      throw new MetricQueryError('INVALID_PARAMETER', `${name} must be a date YYYY-MM-DD (got "${args[name]}")`, {
        parameter: name,
        value: args[name],
      });
    }
  }
  if (daysBetween(args.from, args.to) < 0) {
    throw new MetricQueryError('INVALID_PARAMETER', `from (${args.from}) must not be after to (${args.to})`, {
      parameter: 'from',
      value: args.from,
    });
  }
  const { tz } = settingsParameters({ timeZone: args.timeZone });
  return { org: args.orgId, from: args.from, to: args.to, tz };
}

type LeadTimeRow = {
  repo: string;
  pr_number: number | string;
  event_id: string;
  created_at: string | null;
  merged_at: string;
  first_commit_at: string | null;
  first_review_at: string | null;
  merge_commit_sha: string;
  deployment_event_id: string;
  deployment_id: string;
  deployment_repo: string;
  deployed_at: string | null;
  coding_minutes: number | string | null;
  pickup_minutes: number | string | null;
  review_minutes: number | string | null;
  deploy_minutes: number | string | null;
  cycle_minutes: number | string;
};

/** Every PR merged in the range (each (repo, number) once, no bots) with its deployment and lead time parts. */
export async function queryPullRequestLeadTimes(
  client: ClickHouseClient,
  args: DeliveryQueryArgs,
): Promise<PullRequestLeadTime[]> {
  const rows = await queryRows<LeadTimeRow>(client, {
    query: `SELECT
    repo, pr_number, toString(id) AS event_id, created_at, time AS merged_at, first_commit_at, first_review_at,
    merge_commit_sha, deployment_event_id, deployment_id, deployment_repo, deployed_at,
    coding_minutes, pickup_minutes, review_minutes, deploy_minutes, cycle_minutes
FROM ${PULL_REQUEST_LEAD_TIMES}
WHERE ${RANGE('time')}
ORDER BY time, repo, pr_number`,
    params: rangeParameters(args),
    comment: 'metrics:pull_request_lead_times',
  });
  return rows.map((row) => ({
    repo: row.repo,
    number: Number(row.pr_number),
    eventId: row.event_id,
    createdAt: isoTimeOrNull(row.created_at),
    mergedAt: isoTime(row.merged_at),
    firstCommitAt: isoTimeOrNull(row.first_commit_at),
    firstReviewAt: isoTimeOrNull(row.first_review_at),
    mergeCommitSha: row.merge_commit_sha,
    deployment:
      row.deployment_event_id === '' || row.deployed_at === null
        ? null
        : {
            eventId: row.deployment_event_id,
            deploymentId: row.deployment_id,
            repo: row.deployment_repo,
            finishedAt: isoTime(row.deployed_at),
          },
    codingMinutes: toNumberOrNull(row.coding_minutes),
    pickupMinutes: toNumberOrNull(row.pickup_minutes),
    reviewMinutes: toNumberOrNull(row.review_minutes),
    deployMinutes: toNumberOrNull(row.deploy_minutes),
    cycleMinutes: Number(row.cycle_minutes),
  }));
}

type IncidentRow = { incident_id: string; opened_at: string; repo: string; named_deployment_id: string; deployment_id: string };

/** Every incident opened in the range (its first incident.opened) with the deployment it belongs to. */
export async function queryIncidentDeployments(
  client: ClickHouseClient,
  args: DeliveryQueryArgs,
): Promise<IncidentDeployment[]> {
  const rows = await queryRows<IncidentRow>(client, {
    query: `SELECT incident_id, opened_at, repo, named_deployment_id, deployment_id
FROM ${INCIDENT_LINKS}
WHERE ${RANGE('opened_at')}
ORDER BY opened_at, incident_id`,
    params: rangeParameters(args),
    comment: 'metrics:incident_deployments',
  });
  return rows.map((row) => ({
    incidentId: row.incident_id,
    openedAt: isoTime(row.opened_at),
    repo: row.repo,
    deploymentId: row.deployment_id === '' ? null : row.deployment_id,
    linkedBy: row.named_deployment_id !== '' ? 'deploymentId' : row.deployment_id !== '' ? 'time' : null,
  }));
}

type DeploymentRow = {
  event_id: string;
  deployment_id: string;
  repo: string;
  environment: string;
  pipeline: string;
  status: string;
  commit_sha: string;
  commits: string[];
  started_at: string | null;
  finished_at: string;
  previous_event_id: string;
  previous_deployment_id: string;
  previous_commit_sha: string;
};

/**
 * Every deployment.finished in the range (each event id once), with its previous successful deployment of the
 * same pipeline, repo and environment — what an importer diffs against to fill `commits`.
 */
export async function queryPreviousDeployments(
  client: ClickHouseClient,
  args: DeliveryQueryArgs,
): Promise<DeploymentWithPrevious[]> {
  const rows = await queryRows<DeploymentRow>(client, {
    query: `SELECT
    toString(id) AS event_id, deployment_id, repo, environment, pipeline, data_status AS status, commit_sha, commits,
    started_at, time AS finished_at, previous_event_id, previous_deployment_id, previous_commit_sha
FROM ${DEPLOYMENT_CHAIN}
WHERE ${RANGE('time')}
ORDER BY time, id`,
    params: rangeParameters(args),
    comment: 'metrics:previous_deployments',
  });
  return rows.map((row) => ({
    eventId: row.event_id,
    deploymentId: row.deployment_id,
    repo: row.repo,
    environment: row.environment,
    pipeline: row.pipeline,
    status: row.status,
    commitSha: row.commit_sha,
    commits: row.commits,
    startedAt: isoTimeOrNull(row.started_at),
    finishedAt: isoTime(row.finished_at),
    previous:
      row.previous_event_id === ''
        ? null
        : { eventId: row.previous_event_id, deploymentId: row.previous_deployment_id, commitSha: row.previous_commit_sha },
  }));
}
