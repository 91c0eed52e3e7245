import { uuidv7, type UpliftEvent } from '@uplift/sdk';
import { gitOptional, type GitContext } from './git';
import { resolveRepoId } from './repo-id';
import { stableUuid } from './stable-id';
import { CLI_VERSION } from './version';

/** What the CI system says about the run, read from its environment variables. */
export type CiDefaults = {
  repo?: string;
  commitSha?: string;
  pipeline?: string;
  branch?: string;
  /** Identifies this run (and attempt): makes a re-sent event the same event. */
  runKey?: string;
  /** The id of a deployment done by this job. */
  deploymentId?: string;
  environment?: string;
  /** When the pipeline (build) started, for the default duration. */
  pipelineStartedAt?: string;
  /** When this job started, the default `startedAt` of a deployment. */
  jobStartedAt?: string;
};

const first = (...values: (string | undefined)[]) => values.map((value) => value?.trim()).find((value) => value) || undefined;

/**
 * Defaults from GitHub Actions (`GITHUB_REPOSITORY`, `GITHUB_SHA`, `GITHUB_WORKFLOW`, `GITHUB_RUN_ID`,
 * `GITHUB_RUN_ATTEMPT`, `GITHUB_REF_NAME`) and GitLab CI (`CI_PROJECT_PATH`, `CI_COMMIT_SHA`,
 * `CI_PIPELINE_NAME` or `CI_JOB_NAME`, `CI_PIPELINE_ID`, `CI_JOB_ID`, `CI_COMMIT_REF_NAME`,
 * `CI_ENVIRONMENT_NAME`, `CI_PIPELINE_CREATED_AT`, `CI_JOB_STARTED_AT`).
 */
export function ciDefaults(env: NodeJS.ProcessEnv): CiDefaults {
  const githubRun = env['GITHUB_RUN_ID'] ? `${env['GITHUB_RUN_ID']}.${env['GITHUB_RUN_ATTEMPT'] ?? '1'}` : undefined;
  return {
    repo: first(env['GITHUB_REPOSITORY'], env['CI_PROJECT_PATH']),
    commitSha: first(env['GITHUB_SHA'], env['CI_COMMIT_SHA']),
    pipeline: first(env['GITHUB_WORKFLOW'], env['CI_PIPELINE_NAME'], env['CI_JOB_NAME']),
    branch: first(env['GITHUB_REF_NAME'], env['CI_COMMIT_REF_NAME']),
    runKey: first(githubRun, env['CI_PIPELINE_ID']),
    deploymentId: first(githubRun, env['CI_JOB_ID']),
    environment: first(env['CI_ENVIRONMENT_NAME']),
    pipelineStartedAt: first(env['CI_PIPELINE_CREATED_AT']),
    jobStartedAt: first(env['CI_JOB_STARTED_AT']),
  };
}

/** Fills what the CI variables left open from the checkout itself (its remote and HEAD), when there is one. */
export async function withCheckoutDefaults(defaults: CiDefaults, context: GitContext): Promise<CiDefaults> {
  const inCheckout = (await gitOptional(context, ['rev-parse', '--is-inside-work-tree']))?.trim() === 'true';
  if (!inCheckout) return defaults;
  return {
    ...defaults,
    repo: defaults.repo ?? (await resolveRepoId(context)),
    commitSha: defaults.commitSha ?? (await gitOptional(context, ['rev-parse', 'HEAD']))?.trim(),
  };
}

export type BuildInput = { repo: string; pipeline: string; status: 'success' | 'failure' | 'cancelled'; durationMs?: number; branch?: string; runKey?: string; now: Date };

export function buildFinishedEvent(input: BuildInput): UpliftEvent<'build.finished'> {
  const data: UpliftEvent<'build.finished'>['data'] = { repo: input.repo, pipeline: input.pipeline, status: input.status };
  if (input.durationMs !== undefined) data.durationMs = input.durationMs;
  return {
    // Stable for a CI run and attempt, so a retried step does not count the build twice.
    id: input.runKey ? stableUuid('build.finished', input.repo, input.pipeline, input.runKey) : uuidv7(),
    type: 'build.finished',
    time: input.now.toISOString(),
    source: { tool: 'ci', toolVersion: CLI_VERSION },
    context: input.branch ? { repo: input.repo, branch: input.branch } : { repo: input.repo },
    data,
  };
}

export type DeploymentInput = {
  deploymentId: string;
  repo: string;
  environment: string;
  status: 'success' | 'failure';
  commitSha: string;
  startedAt?: string;
  branch?: string;
  now: Date;
};

export function deploymentFinishedEvent(input: DeploymentInput): UpliftEvent<'deployment.finished'> {
  const data: UpliftEvent<'deployment.finished'>['data'] = {
    deploymentId: input.deploymentId,
    repo: input.repo,
    environment: input.environment,
    status: input.status,
    commitSha: input.commitSha.toLowerCase(),
  };
  if (input.startedAt) data.startedAt = input.startedAt;
  return {
    // One deployment, one event: reporting it again (a retried step) changes nothing.
    id: stableUuid('deployment.finished', input.repo, input.deploymentId),
    type: 'deployment.finished',
    time: input.now.toISOString(),
    source: { tool: 'ci', toolVersion: CLI_VERSION },
    context: input.branch ? { repo: input.repo, branch: input.branch } : { repo: input.repo },
    data,
  };
}
