import type { EventRow } from '@uplift/clickhouse';
import { makeEvent, PEOPLE, type Person, reissueOf, replayOf } from './metrics-fixture';

/**
 * Hand-built events for adoption-metrics.int.spec.ts (activation, adoption, request mix, AI-assisted PRs,
 * efficiency, surveys). Weeks (UTC): 2026-W27 = 06-29…07-05, W28 = 07-06…07-12, W29 = 07-13…07-19. Times are
 * 09:00–16:00 UTC (the same civil day in Asia/Shanghai, UTC+8) unless a comment says otherwise.
 */

export const ERIN: Person = {
  email: 'erin@example.com',
  team: 'search',
  language: 'java',
  ide: 'vscode',
  tool: 'copilot',
  model: 'gpt-4o',
};

const { alice, bob, carol, dave, bot } = PEOPLE;

/** Every event of the org under test, in the order the spec's comments number them. */
export function adoptionEvents(orgId: string): EventRow[] {
  const e = (person: Person, type: string, time: string, data: Record<string, unknown> = {}) =>
    makeEvent(orgId, person, type, time, data);
  const s1 = e(alice, 'completion.shown', '2026-07-01T10:00:00Z', { suggestionId: 's1', lines: 3, chars: 30 });
  const p1 = e(alice, 'pull_request.merged', '2026-07-08T15:00:00Z', {
    repo: 'acme/pay',
    number: 10,
    createdAt: '2026-07-06T10:00:00Z',
    labels: ['AI-Assisted'],
  });
  return [
    // activations
    e(alice, 'assistant.activated', '2026-03-10T10:00:00Z'), // A1, long before the range
    e(bob, 'assistant.activated', '2026-07-07T10:00:00Z'), // A2, W28
    e(bob, 'assistant.activated', '2026-07-14T10:00:00Z'), // A3, W29: a second activation
    e(carol, 'assistant.activated', '2026-07-05T23:30:00Z'), // A4, Sunday night UTC (W27) = Monday 07:30 Shanghai (W28)
    e(dave, 'assistant.activated', '2026-07-20T10:00:00Z'), // A5, after the range
    e(bot, 'assistant.activated', '2026-07-01T10:00:00Z'), // A6, a bot
    e(ERIN, 'assistant.activated', '2025-12-29T12:00:00Z'), // A7, Monday of 2026-W01

    // assistant requests
    s1, // U1, W27
    reissueOf(s1, '2026-07-01T10:00:01Z'), // U2: s1 shown again under a new id: one request
    e(bob, 'chat.turn', '2026-07-02T10:00:00Z', { mode: 'ask' }), // U3, W27
    e(bot, 'completion.shown', '2026-07-02T11:00:00Z', { suggestionId: 's9', lines: 1, chars: 10 }), // U4, a bot
    e(alice, 'completion.shown', '2026-07-07T10:00:00Z', { suggestionId: 's2', lines: 2, chars: 20 }), // U5, W28
    e(dave, 'chat.turn', '2026-07-09T10:00:00Z', { mode: 'agent' }), // U6, W28
    e(dave, 'agent.session', '2026-07-09T11:00:00Z', { sessionId: 'g1', status: 'completed' }), // U7, W28 (re-sent)

    // contributions
    e(bob, 'commit', '2026-07-01T09:00:00Z', { repo: 'acme/pay', sha: 'c0ffee1', linesAdded: 10, linesDeleted: 0, aiLinesAdded: 5 }), // C1
    e(carol, 'commit', '2026-07-05T23:45:00Z', { repo: 'acme/search', sha: 'deadbee1', linesAdded: 20, linesDeleted: 0, aiLinesAdded: 0 }), // C2, Sunday night UTC
    e(alice, 'commit', '2026-07-08T09:00:00Z', { repo: 'acme/pay', sha: 'a11ce01', linesAdded: 30, linesDeleted: 0, aiLinesAdded: 15 }), // C3 (re-sent)
    e(bob, 'commit', '2026-07-08T10:00:00Z', { repo: 'acme/pay', sha: 'b0b0001', linesAdded: 40, linesDeleted: 0 }), // C4
    e(bob, 'commit', '2026-07-08T11:00:00Z', { repo: 'acme/pay', sha: 'deadbee1', linesAdded: 10, linesDeleted: 0, aiLinesAdded: 10 }), // C5: same sha as C2, other repo
    e(bot, 'commit', '2026-07-08T12:00:00Z', { repo: 'acme/pay', sha: 'e0e0e01', linesAdded: 100, linesDeleted: 0, aiLinesAdded: 100 }), // C6, a bot
    p1, // P1: acme/pay#10, label AI-Assisted, W28
    reissueOf(p1, '2026-07-15T10:00:00Z'), // P1': acme/pay#10 merged again under a new id, W29
    e(bob, 'pull_request.merged', '2026-07-09T15:00:00Z', { repo: 'acme/pay', number: 12, createdAt: '2026-07-01T00:00:00Z', commits: ['c0ffee1'] }), // P2
    e(carol, 'pull_request.opened', '2026-07-09T10:00:00Z', { repo: 'acme/search', number: 20, aiAssisted: true }), // P3
    e(carol, 'pull_request.merged', '2026-07-14T10:00:00Z', { repo: 'acme/search', number: 20, createdAt: '2026-07-09T10:00:00Z' }), // P4
    e(carol, 'pull_request.merged', '2026-07-14T11:00:00Z', {
      repo: 'acme/search',
      number: 21,
      createdAt: '2026-07-10T10:00:00Z',
      labels: ['feature'],
      commits: ['deadbee1'],
    }), // P5
    e(dave, 'pull_request.merged', '2026-07-15T10:00:00Z', { repo: 'acme/tools', number: 30, createdAt: '2026-07-13T10:00:00Z', labels: ['Copilot'] }), // P6
    e(bot, 'pull_request.merged', '2026-07-08T16:00:00Z', { repo: 'acme/pay', number: 11, createdAt: '2026-07-08T00:00:00Z', labels: ['ai-assisted'] }), // P7, a bot

    // survey responses
    e(alice, 'survey.response', '2026-07-01T12:00:00Z', { surveyId: 'q3', question: 'satisfaction', score: 5 }), // S1 (re-sent)
    e(bob, 'survey.response', '2026-07-02T12:00:00Z', { surveyId: 'q3', question: 'satisfaction', score: 4 }), // S2
    e(carol, 'survey.response', '2026-07-05T23:00:00Z', { surveyId: 'q3', question: 'satisfaction', score: 2 }), // S3, Sunday night UTC
    e(dave, 'survey.response', '2026-07-08T12:00:00Z', { surveyId: 'q3', question: 'satisfaction', score: 3 }), // S4
    e(bot, 'survey.response', '2026-07-02T12:00:00Z', { surveyId: 'q3', question: 'satisfaction', score: 5 }), // S5, a bot
    e(alice, 'survey.response', '2026-07-01T12:05:00Z', { surveyId: 'q3', question: 'time_saved_hours', score: 4 }), // S6
    e(bob, 'survey.response', '2026-07-02T12:05:00Z', { surveyId: 'q3', question: 'time_saved_hours', score: 2 }), // S7
    e(carol, 'survey.response', '2026-07-08T12:00:00Z', { surveyId: 'q3', question: 'time_saved_hours', score: 6 }), // S8
    e(alice, 'survey.response', '2026-07-08T12:10:00Z', { surveyId: 'q3', question: 'nps', score: 9 }), // S9, a free question
  ];
}

/** A1, U7, C3 and S1 sent again with the same ids in a later batch (a client retry). */
export function replayedAdoptionEvents(events: readonly EventRow[]): EventRow[] {
  const pick = (type: string, predicate: (data: Record<string, unknown>) => boolean) =>
    events.filter((event) => event.type === type && predicate(JSON.parse(event.data) as Record<string, unknown>));
  return [
    ...events.filter((event) => event.type === 'assistant.activated' && event.person_id === 'email:alice@example.com'),
    ...pick('agent.session', (data) => data.sessionId === 'g1'),
    ...pick('commit', (data) => data.sha === 'a11ce01'),
    ...pick('survey.response', (data) => data.score === 5 && data.question === 'satisfaction').filter(
      (event) => event.person_id === 'email:alice@example.com',
    ),
  ].map(replayOf);
}
