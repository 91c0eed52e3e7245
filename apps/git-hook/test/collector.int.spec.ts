import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UpliftClickHouse } from '@uplift/clickhouse';
import { main as ciMain } from '../src/ci-cli';
import { main as gitMain } from '../src/cli';
import { commitEventId, stableUuid } from '../src/stable-id';
import { createRepo, createSandbox, numberedLines } from './support/repo';
// eslint-disable-next-line @nx/enforce-module-boundaries -- the end-to-end tests start the real collector
import { createDataDir, removeDataDir, startTestServer, type OrgCredentials, type TestServer } from '../../api/test/support/test-server';

const execFileAsync = promisify(execFile);
const BIN = path.resolve(__dirname, '..', 'bin');

type StoredRow = { id: string; type: string; sha: string; repo: string; lines_added: string | number; ai_lines_added: string | number; is_merge: number; data: string };

async function storedEvents(clickhouse: UpliftClickHouse, orgId: string, type: string): Promise<StoredRow[]> {
  const result = await clickhouse.client.query({
    query: `SELECT toString(id) AS id, type, sha, repo, lines_added, ai_lines_added, is_merge, data
            FROM events WHERE org_id = {org:String} AND type = {type:String} ORDER BY time, id`,
    query_params: { org: orgId, type },
    format: 'JSONEachRow',
  });
  return result.json<StoredRow>();
}

async function metric(server: TestServer, org: OrgCredentials, id: string): Promise<number | null> {
  const response = await fetch(`${server.baseUrl}/api/v1/metrics/${id}?granularity=total`, { headers: { authorization: `Bearer ${org.viewerToken}` } });
  expect(response.status).toBe(200);
  const body = (await response.json()) as { series: { points: { value: number | null }[] }[] };
  return body.series[0]!.points[0]!.value;
}

async function eventually<Value>(read: () => Promise<Value>, done: (value: Value) => boolean, timeoutMs = 20_000): Promise<Value> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

// The git hook, the backfill and the CI step against the real standalone collector.
describe('uplift-git and uplift-ci → real collector', () => {
  const dataDir = createDataDir('git-hook');
  const sandbox = createSandbox('e2e');
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer(dataDir);
  });
  afterAll(async () => {
    await server.close();
    removeDataDir(dataDir);
    sandbox.cleanup();
  });

  async function orgEnv(slug: string) {
    const org = await server.createOrg(slug);
    const env: NodeJS.ProcessEnv = {
      ...sandbox.env,
      UPLIFT_URL: server.baseUrl,
      UPLIFT_INGEST_KEY: org.ingestKey,
      UPLIFT_SPOOL_DIR: path.join(sandbox.root, `spool-${slug}`),
    };
    return { org, env };
  }

  it('install, then `git commit`: the hook delivers the commit event in the background', async () => {
    const { org, env } = await orgEnv('hook-org');
    const repo = createRepo(sandbox, 'hooked', { remote: 'git@host:acme/hooked.git' });
    expect(await gitMain(['install', '--repo', repo.dir], env)).toBe(0);

    repo.write('app.ts', numberedLines(12));
    const started = Date.now();
    const sha = repo.commit('feat: app\n\nCo-authored-by: Claude <noreply@anthropic.com>', env);
    // The hook hands off to a detached process: starting Node alone plus the 2 s send budget would exceed this.
    expect(Date.now() - started).toBeLessThan(3000);

    const rows = await eventually(() => storedEvents(server.clickhouse, org.orgId, 'commit'), (found) => found.length > 0);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ id: commitEventId('acme/hooked', sha), sha, repo: 'acme/hooked', is_merge: 0 });
    expect(Number(rows[0]!.lines_added)).toBe(12);
    expect(JSON.parse(rows[0]!.data)).toMatchObject({ branch: 'main', filesChanged: 1, aiAttribution: { method: 'trailer', tools: ['claude-code'] } });
  });

  it('backfill sends the history once: a second run changes no metric', async () => {
    const { org, env } = await orgEnv('backfill-org');
    const repo = createRepo(sandbox, 'history', { remote: 'https://host/acme/history.git' });
    repo.write('a.txt', numberedLines(10));
    repo.commit('one');
    repo.write('a.txt', numberedLines(20));
    const attested = repo.commit('two');
    repo.git(
      'notes',
      '--ref=ai',
      'add',
      '-m',
      `a.txt\n  1111aaaa2222bbbb 11-15\n---\n${JSON.stringify({ schema_version: 'authorship/3.0.0', base_commit_sha: attested, prompts: { '1111aaaa2222bbbb': { agent_id: { tool: 'cursor', id: 'x', model: 'm' } } } })}`,
      attested,
    );
    repo.git('checkout', '-q', '-b', 'side');
    repo.write('b.txt', numberedLines(3));
    repo.commit('three\n\nAssisted-by: Claude:claude-sonnet');
    repo.git('checkout', '-q', 'main');
    repo.write('c.txt', 'c\n');
    repo.commit('four');
    repo.git('merge', '-q', '--no-ff', '-m', 'merge side', 'side');

    expect(await gitMain(['backfill', '--since', '1 month ago', '--repo', repo.dir], env)).toBe(0);
    const first = {
      commits: await metric(server, org, 'commits'),
      lines: await metric(server, org, 'lines_changed'),
      aiShare: await metric(server, org, 'ai_code_share'),
    };
    // Four non-merge commits: 10 + 10 + 3 + 1 lines added; 5 of them attested to AI.
    expect(first).toEqual({ commits: 4, lines: 24, aiShare: expect.closeTo(5 / 24, 10) });

    expect(await gitMain(['backfill', '--since', '1 month ago', '--repo', repo.dir], env)).toBe(0);
    expect({
      commits: await metric(server, org, 'commits'),
      lines: await metric(server, org, 'lines_changed'),
      aiShare: await metric(server, org, 'ai_code_share'),
    }).toEqual(first);
    // The same five ids both times (raw rows may repeat until ClickHouse merges them; no metric counts them twice).
    const rows = await storedEvents(server.clickhouse, org.orgId, 'commit');
    expect(new Set(rows.map((row) => row.id)).size).toBe(5);
    expect(new Set(rows.filter((row) => row.is_merge === 1).map((row) => row.id)).size).toBe(1);
  });

  it('uplift-ci reports builds and deployments, with defaults from CI variables', async () => {
    const { org, env } = await orgEnv('ci-org');
    const sha = 'f'.repeat(40);
    const github = { ...env, GITHUB_REPOSITORY: 'acme/shop', GITHUB_SHA: sha, GITHUB_WORKFLOW: 'ci', GITHUB_RUN_ID: '42', GITHUB_RUN_ATTEMPT: '1', GITHUB_REF_NAME: 'main' };
    expect(await ciMain(['build', '--status', 'success', '--duration-ms', '61000'], github)).toBe(0);
    // Re-running the same step reports the same build: still one build.
    expect(await ciMain(['build', '--status', 'success', '--duration-ms', '61000'], github)).toBe(0);

    const gitlab = {
      ...env,
      CI_PROJECT_PATH: 'acme/platform/api',
      CI_COMMIT_SHA: sha,
      CI_JOB_ID: '777',
      CI_ENVIRONMENT_NAME: 'production',
      CI_JOB_STARTED_AT: '2026-03-02T10:00:00Z',
    };
    // Through the bin, as a pipeline runs it, with GitLab's spelling of the status ($CI_JOB_STATUS).
    const { stderr } = await execFileAsync(process.execPath, [path.join(BIN, 'uplift-ci.cjs'), 'deployment', '--status', 'failed', '--started-at', new Date(Date.now() - 60_000).toISOString()], {
      env: gitlab,
      cwd: sandbox.root,
    });
    expect(stderr).toContain('deployment.finished accepted');

    const builds = await storedEvents(server.clickhouse, org.orgId, 'build.finished');
    expect(builds.map((row) => row.id)).toEqual([stableUuid('build.finished', 'acme/shop', 'ci', '42.1')]);
    expect(JSON.parse(builds[0]!.data)).toEqual({ repo: 'acme/shop', pipeline: 'ci', status: 'success', durationMs: 61000 });

    const deployments = await storedEvents(server.clickhouse, org.orgId, 'deployment.finished');
    expect(deployments).toHaveLength(1);
    expect(deployments[0]!.id).toBe(stableUuid('deployment.finished', 'acme/platform/api', '777'));
    expect(JSON.parse(deployments[0]!.data)).toMatchObject({ deploymentId: '777', repo: 'acme/platform/api', environment: 'production', status: 'failure', commitSha: sha });

    // A usage error is loud (exit 2), not a silent no-op.
    expect(await ciMain(['deployment', '--status', 'rolled-back', '--environment', 'production'], gitlab)).toBe(2);
  });
});
