import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '@uplift/clickhouse';
import { apiClient } from '../support/api';
import { createDataDir, removeDataDir, startTestServer, type OrgCredentials, type TestServer } from '../support/test-server';

type Person = {
  id: string;
  name: string;
  isBot: boolean;
  identities: { id: string; kind: string; value: string }[];
  memberships: { id: string; team: string; startDate: string; endDate: string | null }[];
  seats: { id: string; tool: string; startDate: string; endDate: string | null }[];
};
type ImportError = { message: string; errors: { row: number; column?: string; message: string; value?: string }[] };

/** The directory and settings suite; runs on SQLite (directory.int.spec.ts) and PostgreSQL (metadata-postgres.int.spec.ts). */
export function directorySuite(store: string, metadataEnv: () => Promise<Record<string, string>>): void {
describe(`directory (${store})`, () => {
  let server: TestServer;
  let dataDir: string;
  let org: OrgCredentials;
  let admin: ReturnType<typeof apiClient>;
  let viewer: ReturnType<typeof apiClient>;

  beforeAll(async () => {
    dataDir = createDataDir('directory');
    server = await startTestServer(dataDir, await metadataEnv());
    org = await server.createOrg('directory-org');
    admin = apiClient(server.baseUrl, org.adminToken);
    viewer = apiClient(server.baseUrl, org.viewerToken);
  });
  afterAll(async () => {
    await server.close();
    removeDataDir(dataDir);
  });

  const PEOPLE_CSV = [
    'name,emails,logins,external_ids,bot',
    'Ann Lee,Ann@Example.com;ann.lee@corp.example,annl,ide-001,false',
    'Bob Wu,bob@example.com,bobw,,',
    'Release Bot,,release-bot[bot],,true',
  ].join('\n');

  it('imports people from CSV, then memberships and seats naming people by any identity', async () => {
    const people = await admin.postCsv('/api/v1/directory/import/people', PEOPLE_CSV);
    expect(people.body).toEqual({ kind: 'people', rows: 3, created: 3, updated: 0 });

    const memberships = await admin.postCsv(
      '/api/v1/directory/import/memberships',
      'person,team,department,start_date,end_date\nann@example.com,payments,Commerce,2026-01-01,2026-06-30\nannl,search,Discovery,2026-07-01,\nbobw,search,Discovery,2026-03-01,\n',
    );
    expect(memberships.status).toBe(201);
    expect(memberships.body).toMatchObject({ kind: 'memberships', rows: 3, created: 3 });
    const seats = await admin.postCsv('/api/v1/directory/import/seats', 'person,tool,start_date,end_date\nide-001,copilot,2026-02-01,\nbob@example.com,lingma,2026-02-01,2026-09-30\n');
    expect(seats.body).toMatchObject({ kind: 'seats', rows: 2, created: 2 });

    const listed = await viewer.get<Person[]>('/api/v1/directory/people');
    const ann = listed.body.find((person) => person.name === 'Ann Lee')!;
    expect(ann.identities.map((identity) => `${identity.kind}:${identity.value}`).sort()).toEqual([
      'email:ann.lee@corp.example',
      'email:ann@example.com',
      'external_id:ide-001',
      'login:annl',
    ]);
    expect(ann.memberships.map(({ team, startDate, endDate }) => ({ team, startDate, endDate }))).toEqual([
      { team: 'payments', startDate: '2026-01-01', endDate: '2026-06-30' },
      { team: 'search', startDate: '2026-07-01', endDate: null },
    ]);
    expect(listed.body.find((person) => person.name === 'Release Bot')!.isBot).toBe(true);
    const teams = await viewer.get<{ name: string; department: string | null }[]>('/api/v1/directory/teams');
    expect(teams.body.map(({ name, department }) => ({ name, department }))).toEqual([
      { name: 'payments', department: 'Commerce' },
      { name: 'search', department: 'Discovery' },
    ]);
  });

  it('rejects a file with bad rows naming row, column and value, and writes nothing of it', async () => {
    const before = (await viewer.get<Person[]>('/api/v1/directory/people')).body.length;
    const response = await admin.postCsv<ImportError>(
      '/api/v1/directory/import/people',
      ['name,emails,logins,external_ids,bot', 'Cara Diaz,cara@example.com,,,false', ',nobody@example.com,,,false', 'Dan,not-an-email,,,maybe', 'Eve,,,,'].join('\n'),
    );
    expect(response.status).toBe(400);
    expect(response.body.message).toBe('people.csv: 4 bad row(s); nothing was imported');
    expect(response.body.errors).toEqual([
      { row: 3, column: 'name', message: 'must not be empty' },
      { row: 4, column: 'bot', message: 'must be true or false', value: 'maybe' },
      { row: 4, column: 'emails', message: 'is not an email address', value: 'not-an-email' },
      { row: 5, column: 'emails', message: 'a person needs at least one email, login or external id' },
    ]);
    const after = (await viewer.get<Person[]>('/api/v1/directory/people')).body;
    expect(after.length).toBe(before);
    expect(after.some((person) => person.name === 'Cara Diaz')).toBe(false); // the valid row was not kept either

    const memberships = await admin.postCsv<ImportError>('/api/v1/directory/import/memberships', 'person,team,department,start_date,end_date\nzed@example.com,x,,2026-13-01,\n');
    expect(memberships.body.errors).toEqual([
      { row: 2, column: 'person', message: 'no person has this email, login or external id (import people first)', value: 'zed@example.com' },
      { row: 2, column: 'start_date', message: 'is not a calendar date', value: '2026-13-01' },
    ]);
    const header = await admin.postCsv<ImportError>('/api/v1/directory/import/seats', 'who,tool\nann,copilot\n');
    expect(header.body.errors[0]!.message).toBe('missing column(s) person, start_date, end_date; unknown column(s) who; expected the header person,tool,start_date,end_date');
  });

  it('exports what it imported, in the same format', async () => {
    const exported = await viewer.get<string>('/api/v1/directory/export/people');
    expect(exported.headers.get('content-type')).toContain('text/csv');
    expect(exported.headers.get('content-disposition')).toBe('attachment; filename="people.csv"');
    expect(exported.body.split('\r\n')).toEqual([
      'name,emails,logins,external_ids,bot',
      'Ann Lee,ann.lee@corp.example;ann@example.com,annl,ide-001,false',
      'Bob Wu,bob@example.com,bobw,,false',
      'Release Bot,,release-bot[bot],,true',
      '',
    ]);
    // Re-importing the export changes nothing but counts the rows as updates.
    expect((await admin.postCsv('/api/v1/directory/import/people', exported.body)).body).toEqual({ kind: 'people', rows: 3, created: 0, updated: 3 });
  });

  it('refuses an identity that belongs to someone else, and merges two people', async () => {
    const people = (await viewer.get<Person[]>('/api/v1/directory/people')).body;
    const ann = people.find((person) => person.name === 'Ann Lee')!;
    const created = await admin.post<Person>('/api/v1/directory/people', { name: 'A. Lee (git)', identities: [{ kind: 'login', value: 'alee-git' }] });
    expect(created.status).toBe(201);
    const conflict = await admin.post<{ message: string }>(`/api/v1/directory/people/${created.body.id}/identities`, { kind: 'email', value: 'ANN@example.com' });
    expect(conflict.status).toBe(409);
    expect(conflict.body.message).toBe(`email "ann@example.com" already belongs to person ${ann.id}; merge the two people instead`);
    const merged = await admin.post<Person>(`/api/v1/directory/people/${ann.id}/merge`, { personId: created.body.id });
    expect(merged.body.identities.map((identity) => identity.value)).toContain('alee-git');
    expect((await viewer.get(`/api/v1/directory/people/${created.body.id}`)).status).toBe(404);
  });

  it('keeps a ClickHouse snapshot of the directory for query-time resolution', async () => {
    const current = await queryRows<{ snapshot: string }>(server.clickhouse.client, {
      query: 'SELECT max(snapshot) AS snapshot FROM directory_snapshots WHERE org_id = {org:String}',
      params: { org: org.orgId },
      comment: 'test',
    });
    const identities = await queryRows<{ kind: string; value: string; name: string }>(server.clickhouse.client, {
      query: `SELECT i.kind AS kind, i.value AS value, p.name AS name
              FROM directory_identities AS i
              INNER JOIN directory_people AS p ON p.person_id = i.person_id AND p.org_id = i.org_id AND p.snapshot = i.snapshot
              WHERE i.org_id = {org:String} AND i.snapshot = {snapshot:UInt64} ORDER BY kind, value`,
      params: { org: org.orgId, snapshot: current[0]!.snapshot },
      comment: 'test',
    });
    expect(identities.filter((row) => row.name === 'Ann Lee').map((row) => `${row.kind}:${row.value}`)).toEqual([
      'email:ann.lee@corp.example',
      'email:ann@example.com',
      'external_id:ide-001',
      'login:alee-git',
      'login:annl',
    ]);
    const memberships = await queryRows<{ team: string; department: string; start_date: string; end_date: string }>(server.clickhouse.client, {
      query: `SELECT m.team AS team, m.department AS department, m.start_date AS start_date, m.end_date AS end_date
              FROM directory_memberships AS m WHERE org_id = {org:String} AND snapshot = {snapshot:UInt64} ORDER BY start_date`,
      params: { org: org.orgId, snapshot: current[0]!.snapshot },
      comment: 'test',
    });
    expect(memberships).toEqual([
      { team: 'payments', department: 'Commerce', start_date: '2026-01-01', end_date: '2026-06-30' },
      { team: 'search', department: 'Discovery', start_date: '2026-03-01', end_date: '2149-06-06' },
      { team: 'search', department: 'Discovery', start_date: '2026-07-01', end_date: '2149-06-06' },
    ]);
  });

  it('lets viewers read but not write, and validates every write naming the field', async () => {
    expect((await viewer.post('/api/v1/directory/teams', { name: 'x' })).status).toBe(403);
    expect((await viewer.postCsv('/api/v1/directory/import/people', PEOPLE_CSV)).status).toBe(403);
    const bad = await admin.post<{ errors: { path: string; message: string; value?: unknown }[] }>('/api/v1/directory/rollout-phases', {
      name: 'pilot',
      startDate: '2026-02-30',
      targetShare: 1.5,
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([
      { path: 'startDate', message: 'is not a calendar date', value: '2026-02-30' },
      { path: 'targetShare', message: 'must be between 0 and 1', value: 1.5 },
    ]);
    const phase = await admin.post<{ name: string; targetShare: number }>('/api/v1/directory/rollout-phases', { name: 'pilot', startDate: '2026-03-01', targetShare: 0.1 });
    expect(phase.body).toMatchObject({ name: 'pilot', startDate: '2026-03-01', targetShare: 0.1 });
    expect((await admin.put('/api/v1/directory/repos', { repo: 'acme/pay', team: 'payments' })).body).toMatchObject({ repo: 'acme/pay', team: 'payments' });
    expect((await admin.get('/api/v1/directory/import/nope')).status).toBe(404);
    expect((await admin.postCsv<{ parameter: string }>('/api/v1/directory/import/nope', 'x')).body.parameter).toBe('kind');
  });

  it('reads and updates org settings', async () => {
    expect((await viewer.get('/api/v1/settings')).body).toEqual({
      name: 'directory-org',
      slug: 'directory-org',
      timeZone: 'UTC',
      codingTimeShare: 0.32,
      aiPrLabels: ['ai-assisted', 'claude-code-assisted', 'copilot'],
      privacyMinGroupSize: 5,
    });
    const updated = await admin.patch('/api/v1/settings', { timeZone: 'Asia/Shanghai', codingTimeShare: 0.4, aiPrLabels: ['ai'] });
    expect(updated.body).toMatchObject({ timeZone: 'Asia/Shanghai', codingTimeShare: 0.4, aiPrLabels: ['ai'] });
    const bad = await admin.patch<{ errors: { path: string }[] }>('/api/v1/settings', { timeZone: 'Mars/Olympus' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0]).toEqual({ path: 'timeZone', message: 'must be an IANA time zone such as Asia/Shanghai', value: 'Mars/Olympus' });
    expect((await viewer.patch('/api/v1/settings', { codingTimeShare: 0.5 })).status).toBe(403);
  });
});
}
