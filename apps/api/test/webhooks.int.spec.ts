import { createHmac } from 'node:crypto';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture, githubClosedIssue, githubExample, githubMergedPullRequest } from './fixtures/webhooks';
import { apiClient } from './support/api';
import { dateOnly, daysAgo } from './support/events';
import { getJson, type MetricBody } from './support/http';
import { createDataDir, removeDataDir, startTestServer, type OrgCredentials, type TestServer } from './support/test-server';

type CreatedWebhook = { id: string; provider: string; name: string; url: string; secret: string; mapping: Record<string, unknown> };
type Json = Record<string, unknown>;

/** The real examples are from 2019: move their times into the contract's 400-day window. */
function recentPullRequest(): Json {
  const payload = githubMergedPullRequest();
  Object.assign(payload['pull_request'] as Json, { created_at: daysAgo(5), merged_at: daysAgo(3), closed_at: daysAgo(3) });
  return payload;
}

function sign(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

describe('webhooks into the collector', () => {
  let server: TestServer;
  let org: OrgCredentials;
  let dataDir: string;
  let github: CreatedWebhook;
  let gitlab: CreatedWebhook;
  let jira: CreatedWebhook;

  beforeAll(async () => {
    dataDir = createDataDir('webhooks');
    server = await startTestServer(dataDir);
    org = await server.createOrg('webhooks-org');
    const admin = apiClient(server.baseUrl, org.adminToken);
    github = (await admin.post<CreatedWebhook>('/api/v1/webhooks', { provider: 'github', name: 'acme on GitHub' })).body;
    gitlab = (await admin.post<CreatedWebhook>('/api/v1/webhooks', { provider: 'gitlab', name: 'acme on GitLab' })).body;
    jira = (
      await admin.post<CreatedWebhook>('/api/v1/webhooks', { provider: 'jira', name: 'Jira', mapping: { issueTypeKinds: { Improvement: 'requirement', Bug: 'task' } } })
    ).body;
  });
  afterAll(async () => {
    await server.close();
    removeDataDir(dataDir);
  });

  async function deliver(url: string, body: string | Json, headers: Record<string, string>) {
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    const response = await fetch(`${server.baseUrl}${url}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: text });
    const responseText = await response.text();
    return { status: response.status, body: (responseText ? JSON.parse(responseText) : undefined) as Json };
  }

  function deliverGitHub(event: string, payload: Json | string, options: { secret?: string; signature?: string | null; delivery?: string } = {}) {
    const text = typeof payload === 'string' ? payload : JSON.stringify(payload);
    const headers: Record<string, string> = { 'x-github-event': event, 'x-github-delivery': options.delivery ?? 'd-1' };
    if (options.signature !== null) headers['x-hub-signature-256'] = options.signature ?? sign(options.secret ?? github.secret, text);
    return deliver(github.url, text, headers);
  }

  async function storedEvents(type: string): Promise<{ id: string; data: string; time: string }[]> {
    const result = await server.clickhouse.client.query({
      query: 'SELECT id, data, toString(time) AS time FROM events FINAL WHERE org_id = {org:String} AND type = {type:String} ORDER BY time',
      query_params: { org: org.orgId, type },
      format: 'JSONEachRow',
    });
    return result.json();
  }

  it('creates webhooks for admins only, shows the secret once and lists them without it', async () => {
    expect(github).toMatchObject({ provider: 'github', name: 'acme on GitHub', url: `/v1/webhooks/github/${github.id}` });
    expect(github.secret).toMatch(/^upl_wh_[0-9a-f]{64}$/);
    expect(jira.mapping).toEqual({ issueTypeKinds: { Improvement: 'requirement', Bug: 'task' } });

    const listed = await apiClient(server.baseUrl, org.adminToken).get<{ webhooks: Json[] }>('/api/v1/webhooks');
    expect(listed.status).toBe(200);
    expect(listed.body.webhooks.map((webhook) => webhook['id']).sort()).toEqual([github.id, gitlab.id, jira.id].sort());
    expect(JSON.stringify(listed.body)).not.toContain(github.secret);

    const asViewer = apiClient(server.baseUrl, org.viewerToken);
    expect((await asViewer.post('/api/v1/webhooks', { provider: 'github', name: 'x' })).status).toBe(403);
    const invalid = await apiClient(server.baseUrl, org.adminToken).post<{ message: string }>('/api/v1/webhooks', { provider: 'bitbucket', name: 'x' });
    expect(invalid.status).toBe(400);
    expect(invalid.body.message).toMatch(/^provider: must be one of github, gitlab, jira/);
  });

  it('stores the secret only encrypted', () => {
    const database = new Database(path.join(dataDir, 'metadata.sqlite'), { readonly: true });
    try {
      const rows = database.prepare('SELECT secret_ciphertext AS sealed FROM webhooks').all() as { sealed: string }[];
      expect(rows).toHaveLength(3);
      for (const row of rows) {
        expect(row.sealed).toMatch(/^v1\./);
        expect(row.sealed).not.toContain('upl_wh_');
      }
    } finally {
      database.close();
    }
  });

  it('accepts a signed GitHub merged PR: the event lands and counts in pr_throughput, redeliveries once', async () => {
    const payload = recentPullRequest();
    const first = await deliverGitHub('pull_request', payload, { delivery: 'delivery-1' });
    expect(first).toEqual({ status: 200, body: { accepted: 1, rejected: [], events: 1 } });
    // GitHub redelivers with a new delivery id; the event id comes from repo + PR number + action.
    expect((await deliverGitHub('pull_request', payload, { delivery: 'delivery-2' })).status).toBe(200);

    const stored = await storedEvents('pull_request.merged');
    expect(stored).toHaveLength(1);
    expect(JSON.parse(stored[0]!.data)).toMatchObject({ repo: 'Codertocat/Hello-World', number: 2, mergeCommitSha: 'c4295bd74fb0f4fda03689c3df3f2803b658fd85' });

    const range = `from=${dateOnly(daysAgo(10))}&to=${dateOnly(daysAgo(0))}&granularity=total`;
    const metric = await getJson<MetricBody>(server.baseUrl, `/api/v1/metrics/pr_throughput?${range}`, org.adminToken);
    expect(metric.status).toBe(200);
    expect(metric.body.series[0]!.points[0]!.value).toBe(1);
  });

  it('maps GitHub deployments and issues', async () => {
    const deployment = githubExample('deployment_status', (example) => (example['deployment_status'] as { state: string }).state === 'success');
    Object.assign(deployment['deployment_status'] as Json, { created_at: daysAgo(2, 13), updated_at: daysAgo(2, 13) });
    (deployment['deployment'] as Json)['created_at'] = daysAgo(2, 12);
    expect((await deliverGitHub('deployment_status', deployment)).body).toMatchObject({ accepted: 1 });
    const opened = githubExample('issues', (example) => example['action'] === 'opened');
    (opened['issue'] as Json)['created_at'] = daysAgo(4);
    expect((await deliverGitHub('issues', opened)).body).toMatchObject({ accepted: 1 });
    const closed = githubClosedIssue();
    Object.assign(closed['issue'] as Json, { created_at: daysAgo(4), closed_at: daysAgo(1) });
    expect((await deliverGitHub('issues', closed)).body).toMatchObject({ accepted: 1 });

    expect((await storedEvents('deployment.finished')).map((row) => JSON.parse(row.data))).toEqual([
      expect.objectContaining({ environment: 'production', status: 'success', commitSha: 'f95f852bd8fca8fcc58a9a2d6c842781e32a215e', startedAt: daysAgo(2, 12) }),
    ]);
    expect((await storedEvents('work_item.resolved')).map((row) => JSON.parse(row.data))).toEqual([
      expect.objectContaining({ key: 'Codertocat/Hello-World#1', kind: 'bug' }),
    ]);
  });

  it('refuses a bad or missing signature with 401 and stores nothing', async () => {
    const payload = recentPullRequest();
    (payload['pull_request'] as Json)['number'] = 99;
    const forged = await deliverGitHub('pull_request', payload, { secret: 'not-the-secret' });
    expect(forged.status).toBe(401);
    expect(forged.body['code']).toBe('UNAUTHENTICATED');
    expect((await deliverGitHub('pull_request', payload, { signature: null })).status).toBe(401);
    const numbers = (await storedEvents('pull_request.merged')).map((row) => JSON.parse(row.data).number);
    expect(numbers).not.toContain(99);
  });

  it('answers 404 for an unknown id or a provider that does not match', async () => {
    const body = JSON.stringify({ zen: 'x' });
    expect((await deliver('/v1/webhooks/github/00000000-0000-4000-8000-000000000000', body, { 'x-hub-signature-256': sign('x', body) })).status).toBe(404);
    expect((await deliver(`/v1/webhooks/gitlab/${github.id}`, body, { 'x-gitlab-token': github.secret })).status).toBe(404);
  });

  it('ignores event types Uplift does not use', async () => {
    const star = githubExample('star', () => true);
    expect(await deliverGitHub('star', star)).toEqual({ status: 200, body: { ignored: true, reason: 'event "star" is not used by Uplift' } });
    expect((await deliverGitHub('ping', githubExample('ping', () => true))).body).toMatchObject({ ignored: true });
  });

  it('answers a malformed payload with 400 naming the field, and lists it among the rejected events', async () => {
    const payload = recentPullRequest();
    delete (payload['pull_request'] as Json)['number'];
    const missing = await deliverGitHub('pull_request', payload);
    expect(missing.status).toBe(400);
    expect(missing.body['message']).toBe('pull_request.number: expected a positive integer');

    const notJson = await deliverGitHub('pull_request', '{"action": "opened", ');
    expect(notJson.status).toBe(400);
    expect(notJson.body['message']).toMatch(/^body: not valid JSON/);

    const rejected = await apiClient(server.baseUrl, org.adminToken).get<{ rejected: { type: string; errors: { path: string }[]; payload: string }[] }>(
      '/api/v1/admin/rejected-events',
    );
    expect(rejected.status).toBe(200);
    const fromWebhooks = rejected.body.rejected.filter((row) => row.type === 'webhook:github:pull_request');
    expect(fromWebhooks.map((row) => row.errors[0]!.path).sort()).toEqual(['body', 'pull_request.number']);
  });

  it('checks the GitLab token and maps a merge request', async () => {
    const payload = fixture('gitlab-merge-request-merge');
    Object.assign(payload['object_attributes'] as Json, { created_at: daysAgo(6), updated_at: daysAgo(2) });
    const headers = { 'x-gitlab-event': 'Merge Request Hook' };
    expect((await deliver(gitlab.url, payload, { ...headers, 'x-gitlab-token': 'wrong' })).status).toBe(401);
    expect((await deliver(gitlab.url, payload, headers)).status).toBe(401);
    const accepted = await deliver(gitlab.url, payload, { ...headers, 'x-gitlab-token': gitlab.secret });
    expect(accepted).toEqual({ status: 200, body: { accepted: 1, rejected: [], events: 1 } });
    const repos = (await storedEvents('pull_request.merged')).map((row) => JSON.parse(row.data).repo);
    expect(repos).toContain('gitlabhq/gitlab-test');
    expect((await deliver(gitlab.url, fixture('gitlab-push'), { 'x-gitlab-event': 'Push Hook', 'x-gitlab-token': gitlab.secret })).body).toMatchObject({ ignored: true });
  });

  it("maps Jira issue types through the webhook's mapping and checks X-Hub-Signature when sent", async () => {
    const created = fixture('jira-issue-created');
    (created['issue'] as { fields: Json }).fields['created'] = daysAgo(3);
    const resolved = fixture('jira-issue-resolved');
    Object.assign((resolved['issue'] as { fields: Json }).fields, { created: daysAgo(3), resolutiondate: daysAgo(1) });

    expect((await deliver(jira.url, created, {})).body).toMatchObject({ accepted: 1 });
    const body = JSON.stringify(resolved);
    expect((await deliver(jira.url, body, { 'x-hub-signature': sign('wrong', body) })).status).toBe(401);
    expect((await deliver(jira.url, body, { 'x-hub-signature': sign(jira.secret, body) })).body).toMatchObject({ accepted: 1 });

    const improvement = fixture('jira-issue-created');
    Object.assign((improvement['issue'] as { key: string; fields: { created: string; issuetype: { name: string } } }), { key: 'ED-25' });
    (improvement['issue'] as { fields: { created: string; issuetype: { name: string } } }).fields.created = daysAgo(2);
    (improvement['issue'] as { fields: { issuetype: { name: string } } }).fields.issuetype.name = 'Improvement';
    expect((await deliver(jira.url, improvement, {})).body).toMatchObject({ accepted: 1 });
    const unmapped = fixture('jira-issue-created');
    (unmapped['issue'] as { fields: { issuetype: { name: string } } }).fields.issuetype.name = 'Spike';
    expect((await deliver(jira.url, unmapped, {})).body).toMatchObject({ ignored: true });

    const kinds = (await storedEvents('work_item.created'))
      .map((row) => JSON.parse(row.data) as { key: string; kind: string })
      .filter((data) => data.key.startsWith('ED-'))
      .map((data) => [data.key, data.kind]);
    // The mapping overrides Bug → task and adds Improvement → requirement.
    expect(kinds.sort()).toEqual([
      ['ED-24', 'task'],
      ['ED-25', 'requirement'],
    ]);
    expect((await storedEvents('work_item.resolved')).map((row) => JSON.parse(row.data).key)).toContain('ED-24');
  });

  it('deletes a webhook: its URL answers 404 afterwards', async () => {
    const admin = apiClient(server.baseUrl, org.adminToken);
    const extra = (await admin.post<CreatedWebhook>('/api/v1/webhooks', { provider: 'gitlab', name: 'temporary' })).body;
    expect((await admin.delete(`/api/v1/webhooks/${extra.id}`)).status).toBe(204);
    expect((await admin.delete(`/api/v1/webhooks/${extra.id}`)).status).toBe(404);
    expect((await deliver(extra.url, fixture('gitlab-push'), { 'x-gitlab-token': extra.secret })).status).toBe(404);
  });
});
