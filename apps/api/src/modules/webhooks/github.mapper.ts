import { deterministicUuid } from './webhook-crypto';
import {
  PayloadReader,
  compact,
  header,
  ignored,
  kindOfLabels,
  type MapOutcome,
  type MappedEvent,
  type WebhookHeaders,
  type WebhookMapping,
} from './webhook-mapping';
import { WebhookPayloadError } from './webhooks.exception';

const SOURCE = { tool: 'github' };

/**
 * GitHub webhook (event name in `X-GitHub-Event`) → contract events. Event ids come from the natural key
 * (repo + PR number + action, repo + deployment id, repo + issue number + action), so redeliveries count once.
 */
export function mapGitHub(headers: WebhookHeaders, payload: unknown, mapping: WebhookMapping): MapOutcome {
  const event = header(headers, 'x-github-event');
  if (!event) throw new WebhookPayloadError('X-GitHub-Event', 'missing header: the event name');
  const body = new PayloadReader(payload);
  switch (event) {
    case 'ping':
      return ignored('ping: the webhook is connected');
    case 'pull_request':
      return pullRequest(body);
    case 'push':
      return ignored(
        'push: GitHub push payloads carry no line counts, which commit events require; send commits with uplift-git (hook or backfill)',
      );
    case 'deployment_status':
      return deploymentStatus(body);
    case 'issues':
      return issue(body, mapping);
    default:
      return ignored(`event "${event}" is not used by Uplift`);
  }
}

function pullRequest(body: PayloadReader): MapOutcome {
  const action = body.string('action');
  if (action !== 'opened' && action !== 'closed') return ignored(`pull_request action "${action}" is not used by Uplift`);
  const repo = body.string('repository.full_name');
  const number = body.positiveInt('pull_request.number');
  const actor = { login: body.string('pull_request.user.login') };
  const labels = body.names('pull_request.labels', 'name');
  const lines = {
    linesAdded: body.optionalCount('pull_request.additions'),
    linesDeleted: body.optionalCount('pull_request.deletions'),
  };
  const base = { source: SOURCE, actor, context: { repo } };

  if (action === 'opened') {
    return {
      events: [
        {
          ...base,
          id: deterministicUuid('github', repo, 'pr', number, 'opened'),
          type: 'pull_request.opened',
          time: body.time('pull_request.created_at'),
          data: compact({ repo, number, title: body.optionalString('pull_request.title'), ...lines, labels }),
        },
      ],
    };
  }
  if (body.value('pull_request.merged') === true) {
    const mergedAt = body.time('pull_request.merged_at');
    return {
      events: [
        {
          ...base,
          id: deterministicUuid('github', repo, 'pr', number, 'merged'),
          type: 'pull_request.merged',
          time: mergedAt,
          data: compact({
            repo,
            number,
            createdAt: body.time('pull_request.created_at'),
            mergedAt,
            mergeCommitSha: body.optionalString('pull_request.merge_commit_sha'),
            ...lines,
            labels,
          }),
        },
      ],
    };
  }
  return {
    events: [
      {
        ...base,
        id: deterministicUuid('github', repo, 'pr', number, 'closed'),
        type: 'pull_request.closed',
        time: body.time('pull_request.closed_at'),
        data: { repo, number },
      },
    ],
  };
}

/** GitHub's `error` state is a failed deployment too; pending / queued / in_progress / inactive are not finished. */
const FINISHED_STATES: Record<string, 'success' | 'failure'> = { success: 'success', failure: 'failure', error: 'failure' };

function deploymentStatus(body: PayloadReader): MapOutcome {
  const state = body.string('deployment_status.state');
  const status = FINISHED_STATES[state];
  if (!status) return ignored(`deployment_status state "${state}" is not a finished deployment`);
  const repo = body.string('repository.full_name');
  const deploymentId = body.string('deployment.id');
  const event: MappedEvent = {
    id: deterministicUuid('github', repo, 'deployment', deploymentId, 'finished'),
    type: 'deployment.finished',
    time: body.optionalTime('deployment_status.updated_at') ?? body.time('deployment_status.created_at'),
    source: SOURCE,
    context: { repo },
    data: compact({
      deploymentId,
      repo,
      environment: body.optionalString('deployment_status.environment') ?? body.string('deployment.environment'),
      status,
      commitSha: body.string('deployment.sha'),
      startedAt: body.optionalTime('deployment.created_at'),
      pipeline: body.optionalString('workflow.name') ?? body.optionalString('deployment.task'),
    }),
  };
  return { events: [event] };
}

function issue(body: PayloadReader, mapping: WebhookMapping): MapOutcome {
  const action = body.string('action');
  if (action !== 'opened' && action !== 'closed') return ignored(`issues action "${action}" is not used by Uplift`);
  const stateReason = body.optionalString('issue.state_reason');
  if (action === 'closed' && (stateReason === 'not_planned' || stateReason === 'duplicate')) {
    return ignored(`issue closed as ${stateReason}: not resolved`);
  }
  const repo = body.string('repository.full_name');
  const number = body.positiveInt('issue.number');
  const key = `${repo}#${number}`;
  const kind = kindOfLabels(body.names('issue.labels', 'name'), mapping);
  if (action === 'opened') {
    return {
      events: [
        {
          id: deterministicUuid('github', repo, 'issue', number, 'created'),
          type: 'work_item.created',
          time: body.time('issue.created_at'),
          actor: { login: body.string('issue.user.login') },
          source: SOURCE,
          context: { repo },
          data: { key, kind, repo },
        },
      ],
    };
  }
  const closedAt = body.time('issue.closed_at');
  return {
    events: [
      {
        // A reopened issue closed again is resolved again: the close time is part of the key.
        id: deterministicUuid('github', repo, 'issue', number, 'resolved', closedAt),
        type: 'work_item.resolved',
        time: closedAt,
        actor: { login: body.optionalString('issue.assignee.login') ?? body.string('sender.login') },
        source: SOURCE,
        context: { repo },
        data: compact({ key, kind, createdAt: body.optionalTime('issue.created_at'), repo }),
      },
    ],
  };
}
