import { describe, expect, it } from 'vitest';
import { validateEvent } from '@uplift/events';
import { fixture } from '../../../test/fixtures/webhooks';
import { mapJira } from './jira.mapper';
import { deterministicUuid } from './webhook-crypto';
import type { MapOutcome, MappedEvent } from './webhook-mapping';

function eventsOf(outcome: MapOutcome): MappedEvent[] {
  if ('ignored' in outcome) throw new Error(`ignored: ${outcome.reason}`);
  for (const event of outcome.events) {
    const result = validateEvent(event, { now: new Date(event.time) });
    expect(result.ok, JSON.stringify(result)).toBe(true);
  }
  return outcome.events;
}

function withIssueType(payload: Record<string, unknown>, name: string): Record<string, unknown> {
  const fields = (payload['issue'] as { fields: { issuetype: { name: string } } }).fields;
  fields.issuetype.name = name;
  return payload;
}

describe('mapJira', () => {
  it('maps jira:issue_created to work_item.created (Bug → bug, the reporter as actor)', () => {
    expect(eventsOf(mapJira(fixture('jira-issue-created'), {}))).toEqual([
      {
        id: deterministicUuid('jira', 'ED-24', 'created'),
        type: 'work_item.created',
        time: '2024-03-12T10:15:30.000Z',
        actor: { email: 'mia@example.invalid', externalId: '5b10a2844c20165700ede21g' },
        source: { tool: 'jira' },
        data: { key: 'ED-24', kind: 'bug', severity: 'High' },
      },
    ]);
  });

  it('maps jira:issue_updated that sets a resolution to work_item.resolved (the assignee as actor)', () => {
    expect(eventsOf(mapJira(fixture('jira-issue-resolved'), {}))).toEqual([
      {
        id: deterministicUuid('jira', 'ED-24', 'resolved', '2024-03-14T10:15:30.000Z'),
        type: 'work_item.resolved',
        time: '2024-03-14T10:15:30.000Z',
        actor: { email: 'ravi@example.invalid', externalId: '5d1234567890abcdef012345' },
        source: { tool: 'jira' },
        data: { key: 'ED-24', kind: 'bug', createdAt: '2024-03-12T10:15:30.000Z' },
      },
    ]);
  });

  it('maps issue types by default and through the org mapping, and ignores unmapped types', () => {
    const kindOf = (type: string, mapping = {}) => eventsOf(mapJira(withIssueType(fixture('jira-issue-created'), type), mapping))[0]!.data['kind'];
    expect(kindOf('Story')).toBe('requirement');
    expect(kindOf('Epic')).toBe('requirement');
    expect(kindOf('Task')).toBe('task');
    expect(kindOf('Sub-task')).toBe('task');
    expect(kindOf('Bug', { issueTypeKinds: { bug: 'task' } })).toBe('task');
    expect(kindOf('Defect', { issueTypeKinds: { Defect: 'bug' } })).toBe('bug');
    expect(mapJira(withIssueType(fixture('jira-issue-created'), 'Improvement'), {})).toMatchObject({
      ignored: true,
      reason: expect.stringContaining('issue type "Improvement" is not mapped'),
    });
  });

  it('ignores updates without a resolution, edits of resolved issues and other events', () => {
    const unresolved = fixture('jira-issue-resolved');
    (unresolved['issue'] as { fields: Record<string, unknown> }).fields['resolution'] = null;
    expect(mapJira(unresolved, {})).toMatchObject({ ignored: true });
    const edit = fixture('jira-issue-resolved');
    edit['changelog'] = { id: '1', items: [{ field: 'summary', fromString: 'a', toString: 'b' }] };
    expect(mapJira(edit, {})).toMatchObject({ ignored: true, reason: expect.stringContaining('does not change the resolution') });
    expect(mapJira({ ...fixture('jira-issue-created'), webhookEvent: 'comment_created' }, {})).toEqual({
      ignored: true,
      reason: 'webhookEvent "comment_created" is not used by Uplift',
    });
  });

  it('names the missing field of a malformed payload', () => {
    const payload = fixture('jira-issue-created');
    delete (payload['issue'] as Record<string, unknown>)['key'];
    expect(() => mapJira(payload, {})).toThrow('issue.key: expected a non-empty string');
    expect(() => mapJira({ issue: {} }, {})).toThrow('webhookEvent: expected a non-empty string');
  });
});
