import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CLICKHOUSE_MIGRATIONS_DIR, createClickHouse, runMigrations, type UpliftClickHouse } from '@uplift/clickhouse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  parseMetricQuery,
  queryIncidentDeployments,
  queryPreviousDeployments,
  queryPullRequestLeadTimes,
  runMetric,
} from '../src';
import {
  contractSha,
  deploymentEvent,
  generateDeploymentCommits,
  incidentEvents,
  isMappedEvent,
  pullRequestEvents,
  shippedCommits,
  type DevLakeCommitsDiff,
  type MappedEvent,
  type SkippedRow,
} from '../src/devlake';
import { devlakeTime, projectMapping, readCsv, required } from './devlake/csv';
import {
  byId,
  comparable,
  insertMappedEvents,
  timeCell,
  toDeploymentCommit,
  toPipeline,
  toPipelineCommit,
  toTask,
  type DeploymentCommitRow,
} from './devlake/load';

/**
 * Apache DevLake's own DORA e2e fixtures (shared, read-only), mapped onto Uplift events, inserted into chDB and
 * computed by Uplift's queries and metrics; every expected row of DevLake must come out, column by column
 * (created_at, updated_at and _raw_data_* ignored). A DevLake project is an Uplift org: each set's rows go to
 * the org of the project their scope maps to, and DevLake's results for `project1` are compared with the
 * `project1` org's.
 */

const RUN = `devlake-${randomUUID()}`;
/** The org of a DevLake project within one fixture set (each set is a separate DevLake database). */
const orgOf = (set: string, project: string) => `${RUN}-${set}-${project}`;
const dataDir = path.join(os.tmpdir(), `uplift-devlake-dora-${process.pid}`);
let clickHouse: UpliftClickHouse;

/** The whole span of the fixtures (2022-01 … 2023-04), in UTC. */
const ALL_TIME = { from: '2022-01-01', to: '2023-12-31' };

/** Maps DevLake deployment commits to events, keeping which event is which row; rows of other sets' orgs too. */
function mapDeployments(
  set: string,
  rows: readonly DeploymentCommitRow[],
  projectOfScope: (scope: string) => string | undefined,
  commitsOf: (row: DeploymentCommitRow) => string[] = () => [],
) {
  const eventsByOrg = new Map<string, MappedEvent[]>();
  const rowIdByEventId = new Map<string, string>();
  const skipped: SkippedRow[] = [];
  for (const row of rows) {
    const project = projectOfScope(row.cicdScopeId);
    if (!project) continue;
    const mapped = deploymentEvent(row, { commits: commitsOf(row) });
    if (!isMappedEvent(mapped)) {
      skipped.push(mapped);
      continue;
    }
    rowIdByEventId.set(mapped.id, row.id);
    const orgId = orgOf(set, project);
    eventsByOrg.set(orgId, [...(eventsByOrg.get(orgId) ?? []), mapped]);
  }
  return { eventsByOrg, rowIdByEventId, skipped };
}

async function insertByOrg(eventsByOrg: ReadonlyMap<string, readonly MappedEvent[]>): Promise<void> {
  for (const [orgId, events] of eventsByOrg) await insertMappedEvents(clickHouse, orgId, events);
}

beforeAll(async () => {
  rmSync(dataDir, { recursive: true, force: true, maxRetries: 20, retryDelay: 100 });
  clickHouse = createClickHouse({ kind: 'embedded', dataDir });
  await runMigrations(clickHouse.client, CLICKHOUSE_MIGRATIONS_DIR);
});

afterAll(async () => {
  await clickHouse?.close();
  rmSync(dataDir, { recursive: true, force: true, maxRetries: 20, retryDelay: 100 });
});

describe('change_lead_time: project_pr_metrics and the median lead time', () => {
  const SET = 'change_lead_time';
  const projectOf = projectMapping(`${SET}/project_mapping.csv`);
  const project = 'project1';

  it('reproduces every per-PR lead time row and the median of 4478 minutes', async () => {
    // Deployments: each row's shipped commits are the commits_diffs range from its previous successful
    // deployment's commit (DevLake's precomputed prev_success_deployment_commit_id) to its own.
    const deploymentRows = readCsv(`${SET}/cicd_deployment_commits.csv`).map(toDeploymentCommit);
    const diffs: DevLakeCommitsDiff[] = readCsv(`${SET}/commits_diffs.csv`, { emptyIsString: true }).map((row) => ({
      oldCommitSha: required(row, 'old_commit_sha'),
      newCommitSha: required(row, 'new_commit_sha'),
      commitSha: required(row, 'commit_sha'),
    }));
    const deploymentById = new Map(deploymentRows.map((row) => [row.id, row]));
    const deployments = mapDeployments(
      SET,
      deploymentRows,
      (scope) => projectOf('cicd_scopes', scope),
      (row) => shippedCommits(row, deploymentById.get(row.prevSuccessDeploymentCommitId ?? ''), diffs),
    );
    // 16 rows: 3 scopes all mapped; #16 has no environment, which the contract requires
    expect(deployments.skipped).toEqual([{ id: '16', reason: 'no environment' }]);
    await insertByOrg(deployments.eventsByOrg);

    // Pull requests of repos mapped to a project; the PR number is its line in pull_requests.csv
    const commits = readCsv(`${SET}/pull_request_commits.csv`).map((row) => ({
      commitSha: required(row, 'commit_sha'),
      pullRequestId: required(row, 'pull_request_id'),
      commitAuthoredDate: devlakeTime(required(row, 'commit_authored_date')) ?? '',
    }));
    const comments = readCsv(`${SET}/pull_request_comments.csv`).map((row) => ({
      id: required(row, 'id'),
      pullRequestId: required(row, 'pull_request_id'),
      createdDate: devlakeTime(required(row, 'created_date')) ?? '',
      accountId: row['account_id'] ?? '',
    }));
    const pullRequestByNumber = new Map<string, { id: string; firstCommitSha: string | null; firstReviewId: string | null }>();
    const pullRequestEventsByOrg = new Map<string, MappedEvent[]>();
    readCsv(`${SET}/pull_requests.csv`).forEach((row, index) => {
      const pullRequest = {
        id: required(row, 'id'),
        baseRepoId: required(row, 'base_repo_id'),
        authorId: row['author_id'] ?? null,
        mergeCommitSha: row['merge_commit_sha'] ?? '',
        createdDate: devlakeTime(required(row, 'created_date')) ?? '',
        mergedDate: devlakeTime(row['merged_date'] ?? null),
      };
      const owner = projectOf('repos', pullRequest.baseRepoId);
      if (!owner) return;
      const mapping = pullRequestEvents(pullRequest, index + 1, { commits, comments });
      pullRequestByNumber.set(`${pullRequest.baseRepoId}#${index + 1}`, {
        id: pullRequest.id,
        firstCommitSha: mapping.firstCommitSha,
        firstReviewId: mapping.firstReviewId,
      });
      const orgId = orgOf(SET, owner);
      pullRequestEventsByOrg.set(orgId, [...(pullRequestEventsByOrg.get(orgId) ?? []), ...mapping.events]);
    });
    await insertByOrg(pullRequestEventsByOrg);

    const leadTimes = await queryPullRequestLeadTimes(clickHouse.client, { orgId: orgOf(SET, project), ...ALL_TIME });
    const actual = leadTimes.map((pr) => {
      const source = pullRequestByNumber.get(`${pr.repo}#${pr.number}`);
      if (!source) throw new Error(`unexpected PR ${pr.repo}#${pr.number}`);
      const deploymentRowId = pr.deployment ? deployments.rowIdByEventId.get(pr.deployment.eventId) : undefined;
      const minutes = (value: number | null) => (value === null ? '' : String(value));
      return {
        id: source.id,
        project_name: project,
        // which commit and comment the times come from is the importer's choice (Uplift's events carry the
        // times, firstCommitAt and firstReviewAt, not the ids)
        first_commit_sha: source.firstCommitSha ?? '',
        pr_coding_time: minutes(pr.codingMinutes),
        first_review_id: source.firstReviewId ?? '',
        pr_pickup_time: minutes(pr.pickupMinutes),
        pr_review_time: minutes(pr.reviewMinutes),
        deployment_commit_id: deploymentRowId ?? '',
        pr_deploy_time: minutes(pr.deployMinutes),
        pr_cycle_time: String(pr.cycleMinutes),
        first_commit_authored_date: timeCell(pr.firstCommitAt),
        first_comment_date: timeCell(pr.firstReviewAt),
        pr_created_date: timeCell(pr.createdAt),
        pr_merged_date: timeCell(pr.mergedAt),
        pr_deployed_date: timeCell(pr.deployment?.finishedAt),
      };
    });
    const expected = readCsv(`${SET}/project_pr_metrics.csv`).map((row) =>
      comparable(row, ['first_commit_authored_date', 'first_comment_date', 'pr_created_date', 'pr_merged_date', 'pr_deployed_date']),
    );
    expect(expected).toHaveLength(6); // pr0 … pr5; pr6 is not merged
    expect(byId(actual)).toEqual(byId(expected));

    // DevLake's dashboard: the lower median of the cycle times of PRs deployed in the range (1598, 4478, 10203)
    const response = await runMetric(clickHouse.client, {
      orgId: orgOf(SET, project),
      query: parseMetricQuery('lead_time_for_changes', { ...ALL_TIME, granularity: 'total' }, { today: ALL_TIME.to }),
    });
    expect(response.series).toEqual([{ group: {}, points: [{ period: 'total', value: 4478 / 60 }] }]);
  });
});

describe('connect_incident_to_deployment: incident → deployment and the change failure rate', () => {
  const SET = 'connect_incident_to_deployment';
  const projectOf = projectMapping(`${SET}/raw_tables/project_mapping.csv`);
  const project = 'project1';

  it('links every incident like DevLake and gives a change failure rate of 2 / 5', async () => {
    const deploymentRows = readCsv(`${SET}/prev_success_deployment_commit/cicd_deployment_commits_after.csv`).map(
      toDeploymentCommit,
    );
    const deployments = mapDeployments(SET, deploymentRows, (scope) => projectOf('cicd_scopes', scope));
    expect(deployments.skipped).toEqual([{ id: '16', reason: 'no environment' }]);
    await insertByOrg(deployments.eventsByOrg);

    // incidents belong to the project their scope (a repo or a board) maps to; the set has no resolution dates
    const incidentsByOrg = new Map<string, MappedEvent[]>();
    for (const row of readCsv(`${SET}/raw_tables/incidents.csv`)) {
      const owner = projectOf(required(row, 'table'), required(row, 'scope_id'));
      if (!owner) continue;
      const events = incidentEvents({ id: required(row, 'id'), createdDate: devlakeTime(required(row, 'created_date')) ?? '', resolutionDate: null });
      const orgId = orgOf(SET, owner);
      incidentsByOrg.set(orgId, [...(incidentsByOrg.get(orgId) ?? []), ...events]);
    }
    await insertByOrg(incidentsByOrg);

    const links = await queryIncidentDeployments(clickHouse.client, { orgId: orgOf(SET, project), ...ALL_TIME });
    // incidents with no deployment get no row
    const actual = links
      .filter((link) => link.deploymentId !== null)
      .map((link) => ({ id: link.incidentId, project_name: project, deployment_id: link.deploymentId ?? '' }));
    const expected = readCsv(`${SET}/snapshot_tables/project_incident_deployment_relationships.csv`).map((row) => comparable(row, []));
    expect(expected).toHaveLength(6);
    expect(byId(actual)).toEqual(byId(expected));
    expect(links.every((link) => link.linkedBy === 'time')).toBe(true);

    // DevLake's dashboard: deployments pipeline1, 2, 4, 6, 7 (pipeline5 is STAGING); pipeline2 and 7 have incidents
    const response = await runMetric(clickHouse.client, {
      orgId: orgOf(SET, project),
      query: parseMetricQuery('change_failure_rate', { from: '2022-09-01', to: '2022-12-31', granularity: 'total' }, { today: ALL_TIME.to }),
    });
    expect(response.series).toEqual([{ group: {}, points: [{ period: 'total', value: 0.4, numerator: 2, denominator: 5 }] }]);
  });
});

describe('prev_success_deployment_commit: the previous successful deployment', () => {
  const SET = 'prev_success_deployment_commit';
  const projectOf = projectMapping(`${SET}/project_mapping.csv`);
  const project = 'project1';

  it('reproduces prev_success_deployment_commit_id for every deployment commit', async () => {
    const before = readCsv(`${SET}/cicd_deployment_commits_before.csv`).map(toDeploymentCommit);
    const deployments = mapDeployments(SET, before, (scope) => projectOf('cicd_scopes', scope));
    expect(deployments.skipped).toEqual([{ id: '16', reason: 'no environment' }]);
    await insertByOrg(deployments.eventsByOrg);

    const chain = await queryPreviousDeployments(clickHouse.client, { orgId: orgOf(SET, project), from: '2022-09-01', to: '2022-09-30' });
    expect(chain).toHaveLength(13); // #1 … #13, the rows of project1's scopes cicd1 and cicd2
    const rowIdOf = (eventId: string) => deployments.rowIdByEventId.get(eventId) ?? `unknown event ${eventId}`;
    const shaBack = new Map(before.map((row) => [contractSha(row.commitSha), row.commitSha]));
    const computed = new Map(
      chain.map((deployment) => [
        rowIdOf(deployment.eventId),
        {
          id: rowIdOf(deployment.eventId),
          commit_sha: shaBack.get(deployment.commitSha) ?? deployment.commitSha,
          result: deployment.status.toUpperCase(),
          started_date: timeCell(deployment.startedAt),
          finished_date: timeCell(deployment.finishedAt),
          cicd_deployment_id: deployment.deploymentId,
          cicd_scope_id: deployment.pipeline,
          repo_url: deployment.repo,
          environment: deployment.environment.toUpperCase(),
          prev_success_deployment_commit_id: deployment.previous ? rowIdOf(deployment.previous.eventId) : '',
        },
      ]),
    );
    // DevLake only enriches the project's rows: other projects' rows (cicd3) keep an empty previous deployment
    const actual = before.map(
      (row) =>
        computed.get(row.id) ?? {
          id: row.id,
          commit_sha: row.commitSha,
          result: row.result,
          started_date: timeCell(row.startedDate),
          finished_date: timeCell(row.finishedDate),
          cicd_deployment_id: row.cicdDeploymentId,
          cicd_scope_id: row.cicdScopeId,
          repo_url: row.repoUrl,
          environment: row.environment,
          prev_success_deployment_commit_id: '',
        },
    );
    const expected = readCsv(`${SET}/cicd_deployment_commits_after.csv`).map((row) => comparable(row, ['started_date', 'finished_date']));
    expect(expected).toHaveLength(16);
    expect(byId(actual)).toEqual(byId(expected));
  });
});

describe('deployment_generator: deployments from pipelines and tasks', () => {
  const SET = 'deployment_generator';
  const projectOf = projectMapping(`${SET}/project_mapping.csv`);
  const project = 'project1';

  it('generates every deployment commit and maps the representable ones to deployment events', async () => {
    const pipelines = readCsv(`${SET}/cicd_pipelines.csv`).map(toPipeline);
    const generated = generateDeploymentCommits({
      cicdScopeIds: [...new Set(pipelines.map((pipeline) => pipeline.cicdScopeId))].filter(
        (scope) => projectOf('cicd_scopes', scope) === project,
      ),
      pipelines,
      pipelineCommits: readCsv(`${SET}/cicd_pipeline_commits.csv`).map(toPipelineCommit),
      tasks: readCsv(`${SET}/cicd_tasks.csv`).map(toTask),
    });
    const actual = generated.map((row) => ({
      id: row.id,
      commit_sha: row.commitSha,
      cicd_scope_id: row.cicdScopeId,
      cicd_deployment_id: row.cicdDeploymentId,
      result: row.result,
      repo_url: row.repoUrl,
      environment: row.environment,
      started_date: timeCell(row.startedDate),
      finished_date: timeCell(row.finishedDate),
    }));
    const expected = readCsv(`${SET}/cicd_deployment_commits.csv`).map((row) => comparable(row, ['started_date', 'finished_date']));
    expect(expected).toHaveLength(6);
    expect(byId(actual)).toEqual(byId(expected));

    // Into Uplift: a deployment that never finished, or has no environment, is not a deployment.finished
    const mapped = mapDeployments(
      SET,
      generated.map((row) => ({ ...row, prevSuccessDeploymentCommitId: null })),
      (scope) => projectOf('cicd_scopes', scope),
    );
    const generatedById = new Map(generated.map((row) => [row.id, row]));
    // by the pipeline's number (the last part of DevLake's pipeline id)
    const skippedPipelines = mapped.skipped.map(({ id, reason }) => [generatedById.get(id)?.cicdDeploymentId.split(':').at(-1), reason]);
    expect(skippedPipelines.sort()).toEqual([
      ['457475337', 'no finish time: the deployment has not finished'], // still IN_PROGRESS
      ['485932863', 'no environment'],
    ]);
    await insertByOrg(mapped.eventsByOrg);
    const stored = await queryPreviousDeployments(clickHouse.client, { orgId: orgOf(SET, project), ...ALL_TIME });
    expect(stored).toHaveLength(4);
    for (const deployment of stored) {
      const row = generatedById.get(mapped.rowIdByEventId.get(deployment.eventId) ?? '');
      expect(row, deployment.eventId).toBeDefined();
      expect({
        deploymentId: deployment.deploymentId,
        repo: deployment.repo,
        environment: deployment.environment,
        status: deployment.status,
        commitSha: deployment.commitSha,
        startedAt: deployment.startedAt,
        finishedAt: deployment.finishedAt,
        previous: deployment.previous,
      }).toEqual({
        deploymentId: row?.cicdDeploymentId,
        repo: row?.repoUrl,
        environment: row?.environment.toLowerCase(),
        status: row?.result.toLowerCase(),
        commitSha: row?.commitSha,
        startedAt: row?.startedDate,
        finishedAt: row?.finishedDate,
        previous: null, // all four are failures: only successful deployments chain
      });
    }
  });
});
