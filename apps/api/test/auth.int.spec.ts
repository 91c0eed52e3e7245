import Database from 'better-sqlite3';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { event } from './support/events';
import { getJson, postEvents, type MetricBody } from './support/http';
import { createDataDir, removeDataDir, startTestServer, type OrgCredentials, type TestServer } from './support/test-server';

describe('authentication and org scoping', () => {
  let server: TestServer;
  let dataDir: string;
  let orgA: OrgCredentials;
  let orgB: OrgCredentials;

  beforeAll(async () => {
    dataDir = createDataDir('auth');
    server = await startTestServer(dataDir);
    orgA = await server.createOrg('org-a');
    orgB = await server.createOrg('org-b');
    // Org B has three active developers; org A has one.
    const orgBEvents = ['b1@example.com', 'b2@example.com', 'b3@example.com'].map((email) =>
      event('chat.turn', { mode: 'ask' }, { actor: { email } }),
    );
    expect((await postEvents(server.baseUrl, orgB.ingestKey, { events: orgBEvents })).body.accepted).toBe(3);
    const orgAEvents = [event('chat.turn', { mode: 'agent' }, { actor: { email: 'a1@example.com' } })];
    expect((await postEvents(server.baseUrl, orgA.ingestKey, { events: orgAEvents })).body.accepted).toBe(1);
  });
  afterAll(async () => {
    await server.close();
    removeDataDir(dataDir);
  });

  const activeUsersPath = '/api/v1/metrics/active_users?granularity=total';

  it.each([
    ['no token', undefined, /missing API token/],
    ['an unknown token', 'upl_at_unknown-token-0000000000000000', /unknown or revoked API token/],
    ['an ingest key', 'INGEST_KEY_OF_A', /ingest key can only send events/],
  ])('refuses /api with %s (401)', async (_name, token, message) => {
    const credential = token === 'INGEST_KEY_OF_A' ? orgA.ingestKey : token;
    for (const route of ['/api/v1/metrics', activeUsersPath, '/api/v1/admin/rejected-events']) {
      const response = await getJson<{ code: string; message: string }>(server.baseUrl, route, credential);
      expect(response.status, route).toBe(401);
      expect(response.body.code).toBe('UNAUTHENTICATED');
      expect(response.body.message).toMatch(message);
    }
  });

  it('refuses a malformed Authorization header', async () => {
    const response = await fetch(`${server.baseUrl}/api/v1/metrics`, { headers: { authorization: `Basic ${orgA.viewerToken}` } });
    expect(response.status).toBe(401);
  });

  it("scopes every read to the token's org: org A's token never sees org B's data", async () => {
    const asA = await getJson<MetricBody>(server.baseUrl, activeUsersPath, orgA.viewerToken);
    const asB = await getJson<MetricBody>(server.baseUrl, activeUsersPath, orgB.viewerToken);
    expect(asA.body.series[0]!.points[0]!.value).toBe(1);
    expect(asB.body.series[0]!.points[0]!.value).toBe(3);
    // The org comes from the credential only: a query parameter cannot select another org.
    const smuggled = await getJson<{ parameter: string }>(server.baseUrl, `${activeUsersPath}&org=${orgB.orgId}`, orgA.viewerToken);
    expect(smuggled.status).toBe(400);
    expect(smuggled.body.parameter).toBe('org');
  });

  it('lets a viewer read metrics but not admin routes', async () => {
    expect((await getJson(server.baseUrl, '/api/v1/metrics', orgA.viewerToken)).status).toBe(200);
    const admin = await getJson<{ code: string }>(server.baseUrl, '/api/v1/admin/rejected-events', orgA.viewerToken);
    expect(admin.status).toBe(403);
    expect(admin.body.code).toBe('FORBIDDEN');
    expect((await getJson(server.baseUrl, '/api/v1/admin/rejected-events', orgA.adminToken)).status).toBe(200);
  });

  it('makes the environment-given credentials the default org first admin token and ingest key', async () => {
    expect((await getJson(server.baseUrl, '/api/v1/admin/rejected-events', server.defaultOrg.adminToken)).status).toBe(200);
    const sent = await postEvents(server.baseUrl, server.defaultOrg.ingestKey, { events: [event('assistant.activated', {})] });
    expect(sent.status).toBe(200);
  });

  it('stores tokens and keys only as SHA-256 hashes', () => {
    const database = new Database(path.join(dataDir, 'metadata.sqlite'), { readonly: true });
    try {
      const tokenRows = database.prepare('SELECT token_hash AS hash, token_prefix AS prefix FROM api_tokens').all() as { hash: string; prefix: string }[];
      const keyRows = database.prepare('SELECT key_hash AS hash, key_prefix AS prefix FROM ingest_keys').all() as { hash: string; prefix: string }[];
      expect(tokenRows.length).toBe(5); // default admin + admin and viewer of orgs A and B
      expect(keyRows.length).toBe(3);
      for (const row of [...tokenRows, ...keyRows]) {
        expect(row.hash).toMatch(/^[0-9a-f]{64}$/);
        expect(row.prefix.length).toBe(12);
      }
      const everything = JSON.stringify(database.prepare('SELECT * FROM api_tokens').all()) + JSON.stringify(database.prepare('SELECT * FROM ingest_keys').all());
      for (const secret of [orgA.adminToken, orgA.viewerToken, orgA.ingestKey, orgB.ingestKey, server.defaultOrg.adminToken]) {
        expect(everything).not.toContain(secret);
      }
    } finally {
      database.close();
    }
  });

  it('signs a browser in with a token: the session cookie authenticates /api until sign-out', async () => {
    const signIn = await fetch(`${server.baseUrl}/api/v1/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: orgA.viewerToken }),
    });
    expect(signIn.status).toBe(200);
    expect(await signIn.json()).toEqual({
      org: { id: orgA.orgId, name: 'org-a', slug: 'org-a', timeZone: 'UTC' },
      role: 'viewer',
    });
    const setCookie = signIn.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/^uplift_session=[\w-]{43};/);
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Strict/);
    const cookie = setCookie.split(';')[0]!;
    expect(cookie).not.toContain(orgA.viewerToken);

    const withCookie = (path: string, method = 'GET') => fetch(`${server.baseUrl}${path}`, { method, headers: { cookie } });
    const metrics = await withCookie('/api/v1/metrics/active_users?granularity=total');
    expect(metrics.status).toBe(200);
    expect(((await metrics.json()) as MetricBody).series[0]!.points[0]!.value).toBe(1); // org A's one developer
    expect((await withCookie('/api/v1/session')).status).toBe(200);
    expect((await withCookie('/api/v1/admin/rejected-events')).status).toBe(403); // a viewer's session stays a viewer

    expect((await withCookie('/api/v1/session', 'DELETE')).status).toBe(204);
    expect((await withCookie('/api/v1/metrics')).status).toBe(401);
    expect((await fetch(`${server.baseUrl}/api/v1/metrics`, { headers: { cookie: 'uplift_session=forged' } })).status).toBe(401);
  });

  it('refuses to sign in with an unknown token or an ingest key', async () => {
    for (const token of ['upl_at_nope-0000000000000000000000', orgA.ingestKey]) {
      const response = await fetch(`${server.baseUrl}/api/v1/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ token }),
      });
      expect(response.status).toBe(401);
      expect(response.headers.get('set-cookie')).toBeNull();
    }
    const missing = await fetch(`${server.baseUrl}/api/v1/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(missing.status).toBe(400);
  });
});
