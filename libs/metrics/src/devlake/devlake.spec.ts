import { validateEvent } from '@uplift/events';
import { describe, expect, it } from 'vitest';
import { generateDeploymentCommits } from './deployment-generator';
import type { DevLakeDeploymentCommit, DevLakePipeline } from './model';
import { contractSha, deploymentEvent, incidentEvents, isMappedEvent, pullRequestEvents, shippedCommits, stableEventId } from './to-events';

const pipeline = (overrides: Partial<DevLakePipeline>): DevLakePipeline => ({
  id: 'p1',
  name: 'deploy',
  result: 'SUCCESS',
  status: 'DONE',
  type: '',
  durationSec: 60,
  environment: '',
  createdDate: '2024-05-01T09:00:00.000Z',
  finishedDate: '2024-05-01T10:00:00.000Z',
  cicdScopeId: 'scope1',
  ...overrides,
});

const commitOf = (pipelineId: string) => ({ pipelineId, commitSha: 'abc1234', branch: 'main', repoId: 'r1', repoUrl: 'repo-one' });

describe('generateDeploymentCommits', () => {
  it('keeps deployment pipelines of the scopes that ran, one row per (pipeline, repo)', () => {
    const rows = generateDeploymentCommits({
      cicdScopeIds: ['scope1'],
      pipelines: [
        pipeline({ id: 'typed', type: 'DEPLOYMENT', environment: 'STAGING' }),
        pipeline({ id: 'by-task' }),
        pipeline({ id: 'skipped-task' }),
        pipeline({ id: 'skipped', type: 'DEPLOYMENT', result: 'SKIPPED' }),
        pipeline({ id: 'build' }),
        pipeline({ id: 'other-scope', type: 'DEPLOYMENT', cicdScopeId: 'scope2' }),
        pipeline({ id: 'unfinished', type: 'DEPLOYMENT', finishedDate: null }),
      ],
      pipelineCommits: ['typed', 'by-task', 'skipped-task', 'skipped', 'build', 'other-scope', 'unfinished'].map(commitOf),
      tasks: [
        { id: 't1', pipelineId: 'by-task', result: 'FAILURE', type: 'DEPLOYMENT', environment: 'TESTING' },
        { id: 't2', pipelineId: 'by-task', result: 'SUCCESS', type: '', environment: 'PRODUCTION' },
        { id: 't3', pipelineId: 'skipped-task', result: 'SKIPPED', type: 'DEPLOYMENT', environment: 'PRODUCTION' },
      ],
    });
    expect(rows.map((row) => [row.id, row.environment, row.startedDate])).toEqual([
      ['typed:repo-one', 'STAGING', '2024-05-01T09:59:00.000Z'], // the pipeline's own environment wins
      ['by-task:repo-one', 'PRODUCTION', '2024-05-01T09:59:00.000Z'], // PRODUCTION before TESTING
      ['unfinished:repo-one', '', null], // no finish: no start either
    ]);
    expect(rows[0]).toMatchObject({ cicdDeploymentId: 'typed', cicdScopeId: 'scope1', result: 'SUCCESS', commitSha: 'abc1234' });
  });
});

describe('mapping DevLake rows to events', () => {
  const now = (time: string) => ({ now: new Date(time) });
  const deployment: DevLakeDeploymentCommit = {
    id: '7',
    commitSha: 'commit7',
    cicdScopeId: 'cicd1',
    cicdDeploymentId: 'pipeline3',
    result: 'SUCCESS',
    repoUrl: 'REPO111',
    environment: 'PRODUCTION',
    startedDate: '2023-04-13T07:28:14.000Z',
    finishedDate: '2023-04-13T07:29:14.000Z',
  };

  it('gives stable v4-shaped ids and contract SHAs', () => {
    expect(stableEventId('a')).toBe(stableEventId('a'));
    expect(stableEventId('a')).not.toBe(stableEventId('b'));
    expect(stableEventId('a')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(contractSha('ABCDEF0')).toBe('abcdef0');
    expect(contractSha('commit1')).toMatch(/^[0-9a-f]{40}$/);
    expect(contractSha('commit1')).toBe(contractSha('commit1'));
  });

  it('ships the commits_diffs range from the previous deployment, none without one', () => {
    const diffs = [
      { oldCommitSha: 'commit1', newCommitSha: 'commit7', commitSha: 'merge1' },
      { oldCommitSha: '', newCommitSha: 'commit7', commitSha: 'merge2' },
    ];
    expect(shippedCommits(deployment, { commitSha: 'commit1' }, diffs)).toEqual([contractSha('merge1')]);
    expect(shippedCommits(deployment, undefined, diffs)).toEqual([]);
  });

  it('maps a deployment commit to a valid deployment.finished, or says why it cannot', () => {
    const mapped = deploymentEvent(deployment, { commits: ['abcdef1'] });
    if (!isMappedEvent(mapped)) throw new Error(mapped.reason);
    expect(mapped.data).toEqual({
      deploymentId: 'pipeline3',
      repo: 'REPO111',
      environment: 'production',
      status: 'success',
      commitSha: contractSha('commit7'),
      startedAt: '2023-04-13T07:28:14.000Z',
      commits: ['abcdef1'],
      pipeline: 'cicd1',
    });
    expect(validateEvent(mapped, now(mapped.time)).ok).toBe(true);
    expect(deploymentEvent({ ...deployment, environment: '' })).toEqual({ id: '7', reason: 'no environment' });
    expect(deploymentEvent({ ...deployment, result: 'SKIPPED' })).toEqual({ id: '7', reason: 'result SKIPPED' });
  });

  it('takes the first non-author comment as the first review, any comment without an author', () => {
    const pullRequest = {
      id: 'pr1',
      baseRepoId: 'repo1',
      authorId: 'a',
      mergeCommitSha: 'merge1',
      createdDate: '2023-04-11T04:51:47.000Z',
      mergedDate: '2023-04-11T05:51:47.000Z',
    };
    const related = {
      commits: [
        { commitSha: 'c2', pullRequestId: 'pr1', commitAuthoredDate: '2023-04-10T05:00:00.000Z' },
        { commitSha: 'c1', pullRequestId: 'pr1', commitAuthoredDate: '2023-04-10T04:00:00.000Z' },
      ],
      comments: [
        { id: 'm1', pullRequestId: 'pr1', createdDate: '2023-04-11T04:52:00.000Z', accountId: 'a' },
        { id: 'm3', pullRequestId: 'pr1', createdDate: '2023-04-11T04:53:00.000Z', accountId: 'b' },
        { id: 'm2', pullRequestId: 'pr1', createdDate: '2023-04-11T04:53:00.000Z', accountId: 'c' },
      ],
    };
    const mapping = pullRequestEvents(pullRequest, 5, related);
    expect([mapping.firstCommitSha, mapping.firstReviewId]).toEqual(['c1', 'm2']);
    const [opened, merged] = mapping.events;
    expect(opened).toMatchObject({ type: 'pull_request.opened', time: pullRequest.createdDate, data: { repo: 'repo1', number: 5 } });
    expect(merged?.data).toMatchObject({
      createdAt: pullRequest.createdDate,
      firstCommitAt: '2023-04-10T04:00:00.000Z',
      firstReviewAt: '2023-04-11T04:53:00.000Z',
      mergeCommitSha: contractSha('merge1'),
      commits: [contractSha('c2'), contractSha('c1')],
    });
    for (const event of mapping.events) expect(validateEvent(event, now(event.time)).ok).toBe(true);
    expect(pullRequestEvents({ ...pullRequest, authorId: null }, 5, related).firstReviewId).toBe('m1');
    expect(pullRequestEvents({ ...pullRequest, mergedDate: null }, 5, related).events.map((event) => event.type)).toEqual([
      'pull_request.opened',
    ]);
  });

  it('maps incidents without a repo, resolved only when DevLake knows when', () => {
    const incident = { id: 'github:1', createdDate: '2022-11-13T23:37:21.000Z', resolutionDate: null };
    expect(incidentEvents(incident).map((event) => [event.type, event.data])).toEqual([['incident.opened', { incidentId: 'github:1' }]]);
    const resolved = incidentEvents({ ...incident, resolutionDate: '2022-11-14T01:00:00.000Z' });
    expect(resolved.map((event) => event.type)).toEqual(['incident.opened', 'incident.resolved']);
  });
});
