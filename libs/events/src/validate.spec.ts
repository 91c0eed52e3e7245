import { describe, expect, it } from 'vitest';
import { EVENT_TYPES, type EventType } from './events';
import { validateEvent, type ValidationResult } from './validate';

const now = new Date('2025-06-01T12:00:00.000Z');
const ID = '0190c3e4-1234-7abc-8def-0123456789ab'; // v7
const V1_ID = 'a1b2c3d4-1234-11ee-8def-0123456789ab';

/** A valid `data` for every type, so a new event type without an example fails to compile. */
const VALID_DATA: Record<EventType, Record<string, unknown>> = {
  'assistant.activated': {},
  'completion.shown': { suggestionId: 's-1', lines: 3, chars: 80, latencyMs: 120, trigger: 'auto', kind: 'next_edit' },
  'completion.accepted': { suggestionId: 's-1', lines: 2, chars: 40 },
  'completion.rejected': { suggestionId: 's-1' },
  'chat.turn': { conversationId: 'c-1', mode: 'agent', intent: 'generate_tests', inputTokens: 900, outputTokens: 300 },
  'chat.feedback': { conversationId: 'c-1', rating: 'dislike' },
  'chat.applied': { lines: 12, chars: 400 },
  'agent.session': {
    sessionId: 'a-1',
    status: 'completed',
    durationMs: 60000,
    filesChanged: 3,
    linesAdded: 40,
    linesRemoved: 2,
  },
  'agent.edit': { sessionId: 'a-1', decision: 'accepted', lines: 7 },
  'usage.cost': { model: 'qwen-coder', inputTokens: 1000, outputTokens: 200, costUsd: 0.0042 },
  commit: {
    sha: 'A1B2C3D',
    repo: 'shop/api',
    linesAdded: 10,
    linesDeleted: 2,
    filesChanged: 1,
    branch: 'main',
    isMerge: false,
    aiLinesAdded: 10,
    aiAttribution: { method: 'trailer', tools: ['claude-code'] },
  },
  'pull_request.opened': {
    repo: 'shop/api',
    number: 42,
    title: 'Add cart',
    linesAdded: 100,
    linesDeleted: 5,
    labels: ['feature'],
    aiAssisted: true,
  },
  'pull_request.merged': {
    repo: 'shop/api',
    number: 42,
    createdAt: '2025-05-30T09:00:00+02:00',
    mergedAt: '2025-06-01T11:00:00Z',
    firstCommitAt: '2025-05-29T18:00:00Z',
    firstReviewAt: '2025-05-31T08:15:30.5Z',
    mergeCommitSha: 'ABCDEF0123456789ABCDEF0123456789ABCDEF01',
    commits: ['a1b2c3d', 'E4F5A6B'],
    linesAdded: 100,
    linesDeleted: 5,
    labels: [],
    aiAssisted: false,
  },
  'pull_request.closed': { repo: 'shop/api', number: 43 },
  'build.finished': { repo: 'shop/api', pipeline: 'ci', status: 'cancelled', durationMs: 300000 },
  'deployment.finished': {
    deploymentId: 'd-1',
    repo: 'shop/api',
    environment: 'production',
    status: 'success',
    commitSha: 'a1b2c3d4e5',
    startedAt: '2025-06-01T10:50:00Z',
  },
  'work_item.created': { key: 'SHOP-1', kind: 'bug', team: 'payments', repo: 'shop/api', severity: 'high' },
  'work_item.resolved': { key: 'SHOP-1', kind: 'bug', createdAt: '2025-05-20T08:00:00Z', team: 'payments' },
  'incident.opened': { incidentId: 'i-1', repo: 'shop/api', deploymentId: 'd-1', severity: 'sev2' },
  'incident.resolved': { incidentId: 'i-1' },
  'survey.response': { surveyId: 'q2', question: 'satisfaction', score: 4 },
};

function anEvent(type: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: ID,
    type,
    time: '2025-06-01T11:00:00Z',
    actor: { email: 'dev@acme.test' },
    source: { tool: 'lingma', toolVersion: '2.1.0', ide: 'vscode', ideVersion: '1.99' },
    context: { repo: 'shop/api', language: 'typescript', branch: 'main', model: 'qwen-coder', team: 'payments' },
    data: VALID_DATA[type as EventType] ?? {},
    ...overrides,
  };
}

function withData(type: EventType, data: Record<string, unknown>) {
  return anEvent(type, { data: { ...VALID_DATA[type], ...data } });
}

function validate(input: unknown): ValidationResult {
  return validateEvent(input, { now });
}

function errorsOf(input: unknown) {
  const result = validate(input);
  if (result.ok) throw new Error(`expected a rejection, got ${JSON.stringify(result.event)}`);
  return result.errors;
}

function acceptedEvent(input: unknown) {
  const result = validate(input);
  if (!result.ok) throw new Error(`expected acceptance, got ${JSON.stringify(result.errors)}`);
  return result.event;
}

describe('validateEvent: valid events', () => {
  it.each(EVENT_TYPES)('accepts a %s event', (type) => {
    expect(validate(anEvent(type))).toMatchObject({ ok: true, event: { id: ID, type } });
  });

  it('normalises what it accepts: trimmed strings, lower-cased email and id, UTC time, default kind', () => {
    const event = acceptedEvent({
      id: ` ${ID.toUpperCase()} `,
      type: 'completion.shown',
      time: ' 2025-06-01T13:30:00+02:00 ',
      actor: { email: '  Dev.One@Acme.TEST ', login: '   ', externalId: ' u-7 ' },
      source: { tool: ' copilot ', ide: '' },
      context: { repo: ' shop/api ', branch: ' ' },
      data: { suggestionId: ' s-1 ', lines: 2, chars: 40, trigger: ' manual ', experiment: { arm: 'b' }, note: '  kept  ' },
    });
    // toStrictEqual: blank optional strings are dropped, not left as undefined keys
    expect(event).toStrictEqual({
      id: ID,
      type: 'completion.shown',
      time: '2025-06-01T11:30:00.000Z',
      actor: { email: 'dev.one@acme.test', externalId: 'u-7' },
      source: { tool: 'copilot' },
      context: { repo: 'shop/api' },
      // unknown data fields are kept as sent
      data: { suggestionId: 's-1', lines: 2, chars: 40, trigger: 'manual', kind: 'inline', experiment: { arm: 'b' }, note: '  kept  ' },
    });
    expect(JSON.parse(JSON.stringify(event))).toEqual(event);
  });

  it('lower-cases commit SHAs and normalises data timestamps to UTC', () => {
    expect(acceptedEvent(anEvent('commit')).data).toMatchObject({ sha: 'a1b2c3d' });
    expect(acceptedEvent(anEvent('pull_request.merged')).data).toMatchObject({
      createdAt: '2025-05-30T07:00:00.000Z',
      mergedAt: '2025-06-01T11:00:00.000Z',
      firstReviewAt: '2025-05-31T08:15:30.500Z',
      mergeCommitSha: 'abcdef0123456789abcdef0123456789abcdef01',
      commits: ['a1b2c3d', 'e4f5a6b'],
    });
    expect(acceptedEvent(anEvent('deployment.finished', { actor: undefined })).data).toMatchObject({
      commitSha: 'a1b2c3d4e5',
      startedAt: '2025-06-01T10:50:00.000Z',
    });
  });

  it('accepts a time exactly 400 days old and one 59 minutes ahead', () => {
    expect(validate(anEvent('commit', { time: '2024-04-27T12:00:00Z' })).ok).toBe(true);
    expect(validate(anEvent('commit', { time: '2025-06-01T12:59:00Z' })).ok).toBe(true);
  });

  it('accepts any score for a free survey question', () => {
    expect(validate(withData('survey.response', { question: 'would_recommend', score: -3 })).ok).toBe(true);
  });
});

describe('validateEvent: actor', () => {
  it('requires an actor on developer events such as commit', () => {
    const { actor: _omitted, ...commitWithoutActor } = anEvent('commit');
    expect(validate(commitWithoutActor)).toEqual({ ok: false, id: ID, errors: [{ path: 'actor', message: 'required' }] });
  });

  it.each(['deployment.finished', 'build.finished', 'incident.opened', 'incident.resolved'])(
    'does not require an actor on %s',
    (type) => {
      const { actor: _omitted, ...eventWithoutActor } = anEvent(type);
      expect(validate(eventWithoutActor).ok).toBe(true);
    },
  );

  it('needs at least one identity, blank strings not counting', () => {
    expect(errorsOf(anEvent('commit', { actor: { email: '  ' } }))).toEqual([
      { path: 'actor', message: 'actor needs at least one of email, login, externalId', value: { email: '  ' } },
    ]);
    expect(errorsOf(anEvent('deployment.finished', { actor: {} }))).toEqual([
      { path: 'actor', message: 'actor needs at least one of email, login, externalId', value: {} },
    ]);
  });

  it('rejects an unknown actor key, which would otherwise be lost', () => {
    expect(errorsOf(anEvent('commit', { actor: { login: 'dev', name: 'Dev One' } }))).toEqual([
      { path: 'actor.name', message: 'unknown field', value: 'Dev One' },
    ]);
  });
});

describe('validateEvent: field errors', () => {
  it('reports a missing required field without a value', () => {
    const { lines: _omitted, ...dataWithoutLines } = VALID_DATA['completion.shown'];
    expect(errorsOf(anEvent('completion.shown', { data: dataWithoutLines }))).toEqual([
      { path: 'data.lines', message: 'required' },
    ]);
  });

  it('reports a missing enum field as required', () => {
    expect(errorsOf(anEvent('chat.turn', { data: { intent: 'explain' } }))).toEqual([
      { path: 'data.mode', message: 'required' },
    ]);
  });

  it('reports a missing envelope field', () => {
    const { source: _omitted, ...eventWithoutSource } = anEvent('chat.turn');
    expect(errorsOf(eventWithoutSource)).toEqual([{ path: 'source', message: 'required' }]);
  });

  it('reports wrong types in plain words', () => {
    expect(errorsOf(withData('completion.shown', { suggestionId: 17 }))).toEqual([
      { path: 'data.suggestionId', message: 'expected a string', value: 17 },
    ]);
    expect(errorsOf(withData('commit', { isMerge: 'yes' }))).toEqual([
      { path: 'data.isMerge', message: 'expected true or false', value: 'yes' },
    ]);
    expect(errorsOf(withData('survey.response', { score: '4' }))).toEqual([
      { path: 'data.score', message: 'expected a number', value: '4' },
    ]);
    expect(errorsOf(anEvent('chat.turn', { data: [] }))).toEqual([
      { path: 'data', message: 'expected an object', value: [] },
    ]);
    expect(errorsOf(withData('pull_request.opened', { labels: 'bug' }))).toEqual([
      { path: 'data.labels', message: 'expected an array of strings', value: 'bug' },
    ]);
  });

  it.each([
    ['a negative count', -1],
    ['a fraction', 1.5],
    ['a numeric string', '3'],
  ])('rejects %s where a non-negative integer is expected', (_case, lines) => {
    expect(errorsOf(withData('completion.accepted', { lines }))).toEqual([
      { path: 'data.lines', message: 'expected a non-negative integer', value: lines },
    ]);
  });

  it('rejects a pull request number below 1 and a negative cost', () => {
    expect(errorsOf(withData('pull_request.closed', { number: 0 }))).toEqual([
      { path: 'data.number', message: 'expected a positive integer', value: 0 },
    ]);
    expect(errorsOf(withData('usage.cost', { costUsd: -0.01 }))).toEqual([
      { path: 'data.costUsd', message: 'expected a non-negative number', value: -0.01 },
    ]);
  });

  it('lists the allowed values of an enum', () => {
    expect(errorsOf(withData('completion.shown', { trigger: 'sometimes' }))).toEqual([
      { path: 'data.trigger', message: 'expected one of: auto, manual', value: 'sometimes' },
    ]);
    expect(errorsOf(withData('commit', { aiAttribution: { method: 'magic', tools: [] } }))).toEqual([
      { path: 'data.aiAttribution.method', message: 'expected one of: trailer, git-notes, agent-trace, ide', value: 'magic' },
    ]);
  });

  it('rejects a required string that is blank after trimming', () => {
    expect(errorsOf(withData('completion.rejected', { suggestionId: '   ' }))).toEqual([
      { path: 'data.suggestionId', message: 'must not be empty', value: '   ' },
    ]);
    expect(errorsOf(withData('pull_request.opened', { labels: ['ok', ' '] }))).toEqual([
      { path: 'data.labels.1', message: 'must not be empty', value: ' ' },
    ]);
  });

  it('rejects each unknown top-level field, keeping unknown data fields', () => {
    expect(errorsOf(anEvent('chat.applied', { org: 'acme', userId: 7 }))).toEqual([
      { path: 'org', message: 'unknown field', value: 'acme' },
      { path: 'userId', message: 'unknown field', value: 7 },
    ]);
    expect(acceptedEvent(withData('chat.applied', { org: 'acme' })).data).toMatchObject({ org: 'acme' });
  });

  it('accepts only UUID version 4 or 7 ids', () => {
    expect(errorsOf(anEvent('commit', { id: V1_ID }))).toEqual([
      { path: 'id', message: 'must be a UUID (version 4 or 7)', value: V1_ID },
    ]);
    expect(validate(anEvent('commit', { id: '9b2f3c1e-4d5a-4b6c-9d7e-8f9a0b1c2d3e' })).ok).toBe(true); // v4
  });

  it('rejects a time without a zone, and malformed data timestamps', () => {
    expect(validate(anEvent('commit', { time: '2025-06-01T11:00:00' }))).toEqual({
      ok: false,
      id: ID,
      errors: [{ path: 'time', message: 'must be an RFC 3339 timestamp with a time zone', value: '2025-06-01T11:00:00' }],
    });
    expect(errorsOf(withData('pull_request.merged', { createdAt: '2025-02-30T10:00:00Z' }))).toEqual([
      { path: 'data.createdAt', message: 'must be an RFC 3339 timestamp with a time zone', value: '2025-02-30T10:00:00Z' },
    ]);
  });

  it('rejects a time more than 400 days in the past or more than 1 hour in the future', () => {
    expect(errorsOf(anEvent('commit', { time: '2024-04-26T12:00:00Z' }))).toEqual([
      { path: 'time', message: 'more than 400 days in the past', value: '2024-04-26T12:00:00Z' },
    ]);
    expect(errorsOf(anEvent('commit', { time: '2025-06-01T14:00:00Z' }))).toEqual([
      { path: 'time', message: 'more than 1 hour in the future', value: '2025-06-01T14:00:00Z' },
    ]);
  });

  it('rejects a commit claiming more AI lines than lines added', () => {
    expect(errorsOf(withData('commit', { linesAdded: 5, aiLinesAdded: 6 }))).toEqual([
      { path: 'data.aiLinesAdded', message: 'aiLinesAdded must not exceed linesAdded', value: 6 },
    ]);
  });

  it('requires a hex commit SHA', () => {
    expect(errorsOf(withData('deployment.finished', { commitSha: 'main' }))).toEqual([
      { path: 'data.commitSha', message: 'must be a hex commit SHA of 7 to 64 characters', value: 'main' },
    ]);
  });

  it('requires repo and number on every pull request event', () => {
    expect(errorsOf(anEvent('pull_request.merged', { data: { createdAt: '2025-05-30T09:00:00Z' } }))).toEqual([
      { path: 'data.repo', message: 'required' },
      { path: 'data.number', message: 'required' },
    ]);
  });

  it('checks the scale of known survey questions', () => {
    expect(errorsOf(withData('survey.response', { question: ' satisfaction ', score: 6 }))).toEqual([
      { path: 'data.score', message: 'must be between 1 and 5 for satisfaction', value: 6 },
    ]);
    expect(errorsOf(withData('survey.response', { question: 'time_saved_hours', score: -1 }))).toEqual([
      { path: 'data.score', message: 'must not be negative for time_saved_hours', value: -1 },
    ]);
  });
});

describe('validateEvent: many problems at once', () => {
  it('reports every problem of one event, in envelope order', () => {
    const result = validate({
      id: V1_ID,
      type: 'commit',
      time: '2025-06-01T11:00:00',
      actor: { login: 'dev', team: 'payments' },
      source: { tool: '' },
      data: { sha: 'not-a-sha', repo: 'shop/api', linesAdded: 3, linesDeleted: -2, aiLinesAdded: 4 },
      tenant: 'acme',
    });
    expect(result).toEqual({
      ok: false,
      id: V1_ID,
      errors: [
        { path: 'id', message: 'must be a UUID (version 4 or 7)', value: V1_ID },
        { path: 'time', message: 'must be an RFC 3339 timestamp with a time zone', value: '2025-06-01T11:00:00' },
        { path: 'actor.team', message: 'unknown field', value: 'payments' },
        { path: 'source.tool', message: 'must not be empty', value: '' },
        { path: 'data.sha', message: 'must be a hex commit SHA of 7 to 64 characters', value: 'not-a-sha' },
        { path: 'data.linesDeleted', message: 'expected a non-negative integer', value: -2 },
        { path: 'data.aiLinesAdded', message: 'aiLinesAdded must not exceed linesAdded', value: 4 },
        { path: 'tenant', message: 'unknown field', value: 'acme' },
      ],
    });
  });

  it('still checks the envelope when the type is unknown', () => {
    expect(validate({ id: 42, type: 'commit.pushed', time: '2025-06-01T15:00:00Z', source: { tool: 'git' }, data: {} })).toEqual({
      ok: false,
      errors: [
        { path: 'id', message: 'must be a UUID (version 4 or 7)', value: 42 },
        { path: 'type', message: `expected one of: ${EVENT_TYPES.join(', ')}`, value: 'commit.pushed' },
        { path: 'time', message: 'more than 1 hour in the future', value: '2025-06-01T15:00:00Z' },
      ],
    });
    expect(errorsOf({ ...anEvent('commit'), type: undefined })).toContainEqual({ path: 'type', message: 'required' });
  });
});

describe('validateEvent: reported values', () => {
  it('rejects input that is not an object', () => {
    expect(validate(null)).toEqual({ ok: false, errors: [{ path: '', message: 'expected an object', value: null }] });
    expect(validate([anEvent('commit')])).toMatchObject({ ok: false, errors: [{ path: '', message: 'expected an object' }] });
  });

  it('truncates long strings and summarises large structures', () => {
    const longTitle = 'x'.repeat(5000);
    const [titleError] = errorsOf(withData('pull_request.opened', { number: longTitle }));
    expect(titleError).toEqual({ path: 'data.number', message: 'expected a positive integer', value: `${'x'.repeat(200)}…` });

    const manyLabels = Array.from({ length: 300 }, (_, index) => index);
    expect(errorsOf(withData('pull_request.opened', { labels: manyLabels }))[0]).toEqual({
      path: 'data.labels.0',
      message: 'expected a string',
      value: 0,
    });
    const [sourceError] = errorsOf(anEvent('commit', { source: manyLabels }));
    expect(sourceError).toEqual({ path: 'source', message: 'expected an object', value: 'array of 300 items' });
  });
});
