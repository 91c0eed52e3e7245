export { generateDeploymentCommits, type DeploymentGeneratorInput } from './deployment-generator';
export type {
  DevLakeCommitsDiff,
  DevLakeDeploymentCommit,
  DevLakeIncident,
  DevLakePipeline,
  DevLakePipelineCommit,
  DevLakePullRequest,
  DevLakePullRequestComment,
  DevLakePullRequestCommit,
  DevLakeTask,
} from './model';
export {
  contractSha,
  deploymentEvent,
  incidentEvents,
  isMappedEvent,
  pullRequestEvents,
  shippedCommits,
  stableEventId,
  UNKNOWN_AUTHOR,
  type MappedEvent,
  type PullRequestMapping,
  type SkippedRow,
} from './to-events';
