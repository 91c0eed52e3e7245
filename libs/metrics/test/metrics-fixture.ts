import { randomUUID } from 'node:crypto';
import { type EventRow, toClickHouseDateTime, typedEventColumns } from '@uplift/clickhouse';

/**
 * Hand-built events for metrics.int.spec.ts. Weeks used (UTC): 2026-W27 = 06-29…07-05, W28 = 07-06…07-12,
 * W29 = 07-13…07-19. Every event is at 09:00–12:00 UTC (same civil day in Asia/Shanghai, UTC+8) except the
 * two zone-edge events, which say so.
 */

export type Person = {
  email?: string;
  login?: string;
  team: string;
  language: string;
  ide: string;
  tool: string;
  model: string;
};

export const PEOPLE = {
  alice: { email: 'Alice@Example.com', team: 'payments', language: 'typescript', ide: 'vscode', tool: 'copilot', model: 'gpt-4o' },
  bob: { email: 'bob@example.com', team: 'payments', language: 'go', ide: 'jetbrains', tool: 'lingma', model: 'qwen' },
  carol: { email: 'carol@example.com', team: 'search', language: 'python', ide: 'vscode', tool: 'cursor', model: 'claude' },
  dave: { email: 'dave@example.com', team: '', language: 'rust', ide: 'cli', tool: 'claude-code', model: 'claude' },
  bot: { login: 'dependabot[bot]', team: 'payments', language: 'go', ide: '', tool: 'copilot', model: 'gpt-4o' },
} satisfies Record<string, Person>;

/** The developer key the collector derives (email:<lower-cased email>, else login:<login>; '' without an actor). */
export function developerOf(person: Person): string {
  if (person.email) return `email:${person.email.toLowerCase()}`;
  return person.login ? `login:${person.login}` : '';
}

/** The "person" of an event without an actor (deployment.*, incident.*, build.*): no identity, no team. */
export const NO_ACTOR: Person = { team: '', language: '', ide: '', tool: 'ci', model: '' };

/** Events from git, code review, CI/CD and trackers carry no IDE or model; git events come from `git`. */
function isDeliveryType(type: string): boolean {
  return ['commit', 'pull_request.', 'build.', 'deployment.', 'incident.', 'work_item.'].some((prefix) =>
    prefix.endsWith('.') ? type.startsWith(prefix) : type === prefix,
  );
}

export function makeEvent(
  orgId: string,
  person: Person,
  type: string,
  isoTime: string,
  data: Record<string, unknown> = {},
  overrides: Partial<EventRow> = {},
): EventRow {
  const isGit = type === 'commit' || type.startsWith('pull_request.');
  const isDelivery = isDeliveryType(type);
  return {
    org_id: orgId,
    id: randomUUID(),
    type,
    time: toClickHouseDateTime(new Date(isoTime)),
    received_at: toClickHouseDateTime(new Date(isoTime)),
    actor_email: person.email?.toLowerCase() ?? '',
    actor_login: person.login ?? '',
    actor_external_id: '',
    person_id: developerOf(person),
    context_team: person.team,
    tool: isGit ? 'git' : person.tool,
    tool_version: '',
    ide: isDelivery ? '' : person.ide,
    ide_version: '',
    repo: typeof data.repo === 'string' ? data.repo : '',
    language: person.language,
    branch: '',
    model: isDelivery ? '' : person.model,
    data: JSON.stringify(data),
    ...typedEventColumns(data),
    ...overrides,
  };
}

/** A copy of an event as a client retry would send it again: same id, received later. */
export function replayOf(event: EventRow): EventRow {
  return { ...event, received_at: toClickHouseDateTime(new Date(Date.parse(`${event.received_at}Z`) + 60_000)) };
}

/** Same content under a new event id (e.g. a commit reported by two hooks). */
export function reissueOf(event: EventRow, isoTime: string): EventRow {
  return { ...event, id: randomUUID(), time: toClickHouseDateTime(new Date(isoTime)) };
}

const { alice, bob, carol, dave, bot } = PEOPLE;

function assistantEvents(orgId: string): EventRow[] {
  const e = (person: Person, type: string, time: string, data: Record<string, unknown> = {}) =>
    makeEvent(orgId, person, type, time, data);
  const s2Shown = e(alice, 'completion.shown', '2026-06-30T11:00:00Z', { suggestionId: 's2', lines: 4, chars: 40, latencyMs: 300, kind: 'next_edit' });
  const s3Accepted = e(bob, 'completion.accepted', '2026-07-01T09:00:05Z', { suggestionId: 's3', lines: 6, chars: 60 });
  return [
    // W27
    e(alice, 'completion.shown', '2026-06-30T10:00:00Z', { suggestionId: 's1', lines: 10, chars: 100, latencyMs: 100 }),
    e(alice, 'completion.accepted', '2026-06-30T10:00:05Z', { suggestionId: 's1', lines: 8, chars: 80 }),
    s2Shown,
    // s2 shown again under a new event id, later, with another latency: the first one counts
    { ...reissueOf(s2Shown, '2026-06-30T11:00:01Z'), data: JSON.stringify({ suggestionId: 's2', lines: 4, chars: 40, latencyMs: 900, kind: 'next_edit' }) },
    e(alice, 'completion.accepted', '2026-06-30T11:00:10Z', { suggestionId: 's2', lines: 3, chars: 30 }),
    e(alice, 'chat.turn', '2026-06-30T12:00:00Z', { mode: 'ask', inputTokens: 10, outputTokens: 5 }),
    e(alice, 'chat.feedback', '2026-06-30T12:01:00Z', { rating: 'like' }),
    e(bob, 'completion.shown', '2026-07-01T09:00:00Z', { suggestionId: 's3', lines: 6, chars: 60, latencyMs: 200 }),
    s3Accepted,
    reissueOf(s3Accepted, '2026-07-01T09:00:06Z'), // s3 accepted twice: once
    e(bot, 'completion.shown', '2026-07-01T10:00:00Z', { suggestionId: 's5', lines: 50, chars: 500, latencyMs: 5000 }),
    e(bot, 'completion.accepted', '2026-07-01T10:00:01Z', { suggestionId: 's5', lines: 50, chars: 500 }),
    // Sunday night in UTC (W27, 2026-07-05) is Monday morning in Asia/Shanghai (W28, 2026-07-06)
    e(carol, 'completion.shown', '2026-07-05T23:30:00Z', { suggestionId: 's6', lines: 2, chars: 20, latencyMs: 50 }),
    // before the range in UTC (2026-06-28), inside it in Asia/Shanghai (2026-06-29 04:00)
    e(dave, 'assistant.activated', '2026-06-28T20:00:00Z'),
    // W28
    e(carol, 'completion.shown', '2026-07-07T10:00:00Z', { suggestionId: 's4', lines: 20, chars: 200, latencyMs: 400 }),
    e(carol, 'completion.rejected', '2026-07-07T10:00:03Z', { suggestionId: 's4' }),
    e(carol, 'chat.feedback', '2026-07-07T11:00:00Z', { rating: 'like' }),
    e(carol, 'chat.feedback', '2026-07-07T11:05:00Z', { rating: 'dislike' }),
    e(dave, 'chat.turn', '2026-07-08T10:00:00Z', { mode: 'agent', inputTokens: 100, outputTokens: 50 }),
    e(dave, 'usage.cost', '2026-07-08T10:00:01Z', { model: 'claude', inputTokens: 1000, outputTokens: 500, costUsd: 0.25 }),
    e(bob, 'agent.edit', '2026-07-09T10:00:00Z', { sessionId: 'g1', decision: 'accepted', lines: 12 }),
    e(bob, 'agent.edit', '2026-07-09T10:01:00Z', { sessionId: 'g1', decision: 'rejected', lines: 3 }),
    e(bot, 'agent.edit', '2026-07-09T10:02:00Z', { sessionId: 'g9', decision: 'accepted', lines: 1 }),
    // W29
    e(bob, 'agent.session', '2026-07-14T10:00:00Z', { sessionId: 'g2', status: 'completed' }),
    e(dave, 'agent.session', '2026-07-14T11:00:00Z', { sessionId: 'g3', status: 'failed' }),
    e(carol, 'chat.applied', '2026-07-15T10:00:00Z', { lines: 5, chars: 50 }),
    e(alice, 'assistant.activated', '2026-07-15T11:00:00Z'),
    e(alice, 'usage.cost', '2026-07-15T11:00:01Z', { model: 'gpt-4o', inputTokens: 200, outputTokens: 100, costUsd: 0.5 }),
  ];
}

function deliveryEvents(orgId: string): EventRow[] {
  const commit = (person: Person, time: string, data: Record<string, unknown>) => makeEvent(orgId, person, 'commit', time, data);
  const merged = (person: Person, time: string, repo: string, number: number) =>
    makeEvent(orgId, person, 'pull_request.merged', time, { repo, number, createdAt: '2026-06-01T00:00:00Z' });
  const c1 = commit(alice, '2026-06-30T10:00:00Z', { repo: 'acme/pay', sha: 'aaa', linesAdded: 100, linesDeleted: 10, aiLinesAdded: 40 });
  const p1 = merged(alice, '2026-07-01T10:00:00Z', 'acme/pay', 1);
  return [
    c1, // W27
    reissueOf(c1, '2026-07-07T10:00:00Z'), // same (repo, sha) again in W28: counts once, in W27
    // aiLinesAdded > linesAdded cannot pass validation, but min() caps it at 50 anyway
    commit(bob, '2026-07-08T10:00:00Z', { repo: 'acme/pay', sha: 'bbb', linesAdded: 50, linesDeleted: 5, aiLinesAdded: 80 }),
    commit(bob, '2026-07-08T11:00:00Z', { repo: 'acme/pay', sha: 'ccc', linesAdded: 500, linesDeleted: 0, isMerge: true }),
    commit(bot, '2026-07-08T12:00:00Z', { repo: 'acme/pay', sha: 'eee', linesAdded: 30, linesDeleted: 30, aiLinesAdded: 30 }),
    commit(carol, '2026-07-14T10:00:00Z', { repo: 'acme/search', sha: 'ddd', linesAdded: 200, linesDeleted: 100 }),
    commit(carol, '2026-07-14T11:00:00Z', { repo: 'acme/search', sha: 'aaa', linesAdded: 20, linesDeleted: 0, aiLinesAdded: 0 }),
    commit(dave, '2026-07-15T10:00:00Z', { repo: 'acme/tools', sha: 'fff', linesAdded: 10, linesDeleted: 0, aiLinesAdded: 10 }),
    // the only commit of 2026-07-16: a pure deletion, so AI code share has a zero denominator that day
    commit(dave, '2026-07-16T12:00:00Z', { repo: 'acme/tools', sha: 'ggg', linesAdded: 0, linesDeleted: 7, aiLinesAdded: 0 }),
    // ISO week-year boundary: 2025-12-29 is in 2026-W01; 2026-12-31 and 2027-01-01 in 2026-W53
    commit(carol, '2025-12-29T12:00:00Z', { repo: 'acme/search', sha: 'y1', linesAdded: 1, linesDeleted: 0 }),
    commit(alice, '2026-12-31T12:00:00Z', { repo: 'acme/pay', sha: 'y2', linesAdded: 1, linesDeleted: 0 }),
    commit(bob, '2027-01-01T12:00:00Z', { repo: 'acme/pay', sha: 'y3', linesAdded: 1, linesDeleted: 0 }),
    commit(bob, '2027-01-04T12:00:00Z', { repo: 'acme/pay', sha: 'y4', linesAdded: 1, linesDeleted: 0 }),
    p1, // W27
    reissueOf(p1, '2026-07-08T10:00:00Z'), // acme/pay#1 merged again under a new id: counts once, in W27
    merged(bob, '2026-07-08T10:00:00Z', 'acme/pay', 2),
    merged(carol, '2026-07-09T10:00:00Z', 'acme/search', 1),
    merged(bot, '2026-07-09T11:00:00Z', 'acme/pay', 3),
    makeEvent(orgId, dave, 'pull_request.opened', '2026-07-14T10:00:00Z', { repo: 'acme/tools', number: 4 }),
  ];
}

/** Every event of the org under test. */
export function fixtureEvents(orgId: string): EventRow[] {
  return [...assistantEvents(orgId), ...deliveryEvents(orgId)];
}

/** Events re-sent with the same id in a later batch (a client retry): none may count twice. */
export function replayedEvents(events: readonly EventRow[]): EventRow[] {
  const replayed = (type: string, predicate: (data: Record<string, unknown>) => boolean) =>
    events.filter((event) => event.type === type && predicate(JSON.parse(event.data) as Record<string, unknown>));
  return [
    ...replayed('completion.shown', (data) => data.suggestionId === 's1'),
    ...replayed('completion.accepted', (data) => data.suggestionId === 's1'),
    ...replayed('agent.edit', (data) => data.decision === 'accepted' && data.sessionId === 'g1'),
    ...replayed('usage.cost', (data) => data.costUsd === 0.25),
    ...replayed('commit', (data) => data.sha === 'bbb'),
    ...replayed('pull_request.merged', (data) => data.number === 2),
    ...replayed('chat.feedback', (data) => data.rating === 'dislike'),
  ].map(replayOf);
}
