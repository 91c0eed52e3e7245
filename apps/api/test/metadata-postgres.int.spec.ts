import { vi } from 'vitest';

// Entities pick their column types from DATABASE_URL when they load: set it before any import runs.
vi.hoisted(() => {
  process.env['DATABASE_URL'] = process.env['UPLIFT_TEST_POSTGRES_URL'] ?? 'postgres://missing-global-setup';
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client } from 'pg';
import { event } from './support/events';
import { getJson, postEvents, type MetricBody } from './support/http';
import { createPostgresDatabase } from './support/postgres';
import { createDataDir, removeDataDir, startTestServer, type TestServer } from './support/test-server';
import { directorySuite } from './suites/directory.suite';

/** The metadata store on a real PostgreSQL: the same migrations, entities and behaviour as on SQLite. */
directorySuite('PostgreSQL', async () => ({ DATABASE_URL: await createPostgresDatabase() }));

describe('tokens, keys and sessions on PostgreSQL', () => {
  let server: TestServer;
  let dataDir: string;
  let databaseUrl: string;

  beforeAll(async () => {
    dataDir = createDataDir('metadata-pg');
    databaseUrl = await createPostgresDatabase();
    server = await startTestServer(dataDir, { DATABASE_URL: databaseUrl });
  });
  afterAll(async () => {
    await server.close();
    removeDataDir(dataDir);
  });

  it('runs every metadata migration and stores secrets only hashed', async () => {
    const org = await server.createOrg('pg-org');
    const sent = await postEvents(server.baseUrl, org.ingestKey, { events: [event('assistant.activated', {}), event('chat.turn', { mode: 'ask' })] });
    expect(sent.body).toEqual({ accepted: 2, rejected: [] });
    const metric = await getJson<MetricBody>(server.baseUrl, '/api/v1/metrics/active_users?granularity=total', org.viewerToken);
    expect(metric.body.series[0]!.points[0]!.value).toBe(1);

    const client = new Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      const migrations = await client.query<{ name: string }>('SELECT name FROM migrations ORDER BY id');
      expect(migrations.rows.map((row) => row.name)).toEqual(['Initial1763700000000', 'Sessions1763700001000', 'Directory1763700002000', 'Webhooks1763700003000']);
      const tokens = await client.query<{ token_hash: string }>('SELECT token_hash FROM api_tokens');
      expect(tokens.rows.length).toBe(3); // the default org's admin + pg-org's admin and viewer
      const everything = JSON.stringify((await client.query('SELECT * FROM api_tokens')).rows) + JSON.stringify((await client.query('SELECT * FROM ingest_keys')).rows);
      for (const secret of [org.adminToken, org.viewerToken, org.ingestKey]) expect(everything).not.toContain(secret);
    } finally {
      await client.end();
    }
  });

  it('opens and closes browser sessions', async () => {
    const org = await server.createOrg('pg-session-org');
    const signIn = await fetch(`${server.baseUrl}/api/v1/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: org.adminToken }),
    });
    expect(signIn.status).toBe(200);
    const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0]!;
    expect((await fetch(`${server.baseUrl}/api/v1/admin/rejected-events`, { headers: { cookie } })).status).toBe(200);
    expect((await fetch(`${server.baseUrl}/api/v1/session`, { method: 'DELETE', headers: { cookie } })).status).toBe(204);
    expect((await fetch(`${server.baseUrl}/api/v1/session`, { headers: { cookie } })).status).toBe(401);
  });
});
