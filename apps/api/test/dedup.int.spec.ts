import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dateOnly, daysAgo, event } from './support/events';
import { getJson, postEvents, type MetricBody } from './support/http';
import { createDataDir, removeDataDir, startTestServer, type TestServer } from './support/test-server';

/** Every duplicate the contract names: nothing sent twice may change a metric. */
describe('duplicates never change a metric', () => {
  let server: TestServer;
  let dataDir: string;
  const day = daysAgo(3);
  const range = `from=${dateOnly(daysAgo(10))}&to=${dateOnly(daysAgo(0))}&granularity=total`;

  const shown = event('completion.shown', { suggestionId: 'sug-1', lines: 4, chars: 100 }, { time: day });
  const accepted = event('completion.accepted', { suggestionId: 'sug-1', lines: 4, chars: 100 }, { time: day });
  const shownAgainNewId = event('completion.shown', { suggestionId: 'sug-1', lines: 4, chars: 100 }, { time: day });
  const commit = event('commit', { sha: 'a1b2c3d4e5', repo: 'acme/api', linesAdded: 30, linesDeleted: 5, aiLinesAdded: 12 }, { time: day });
  const sameCommitOtherId = event('commit', { sha: 'a1b2c3d4e5', repo: 'acme/api', linesAdded: 30, linesDeleted: 5, aiLinesAdded: 12 }, { time: day });
  const sameShaOtherRepo = event('commit', { sha: 'a1b2c3d4e5', repo: 'acme/web', linesAdded: 10, linesDeleted: 0 }, { time: day });
  const merged = event('pull_request.merged', { repo: 'acme/api', number: 7, createdAt: daysAgo(5) }, { time: day });
  const mergedAgainOtherId = event('pull_request.merged', { repo: 'acme/api', number: 7, createdAt: daysAgo(5) }, { time: day });
  const everything = [shown, accepted, shownAgainNewId, commit, sameCommitOtherId, sameShaOtherRepo, merged, mergedAgainOtherId];

  // Hand-computed, counting each thing once:
  //   commits: (acme/api, a1b2c3d4e5) and (acme/web, a1b2c3d4e5) → 2
  //   ai_code_share: (12 + 0) / (30 + 10) = 0.3
  //   pr_throughput: (acme/api, 7) → 1
  //   acceptance_rate (count): accepted {sug-1} / shown {sug-1} = 1
  //   acceptance_rate (lines): 4 / 4 = 1 (sug-1 shown twice counts once)
  //   active_users: ann → 1
  const expected = { commits: 2, ai_code_share: 0.3, pr_throughput: 1, acceptance_rate: 1, acceptance_lines: 1, active_users: 1 };

  async function value(metric: string, extra = ''): Promise<number | null> {
    const response = await getJson<MetricBody>(server.baseUrl, `/api/v1/metrics/${metric}?${range}${extra}`, server.defaultOrg.adminToken);
    expect(response.status).toBe(200);
    return response.body.series[0]!.points[0]!.value;
  }

  async function currentMetrics() {
    return {
      commits: await value('commits'),
      ai_code_share: await value('ai_code_share'),
      pr_throughput: await value('pr_throughput'),
      acceptance_rate: await value('acceptance_rate'),
      acceptance_lines: await value('acceptance_rate', '&basis=lines'),
      active_users: await value('active_users'),
    };
  }

  beforeAll(async () => {
    dataDir = createDataDir('dedup');
    server = await startTestServer(dataDir);
  });
  afterAll(async () => {
    await server.close();
    removeDataDir(dataDir);
  });

  it('counts an id repeated within one batch once', async () => {
    const response = await postEvents(server.baseUrl, server.defaultOrg.ingestKey, { events: [...everything, shown, commit, merged] });
    expect(response.body).toEqual({ accepted: 11, rejected: [] });
    expect(await currentMetrics()).toEqual(expected);
  });

  it('counts ids re-sent in another batch once', async () => {
    for (const events of [everything, [accepted, commit], [merged]]) {
      expect((await postEvents(server.baseUrl, server.defaultOrg.ingestKey, { events })).status).toBe(200);
    }
    expect(await currentMetrics()).toEqual(expected);
  });

  it('counts ids re-sent after a restart once, even after parts merge', async () => {
    await server.close();
    server = await startTestServer(dataDir);
    expect((await postEvents(server.baseUrl, server.defaultOrg.ingestKey, { events: everything })).status).toBe(200);
    expect(await currentMetrics()).toEqual(expected);
    await server.clickhouse.client.command({ query: 'OPTIMIZE TABLE events FINAL' });
    expect(await currentMetrics()).toEqual(expected);
  });
});
