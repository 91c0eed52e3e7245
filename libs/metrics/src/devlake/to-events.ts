import { createHash } from 'node:crypto';
import type {
  DevLakeCommitsDiff,
  DevLakeDeploymentCommit,
  DevLakeIncident,
  DevLakePullRequest,
  DevLakePullRequestComment,
  DevLakePullRequestCommit,
} from './model';

/**
 * Maps DevLake domain rows onto Uplift events (events v1 with Uplift's extensions), for importers and the
 * DevLake conformance test. The events are plain JSON, to be sent to the collector or checked with
 * `validateEvent`. A DevLake project is one Uplift org: the caller sends each project's rows under its org.
 */

/** An event as an emitter sends it. */
export type MappedEvent = {
  id: string;
  type: string;
  time: string;
  actor?: { externalId: string };
  source: { tool: string };
  data: Record<string, unknown>;
};

/** A DevLake row Uplift's contract cannot hold, and why. */
export type SkippedRow = { id: string; reason: string };

const SOURCE = { tool: 'devlake' };

/** The actor of a PR whose author DevLake does not know (the contract requires one). */
export const UNKNOWN_AUTHOR = 'devlake:unknown-author';

/**
 * A stable event id for a DevLake row, so a re-import sends the same ids and is counted once: the first 122
 * bits of SHA-256(`key`) laid out as a version-4 UUID (the contract accepts v4 and v7 ids).
 */
export function stableEventId(key: string): string {
  const hex = createHash('sha256').update(key).digest('hex');
  const variant = ((Number.parseInt(hex[16] ?? '0', 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/**
 * A SHA the contract accepts (7–64 hex characters, lower-cased). Real SHAs pass through; a placeholder such as
 * DevLake's test value `commit1` becomes its SHA-1, the same for every row that names it, so joins still hold.
 */
export function contractSha(sha: string): string {
  return /^[0-9a-f]{7,64}$/i.test(sha) ? sha.toLowerCase() : createHash('sha1').update(sha).digest('hex');
}

/**
 * The commits a deployment shipped (Uplift's `deployment.finished.commits`): DevLake's `commits_diffs` rows from
 * the previous successful deployment's commit to this one's. DevLake links PRs only to deployments that have a
 * previous one, so without `previous` there are none.
 */
export function shippedCommits(
  deployment: Pick<DevLakeDeploymentCommit, 'commitSha'>,
  previous: Pick<DevLakeDeploymentCommit, 'commitSha'> | undefined,
  diffs: readonly DevLakeCommitsDiff[],
): string[] {
  if (!previous) return [];
  return diffs
    .filter((diff) => diff.newCommitSha === deployment.commitSha && diff.oldCommitSha === previous.commitSha)
    .map((diff) => contractSha(diff.commitSha));
}

/**
 * A `deployment.finished` for a DevLake deployment commit: deploymentId = the deployment (`cicdDeploymentId`,
 * one pipeline run, possibly over several repos), repo = its repo URL, pipeline = its CI/CD scope, environment
 * and status lower-cased, time = finish. Rows without a finish, an environment, a repo or a SUCCESS/FAILURE
 * result cannot be Uplift deployments and are skipped with the reason.
 */
export function deploymentEvent(
  deployment: DevLakeDeploymentCommit,
  options: { commits?: readonly string[] } = {},
): MappedEvent | SkippedRow {
  const skip = (reason: string): SkippedRow => ({ id: deployment.id, reason });
  if (deployment.finishedDate === null) return skip('no finish time: the deployment has not finished');
  if (deployment.environment === '') return skip('no environment');
  if (deployment.repoUrl === '') return skip('no repo');
  if (deployment.result !== 'SUCCESS' && deployment.result !== 'FAILURE') return skip(`result ${deployment.result}`);
  return {
    id: stableEventId(`devlake:cicd_deployment_commits:${deployment.id}`),
    type: 'deployment.finished',
    time: deployment.finishedDate,
    source: SOURCE,
    data: {
      deploymentId: deployment.cicdDeploymentId,
      repo: deployment.repoUrl,
      environment: deployment.environment.toLowerCase(),
      status: deployment.result.toLowerCase(),
      commitSha: contractSha(deployment.commitSha),
      ...(deployment.startedDate === null ? {} : { startedAt: deployment.startedDate }),
      ...(options.commits && options.commits.length > 0 ? { commits: [...options.commits] } : {}),
      pipeline: deployment.cicdScopeId,
    },
  };
}

/** True for a mapped event, false for a skipped row. */
export function isMappedEvent(value: MappedEvent | SkippedRow): value is MappedEvent {
  return 'type' in value;
}

function earliest<Row>(rows: readonly Row[], timeOf: (row: Row) => string, idOf: (row: Row) => string): Row | undefined {
  return [...rows].sort(
    (left, right) => Date.parse(timeOf(left)) - Date.parse(timeOf(right)) || idOf(left).localeCompare(idOf(right)),
  )[0];
}

export type PullRequestMapping = {
  events: MappedEvent[];
  /** the commit firstCommitAt comes from (earliest authored) */
  firstCommitSha: string | null;
  /** the comment firstReviewAt comes from */
  firstReviewId: string | null;
};

/**
 * `pull_request.opened` (at created) and, when merged, `pull_request.merged` (at merged) for a DevLake PR:
 * repo = base repo, createdAt, firstCommitAt = the earliest authored of its commits, firstReviewAt = the earliest
 * comment (then lowest id) not by its author — any comment when it has no author — mergeCommitSha and commits.
 * `number` is the PR number in its repo (DevLake's pull_request_key).
 */
export function pullRequestEvents(
  pullRequest: DevLakePullRequest,
  number: number,
  related: { commits: readonly DevLakePullRequestCommit[]; comments: readonly DevLakePullRequestComment[] },
): PullRequestMapping {
  const commits = related.commits.filter((commit) => commit.pullRequestId === pullRequest.id);
  const author = pullRequest.authorId ?? '';
  const reviews = related.comments.filter(
    (comment) => comment.pullRequestId === pullRequest.id && (author === '' || comment.accountId !== author),
  );
  const firstCommit = earliest(commits, (commit) => commit.commitAuthoredDate, (commit) => commit.commitSha);
  const firstReview = earliest(reviews, (comment) => comment.createdDate, (comment) => comment.id);
  const actor = { externalId: author === '' ? UNKNOWN_AUTHOR : author };
  const key = `devlake:pull_requests:${pullRequest.id}`;
  const events: MappedEvent[] = [
    {
      id: stableEventId(`${key}:opened`),
      type: 'pull_request.opened',
      time: pullRequest.createdDate,
      actor,
      source: SOURCE,
      data: { repo: pullRequest.baseRepoId, number },
    },
  ];
  if (pullRequest.mergedDate !== null) {
    events.push({
      id: stableEventId(`${key}:merged`),
      type: 'pull_request.merged',
      time: pullRequest.mergedDate,
      actor,
      source: SOURCE,
      data: {
        repo: pullRequest.baseRepoId,
        number,
        createdAt: pullRequest.createdDate,
        ...(firstCommit ? { firstCommitAt: firstCommit.commitAuthoredDate } : {}),
        ...(firstReview ? { firstReviewAt: firstReview.createdDate } : {}),
        ...(pullRequest.mergeCommitSha === '' ? {} : { mergeCommitSha: contractSha(pullRequest.mergeCommitSha) }),
        ...(commits.length > 0 ? { commits: commits.map((commit) => contractSha(commit.commitSha)) } : {}),
      },
    });
  }
  return { events, firstCommitSha: firstCommit?.commitSha ?? null, firstReviewId: firstReview?.id ?? null };
}

/**
 * `incident.opened` (and `incident.resolved` when DevLake has a resolution date). No repo: DevLake links an
 * incident to the latest deployment of its whole project, which is what Uplift does for an incident that names
 * no repo (the tracker scope DevLake files an incident under is not a deployed repo).
 */
export function incidentEvents(incident: DevLakeIncident): MappedEvent[] {
  const key = `devlake:incidents:${incident.id}`;
  const opened: MappedEvent = {
    id: stableEventId(`${key}:opened`),
    type: 'incident.opened',
    time: incident.createdDate,
    source: SOURCE,
    data: { incidentId: incident.id },
  };
  if (incident.resolutionDate === null) return [opened];
  return [
    opened,
    {
      id: stableEventId(`${key}:resolved`),
      type: 'incident.resolved',
      time: incident.resolutionDate,
      source: SOURCE,
      data: { incidentId: incident.id },
    },
  ];
}
