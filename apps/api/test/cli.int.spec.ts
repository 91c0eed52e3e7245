import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { CLICKHOUSE_MIGRATIONS_DIR } from '@uplift/clickhouse';
import { METADATA_MIGRATIONS } from '@uplift/metadata-migrations';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { event } from './support/events';
import { getJson, postEvents, type MetricBody } from './support/http';
import { createDataDir, removeDataDir, startTestServer, TEST_ADMIN_TOKEN, type TestServer } from './support/test-server';

const REPO_ROOT = path.resolve(__dirname, '../../..');

type CliRun = { code: number | null; stdout: string; stderr: string };

/** Runs the operator CLI in its own process, exactly as `npm run uplift -- <args>` does. */
function runCli(dataDir: string, args: string[], extraEnv: Record<string, string> = {}): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-r', './tools/register.cjs', 'apps/api/src/cli.ts', ...args], {
      cwd: REPO_ROOT,
      env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '', UPLIFT_DATA_DIR: dataDir, ...extraEnv },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** The repository's ClickHouse migrations, in the order `migrate` applies them. */
const CLICKHOUSE_MIGRATION_FILES = readdirSync(CLICKHOUSE_MIGRATIONS_DIR).filter((file) => file.endsWith('.sql')).sort();

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

describe('operator CLI (npm run uplift)', () => {
  let dataDir: string;
  let server: TestServer | undefined;
  let orgId = '';
  let viewerToken = '';
  let ingestKey = '';

  /** Reads the metadata store the CLI wrote (read-only, so the CLI and the server own it). */
  function metadata<Row>(sql: string, ...params: unknown[]): Row[] {
    const database = new Database(path.join(dataDir, 'metadata.sqlite'), { readonly: true });
    try {
      return database.prepare(sql).all(...params) as Row[];
    } finally {
      database.close();
    }
  }

  beforeAll(() => {
    dataDir = createDataDir('cli');
  });

  afterAll(async () => {
    await server?.close();
    if (dataDir) removeDataDir(dataDir);
  });

  it('migrate applies the ClickHouse and metadata migrations on an empty data directory', async () => {
    expect(existsSync(path.join(dataDir, 'metadata.sqlite'))).toBe(false);
    const run = await runCli(dataDir, ['migrate']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(CLICKHOUSE_MIGRATION_FILES.slice(0, 2)).toEqual(['0001_events.sql', '0002_rejected_events.sql']);
    expect(run.stdout).toBe(
      [
        ...CLICKHOUSE_MIGRATION_FILES.map((file) => `applied ClickHouse migration ${file}`),
        `ClickHouse: ${CLICKHOUSE_MIGRATION_FILES.length} applied, 0 already in place`,
        `metadata: migrations up to date (${METADATA_MIGRATIONS.length} known)`,
        '',
      ].join('\n'),
    );
    expect(existsSync(path.join(dataDir, 'clickhouse'))).toBe(true);
    expect(metadata<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name IN ('orgs', 'api_tokens', 'ingest_keys') ORDER BY name")).toEqual([
      { name: 'api_tokens' },
      { name: 'ingest_keys' },
      { name: 'orgs' },
    ]);
  });

  it('migrate a second time applies nothing', async () => {
    const run = await runCli(dataDir, ['migrate']);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(
      `ClickHouse: 0 applied, ${CLICKHOUSE_MIGRATION_FILES.length} already in place\n` +
        `metadata: migrations up to date (${METADATA_MIGRATIONS.length} known)\n`,
    );
  });

  it('orgs create makes an org with the given name, slug and time zone', async () => {
    const run = await runCli(dataDir, ['orgs', 'create', '--name', 'Acme', '--slug', 'acme', '--time-zone', 'Asia/Shanghai']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const match = /^created org "acme" \(([0-9a-f-]{36})\)\n$/.exec(run.stdout);
    expect(match, run.stdout).not.toBeNull();
    orgId = match![1]!;
    expect(metadata('SELECT id, name, slug, time_zone FROM orgs')).toEqual([
      { id: orgId, name: 'Acme', slug: 'acme', time_zone: 'Asia/Shanghai' },
    ]);
  });

  it('tokens create prints a new viewer API token once and stores only its hash', async () => {
    const run = await runCli(dataDir, ['tokens', 'create', '--org', 'acme', '--role', 'viewer', '--name', 'ci']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const match = /^viewer API token for org "acme" \(shown once\):\n(\S+)\n$/.exec(run.stdout);
    expect(match, run.stdout).not.toBeNull();
    viewerToken = match![1]!;
    expect(viewerToken).toMatch(/^upl_at_[A-Za-z0-9_-]{43}$/);
    expect(metadata('SELECT org_id, name, role, token_hash, token_prefix, revoked_at FROM api_tokens')).toEqual([
      { org_id: orgId, name: 'ci', role: 'viewer', token_hash: sha256(viewerToken), token_prefix: viewerToken.slice(0, 12), revoked_at: null },
    ]);
  });

  it('keys create prints a new ingest key once and stores only its hash', async () => {
    const run = await runCli(dataDir, ['keys', 'create', '--org', 'acme']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const match = /^ingest key for org "acme" \(shown once\):\n(\S+)\n$/.exec(run.stdout);
    expect(match, run.stdout).not.toBeNull();
    ingestKey = match![1]!;
    expect(ingestKey).toMatch(/^upl_ik_[A-Za-z0-9_-]{43}$/);
    expect(ingestKey).not.toBe(viewerToken.replace('upl_at_', 'upl_ik_'));
    expect(metadata('SELECT org_id, name, key_hash, key_prefix FROM ingest_keys')).toEqual([
      { org_id: orgId, name: 'ingest key', key_hash: sha256(ingestKey), key_prefix: ingestKey.slice(0, 12) },
    ]);
  });

  it('refuses a bad role with a usage error and creates no token', async () => {
    const run = await runCli(dataDir, ['tokens', 'create', '--org', 'acme', '--role', 'owner']);
    expect(run.code).toBe(64);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^tokens create needs --role admin or --role viewer\n\nUsage: npm run uplift -- <command>/);
    expect(metadata('SELECT count(*) AS tokens FROM api_tokens')).toEqual([{ tokens: 1 }]);
  });

  it('refuses an unknown org slug naming it', async () => {
    const run = await runCli(dataDir, ['keys', 'create', '--org', 'no-such-org']);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe('no org "no-such-org"\n');
    expect(metadata('SELECT count(*) AS keys FROM ingest_keys')).toEqual([{ keys: 1 }]);
  });

  it.each([
    [['frobnicate'], 'unknown command "frobnicate"'],
    [['orgs', 'delete', '--slug', 'acme'], 'unknown command "orgs delete"'],
    [[], 'no command given'],
    [['orgs', 'create', '--name', 'Nameless'], 'orgs create needs --name and --slug'],
    [['tokens', 'create', '--role', 'viewer', '--colour', 'blue'], "Unknown option '--colour'"],
  ])('refuses %j with exit code 64 and the usage', async (args, message) => {
    const run = await runCli(dataDir, args);
    expect(run.code).toBe(64);
    expect(run.stdout).toBe('');
    expect(run.stderr.startsWith(`${message}\n\nUsage: npm run uplift -- <command> [options]\n`)).toBe(true);
  });

  it('refuses a second org with the same slug', async () => {
    const run = await runCli(dataDir, ['orgs', 'create', '--name', 'Acme again', '--slug', 'acme']);
    expect(run.code).not.toBe(0);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('slug');
    expect(metadata('SELECT name FROM orgs')).toEqual([{ name: 'Acme' }]);
  });

  it('refuses an invalid configuration with exit code 78 without printing the secret', async () => {
    const run = await runCli(dataDir, ['keys', 'create', '--org', 'acme'], { UPLIFT_ADMIN_TOKEN: 'too-short-pw' });
    expect(run.code).toBe(78);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(
      'Invalid configuration:\n  - UPLIFT_ADMIN_TOKEN: must be at least 16 characters (use a long random value) (value hidden)\n',
    );
    expect(metadata('SELECT count(*) AS keys FROM ingest_keys')).toEqual([{ keys: 1 }]);
  });

  it('the printed credentials work against the real server on the same data directory', async () => {
    expect(viewerToken).toMatch(/^upl_at_/);
    expect(ingestKey).toMatch(/^upl_ik_/);
    // Every CLI process has exited: the server may now own chDB in this process.
    server = await startTestServer(dataDir);

    const sent = await postEvents(server.baseUrl, ingestKey, { events: [event('chat.turn', { mode: 'ask' })] });
    expect(sent.status).toBe(200);
    expect(sent.body).toEqual({ accepted: 1, rejected: [] });

    const activeUsers = await getJson<MetricBody>(server.baseUrl, '/api/v1/metrics/active_users?granularity=total', viewerToken);
    expect(activeUsers.status).toBe(200);
    expect(activeUsers.body.series).toHaveLength(1);
    expect(activeUsers.body.series[0]!.points.map((point) => point.value)).toEqual([1]);

    // The token has the role the CLI gave it: a viewer, not an admin.
    const admin = await getJson<{ code: string }>(server.baseUrl, '/api/v1/admin/rejected-events', viewerToken);
    expect(admin.status).toBe(403);
    expect(admin.body.code).toBe('FORBIDDEN');

    // The metadata store was not empty, so the server created no default org from its environment.
    expect((await getJson(server.baseUrl, '/api/v1/metrics', TEST_ADMIN_TOKEN)).status).toBe(401);
    expect(metadata('SELECT slug FROM orgs')).toEqual([{ slug: 'acme' }]);
  });
});
