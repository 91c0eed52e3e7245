import { deterministicUuid } from './webhook-crypto';
import {
  PayloadReader,
  compact,
  ignored,
  lowerCaseKeys,
  type MapOutcome,
  type MappedEvent,
  type WebhookMapping,
  type WorkItemKind,
} from './webhook-mapping';
import { WebhookPayloadError } from './webhooks.exception';

const SOURCE = { tool: 'jira' };

/** Jira issue types → kind unless the webhook's mapping says otherwise. */
export const DEFAULT_JIRA_ISSUE_TYPE_KINDS: Record<string, WorkItemKind> = {
  Bug: 'bug',
  Story: 'requirement',
  Epic: 'requirement',
  Task: 'task',
  'Sub-task': 'task',
  Subtask: 'task',
};

/**
 * Jira webhook → `work_item.created` (`jira:issue_created`) and `work_item.resolved` (`jira:issue_updated`
 * whose changelog sets a resolution). Keyed by issue key + action (+ resolution date).
 */
export function mapJira(payload: unknown, mapping: WebhookMapping): MapOutcome {
  const body = new PayloadReader(payload);
  const webhookEvent = body.string('webhookEvent');
  if (webhookEvent !== 'jira:issue_created' && webhookEvent !== 'jira:issue_updated') {
    return ignored(`webhookEvent "${webhookEvent}" is not used by Uplift`);
  }
  const key = body.string('issue.key');
  const issueType = body.string('issue.fields.issuetype.name');
  const kinds = lowerCaseKeys({ ...DEFAULT_JIRA_ISSUE_TYPE_KINDS, ...(mapping.issueTypeKinds ?? {}) });
  const kind = kinds.get(issueType.toLowerCase());
  if (!kind) {
    return ignored(`issue type "${issueType}" is not mapped to requirement, task or bug; add it to the webhook's mapping.issueTypeKinds`);
  }
  const severity = body.optionalString('issue.fields.priority.name');

  if (webhookEvent === 'jira:issue_created') {
    const event: MappedEvent = {
      id: deterministicUuid('jira', key, 'created'),
      type: 'work_item.created',
      time: body.optionalTime('issue.fields.created') ?? body.time('timestamp'),
      actor: actorOf(body, ['issue.fields.reporter', 'issue.fields.creator', 'user']),
      source: SOURCE,
      data: compact({ key, kind, severity }),
    };
    return { events: [event] };
  }

  if (body.value('issue.fields.resolution') === null || body.value('issue.fields.resolution') === undefined) {
    return ignored('jira:issue_updated without a resolution: the issue is not resolved');
  }
  const changelog = body.value('changelog.items');
  if (Array.isArray(changelog) && !changelog.some((item) => String((item as { field?: unknown } | null)?.field).toLowerCase() === 'resolution')) {
    return ignored('jira:issue_updated that does not change the resolution (an edit of a resolved issue)');
  }
  const resolvedAt = body.optionalTime('issue.fields.resolutiondate') ?? body.time('timestamp');
  const event: MappedEvent = {
    id: deterministicUuid('jira', key, 'resolved', resolvedAt),
    type: 'work_item.resolved',
    time: resolvedAt,
    actor: actorOf(body, ['issue.fields.assignee', 'user']),
    source: SOURCE,
    data: compact({ key, kind, createdAt: body.optionalTime('issue.fields.created') }),
  };
  return { events: [event] };
}

/** The first Jira user present: email when Jira shares it, the login (Server/DC `name`) and the account id. */
function actorOf(body: PayloadReader, candidates: string[]): MappedEvent['actor'] {
  for (const candidate of candidates) {
    const actor = compact({
      email: body.optionalString(`${candidate}.emailAddress`),
      login: body.optionalString(`${candidate}.name`),
      externalId: body.optionalString(`${candidate}.accountId`),
    });
    if (Object.keys(actor).length > 0) return actor;
  }
  throw new WebhookPayloadError(candidates.join(' / '), 'no user with an emailAddress, name or accountId');
}
