import { describe, expect, it } from 'vitest';
import { validateEvent } from '@uplift/events';
import { fixture } from '../../../test/fixtures/webhooks';
import { mapGitLab } from './gitlab.mapper';
import { deterministicUuid } from './webhook-crypto';
import type { MapOutcome, MappedEvent } from './webhook-mapping';

const REPO = 'gitlabhq/gitlab-test';

function eventsOf(outcome: MapOutcome): MappedEvent[] {
  if ('ignored' in outcome) throw new Error(`ignored: ${outcome.reason}`);
  for (const event of outcome.events) {
    const result = validateEvent(event, { now: new Date(event.time) });
    expect(result.ok, JSON.stringify(result)).toBe(true);
  }
  return outcome.events;
}

describe('mapGitLab', () => {
  it('maps a merge request opened to pull_request.opened', () => {
    expect(eventsOf(mapGitLab({ 'x-gitlab-event': 'Merge Request Hook' }, fixture('gitlab-merge-request-open'), {}))).toEqual([
      {
        id: deterministicUuid('gitlab', REPO, 'mr', 1, 'opened'),
        type: 'pull_request.opened',
        time: '2013-12-03T17:23:34.000Z',
        actor: { login: 'root' },
        source: { tool: 'gitlab' },
        context: { repo: REPO },
        data: { repo: REPO, number: 1, title: 'MS-Viewport', labels: ['API'] },
      },
    ]);
  });

  it('maps a merge to pull_request.merged at the merging update (GitLab\'s "YYYY-MM-DD hh:mm:ss UTC" format)', () => {
    expect(eventsOf(mapGitLab({}, fixture('gitlab-merge-request-merge'), {}))).toEqual([
      {
        id: deterministicUuid('gitlab', REPO, 'mr', 1, 'merged'),
        type: 'pull_request.merged',
        time: '2013-12-04T09:12:45.000Z',
        actor: { login: 'root' },
        source: { tool: 'gitlab' },
        context: { repo: REPO },
        data: {
          repo: REPO,
          number: 1,
          createdAt: '2013-12-03T17:23:34.000Z',
          mergedAt: '2013-12-04T09:12:45.000Z',
          mergeCommitSha: '8d2b7e4f1c0a5b9e3d6f2a1c7b8e9d0f1a2b3c4d',
          labels: ['API'],
        },
      },
    ]);
  });

  it('maps a close without merge to pull_request.closed and ignores other actions', () => {
    const payload = fixture('gitlab-merge-request-merge');
    (payload['object_attributes'] as Record<string, unknown>)['action'] = 'close';
    expect(eventsOf(mapGitLab({}, payload, {}))[0]).toMatchObject({ type: 'pull_request.closed', data: { repo: REPO, number: 1 } });
    (payload['object_attributes'] as Record<string, unknown>)['action'] = 'approved';
    expect(mapGitLab({}, payload, {})).toEqual({ ignored: true, reason: 'merge_request action "approved" is not used by Uplift' });
  });

  it('maps a successful deployment with the full sha from commit_url', () => {
    expect(eventsOf(mapGitLab({ 'x-gitlab-event': 'Deployment Hook' }, fixture('gitlab-deployment'), {}))).toEqual([
      {
        id: deterministicUuid('gitlab', 'gitlab-org/gitlab-test', 'deployment', '15', 'finished'),
        type: 'deployment.finished',
        time: '2021-04-28T19:50:00.000Z',
        source: { tool: 'gitlab' },
        context: { repo: 'gitlab-org/gitlab-test' },
        data: {
          deploymentId: '15',
          repo: 'gitlab-org/gitlab-test',
          environment: 'production',
          status: 'success',
          commitSha: '279484c09fbe69ededfced8c1bb6e6d24616b468',
        },
      },
    ]);
    const running = { ...fixture('gitlab-deployment'), status: 'running' };
    expect(mapGitLab({}, running, {})).toEqual({ ignored: true, reason: 'deployment status "running" is not a finished deployment' });
    expect(eventsOf(mapGitLab({}, { ...fixture('gitlab-deployment'), status: 'failed' }, {}))[0]!.data['status']).toBe('failure');
  });

  it('maps issues: open → work_item.created (requirement), close with a bug label → work_item.resolved (bug)', () => {
    expect(eventsOf(mapGitLab({}, fixture('gitlab-issue-open'), {}))).toEqual([
      {
        id: deterministicUuid('gitlab', REPO, 'issue', 23, 'created'),
        type: 'work_item.created',
        time: '2013-12-03T17:15:43.000Z',
        actor: { login: 'root' },
        source: { tool: 'gitlab' },
        context: { repo: REPO },
        data: { key: `${REPO}#23`, kind: 'requirement', repo: REPO },
      },
    ]);
    expect(eventsOf(mapGitLab({}, fixture('gitlab-issue-close'), {}))).toEqual([
      {
        id: deterministicUuid('gitlab', REPO, 'issue', 23, 'resolved', '2013-12-05T10:00:00.000Z'),
        type: 'work_item.resolved',
        time: '2013-12-05T10:00:00.000Z',
        actor: { login: 'root' },
        source: { tool: 'gitlab' },
        context: { repo: REPO },
        data: { key: `${REPO}#23`, kind: 'bug', createdAt: '2013-12-03T17:15:43.000Z', repo: REPO },
      },
    ]);
    expect(eventsOf(mapGitLab({}, fixture('gitlab-issue-open'), { labelKinds: { api: 'task' } }))[0]!.data['kind']).toBe('task');
  });

  it('ignores push (no line counts) and unused kinds', () => {
    expect(mapGitLab({ 'x-gitlab-event': 'Push Hook' }, fixture('gitlab-push'), {})).toMatchObject({ ignored: true, reason: expect.stringMatching(/no line counts/) });
    expect(mapGitLab({ 'x-gitlab-event': 'Wiki Page Hook' }, { object_kind: 'wiki_page' }, {})).toEqual({ ignored: true, reason: 'event "wiki_page" is not used by Uplift' });
  });

  it('names the missing field of a malformed payload', () => {
    const payload = fixture('gitlab-merge-request-open');
    delete (payload['project'] as Record<string, unknown>)['path_with_namespace'];
    expect(() => mapGitLab({}, payload, {})).toThrow('project.path_with_namespace: expected a non-empty string');
  });
});
