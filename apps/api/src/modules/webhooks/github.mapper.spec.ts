import { describe, expect, it } from 'vitest';
import { validateEvent } from '@uplift/events';
import { githubClosedIssue, githubExample, githubMergedPullRequest } from '../../../test/fixtures/webhooks';
import { mapGitHub } from './github.mapper';
import { deterministicUuid } from './webhook-crypto';
import type { MapOutcome, MappedEvent } from './webhook-mapping';
import { WebhookPayloadError } from './webhooks.exception';

const headers = (event: string) => ({ 'x-github-event': event, 'x-github-delivery': '72d3162e-cc78-11e3-81ab-4c9367dc0958' });
const REPO = 'Codertocat/Hello-World';

function eventsOf(outcome: MapOutcome): MappedEvent[] {
  if ('ignored' in outcome) throw new Error(`ignored: ${outcome.reason}`);
  // Every mapped event satisfies the contract (judged at the payload's own time: the examples are from 2019).
  for (const event of outcome.events) {
    const result = validateEvent(event, { now: new Date(event.time) });
    expect(result.ok, JSON.stringify(result)).toBe(true);
  }
  return outcome.events;
}

describe('mapGitHub', () => {
  it('maps pull_request opened', () => {
    const payload = githubExample('pull_request', (example) => example['action'] === 'opened');
    expect(eventsOf(mapGitHub(headers('pull_request'), payload, {}))).toEqual([
      {
        id: deterministicUuid('github', REPO, 'pr', 2, 'opened'),
        type: 'pull_request.opened',
        time: '2019-05-15T15:20:33.000Z',
        actor: { login: 'Codertocat' },
        source: { tool: 'github' },
        context: { repo: REPO },
        data: { repo: REPO, number: 2, title: 'Update the README with new information.', linesAdded: 1, linesDeleted: 1, labels: [] },
      },
    ]);
  });

  it('maps pull_request closed with merged=true to pull_request.merged at the merge time', () => {
    expect(eventsOf(mapGitHub(headers('pull_request'), githubMergedPullRequest(), {}))).toEqual([
      {
        id: deterministicUuid('github', REPO, 'pr', 2, 'merged'),
        type: 'pull_request.merged',
        time: '2019-05-15T15:21:18.000Z',
        actor: { login: 'Codertocat' },
        source: { tool: 'github' },
        context: { repo: REPO },
        data: {
          repo: REPO,
          number: 2,
          createdAt: '2019-05-15T15:20:33.000Z',
          mergedAt: '2019-05-15T15:21:18.000Z',
          mergeCommitSha: 'c4295bd74fb0f4fda03689c3df3f2803b658fd85',
          linesAdded: 1,
          linesDeleted: 1,
          labels: ['bug'],
        },
      },
    ]);
  });

  it('maps pull_request closed without merge to pull_request.closed', () => {
    const payload = githubExample('pull_request', (example) => example['action'] === 'closed');
    expect(eventsOf(mapGitHub(headers('pull_request'), payload, {}))).toEqual([
      {
        id: deterministicUuid('github', REPO, 'pr', 2, 'closed'),
        type: 'pull_request.closed',
        time: '2019-05-15T15:21:18.000Z',
        actor: { login: 'Codertocat' },
        source: { tool: 'github' },
        context: { repo: REPO },
        data: { repo: REPO, number: 2 },
      },
    ]);
  });

  it('gives a redelivery the same event id (the key is repo + PR number + action, not the delivery id)', () => {
    const payload = githubExample('pull_request', (example) => example['action'] === 'opened');
    const first = eventsOf(mapGitHub(headers('pull_request'), payload, {}));
    const again = eventsOf(mapGitHub({ ...headers('pull_request'), 'x-github-delivery': 'another' }, payload, {}));
    expect(again[0]!.id).toBe(first[0]!.id);
  });

  it('ignores other pull_request actions', () => {
    const payload = githubExample('pull_request', (example) => example['action'] === 'synchronize');
    expect(mapGitHub(headers('pull_request'), payload, {})).toEqual({ ignored: true, reason: 'pull_request action "synchronize" is not used by Uplift' });
  });

  it('ignores push: its payload has no line counts, which commit events require', () => {
    const payload = githubExample('push', (example) => Array.isArray(example['commits']) && (example['commits'] as unknown[]).length > 0);
    const outcome = mapGitHub(headers('push'), payload, {});
    expect(outcome).toMatchObject({ ignored: true });
    expect((outcome as { reason: string }).reason).toMatch(/no line counts/);
  });

  it('maps a successful deployment_status to deployment.finished', () => {
    const payload = githubExample('deployment_status', (example) => (example['deployment_status'] as { state: string }).state === 'success');
    expect(eventsOf(mapGitHub(headers('deployment_status'), payload, {}))).toEqual([
      {
        id: deterministicUuid('github', REPO, 'deployment', '145988746', 'finished'),
        type: 'deployment.finished',
        time: '2019-05-15T15:20:55.000Z',
        source: { tool: 'github' },
        context: { repo: REPO },
        data: {
          deploymentId: '145988746',
          repo: REPO,
          environment: 'production',
          status: 'success',
          commitSha: 'f95f852bd8fca8fcc58a9a2d6c842781e32a215e',
          startedAt: '2019-05-15T15:20:53.000Z',
          pipeline: 'deploy',
        },
      },
    ]);
  });

  it('maps failure and error states to failure and ignores unfinished ones', () => {
    const payload = githubExample('deployment_status', (example) => (example['deployment_status'] as { state: string }).state === 'success');
    (payload['deployment_status'] as { state: string }).state = 'error';
    expect(eventsOf(mapGitHub(headers('deployment_status'), payload, {}))[0]!.data['status']).toBe('failure');
    const inProgress = githubExample('deployment_status', (example) => (example['deployment_status'] as { state: string }).state === 'in_progress');
    expect(mapGitHub(headers('deployment_status'), inProgress, {})).toEqual({ ignored: true, reason: 'deployment_status state "in_progress" is not a finished deployment' });
  });

  it('maps issues opened to work_item.created, a bug label to kind bug', () => {
    const payload = githubExample('issues', (example) => example['action'] === 'opened');
    expect(eventsOf(mapGitHub(headers('issues'), payload, {}))).toEqual([
      {
        id: deterministicUuid('github', REPO, 'issue', 1, 'created'),
        type: 'work_item.created',
        time: '2019-05-15T15:20:18.000Z',
        actor: { login: 'Codertocat' },
        source: { tool: 'github' },
        context: { repo: REPO },
        data: { key: `${REPO}#1`, kind: 'bug', repo: REPO },
      },
    ]);
  });

  it('maps issues closed to work_item.resolved, other labels through the org mapping (default requirement)', () => {
    const payload = githubClosedIssue();
    expect(eventsOf(mapGitHub(headers('issues'), payload, {}))).toEqual([
      {
        id: deterministicUuid('github', REPO, 'issue', 1, 'resolved', '2019-05-16T09:00:00.000Z'),
        type: 'work_item.resolved',
        time: '2019-05-16T09:00:00.000Z',
        actor: { login: 'Codertocat' },
        source: { tool: 'github' },
        context: { repo: REPO },
        data: { key: `${REPO}#1`, kind: 'bug', createdAt: '2019-05-15T15:20:18.000Z', repo: REPO },
      },
    ]);
    ((payload['issue'] as { labels: { name: string }[] }).labels = [{ name: 'chore' }]);
    expect(eventsOf(mapGitHub(headers('issues'), payload, {}))[0]!.data['kind']).toBe('requirement');
    expect(eventsOf(mapGitHub(headers('issues'), payload, { labelKinds: { Chore: 'task' } }))[0]!.data['kind']).toBe('task');
    ((payload['issue'] as { labels: { name: string }[] }).labels = [{ name: 'defect' }]);
    expect(eventsOf(mapGitHub(headers('issues'), payload, { labelKinds: { defect: 'bug' } }))[0]!.data['kind']).toBe('bug');
  });

  it('ignores issues closed as not planned, unused events and ping', () => {
    const payload = githubClosedIssue();
    (payload['issue'] as { state_reason: string }).state_reason = 'not_planned';
    expect(mapGitHub(headers('issues'), payload, {})).toEqual({ ignored: true, reason: 'issue closed as not_planned: not resolved' });
    expect(mapGitHub(headers('star'), githubExample('star', () => true), {})).toEqual({ ignored: true, reason: 'event "star" is not used by Uplift' });
    expect(mapGitHub(headers('ping'), githubExample('ping', () => true), {})).toMatchObject({ ignored: true });
  });

  it('names the missing field of a malformed payload', () => {
    const payload = githubExample('pull_request', (example) => example['action'] === 'opened');
    delete (payload['pull_request'] as Record<string, unknown>)['number'];
    expect(() => mapGitHub(headers('pull_request'), payload, {})).toThrow(new WebhookPayloadError('pull_request.number', 'expected a positive integer'));
    expect(() => mapGitHub({}, payload, {})).toThrow(/X-GitHub-Event/);
    expect(() => mapGitHub(headers('pull_request'), [1, 2], {})).toThrow(/body: expected a JSON object/);
  });
});
