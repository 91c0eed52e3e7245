import type { DevLakeDeploymentCommit, DevLakePipeline, DevLakePipelineCommit, DevLakeTask } from './model';

/** Results DevLake treats as a run that happened (not skipped). */
const RAN = new Set(['SUCCESS', 'FAILURE']);

/** Environments a pipeline inherits from its tasks, in order of precedence. */
const TASK_ENVIRONMENTS = ['PRODUCTION', 'STAGING', 'TESTING'] as const;

export type DeploymentGeneratorInput = {
  /** The CI/CD scopes of the project (DevLake `project_mapping` rows of table `cicd_scopes`). */
  cicdScopeIds: Iterable<string>;
  pipelines: readonly DevLakePipeline[];
  pipelineCommits: readonly DevLakePipelineCommit[];
  tasks: readonly DevLakeTask[];
};

function subtractSeconds(isoTime: string, seconds: number): string {
  return new Date(Date.parse(isoTime) - Math.trunc(seconds) * 1000).toISOString();
}

/**
 * DevLake's deployment generator (dora `generateDeploymentCommits`) as a pure function: which pipeline runs
 * are deployments, and one deployment commit per (pipeline, repo) they ran on.
 *
 * - A pipeline of the project's CI/CD scopes counts when its result is SUCCESS or FAILURE and it is of type
 *   DEPLOYMENT or has a SUCCESS/FAILURE task of type DEPLOYMENT.
 * - One row per `cicd_pipeline_commits` row of such a pipeline: id `<pipeline id>:<repo url>`, the pipeline's
 *   result, scope and finish; `cicdDeploymentId` = the pipeline id.
 * - environment = the pipeline's, else PRODUCTION, STAGING or TESTING (in that order) when a SUCCESS/FAILURE task
 *   has it, else ''.
 * - startedDate = finish − duration (whole seconds) when both are known, else null.
 *
 * Rows follow the order of `pipelineCommits`.
 */
export function generateDeploymentCommits(input: DeploymentGeneratorInput): DevLakeDeploymentCommit[] {
  const scopes = new Set(input.cicdScopeIds);
  const pipelinesById = new Map(input.pipelines.map((pipeline) => [pipeline.id, pipeline]));
  const ranTasksByPipeline = new Map<string, DevLakeTask[]>();
  for (const task of input.tasks) {
    if (!RAN.has(task.result)) continue;
    ranTasksByPipeline.set(task.pipelineId, [...(ranTasksByPipeline.get(task.pipelineId) ?? []), task]);
  }

  const deployments: DevLakeDeploymentCommit[] = [];
  for (const pipelineCommit of input.pipelineCommits) {
    const pipeline = pipelinesById.get(pipelineCommit.pipelineId);
    if (!pipeline || !scopes.has(pipeline.cicdScopeId) || !RAN.has(pipeline.result)) continue;
    const ranTasks = ranTasksByPipeline.get(pipeline.id) ?? [];
    const isDeployment = pipeline.type === 'DEPLOYMENT' || ranTasks.some((task) => task.type === 'DEPLOYMENT');
    if (!isDeployment) continue;
    const environment =
      pipeline.environment ||
      TASK_ENVIRONMENTS.find((candidate) => ranTasks.some((task) => task.environment === candidate)) ||
      '';
    deployments.push({
      id: `${pipeline.id}:${pipelineCommit.repoUrl}`,
      commitSha: pipelineCommit.commitSha,
      cicdScopeId: pipeline.cicdScopeId,
      cicdDeploymentId: pipeline.id,
      result: pipeline.result,
      repoUrl: pipelineCommit.repoUrl,
      environment,
      startedDate:
        pipeline.finishedDate !== null && pipeline.durationSec !== null
          ? subtractSeconds(pipeline.finishedDate, pipeline.durationSec)
          : null,
      finishedDate: pipeline.finishedDate,
    });
  }
  return deployments;
}
