import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient } from './support/api';
import { dateOnly, daysAgo, event } from './support/events';
import { getJson, postEvents, type MetricBody } from './support/http';
import { createDataDir, removeDataDir, startTestServer, type OrgCredentials, type TestServer } from './support/test-server';

/**
 * Events are resolved to people and teams at query time (docs/directory.md): a directory change
 * re-attributes the history on the next query.
 */
describe('query-time resolution through the directory', () => {
  let server: TestServer;
  let dataDir: string;
  let org: OrgCredentials;
  let admin: ReturnType<typeof apiClient>;
  const range = `from=${dateOnly(daysAgo(30))}&to=${dateOnly(daysAgo(0))}`;
  const moveDay = dateOnly(daysAgo(10));

  async function series(metric: string, query: string) {
    // an admin: per-developer series of fewer people than the privacy minimum are withheld from viewers
    const response = await getJson<MetricBody>(server.baseUrl, `/api/v1/metrics/${metric}?${range}&${query}`, org.adminToken);
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    return response.body.series.map((entry) => ({ group: entry.group, values: entry.points.map((point) => point.value) }));
  }

  beforeAll(async () => {
    dataDir = createDataDir('resolution');
    server = await startTestServer(dataDir);
    org = await server.createOrg('resolution-org');
    admin = apiClient(server.baseUrl, org.adminToken);
    const chat = (actor: Record<string, string>, days: number) => event('chat.turn', { mode: 'ask' }, { actor, time: daysAgo(days) });
    const events = [
      chat({ email: 'ann@example.com' }, 20), // Ann in the IDE, before her move (payments)
      chat({ login: 'annl' }, 5), // Ann's git login, after her move (search) — a separate person until aliased
      chat({ email: 'bob@example.com' }, 5),
      chat({ login: 'deploy-helper' }, 5), // a bot without the [bot] suffix, until flagged
      event('work_item.created', { key: 'BUG-1', kind: 'bug', repo: 'acme/pay' }, { actor: { email: 'bob@example.com' }, time: daysAgo(4) }),
      event('work_item.created', { key: 'BUG-2', kind: 'bug', repo: 'acme/pay', team: 'search' }, { actor: { email: 'bob@example.com' }, time: daysAgo(4) }),
    ];
    expect((await postEvents(server.baseUrl, org.ingestKey, { events })).body).toEqual({ accepted: 6, rejected: [] });
  });
  afterAll(async () => {
    await server.close();
    removeDataDir(dataDir);
  });

  it('counts unknown actors once per identity before the directory knows them', async () => {
    // ann@…, annl, bob@…, deploy-helper
    expect(await series('active_users', 'granularity=total')).toEqual([{ group: {}, values: [4] }]);
    expect(await series('active_users', 'granularity=total&groupBy=team')).toEqual([{ group: { team: 'unassigned' }, values: [4] }]);
  });

  it('re-attributes history when an alias is added, a team history is recorded and a bot is flagged', async () => {
    const people = await admin.postCsv('/api/v1/directory/import/people', [
      'name,emails,logins,external_ids,bot',
      'Ann Lee,ann@example.com,,,false',
      'Bob Wu,bob@example.com,,,false',
      'Deploy Helper,,deploy-helper,,true',
    ].join('\n'));
    expect(people.status).toBe(201);
    const memberships = await admin.postCsv(
      '/api/v1/directory/import/memberships',
      `person,team,department,start_date,end_date\nann@example.com,payments,Commerce,2020-01-01,${dateOnly(daysAgo(11))}\nann@example.com,search,Discovery,${moveDay},\nbob@example.com,search,Discovery,2020-01-01,\n`,
    );
    expect(memberships.status).toBe(201);
    // annl is still unknown: Ann (email), annl, Bob; the bot no longer counts.
    expect(await series('active_users', 'granularity=total')).toEqual([{ group: {}, values: [3] }]);

    const ann = ((await admin.get<{ id: string; name: string }[]>('/api/v1/directory/people')).body).find((person) => person.name === 'Ann Lee')!;
    expect((await admin.post(`/api/v1/directory/people/${ann.id}/identities`, { kind: 'login', value: 'annl' })).status).toBe(201);
    // Ann and Bob.
    expect(await series('active_users', 'granularity=total')).toEqual([{ group: {}, values: [2] }]);
    // Ann's first event was in payments, her second (as annl) after the move in search, like Bob's.
    expect(await series('active_users', 'granularity=total&groupBy=team')).toEqual([
      { group: { team: 'payments' }, values: [1] },
      { group: { team: 'search' }, values: [2] },
    ]);
    const developers = await series('active_users', 'granularity=total&groupBy=developer');
    expect(developers).toHaveLength(2);
    expect(developers).toContainEqual({ group: { developer: ann.id }, values: [1] });
  });

  it("attributes work items without a team to their repo's owning team", async () => {
    expect(await series('defects', 'granularity=total&groupBy=team')).toEqual([
      { group: { team: 'search' }, values: [1] },
      { group: { team: 'unassigned' }, values: [1] },
    ]);
    expect((await admin.put('/api/v1/directory/repos', { repo: 'acme/pay', team: 'payments' })).status).toBe(200);
    expect(await series('defects', 'granularity=total&groupBy=team')).toEqual([
      { group: { team: 'payments' }, values: [1] },
      { group: { team: 'search' }, values: [1] },
    ]);
  });

  it('divides active users by the people holding a seat on the bucket\'s last day', async () => {
    const people = (await admin.get<{ id: string; name: string }[]>('/api/v1/directory/people')).body;
    const personId = (name: string) => people.find((person) => person.name === name)!.id;
    // Ann: a seat through the whole range; Bob: a seat that ended 5 days before the range's end; Carol: none.
    await admin.post(`/api/v1/directory/people/${personId('Ann Lee')}/seats`, { tool: 'copilot', startDate: '2020-01-01' });
    await admin.post(`/api/v1/directory/people/${personId('Ann Lee')}/seats`, { tool: 'cursor', startDate: '2020-01-01' });
    await admin.post(`/api/v1/directory/people/${personId('Bob Wu')}/seats`, { tool: 'copilot', startDate: '2020-01-01', endDate: dateOnly(daysAgo(5)) });
    // total: 2 active users (Ann, Bob) ÷ 1 seated person on the last day (Ann, counted once across two tools)
    const total = await getJson<MetricBody>(server.baseUrl, `/api/v1/metrics/seat_utilization?${range}&granularity=total`, org.viewerToken);
    expect(total.body.series[0]!.points).toEqual([{ period: 'total', value: 2, numerator: 2, denominator: 1 }]);
    // a bucket ending before Bob's seat ended: Ann's event 20 days ago, 2 seated people → 0.5
    const early = await getJson<MetricBody>(server.baseUrl, `/api/v1/metrics/seat_utilization?from=${dateOnly(daysAgo(21))}&to=${dateOnly(daysAgo(19))}&granularity=total`, org.viewerToken);
    expect(early.body.series[0]!.points).toEqual([{ period: 'total', value: 0.5, numerator: 1, denominator: 2 }]);
    expect((await getJson(server.baseUrl, `/api/v1/metrics/seat_utilization?${range}&groupBy=team`, org.viewerToken)).status).toBe(400);
  });
});
