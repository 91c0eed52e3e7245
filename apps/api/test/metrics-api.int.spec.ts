import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isoWeekLabel } from '@uplift/metrics';
import { queryRows } from '@uplift/clickhouse';
import { RollupRefresher } from '../src/modules/rollups/rollup-refresher.service';
import { apiClient } from './support/api';
import { event } from './support/events';
import { getJson, postEvents, type MetricBody } from './support/http';
import { createDataDir, removeDataDir, startTestServer, type OrgCredentials, type TestServer } from './support/test-server';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Monday 00:00 UTC of the ISO week two weeks before now: the fixture's week "W". */
function mondayTwoWeeksAgo(): number {
  const now = new Date();
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const isoWeekday = (new Date(today).getUTCDay() + 6) % 7; // Monday = 0
  return today - isoWeekday * DAY - 14 * DAY;
}

const at = (millis: number) => new Date(millis).toISOString();
const dateOf = (millis: number) => at(millis).slice(0, 10);

/**
 * The metrics API over HTTP on the real server, for an org in UTC and the same events for an org in
 * Asia/Shanghai. Expected values are computed by hand below.
 */
describe('GET /api/v1/metrics', () => {
  let server: TestServer;
  let dataDir: string;
  let utcOrg: OrgCredentials;
  let shanghaiOrg: OrgCredentials;
  const W = mondayTwoWeeksAgo();
  const previousWeek = isoWeekLabel(dateOf(W - DAY));
  const weekW = isoWeekLabel(dateOf(W));
  const range = `from=${dateOf(W - 7 * DAY)}&to=${dateOf(W + 6 * DAY)}`;

  const ann = { email: 'ann@example.com' };
  const bob = { email: 'bob@example.com' };
  const carol = { login: 'carol' };
  const payments = { team: 'payments', language: 'go' };
  const search = { team: 'search', language: 'python' };
  const fixture = () => [
    // 1-2: ann, payments, Tuesday of W: s1 shown (10 lines, 300 chars), accepted (4 lines, 120 chars)
    event('completion.shown', { suggestionId: 's1', lines: 10, chars: 300 }, { actor: ann, context: payments, source: { tool: 'copilot', ide: 'vscode' }, time: at(W + DAY + 10 * HOUR) }),
    event('completion.accepted', { suggestionId: 's1', lines: 4, chars: 120 }, { actor: ann, context: payments, source: { tool: 'copilot', ide: 'vscode' }, time: at(W + DAY + 10 * HOUR + 300_000) }),
    // 3: bob, search, Wednesday of W: s2 shown (6 lines, 200 chars), never accepted
    event('completion.shown', { suggestionId: 's2', lines: 6, chars: 200 }, { actor: bob, context: search, source: { tool: 'lingma', ide: 'jetbrains' }, time: at(W + 2 * DAY + 9 * HOUR) }),
    // 4-5: bob, Sunday 23:30 and 23:40 UTC before W (= Monday 07:30 of W in Shanghai): s3 shown and accepted (2 lines, 50 chars)
    event('completion.shown', { suggestionId: 's3', lines: 2, chars: 50 }, { actor: bob, context: search, source: { tool: 'lingma', ide: 'jetbrains' }, time: at(W - 30 * 60_000) }),
    event('completion.accepted', { suggestionId: 's3', lines: 2, chars: 50 }, { actor: bob, context: search, source: { tool: 'lingma', ide: 'jetbrains' }, time: at(W - 20 * 60_000) }),
    // 6-8: commits: ann 100 lines (40 by AI), bob 50 lines (no attribution), a merge commit that never counts
    event('commit', { sha: 'aaa1111', repo: 'acme/api', linesAdded: 100, linesDeleted: 10, aiLinesAdded: 40 }, { actor: ann, context: payments, source: { tool: 'git' }, time: at(W + DAY + 15 * HOUR) }),
    event('commit', { sha: 'bbb2222', repo: 'acme/web', linesAdded: 50, linesDeleted: 0 }, { actor: bob, context: search, source: { tool: 'git' }, time: at(W + 2 * DAY + 15 * HOUR) }),
    event('commit', { sha: 'ccc3333', repo: 'acme/api', linesAdded: 500, linesDeleted: 0, aiLinesAdded: 500, isMerge: true }, { actor: ann, context: payments, source: { tool: 'git' }, time: at(W + 2 * DAY + 16 * HOUR) }),
    // 9: a merged PR; 10: carol (no team → unassigned) applies chat code
    event('pull_request.merged', { repo: 'acme/api', number: 1, createdAt: at(W) }, { actor: ann, context: payments, source: { tool: 'git' }, time: at(W + 3 * DAY + 11 * HOUR) }),
    event('chat.applied', { lines: 12, chars: 400 }, { actor: carol, source: { tool: 'cursor', ide: 'cursor' }, time: at(W + 3 * DAY + 12 * HOUR) }),
  ];

  async function metric(org: OrgCredentials, query: string): Promise<MetricBody> {
    const response = await getJson<MetricBody>(server.baseUrl, `/api/v1/metrics/${query}`, org.viewerToken);
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    return response.body;
  }

  beforeAll(async () => {
    dataDir = createDataDir('metrics-api');
    server = await startTestServer(dataDir);
    utcOrg = await server.createOrg('utc-org');
    shanghaiOrg = await server.createOrg('shanghai-org', 'Asia/Shanghai');
    for (const org of [utcOrg, shanghaiOrg]) {
      const response = await postEvents(server.baseUrl, org.ingestKey, { events: fixture() });
      expect(response.body).toEqual({ accepted: 10, rejected: [] });
    }
  });
  afterAll(async () => {
    await server.close();
    removeDataDir(dataDir);
  });

  it('lists the catalog with units, definitions and parameters', async () => {
    const catalog = await getJson<{ id: string; unit: string; description: string; params: { name: string }[] }[]>(
      server.baseUrl,
      '/api/v1/metrics',
      utcOrg.viewerToken,
    );
    const ids = catalog.body.map((entry) => entry.id);
    expect(ids).toEqual(expect.arrayContaining(['active_users', 'engaged_users', 'acceptance_rate', 'ai_code_share', 'commits', 'pr_throughput']));
    const acceptance = catalog.body.find((entry) => entry.id === 'acceptance_rate')!;
    expect(acceptance.unit).toBe('ratio');
    expect(acceptance.description.length).toBeGreaterThan(40);
    expect(acceptance.params.map((param) => param.name)).toEqual(expect.arrayContaining(['basis', 'kind']));
  });

  it('answers weekly series with the exact response shape (org in UTC)', async () => {
    // Previous week: bob's Sunday-night s3 (shown + accepted). Week W: ann, bob and carol.
    expect(await metric(utcOrg, `active_users?${range}&granularity=week`)).toEqual({
      metric: 'active_users',
      unit: 'people',
      from: dateOf(W - 7 * DAY),
      to: dateOf(W + 6 * DAY),
      granularity: 'week',
      series: [{ group: {}, points: [{ period: previousWeek, value: 1 }, { period: weekW, value: 3 }] }],
    });
    // count: previous week {s3}/{s3} = 1; week W {s1}/{s1, s2} = 0.5
    const byCount = await metric(utcOrg, `acceptance_rate?${range}&granularity=week`);
    expect(byCount.series[0]!.points).toEqual([
      { period: previousWeek, value: 1, numerator: 1, denominator: 1 },
      { period: weekW, value: 0.5, numerator: 1, denominator: 2 },
    ]);
    // lines: week W 4 / (10 + 6) = 0.25; chars: 120 / (300 + 200) = 0.24
    expect((await metric(utcOrg, `acceptance_rate?${range}&granularity=week&basis=lines`)).series[0]!.points[1]).toEqual({
      period: weekW, value: 0.25, numerator: 4, denominator: 16,
    });
    expect((await metric(utcOrg, `acceptance_rate?${range}&granularity=week&basis=chars`)).series[0]!.points[1]).toEqual({
      period: weekW, value: 0.24, numerator: 120, denominator: 500,
    });
  });

  it("cuts weeks in the org's time zone: Sunday 23:30 UTC is Monday in Shanghai", async () => {
    expect((await metric(shanghaiOrg, `active_users?${range}&granularity=week`)).series[0]!.points).toEqual([
      { period: previousWeek, value: 0 },
      { period: weekW, value: 3 },
    ]);
    // previous week has nothing shown: null, not 0; week W {s1, s3} / {s1, s2, s3}
    expect((await metric(shanghaiOrg, `acceptance_rate?${range}&granularity=week`)).series[0]!.points).toEqual([
      { period: previousWeek, value: null, numerator: 0, denominator: 0 },
      { period: weekW, value: 2 / 3, numerator: 2, denominator: 3 },
    ]);
  });

  it('groups by team and filters', async () => {
    const byTeam = await metric(utcOrg, `acceptance_rate?${range}&granularity=week&groupBy=team`);
    expect(byTeam.series).toEqual([
      { group: { team: 'payments' }, points: [
        { period: previousWeek, value: null, numerator: 0, denominator: 0 },
        { period: weekW, value: 1, numerator: 1, denominator: 1 },
      ] },
      { group: { team: 'search' }, points: [
        { period: previousWeek, value: 1, numerator: 1, denominator: 1 },
        { period: weekW, value: 0, numerator: 0, denominator: 1 },
      ] },
    ]);
    // carol sent no team: she is 'unassigned'
    const engagedByTeam = await metric(utcOrg, `engaged_users?${range}&granularity=total&groupBy=team`);
    expect(engagedByTeam.series).toEqual([
      { group: { team: 'payments' }, points: [{ period: 'total', value: 1 }] },
      { group: { team: 'search' }, points: [{ period: 'total', value: 1 }] },
      { group: { team: 'unassigned' }, points: [{ period: 'total', value: 1 }] },
    ]);
    expect((await metric(utcOrg, `commits?${range}&granularity=total&team=payments`)).series[0]!.points).toEqual([{ period: 'total', value: 1 }]);
    expect((await metric(utcOrg, `active_users?${range}&granularity=total&ide=jetbrains,vscode`)).series[0]!.points).toEqual([{ period: 'total', value: 2 }]);
    // tool versions are named with their tool; events without a version say so
    const byVersion = await metric(utcOrg, `active_users?${range}&granularity=total&groupBy=tool_version`);
    expect(byVersion.series.map((series) => [series.group.tool_version, series.points[0]!.value])).toEqual([
      ['copilot unknown', 1],
      ['cursor unknown', 1],
      ['lingma unknown', 1],
    ]);
    expect((await metric(utcOrg, `active_users?${range}&granularity=total&tool_version=${encodeURIComponent('lingma unknown')}`)).series[0]!.points).toEqual([{ period: 'total', value: 1 }]);
  });

  it('withholds per-person figures below the privacy minimum from viewers, not from admins', async () => {
    const query = `active_users?${range}&granularity=total&groupBy=developer`;
    // three developers have data; the org's minimum group size is the default 5
    const asViewer = await metric(utcOrg, query);
    expect(asViewer.series).toEqual([]);
    expect(asViewer).toMatchObject({ suppressed: { reason: 'privacy', minGroupSize: 5 } });
    const asAdmin = await getJson<MetricBody>(server.baseUrl, `/api/v1/metrics/${query}`, utcOrg.adminToken);
    expect(asAdmin.body.series.map((series) => [series.group.developer, series.points[0]!.value])).toEqual([
      ['email:ann@example.com', 1],
      ['email:bob@example.com', 1],
      ['login:carol', 1],
    ]);
    expect(asAdmin.body).not.toHaveProperty('suppressed');
    // at a minimum of 3 the viewer sees them too; other groupings are never withheld
    expect((await apiClient(server.baseUrl, utcOrg.adminToken).patch('/api/v1/settings', { privacyMinGroupSize: 3 })).status).toBe(200);
    expect((await metric(utcOrg, query)).series).toHaveLength(3);
    expect((await apiClient(server.baseUrl, utcOrg.adminToken).patch('/api/v1/settings', { privacyMinGroupSize: 5 })).status).toBe(200);
    expect((await metric(utcOrg, `active_users?${range}&granularity=total&groupBy=team`)).series).toHaveLength(3);
  });

  it('computes the delivery metrics (merge commits excluded)', async () => {
    // (40 + 0) / (100 + 50); the merge commit's 500 lines never count
    expect((await metric(utcOrg, `ai_code_share?${range}&granularity=total`)).series[0]!.points).toEqual([
      { period: 'total', value: 40 / 150, numerator: 40, denominator: 150 },
    ]);
    expect((await metric(utcOrg, `commits?${range}&granularity=total&groupBy=repo`)).series).toEqual([
      { group: { repo: 'acme/api' }, points: [{ period: 'total', value: 1 }] },
      { group: { repo: 'acme/web' }, points: [{ period: 'total', value: 1 }] },
    ]);
    expect((await metric(utcOrg, `pr_throughput?${range}&granularity=total`)).series[0]!.points).toEqual([{ period: 'total', value: 1 }]);
    // ann (accepted s1), bob (accepted s3), carol (chat.applied)
    expect((await metric(utcOrg, `engaged_users?${range}&granularity=total`)).series[0]!.points).toEqual([{ period: 'total', value: 3 }]);
    const daily = await metric(utcOrg, `active_users?from=${dateOf(W + DAY)}&to=${dateOf(W + 2 * DAY)}&granularity=day`);
    expect(daily.series[0]!.points).toEqual([
      { period: dateOf(W + DAY), value: 1 },
      { period: dateOf(W + 2 * DAY), value: 1 },
    ]);
  });

  it('answers the same once the daily rollups are built (both zones), and reads late events at once', async () => {
    const queries = [
      `acceptance_rate?${range}&granularity=week&groupBy=team`,
      `acceptance_rate?${range}&granularity=week&basis=lines`,
      `active_users?${range}&granularity=day`,
      `engaged_users?${range}&granularity=total&groupBy=team`,
      `request_mix?${range}&granularity=week`,
      `adoption_rate?${range}&granularity=week`,
    ];
    const answers = async (org: OrgCredentials) => Promise.all(queries.map((query) => metric(org, query)));
    const before = [await answers(utcOrg), await answers(shanghaiOrg)];
    await server.app.get(RollupRefresher).refreshNow();
    const built = await queryRows<{ org_id: string; time_zone: string; days: number }>(server.clickhouse.client, {
      query: 'SELECT org_id, time_zone, uniqExact(day) AS days FROM rollup_builds GROUP BY org_id, time_zone ORDER BY time_zone',
      comment: 'test:rollup-builds',
    });
    expect(built.map((row) => [row.org_id, row.time_zone])).toEqual([
      [shanghaiOrg.orgId, 'Asia/Shanghai'],
      [utcOrg.orgId, 'UTC'],
    ]);
    expect([await answers(utcOrg), await answers(shanghaiOrg)]).toEqual(before);
    // a late event on a built day counts on the next query, before any rebuild
    const late = event('completion.shown', { suggestionId: 's9', lines: 1, chars: 10 }, { actor: bob, context: search, source: { tool: 'lingma', ide: 'jetbrains' }, time: at(W + 2 * DAY + 10 * HOUR) });
    expect((await postEvents(server.baseUrl, utcOrg.ingestKey, { events: [late] })).status).toBe(200);
    const searchWeek = async () => (await metric(utcOrg, `acceptance_rate?${range}&granularity=week&groupBy=team`)).series.find((series) => series.group.team === 'search')!.points[1];
    expect(await searchWeek()).toEqual({ period: weekW, value: 0, numerator: 0, denominator: 2 });
    await server.app.get(RollupRefresher).refreshNow();
    expect(await searchWeek()).toEqual({ period: weekW, value: 0, numerator: 0, denominator: 2 });
  });

  it.each([
    ['unknown metric', 'happiness?granularity=week', 'UNKNOWN_METRIC', /unknown metric "happiness"/],
    ['bad granularity', 'commits?granularity=hour', 'INVALID_PARAMETER', /granularity/],
    ['bad groupBy', 'commits?groupBy=colour', 'INVALID_PARAMETER', /groupBy/],
    ['unknown parameter', 'commits?colour=blue', 'INVALID_PARAMETER', /colour/],
    ['parameter the metric does not take', 'commits?basis=lines', 'INVALID_PARAMETER', /basis/],
    ['bad basis', 'acceptance_rate?basis=words', 'INVALID_PARAMETER', /basis/],
    ['from after to', 'commits?from=2026-03-02&to=2026-03-01', 'INVALID_PARAMETER', /from/],
    ['bad date', 'commits?from=2026-02-30', 'INVALID_PARAMETER', /from/],
  ])('answers 400 naming the problem: %s', async (_name, query, code, message) => {
    const response = await getJson<{ code: string; message: string }>(server.baseUrl, `/api/v1/metrics/${query}`, utcOrg.viewerToken);
    expect(response.status).toBe(400);
    expect(response.body.code).toBe(code);
    expect(response.body.message).toMatch(message);
  });
});
