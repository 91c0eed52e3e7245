import { deterministicUuid } from './webhook-crypto';
import {
  PayloadReader,
  compact,
  header,
  ignored,
  kindOfLabels,
  type MapOutcome,
  type WebhookHeaders,
  type WebhookMapping,
} from './webhook-mapping';

const SOURCE = { tool: 'gitlab' };

/**
 * GitLab webhook (`object_kind` in the body, `X-Gitlab-Event` as a fallback) → contract events, keyed by
 * project + MR iid + action, project + deployment id, project + issue iid + action.
 */
export function mapGitLab(headers: WebhookHeaders, payload: unknown, mapping: WebhookMapping): MapOutcome {
  const body = new PayloadReader(payload);
  const kind = body.optionalString('object_kind') ?? header(headers, 'x-gitlab-event') ?? 'unknown';
  switch (kind) {
    case 'merge_request':
      return mergeRequest(body);
    case 'push':
      return ignored(
        'push: GitLab push payloads carry no line counts, which commit events require; send commits with uplift-git (hook or backfill)',
      );
    case 'deployment':
      return deployment(body);
    case 'issue':
      return issue(body, mapping);
    default:
      return ignored(`event "${kind}" is not used by Uplift`);
  }
}

function mergeRequest(body: PayloadReader): MapOutcome {
  const action = body.optionalString('object_attributes.action') ?? '(none)';
  if (action !== 'open' && action !== 'merge' && action !== 'close') {
    return ignored(`merge_request action "${action}" is not used by Uplift`);
  }
  const repo = body.string('project.path_with_namespace');
  const number = body.positiveInt('object_attributes.iid');
  // The payload names the user who acted: the author when opening, whoever merged or closed otherwise.
  const actor = { login: body.string('user.username') };
  const labels = body.names('labels', 'title');
  const base = { source: SOURCE, actor, context: { repo } };
  if (action === 'open') {
    return {
      events: [
        {
          ...base,
          id: deterministicUuid('gitlab', repo, 'mr', number, 'opened'),
          type: 'pull_request.opened',
          time: body.time('object_attributes.created_at'),
          data: compact({ repo, number, title: body.optionalString('object_attributes.title'), labels }),
        },
      ],
    };
  }
  if (action === 'merge') {
    // Merge request payloads have no merged_at: the update that merged it is the merge time.
    const mergedAt = body.time('object_attributes.updated_at');
    return {
      events: [
        {
          ...base,
          id: deterministicUuid('gitlab', repo, 'mr', number, 'merged'),
          type: 'pull_request.merged',
          time: mergedAt,
          data: compact({
            repo,
            number,
            createdAt: body.time('object_attributes.created_at'),
            mergedAt,
            mergeCommitSha: body.optionalString('object_attributes.merge_commit_sha'),
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
        id: deterministicUuid('gitlab', repo, 'mr', number, 'closed'),
        type: 'pull_request.closed',
        time: body.time('object_attributes.updated_at'),
        data: { repo, number },
      },
    ],
  };
}

const FINISHED_STATUSES: Record<string, 'success' | 'failure'> = { success: 'success', failed: 'failure' };

function deployment(body: PayloadReader): MapOutcome {
  const state = body.string('status');
  const status = FINISHED_STATUSES[state];
  if (!status) return ignored(`deployment status "${state}" is not a finished deployment`);
  const repo = body.string('project.path_with_namespace');
  const deploymentId = body.string('deployment_id');
  // short_sha does not join with merge commit shas; the full sha ends commit_url.
  const fullSha = /\/commit\/([0-9a-f]{40,64})$/i.exec(body.optionalString('commit_url') ?? '')?.[1];
  return {
    events: [
      {
        id: deterministicUuid('gitlab', repo, 'deployment', deploymentId, 'finished'),
        type: 'deployment.finished',
        time: body.time('status_changed_at'),
        source: SOURCE,
        context: { repo },
        data: { deploymentId, repo, environment: body.string('environment'), status, commitSha: fullSha ?? body.string('short_sha') },
      },
    ],
  };
}

function issue(body: PayloadReader, mapping: WebhookMapping): MapOutcome {
  const action = body.optionalString('object_attributes.action') ?? '(none)';
  if (action !== 'open' && action !== 'close') return ignored(`issue action "${action}" is not used by Uplift`);
  const repo = body.string('project.path_with_namespace');
  const number = body.positiveInt('object_attributes.iid');
  const key = `${repo}#${number}`;
  const labels = body.names('labels', 'title');
  const kind = kindOfLabels(labels.length > 0 ? labels : body.names('object_attributes.labels', 'title'), mapping);
  const actor = { login: body.string('user.username') };
  if (action === 'open') {
    return {
      events: [
        {
          id: deterministicUuid('gitlab', repo, 'issue', number, 'created'),
          type: 'work_item.created',
          time: body.time('object_attributes.created_at'),
          actor,
          source: SOURCE,
          context: { repo },
          data: { key, kind, repo },
        },
      ],
    };
  }
  const closedAt = body.optionalTime('object_attributes.closed_at') ?? body.time('object_attributes.updated_at');
  return {
    events: [
      {
        id: deterministicUuid('gitlab', repo, 'issue', number, 'resolved', closedAt),
        type: 'work_item.resolved',
        time: closedAt,
        actor,
        source: SOURCE,
        context: { repo },
        data: compact({ key, kind, createdAt: body.optionalTime('object_attributes.created_at'), repo }),
      },
    ],
  };
}
