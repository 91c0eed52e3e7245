import { type EventRow, toClickHouseDateTime } from '@uplift/clickhouse';
import { makeEvent, NO_ACTOR, PEOPLE, type Person, reissueOf, replayOf } from './metrics-fixture';

/**
 * Hand-built events for delivery-metrics.int.spec.ts: PRs, deployments, incidents, work items and commits.
 * Weeks (UTC): 2026-W27 = 06-29…07-05, W28 = 07-06…07-12, W29 = 07-13…07-19. Labels in comments (pay#1, D1,
 * I1, R-1, B-1, K1 …) are the ones the spec's hand computations use.
 */

const { alice, bob, carol, dave, bot } = PEOPLE;

function pullRequests(orgId: string): EventRow[] {
  const merged = (person: Person, time: string, repo: string, number: number, data: Record<string, unknown>) =>
    makeEvent(orgId, person, 'pull_request.merged', time, { repo, number, ...data });
  const pay2 = merged(bob, '2026-07-06T22:00:00Z', 'acme/pay', 2, { createdAt: '2026-07-06T10:00:00Z', mergeCommitSha: 'a0000002' });
  return [
    // pay#1: first commit 07-05 09:00, created 07-06 09:00, first review 07-06 10:00, merged 07-07 09:00
    merged(alice, '2026-07-07T09:00:00Z', 'acme/pay', 1, {
      createdAt: '2026-07-06T09:00:00Z',
      firstCommitAt: '2026-07-05T09:00:00Z',
      firstReviewAt: '2026-07-06T10:00:00Z',
      mergeCommitSha: 'a0000001',
    }),
    pay2, // pay#2: created 07-06 10:00, merged 07-06 22:00, no first commit time
    reissueOf(pay2, '2026-07-09T10:00:00Z'), // pay#2 reported again later: the first report counts
    // pay#3: created 07-06 00:00, merged 07-07 13:00 — an hour after D1, which already shipped its merge commit
    merged(alice, '2026-07-07T13:00:00Z', 'acme/pay', 3, { createdAt: '2026-07-06T00:00:00Z', mergeCommitSha: 'a0000003' }),
    // pay#4: merged 06-01, long before the range; shipped by D2a in W28
    merged(bob, '2026-06-01T00:00:00Z', 'acme/pay', 4, { createdAt: '2026-05-31T00:00:00Z', mergeCommitSha: 'a0000004' }),
    // search#1: first commit 06-30, created 07-01, merged 07-08 00:00
    merged(carol, '2026-07-08T00:00:00Z', 'acme/search', 1, {
      createdAt: '2026-07-01T00:00:00Z',
      firstCommitAt: '2026-06-30T00:00:00Z',
      mergeCommitSha: 'b0000001',
    }),
    // search#2: created 07-14 00:00, merged 02:00, never deployed
    merged(carol, '2026-07-14T02:00:00Z', 'acme/search', 2, { createdAt: '2026-07-14T00:00:00Z', mergeCommitSha: 'b0000002' }),
    // tools#1: created 07-13 00:00, merged 06:00:30 (half a minute past: minutes round up)
    merged(dave, '2026-07-13T06:00:30Z', 'acme/tools', 1, { createdAt: '2026-07-13T00:00:00Z', mergeCommitSha: 'c0000001' }),
    // tools#2: first commit 07-12 00:00, created 07-13 00:00, merged 07-14 00:00
    merged(dave, '2026-07-14T00:00:00Z', 'acme/tools', 2, {
      createdAt: '2026-07-13T00:00:00Z',
      firstCommitAt: '2026-07-12T00:00:00Z',
      mergeCommitSha: 'c0000002',
    }),
    // a bot's PR whose merge commit D2a deploys: never counts
    merged(bot, '2026-07-08T00:00:00Z', 'acme/pay', 9, { createdAt: '2026-07-07T00:00:00Z', mergeCommitSha: 'a0000009' }),
  ];
}

function deployments(orgId: string): EventRow[] {
  const deployment = (time: string, team: string, data: Record<string, unknown>, overrides: Partial<EventRow> = {}) =>
    makeEvent(orgId, NO_ACTOR, 'deployment.finished', time, data, { context_team: team, ...overrides });
  const d1 = deployment('2026-07-07T12:00:00Z', 'payments', {
    deploymentId: 'd1',
    repo: 'acme/pay',
    environment: 'production',
    status: 'success',
    commitSha: 'a0000001',
    startedAt: '2026-07-07T11:00:00Z',
    commits: ['a0000003'],
  });
  return [
    // D7: Sunday 23:30 UTC (W27) = Monday 07:30 in Shanghai (W28); ships no PR
    deployment('2026-07-05T23:30:00Z', 'payments', { deploymentId: 'd7', repo: 'acme/pay', environment: 'production', status: 'success', commitSha: 'a0000010' }),
    d1, // D1: deploys pay#1's merge commit and ships pay#3's
    reissueOf(d1, '2026-07-07T12:00:00Z'), // D1': the same deployment reported under another id
    // D2a, D2b: deployment d2 spans two repos; it finishes with its last part (D2b, 12:00)
    deployment('2026-07-08T10:00:00Z', 'payments', {
      deploymentId: 'd2',
      repo: 'acme/pay',
      environment: 'Production',
      status: 'success',
      commitSha: 'a0000009',
      startedAt: '2026-07-08T09:00:00Z',
      commits: ['a0000002', 'a0000004'],
    }),
    deployment('2026-07-08T12:00:00Z', 'search', {
      deploymentId: 'd2',
      repo: 'acme/search',
      environment: 'production',
      status: 'success',
      commitSha: 'b0000001',
      startedAt: '2026-07-08T11:00:00Z',
    }),
    // D3: staging, D4: failed — neither is a production deployment
    deployment('2026-07-09T10:00:00Z', 'payments', { deploymentId: 'd3', repo: 'acme/pay', environment: 'staging', status: 'success', commitSha: 'a0000003' }),
    deployment('2026-07-10T10:00:00Z', '', { deploymentId: 'd4', repo: 'acme/tools', environment: 'production', status: 'failure', commitSha: 'c0000099' }),
    // D5: ships tools#1 and tools#2; reported two days late
    deployment(
      '2026-07-14T12:00:00Z',
      '',
      {
        deploymentId: 'd5',
        repo: 'acme/tools',
        environment: 'production',
        status: 'success',
        commitSha: 'c0000002',
        startedAt: '2026-07-14T10:00:00Z',
        commits: ['c0000001'],
      },
      { received_at: toClickHouseDateTime(new Date('2026-07-16T12:00:00Z')) },
    ),
    // D6: redeploys tools#2's commit a day later
    deployment('2026-07-15T01:00:00Z', '', {
      deploymentId: 'd6',
      repo: 'acme/tools',
      environment: 'production',
      status: 'success',
      commitSha: 'c0000002',
      startedAt: '2026-07-15T00:00:00Z',
    }),
  ];
}

function incidents(orgId: string): EventRow[] {
  const incident = (type: string, time: string, data: Record<string, unknown>) => makeEvent(orgId, NO_ACTOR, type, time, data);
  const i1 = incident('incident.opened', '2026-07-07T15:00:00Z', { incidentId: 'i1', repo: 'acme/pay', team: 'payments' });
  const r1 = incident('incident.resolved', '2026-07-07T18:00:00Z', { incidentId: 'i1' });
  return [
    i1, // I1: acme/pay's latest production deployment before 15:00 is d1
    reissueOf(i1, '2026-07-10T00:00:00Z'), // I1': opened again later: the first counts
    incident('incident.opened', '2026-07-09T00:00:00Z', { incidentId: 'i2', repo: 'acme/search', deploymentId: 'd2' }), // I2: names d2
    incident('incident.opened', '2026-07-10T00:00:00Z', { incidentId: 'i5', repo: 'acme/pay', deploymentId: 'd3' }), // I5: names the staging d3
    incident('incident.opened', '2026-07-14T11:00:00Z', { incidentId: 'i3', repo: 'acme/tools' }), // I3: no acme/tools deployment before
    incident('incident.opened', '2026-07-16T00:00:00Z', { incidentId: 'i4', team: 'search' }), // I4: no repo: any repo's latest, d6
    r1, // I1 resolved 07-07 18:00
    reissueOf(r1, '2026-07-08T18:00:00Z'), // resolved again later: the first counts
    incident('incident.resolved', '2026-07-09T12:00:00Z', { incidentId: 'i2' }),
    incident('incident.resolved', '2026-07-11T00:00:00Z', { incidentId: 'i5' }),
    incident('incident.resolved', '2026-07-14T12:30:00Z', { incidentId: 'i3' }),
    incident('incident.resolved', '2026-07-20T01:00:00Z', { incidentId: 'i4' }), // after the range (W30)
  ];
}

function workItems(orgId: string): EventRow[] {
  const item = (person: Person, type: string, time: string, data: Record<string, unknown>) => makeEvent(orgId, person, type, time, data);
  const r2 = item(carol, 'work_item.resolved', '2026-07-08T12:00:00Z', {
    key: 'R-2',
    kind: 'requirement',
    createdAt: '2026-07-06T00:00:00Z',
    team: 'search',
    repo: 'acme/search',
  });
  const b1 = item(alice, 'work_item.created', '2026-07-07T10:00:00Z', { key: 'B-1', kind: 'bug', team: 'payments', repo: 'acme/pay' });
  return [
    // requirements
    item(alice, 'work_item.created', '2026-06-01T00:00:00Z', { key: 'R-1', kind: 'requirement', team: 'payments' }), // R-1 created
    item(alice, 'work_item.resolved', '2026-07-07T00:00:00Z', { key: 'R-1', kind: 'requirement', team: 'payments' }), // no createdAt
    r2, // createdAt 07-06 00:00, resolved 07-08 12:00
    reissueOf(r2, '2026-07-14T00:00:00Z'), // resolved again later: once
    item(dave, 'work_item.resolved', '2026-07-15T00:00:00Z', { key: 'R-3', kind: 'requirement' }), // creation unknown
    item(bob, 'work_item.resolved', '2026-07-08T00:00:00Z', { key: 'T-1', kind: 'task', team: 'payments' }),
    item(bot, 'work_item.resolved', '2026-07-08T00:00:00Z', { key: 'R-9', kind: 'requirement', createdAt: '2026-07-01T00:00:00Z' }),
    // bugs
    b1, // B-1, W28
    reissueOf(b1, '2026-07-08T10:00:00Z'), // B-1 again: once
    item(carol, 'work_item.created', '2026-07-09T10:00:00Z', { key: 'B-2', kind: 'bug', repo: 'acme/search' }), // no team: unassigned
    item(alice, 'work_item.created', '2026-07-14T10:00:00Z', { key: 'B-3', kind: 'bug', team: 'payments', repo: 'acme/pay' }),
    item(carol, 'work_item.created', '2026-07-05T23:30:00Z', { key: 'B-4', kind: 'bug', team: 'search', repo: 'acme/search' }), // Sunday night
    item(bot, 'work_item.created', '2026-07-08T10:00:00Z', { key: 'B-9', kind: 'bug', team: 'payments', repo: 'acme/pay' }),
    // ISO week-year boundary: 2026-12-31 and 2027-01-01 are in 2026-W53, 2027-01-04 in 2027-W01
    item(alice, 'work_item.created', '2026-12-31T12:00:00Z', { key: 'B-5', kind: 'bug', team: 'payments' }),
    item(alice, 'work_item.created', '2027-01-01T12:00:00Z', { key: 'B-6', kind: 'bug', team: 'payments' }),
    item(alice, 'work_item.created', '2027-01-04T12:00:00Z', { key: 'B-7', kind: 'bug', team: 'payments' }),
  ];
}

function commits(orgId: string): EventRow[] {
  const commit = (person: Person, time: string, data: Record<string, unknown>) => makeEvent(orgId, person, 'commit', time, data);
  const k1 = commit(alice, '2026-07-07T11:00:00Z', { repo: 'acme/pay', sha: 'a1111111', linesAdded: 1000, linesDeleted: 0 });
  return [
    k1, // K1
    reissueOf(k1, '2026-07-09T11:00:00Z'), // once
    commit(bob, '2026-07-08T11:00:00Z', { repo: 'acme/pay', sha: 'b2222222', linesAdded: 500, linesDeleted: 0 }), // K2
    commit(bob, '2026-07-08T12:00:00Z', { repo: 'acme/pay', sha: 'f3333333', linesAdded: 2000, linesDeleted: 0, isMerge: true }), // K3
    commit(carol, '2026-07-08T13:00:00Z', { repo: 'acme/search', sha: 'c4444444', linesAdded: 250, linesDeleted: 0 }), // K4
    commit(dave, '2026-07-14T13:00:00Z', { repo: 'acme/tools', sha: 'd5555555', linesAdded: 0, linesDeleted: 10 }), // K5
    commit(bot, '2026-07-08T14:00:00Z', { repo: 'acme/pay', sha: 'e6666666', linesAdded: 1000, linesDeleted: 0 }), // K6
  ];
}

/** Every event of the org under test. */
export function deliveryEvents(orgId: string): EventRow[] {
  return [...pullRequests(orgId), ...deployments(orgId), ...incidents(orgId), ...workItems(orgId), ...commits(orgId)];
}

/** pay#1, D1, I1 and B-3 sent again with the same ids in a later batch (a client retry). */
export function replayedDeliveryEvents(events: readonly EventRow[]): EventRow[] {
  const data = (event: EventRow) => JSON.parse(event.data) as Record<string, unknown>;
  const [pay1] = events.filter((event) => event.type === 'pull_request.merged' && data(event).number === 1);
  const [d1] = events.filter((event) => event.type === 'deployment.finished' && data(event).deploymentId === 'd1');
  const [i1] = events.filter((event) => event.type === 'incident.opened' && data(event).incidentId === 'i1');
  const [b3] = events.filter((event) => event.type === 'work_item.created' && data(event).key === 'B-3');
  return [pay1, d1, i1, b3].filter((event): event is EventRow => event !== undefined).map(replayOf);
}
