import { randomUUID } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { daysAgo, event } from './support/events';
import { getJson, postEvents } from './support/http';
import { createDataDir, removeDataDir, startTestServer, type OrgCredentials, type TestServer } from './support/test-server';

type StoredEvent = {
  id: string;
  type: string;
  actor_email: string;
  person_id: string;
  context_team: string;
  tool: string;
  ide: string;
  repo: string;
  language: string;
  data: string;
  lines: number;
  received_at: string;
};

describe('POST /v1/events', () => {
  let server: TestServer;
  let org: OrgCredentials;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = createDataDir('collector');
    server = await startTestServer(dataDir);
    org = await server.createOrg('collector-org');
  });
  afterAll(async () => {
    await server.close();
    removeDataDir(dataDir);
  });

  async function storedEvents(ids: string[]): Promise<StoredEvent[]> {
    const result = await server.clickhouse.client.query({
      query: `SELECT id, type, actor_email, person_id, context_team, tool, ide, repo, language, data, lines, received_at
              FROM events WHERE org_id = {org:String} AND id IN {ids:Array(UUID)} ORDER BY id`,
      query_params: { org: org.orgId, ids },
      format: 'JSONEachRow',
    });
    return result.json<StoredEvent>();
  }

  it('accepts the valid events of a batch, rejects the others with every error, and stores only the valid ones', async () => {
    const valid = event(
      'completion.shown',
      { suggestionId: ' s-1 ', lines: 3, chars: 120, latencyMs: 85, extraField: 'kept' },
      {
        actor: { email: ' Ann@Example.COM ', login: 'ann' },
        source: { tool: 'copilot', ide: 'vscode', toolVersion: '1.250.0' },
        context: { team: 'payments', language: 'typescript', repo: 'acme/shop' },
      },
    );
    const badId = '0f8b1f6a-2d6c-11ef-9a3b-0242ac120002'; // a version-1 UUID
    const invalid = event('completion.shown', { suggestionId: 's-2', lines: -1, chars: 'many' }, { id: badId });
    const unknownType = event('completion.exploded', {}, {});
    const noActor = { ...event('commit', { sha: 'abc1234', repo: 'acme/shop', linesAdded: 1, linesDeleted: 0 }) };
    delete (noActor as Record<string, unknown>)['actor'];
    const response = await postEvents(server.baseUrl, org.ingestKey, { events: [invalid, valid, unknownType, noActor] });

    expect(response.status).toBe(200);
    expect(response.body.accepted).toBe(1);
    expect(response.body.rejected).toEqual([
      {
        index: 0,
        id: badId,
        errors: [
          { path: 'id', message: 'must be a UUID (version 4 or 7)', value: badId },
          { path: 'data.lines', message: 'expected a non-negative integer', value: -1 },
          { path: 'data.chars', message: expect.stringMatching(/integer/), value: 'many' },
        ],
      },
      { index: 2, id: unknownType['id'], errors: [expect.objectContaining({ path: 'type', value: 'completion.exploded' })] },
      { index: 3, id: noActor['id'], errors: [{ path: 'actor', message: 'required' }] },
    ]);

    const stored = await storedEvents([valid['id'] as string, badId, noActor['id'] as string]);
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({
      id: valid['id'],
      type: 'completion.shown',
      actor_email: 'ann@example.com',
      person_id: 'email:ann@example.com',
      context_team: 'payments',
      tool: 'copilot',
      ide: 'vscode',
      repo: 'acme/shop',
      language: 'typescript',
      lines: 3,
    });
    expect(JSON.parse(stored[0]!.data)).toEqual({
      suggestionId: 's-1',
      lines: 3,
      chars: 120,
      latencyMs: 85,
      kind: 'inline',
      extraField: 'kept',
    });
  });

  it('keeps rejected events with payload and reasons, listed newest first for admins of the org only', async () => {
    const marker = `marker-${randomUUID()}`;
    const rejectedEvent = event('chat.turn', { mode: 'shout', intent: marker });
    await postEvents(server.baseUrl, org.ingestKey, { events: [rejectedEvent] });

    const listed = await getJson<{ rejected: { id: string; index: number; type: string; payload: string; errors: unknown[] }[] }>(
      server.baseUrl,
      '/api/v1/admin/rejected-events?limit=5',
      org.adminToken,
    );
    expect(listed.status).toBe(200);
    const newest = listed.body.rejected[0]!;
    expect(newest).toMatchObject({ id: rejectedEvent['id'], index: 0, type: 'chat.turn' });
    expect(JSON.parse(newest.payload)).toEqual(rejectedEvent);
    expect(newest.errors).toEqual([{ path: 'data.mode', message: 'expected one of: ask, edit, agent', value: 'shout' }]);

    const otherOrg = await getJson<{ rejected: { payload: string }[] }>(
      server.baseUrl,
      '/api/v1/admin/rejected-events',
      server.defaultOrg.adminToken,
    );
    expect(otherOrg.body.rejected.some((row) => row.payload.includes(marker))).toBe(false);

    const asViewer = await getJson(server.baseUrl, '/api/v1/admin/rejected-events', org.viewerToken);
    expect(asViewer.status).toBe(403);
    const badLimit = await getJson<{ parameter: string }>(server.baseUrl, '/api/v1/admin/rejected-events?limit=0', org.adminToken);
    expect(badLimit.status).toBe(400);
    expect(badLimit.body.parameter).toBe('limit');
  });

  it('accepts a gzip body', async () => {
    const gzipped = event('assistant.activated', {}, { time: daysAgo(1) });
    const response = await postEvents(server.baseUrl, org.ingestKey, { events: [gzipped] }, { gzip: true });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ accepted: 1, rejected: [] });
    expect(await storedEvents([gzipped['id'] as string])).toHaveLength(1);
  });

  it('answers every status code of the contract', async () => {
    const one = { events: [event('assistant.activated', {})] };
    const cases: { name: string; send: () => ReturnType<typeof postEvents>; status: number; message: RegExp }[] = [
      { name: 'not JSON', send: () => postEvents(server.baseUrl, org.ingestKey, undefined, { rawBody: '{"events": [' }), status: 400, message: /not valid JSON/ },
      { name: 'no events array', send: () => postEvents(server.baseUrl, org.ingestKey, { event: [] }), status: 400, message: /"events" array/ },
      { name: 'events not an array', send: () => postEvents(server.baseUrl, org.ingestKey, { events: {} }), status: 400, message: /"events" array/ },
      { name: 'empty events', send: () => postEvents(server.baseUrl, org.ingestKey, { events: [] }), status: 400, message: /at least 1/ },
      {
        name: 'more than 1000 events',
        send: () => postEvents(server.baseUrl, org.ingestKey, { events: Array.from({ length: 1001 }, () => event('assistant.activated', {})) }),
        status: 400,
        message: /1001 events; at most 1000/,
      },
      { name: 'no key', send: () => postEvents(server.baseUrl, undefined, one), status: 401, message: /missing ingest key/ },
      { name: 'unknown key', send: () => postEvents(server.baseUrl, 'upl_ik_not-a-real-key-000000000000', one), status: 401, message: /unknown or revoked/ },
      { name: 'API token instead of ingest key', send: () => postEvents(server.baseUrl, org.adminToken, one), status: 401, message: /unknown or revoked/ },
      {
        name: 'body over 5 MB',
        send: () => postEvents(server.baseUrl, org.ingestKey, undefined, { rawBody: `{"events":[],"pad":"${'x'.repeat(5 * 1024 * 1024)}"}` }),
        status: 413,
        message: /larger than 5242880 bytes/,
      },
      {
        name: 'gzip body that inflates past 50 MB',
        send: async () => {
          const bomb = gzipSync(Buffer.alloc(60 * 1024 * 1024, 32)); // 60 MB of spaces, ~60 KB compressed
          const response = await fetch(`${server.baseUrl}/v1/events`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'content-encoding': 'gzip', authorization: `Bearer ${org.ingestKey}` },
            body: bomb,
          });
          return { status: response.status, headers: response.headers, body: await response.json() };
        },
        status: 413,
        message: /decompressed body is larger than 52428800 bytes/,
      },
      { name: 'wrong content type', send: () => postEvents(server.baseUrl, org.ingestKey, one, { contentType: 'text/csv' }), status: 415, message: /Content-Type/ },
      {
        name: 'unsupported content encoding',
        send: async () => {
          const response = await fetch(`${server.baseUrl}/v1/events`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'content-encoding': 'br', authorization: `Bearer ${org.ingestKey}` },
            body: JSON.stringify(one),
          });
          return { status: response.status, headers: response.headers, body: await response.json() };
        },
        status: 415,
        message: /Content-Encoding "br"/,
      },
      {
        name: 'invalid gzip',
        send: async () => {
          const response = await fetch(`${server.baseUrl}/v1/events`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'content-encoding': 'gzip', authorization: `Bearer ${org.ingestKey}` },
            body: 'not gzip',
          });
          return { status: response.status, headers: response.headers, body: await response.json() };
        },
        status: 400,
        message: /not valid gzip/,
      },
    ];
    for (const testCase of cases) {
      const response = await testCase.send();
      expect({ case: testCase.name, status: response.status }).toEqual({ case: testCase.name, status: testCase.status });
      expect((response.body as { message: string }).message, testCase.name).toMatch(testCase.message);
    }
  });

  it('answers 503 and accepts nothing while the event store is unavailable, then recovers', async () => {
    const client = server.clickhouse.client;
    const during = event('assistant.activated', {});
    await client.command({ query: 'DETACH TABLE events' });
    try {
      const response = await postEvents(server.baseUrl, org.ingestKey, { events: [during] });
      expect(response.status).toBe(503);
      expect(response.headers.get('retry-after')).toBe('1');
      expect((response.body as unknown as { code: string }).code).toBe('STORAGE_UNAVAILABLE');
    } finally {
      await client.command({ query: 'ATTACH TABLE events' });
    }
    expect(await storedEvents([during['id'] as string])).toHaveLength(0);
    const retried = await postEvents(server.baseUrl, org.ingestKey, { events: [during] });
    expect(retried.status).toBe(200);
    expect(await storedEvents([during['id'] as string])).toHaveLength(1);
  });

  it('serves the JSON Schema of the contract without authentication', async () => {
    const schema = await getJson<{ $id: string; $defs: Record<string, unknown> }>(server.baseUrl, '/v1/schema');
    expect(schema.status).toBe(200);
    expect(schema.headers.get('content-type')).toContain('application/schema+json');
    expect(schema.body.$id).toBe('urn:uplift:events:v1');
  });

  it('exposes its counters in Prometheus format at /metrics', async () => {
    const response = await fetch(`${server.baseUrl}/metrics`);
    expect(response.headers.get('content-type')).toContain('text/plain');
    const text = await response.text();
    const value = (line: RegExp) => Number(line.exec(text)?.[1]);
    // Earlier tests in this file: 1 accepted of the partial batch, 1 gzip event, 1 retried after the 503.
    expect(value(/^uplift_events_accepted_total (\d+)$/m)).toBe(3);
    expect(value(/^uplift_events_rejected_total\{type="chat.turn"\} (\d+)$/m)).toBe(1);
    expect(value(/^uplift_ingest_requests_total\{status="503"\} (\d+)$/m)).toBe(1);
    expect(value(/^uplift_storage_writes_total\{outcome="failed"\} (\d+)$/m)).toBe(1);
    expect(text).toMatch(/^uplift_storage_write_seconds_count \d+$/m);
  });

  it('answers health and readiness without authentication', async () => {
    expect((await getJson(server.baseUrl, '/healthz')).body).toEqual({ status: 'ok' });
    expect((await getJson(server.baseUrl, '/readyz')).body).toEqual({
      status: 'ready',
      checks: { clickhouse: 'ok', metadata: 'ok' },
    });
  });
});
