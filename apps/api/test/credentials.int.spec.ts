import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient } from './support/api';
import { event } from './support/events';
import { postEvents } from './support/http';
import { createDataDir, removeDataDir, startTestServer, type OrgCredentials, type TestServer } from './support/test-server';

type ApiTokenView = { id: string; name: string; role: 'admin' | 'viewer'; prefix: string; createdAt: string; revokedAt: string | null };
type IngestKeyView = Omit<ApiTokenView, 'role'>;
type ErrorBody = { statusCode: number; code: string; message: string; errors?: { path: string; message: string; value?: unknown }[] };

const sha256 = (secret: string) => createHash('sha256').update(secret, 'utf8').digest('hex');

describe('admin credentials API: API tokens and ingest keys', () => {
  let server: TestServer;
  let dataDir: string;
  let orgA: OrgCredentials;
  let orgB: OrgCredentials;
  const createdSecrets: string[] = [];

  beforeAll(async () => {
    dataDir = createDataDir('credentials');
    server = await startTestServer(dataDir);
    orgA = await server.createOrg('cred-a');
    orgB = await server.createOrg('cred-b');
  });
  afterAll(async () => {
    await server.close();
    removeDataDir(dataDir);
  });

  const as = (token: string) => apiClient(server.baseUrl, token);
  const metricsStatus = async (token: string) => (await as(token).get('/api/v1/metrics')).status;

  it("lists the org's API tokens and ingest keys with a prefix, never the secret or its hash", async () => {
    const tokens = await as(orgA.adminToken).get<{ apiTokens: ApiTokenView[] }>('/api/v1/admin/api-tokens');
    expect(tokens.status).toBe(200);
    expect(tokens.body.apiTokens.map((token) => [token.name, token.role]).sort()).toEqual([
      ['admin', 'admin'],
      ['viewer', 'viewer'],
    ]);
    for (const token of tokens.body.apiTokens) {
      expect(Object.keys(token).sort()).toEqual(['createdAt', 'id', 'name', 'prefix', 'revokedAt', 'role']);
      expect(token.prefix).toMatch(/^upl_at_.{5}$/);
      expect(Number.isNaN(Date.parse(token.createdAt))).toBe(false);
      expect(token.revokedAt).toBeNull();
    }
    const keys = await as(orgA.adminToken).get<{ ingestKeys: IngestKeyView[] }>('/api/v1/admin/ingest-keys');
    expect(keys.status).toBe(200);
    expect(keys.body.ingestKeys).toHaveLength(1);
    expect(Object.keys(keys.body.ingestKeys[0]!).sort()).toEqual(['createdAt', 'id', 'name', 'prefix', 'revokedAt']);

    const text = JSON.stringify(tokens.body) + JSON.stringify(keys.body);
    for (const secret of [orgA.adminToken, orgA.viewerToken, orgA.ingestKey]) {
      expect(text).not.toContain(secret);
      expect(text).not.toContain(sha256(secret));
    }
  });

  it('creates an API token whose secret is shown once and works at once; a revoked token gets 401 at once in this process', async () => {
    const created = await as(orgA.adminToken).post<ApiTokenView & { secret: string }>('/api/v1/admin/api-tokens', { name: '  CI reader  ', role: 'viewer' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'CI reader', role: 'viewer', revokedAt: null });
    expect(created.body.secret).toMatch(/^upl_at_[\w-]{43}$/);
    expect(created.body.prefix).toBe(created.body.secret.slice(0, 12));
    createdSecrets.push(created.body.secret);

    // Used once, so the process has the principal cached when it is revoked.
    expect(await metricsStatus(created.body.secret)).toBe(200);
    expect(await metricsStatus(created.body.secret)).toBe(200);

    const listed = await as(orgA.adminToken).get<{ apiTokens: ApiTokenView[] }>('/api/v1/admin/api-tokens');
    expect(listed.body.apiTokens.find((token) => token.id === created.body.id)).toEqual({
      id: created.body.id,
      name: 'CI reader',
      role: 'viewer',
      prefix: created.body.prefix,
      createdAt: created.body.createdAt,
      revokedAt: null,
    });
    expect(JSON.stringify(listed.body)).not.toContain(created.body.secret);

    const revoked = await as(orgA.adminToken).delete(`/api/v1/admin/api-tokens/${created.body.id}`);
    expect(revoked.status).toBe(204);
    const refused = await as(created.body.secret).get<ErrorBody>('/api/v1/metrics');
    expect(refused.status).toBe(401);
    expect(refused.body.message).toMatch(/unknown or revoked API token/);

    const afterRevoke = await as(orgA.adminToken).get<{ apiTokens: ApiTokenView[] }>('/api/v1/admin/api-tokens');
    const entry = afterRevoke.body.apiTokens.find((token) => token.id === created.body.id)!;
    expect(Number.isNaN(Date.parse(entry.revokedAt ?? ''))).toBe(false);
    // Revoking again is harmless and keeps the first revocation time.
    expect((await as(orgA.adminToken).delete(`/api/v1/admin/api-tokens/${created.body.id}`)).status).toBe(204);
    const again = await as(orgA.adminToken).get<{ apiTokens: ApiTokenView[] }>('/api/v1/admin/api-tokens');
    expect(again.body.apiTokens.find((token) => token.id === created.body.id)!.revokedAt).toBe(entry.revokedAt);
  });

  it('creates an admin token that can manage credentials, and ends the sessions opened with a token when it is revoked', async () => {
    const created = await as(orgA.adminToken).post<ApiTokenView & { secret: string }>('/api/v1/admin/api-tokens', { name: 'second admin', role: 'admin' });
    expect(created.status).toBe(201);
    createdSecrets.push(created.body.secret);
    expect((await as(created.body.secret).get('/api/v1/admin/api-tokens')).status).toBe(200);

    const signIn = await fetch(`${server.baseUrl}/api/v1/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: created.body.secret }),
    });
    expect(signIn.status).toBe(200);
    const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0]!;
    const withCookie = (route: string, method = 'GET') => fetch(`${server.baseUrl}${route}`, { method, headers: { cookie } });
    expect((await withCookie('/api/v1/admin/api-tokens')).status).toBe(200);

    // The session stands for the token it was opened with: revoking that token from the session is refused.
    const ownFromSession = await withCookie(`/api/v1/admin/api-tokens/${created.body.id}`, 'DELETE');
    expect(ownFromSession.status).toBe(409);
    expect(((await ownFromSession.json()) as ErrorBody).message).toMatch(/signed in with/);

    expect((await as(orgA.adminToken).delete(`/api/v1/admin/api-tokens/${created.body.id}`)).status).toBe(204);
    expect((await withCookie('/api/v1/admin/api-tokens')).status).toBe(401);
    expect(await metricsStatus(created.body.secret)).toBe(401);
  });

  it("refuses to revoke the token of the caller's own request (409) and keeps it working", async () => {
    const tokens = await as(orgA.adminToken).get<{ apiTokens: ApiTokenView[] }>('/api/v1/admin/api-tokens');
    const own = tokens.body.apiTokens.find((token) => orgA.adminToken.startsWith(token.prefix) && token.name === 'admin')!;
    const refused = await as(orgA.adminToken).delete<ErrorBody>(`/api/v1/admin/api-tokens/${own.id}`);
    expect(refused.status).toBe(409);
    expect(refused.body.message).toMatch(/the API token you are signed in with/);
    expect(await metricsStatus(orgA.adminToken)).toBe(200);
  });

  it('creates and revokes ingest keys; a revoked key is refused at once', async () => {
    const created = await as(orgA.adminToken).post<IngestKeyView & { secret: string }>('/api/v1/admin/ingest-keys', { name: 'IDE plugin' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'IDE plugin', revokedAt: null });
    expect(created.body).not.toHaveProperty('role');
    expect(created.body.secret).toMatch(/^upl_ik_[\w-]{43}$/);
    createdSecrets.push(created.body.secret);

    expect((await postEvents(server.baseUrl, created.body.secret, { events: [event('chat.turn', { mode: 'ask' })] })).status).toBe(200);
    expect((await as(orgA.adminToken).delete(`/api/v1/admin/ingest-keys/${created.body.id}`)).status).toBe(204);
    const refused = await postEvents<ErrorBody>(server.baseUrl, created.body.secret, { events: [event('chat.turn', { mode: 'ask' })] });
    expect(refused.status).toBe(401);
    expect(refused.body.message).toMatch(/unknown or revoked ingest key/);
    // The org's other key still works.
    expect((await postEvents(server.baseUrl, orgA.ingestKey, { events: [event('chat.turn', { mode: 'ask' })] })).status).toBe(200);
  });

  it('answers 400 naming the field and the value for a bad body', async () => {
    const admin = as(orgA.adminToken);
    const badRole = await admin.post<ErrorBody>('/api/v1/admin/api-tokens', { name: 'x', role: 'owner' });
    expect(badRole.status).toBe(400);
    expect(badRole.body.code).toBe('INVALID_REQUEST');
    expect(badRole.body.message).toMatch(/^role: must be one of admin, viewer/);
    expect(badRole.body.errors).toEqual([{ path: 'role', message: 'must be one of admin, viewer', value: 'owner' }]);

    const emptyName = await admin.post<ErrorBody>('/api/v1/admin/ingest-keys', { name: '   ' });
    expect(emptyName.status).toBe(400);
    expect(emptyName.body.errors).toEqual([{ path: 'name', message: 'must not be empty', value: '   ' }]);

    const missing = await admin.post<ErrorBody>('/api/v1/admin/api-tokens', { name: 'no role' });
    expect(missing.status).toBe(400);
    expect(missing.body.errors?.[0]?.path).toBe('role');

    const extra = await admin.post<ErrorBody>('/api/v1/admin/ingest-keys', { name: 'k', secret: 'upl_ik_chosen-by-caller-000000000' });
    expect(extra.status).toBe(400);
    expect(extra.body.message).toMatch(/secret/);

    const unknown = await admin.delete<ErrorBody>('/api/v1/admin/api-tokens/00000000-0000-0000-0000-000000000000');
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe('NOT_FOUND');
  });

  it('refuses viewers (403) on every route', async () => {
    const viewer = as(orgA.viewerToken);
    const responses = await Promise.all([
      viewer.get('/api/v1/admin/api-tokens'),
      viewer.post('/api/v1/admin/api-tokens', { name: 'sneaky', role: 'admin' }),
      viewer.delete('/api/v1/admin/api-tokens/anything'),
      viewer.get('/api/v1/admin/ingest-keys'),
      viewer.post('/api/v1/admin/ingest-keys', { name: 'sneaky' }),
      viewer.delete('/api/v1/admin/ingest-keys/anything'),
    ]);
    for (const response of responses) {
      expect(response.status).toBe(403);
      expect((response.body as ErrorBody).code).toBe('FORBIDDEN');
    }
    // Nothing was created by the refused requests.
    const tokens = await as(orgA.adminToken).get<{ apiTokens: ApiTokenView[] }>('/api/v1/admin/api-tokens');
    expect(tokens.body.apiTokens.some((token) => token.name === 'sneaky')).toBe(false);
    // An ingest key is not an API token at all.
    expect((await as(orgA.ingestKey).get('/api/v1/admin/api-tokens')).status).toBe(401);
  });

  it("keeps orgs apart: org A neither sees nor revokes org B's credentials", async () => {
    const bTokens = (await as(orgB.adminToken).get<{ apiTokens: ApiTokenView[] }>('/api/v1/admin/api-tokens')).body.apiTokens;
    const bKeys = (await as(orgB.adminToken).get<{ ingestKeys: IngestKeyView[] }>('/api/v1/admin/ingest-keys')).body.ingestKeys;
    expect(bTokens).toHaveLength(2);
    expect(bKeys).toHaveLength(1);

    const aTokens = (await as(orgA.adminToken).get<{ apiTokens: ApiTokenView[] }>('/api/v1/admin/api-tokens')).body.apiTokens;
    const aKeys = (await as(orgA.adminToken).get<{ ingestKeys: IngestKeyView[] }>('/api/v1/admin/ingest-keys')).body.ingestKeys;
    const aIds = new Set([...aTokens, ...aKeys].map((credential) => credential.id));
    for (const credential of [...bTokens, ...bKeys]) expect(aIds.has(credential.id)).toBe(false);

    for (const token of bTokens) {
      const attempt = await as(orgA.adminToken).delete<ErrorBody>(`/api/v1/admin/api-tokens/${token.id}`);
      expect(attempt.status).toBe(404);
    }
    const keyAttempt = await as(orgA.adminToken).delete<ErrorBody>(`/api/v1/admin/ingest-keys/${bKeys[0]!.id}`);
    expect(keyAttempt.status).toBe(404);

    // Org B's credentials still work and are still unrevoked.
    expect(await metricsStatus(orgB.viewerToken)).toBe(200);
    expect(await metricsStatus(orgB.adminToken)).toBe(200);
    expect((await postEvents(server.baseUrl, orgB.ingestKey, { events: [event('chat.turn', { mode: 'ask' })] })).status).toBe(200);
    const bAfter = (await as(orgB.adminToken).get<{ apiTokens: ApiTokenView[] }>('/api/v1/admin/api-tokens')).body.apiTokens;
    expect(bAfter.every((token) => token.revokedAt === null)).toBe(true);

    // A token created by org A belongs to org A only.
    const created = await as(orgA.adminToken).post<ApiTokenView & { secret: string }>('/api/v1/admin/api-tokens', { name: 'a only', role: 'viewer' });
    createdSecrets.push(created.body.secret);
    const session = await as(created.body.secret).get<{ org: { id: string } }>('/api/v1/session');
    expect(session.body.org.id).toBe(orgA.orgId);
    const bList = (await as(orgB.adminToken).get<{ apiTokens: ApiTokenView[] }>('/api/v1/admin/api-tokens')).body.apiTokens;
    expect(bList.some((token) => token.id === created.body.id)).toBe(false);
  });

  it('stores the created secrets only as SHA-256 hashes in the metadata database', () => {
    expect(createdSecrets.length).toBeGreaterThanOrEqual(4);
    const database = new Database(path.join(dataDir, 'metadata.sqlite'), { readonly: true });
    try {
      const tokenHashes = new Set((database.prepare('SELECT token_hash AS hash FROM api_tokens').all() as { hash: string }[]).map((row) => row.hash));
      const keyHashes = new Set((database.prepare('SELECT key_hash AS hash FROM ingest_keys').all() as { hash: string }[]).map((row) => row.hash));
      for (const secret of createdSecrets) {
        expect(secret.startsWith('upl_ik_') ? keyHashes.has(sha256(secret)) : tokenHashes.has(sha256(secret)), secret.slice(0, 12)).toBe(true);
      }
      const everything = JSON.stringify(database.prepare('SELECT * FROM api_tokens').all()) + JSON.stringify(database.prepare('SELECT * FROM ingest_keys').all());
      for (const secret of createdSecrets) expect(everything).not.toContain(secret);
    } finally {
      database.close();
    }
  });
});
