/**
 * The DevLake domain-layer rows the importer mapping reads (Apache DevLake's `cicd_*`, `pull_request*`,
 * `commits_diffs` and `incidents` tables), with camelCase names. Timestamps are RFC 3339 strings in UTC, null
 * when DevLake has none.
 */

/** `cicd_pipelines` */
export type DevLakePipeline = {
  id: string;
  name: string;
  /** SUCCESS, FAILURE, SKIPPED, … */
  result: string;
  status: string;
  /** DEPLOYMENT for a deployment pipeline, else '' */
  type: string;
  durationSec: number | null;
  /** PRODUCTION, STAGING, TESTING or '' */
  environment: string;
  createdDate: string | null;
  finishedDate: string | null;
  cicdScopeId: string;
};

/** `cicd_pipeline_commits`: the commit a pipeline ran on, per repo. */
export type DevLakePipelineCommit = {
  pipelineId: string;
  commitSha: string;
  branch: string;
  repoId: string;
  repoUrl: string;
};

/** `cicd_tasks` */
export type DevLakeTask = {
  id: string;
  pipelineId: string;
  result: string;
  type: string;
  environment: string;
};

/** `cicd_deployment_commits`: one deployment of one repo at one commit. */
export type DevLakeDeploymentCommit = {
  /** `<pipeline id>:<repo url>` when generated from pipelines */
  id: string;
  commitSha: string;
  cicdScopeId: string;
  /** the deployment (a pipeline run) this part belongs to */
  cicdDeploymentId: string;
  result: string;
  repoUrl: string;
  environment: string;
  startedDate: string | null;
  finishedDate: string | null;
};

/** `pull_requests` */
export type DevLakePullRequest = {
  id: string;
  baseRepoId: string;
  /** '' or null when unknown */
  authorId: string | null;
  mergeCommitSha: string;
  createdDate: string;
  mergedDate: string | null;
};

/** `pull_request_commits` */
export type DevLakePullRequestCommit = { commitSha: string; pullRequestId: string; commitAuthoredDate: string };

/** `pull_request_comments` */
export type DevLakePullRequestComment = { id: string; pullRequestId: string; createdDate: string; accountId: string };

/** `commits_diffs`: `commitSha` is in the range (oldCommitSha, newCommitSha]. */
export type DevLakeCommitsDiff = { oldCommitSha: string; newCommitSha: string; commitSha: string };

/** `incidents` */
export type DevLakeIncident = { id: string; createdDate: string; resolutionDate: string | null };
