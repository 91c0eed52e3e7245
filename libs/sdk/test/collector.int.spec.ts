import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DiskSpool, createNodeClient, type NodeClientOptions, type Rejection, type UpliftWarning } from '../src/node/index';
import {
  createDataDir,
  metricTotal,
  removeDataDir,
  startCollectorOnPort,
  startTestServer,
  storedCounts,
  type CollectorOnPort,
  type OrgCredentials,
  type TestServer,
} from './support/collector';

// The SDK against the real standalone collector (chDB + SQLite), including the collector going away and
// coming back on the same port and data directory.
describe('SDK → real collector', () => {
  const dataDir = createDataDir('sdk');
  const spoolRoot = mkdtempSync(path.join(tmpdir(), 'uplift-sdk-int-'));
  let server: TestServer;
  let restarted: CollectorOnPort | undefined;
  let org: OrgCredentials;

  beforeAll(async () => {
    server = await startTestServer(dataDir);
    org = await server.createOrg('sdk-org');
  });
  afterAll(async () => {
    await restarted?.close();
    removeDataDir(dataDir);
    rmSync(spoolRoot, { recursive: true, force: true });
  });

  function client(baseUrl: string, overrides: Partial<NodeClientOptions> = {}) {
    const rejections: Rejection[] = [];
    const warnings: UpliftWarning[] = [];
    const uplift = createNodeClient({
      url: baseUrl,
      ingestKey: org.ingestKey,
      source: { tool: 'copilot', ide: 'vscode' },
      flushIntervalMs: 60_000,
      spool: { directory: path.join(spoolRoot, 'spool') },
      onRejected: (batch) => rejections.push(...batch),
      onWarning: (warning) => warnings.push(warning),
      ...overrides,
    });
    return { uplift, rejections, warnings };
  }

  it('delivers events that the collector stores and the metrics count once, even when sent twice', async () => {
    const { uplift } = client(server.baseUrl, { gzipThresholdBytes: 256 });
    const ids = ['ann', 'bob', 'carol'].map((name) =>
      uplift.completionShown({ suggestionId: `sdk-${name}`, lines: 2, chars: 40 }, { actor: { email: `${name}@example.com` } }),
    ) as string[];
    ids.push(uplift.chatTurn({ mode: 'ask' }, { actor: { email: 'ann@example.com' } })!);
    const first = await uplift.flush();
    expect(first).toMatchObject({ accepted: 4, rejected: 0, failed: 0, spooled: 0 });

    // The same events again (a client that re-sends after a lost response): harmless.
    const again = client(server.baseUrl);
    const [annId, bobId] = ids;
    again.uplift.completionShown({ suggestionId: 'sdk-ann', lines: 2, chars: 40 }, { id: annId!, actor: { email: 'ann@example.com' } });
    again.uplift.completionShown({ suggestionId: 'sdk-bob', lines: 2, chars: 40 }, { id: bobId!, actor: { email: 'bob@example.com' } });
    expect(await again.uplift.shutdown()).toMatchObject({ accepted: 2 });
    await uplift.shutdown();

    expect(await metricTotal(server.baseUrl, 'active_users', org.viewerToken)).toBe(3);
    const counts = await storedCounts(server.clickhouse, ids);
    expect(Object.keys(counts)).toHaveLength(4);
    for (const id of ids) expect(counts[id]).toBeGreaterThanOrEqual(1);
  });

  it('reports a rejected event with its errors, never re-sends it, and its valid siblings land', async () => {
    const { uplift, rejections } = client(server.baseUrl);
    const valid = uplift.chatTurn({ mode: 'edit' }, { actor: { email: 'dana@example.com' } })!;
    const invalid = uplift.chatTurn({ mode: 'shout' as never }, { actor: { email: 'dana@example.com' } })!;
    const alsoValid = uplift.chatApplied({ lines: 3, chars: 50 }, { actor: { email: 'dana@example.com' } })!;
    expect(await uplift.flush()).toMatchObject({ accepted: 2, rejected: 1 });
    expect(await uplift.flush()).toMatchObject({ accepted: 0, rejected: 0 });
    await uplift.shutdown();

    expect(rejections).toEqual([
      {
        id: invalid,
        event: expect.objectContaining({ id: invalid, type: 'chat.turn', data: { mode: 'shout' } }),
        errors: [{ path: 'data.mode', message: 'expected one of: ask, edit, agent', value: 'shout' }],
      },
    ]);
    expect(await storedCounts(server.clickhouse, [valid, invalid, alsoValid])).toEqual({ [valid]: 1, [invalid]: 0, [alsoValid]: 1 });
    const refusedRows = await server.clickhouse.client.query({
      query: 'SELECT count() AS times FROM rejected_events WHERE event_id = {id:String}',
      query_params: { id: invalid },
      format: 'JSONEachRow',
    });
    expect(Number((await refusedRows.json<{ times: string | number }>())[0]!.times)).toBe(1);
    expect(await new DiskSpool({ directory: path.join(spoolRoot, 'spool') }).stats()).toMatchObject({ events: 0 });
  });

  it('spools events while the collector is down and delivers each exactly once after it comes back', async () => {
    const port = Number(new URL(server.baseUrl).port);
    const spoolDirectory = path.join(spoolRoot, 'outage');
    await server.close();

    const offline = client(server.baseUrl, { retry: { maxAttempts: 2, baseDelayMs: 20 }, spool: { directory: spoolDirectory } });
    const ids = Array.from({ length: 5 }, (_, index) =>
      offline.uplift.agentSession({ sessionId: `outage-${index}`, status: 'completed' }, { actor: { email: 'erin@example.com' } }),
    ) as string[];
    const duringOutage = await offline.uplift.flush();
    expect(duringOutage).toMatchObject({ accepted: 0, spooled: 5, pending: 0 });
    expect(offline.warnings.map((warning) => warning.code)).toContain('OFFLINE');
    // The process ends while the collector is still down: the events stay on disk.
    await offline.uplift.shutdown({ timeoutMs: 200 });
    expect(await new DiskSpool({ directory: spoolDirectory }).stats()).toMatchObject({ events: 5 });

    restarted = await startCollectorOnPort(dataDir, port);
    // A new process (new client, same spool) sends the spooled events before its own.
    const online = client(restarted.baseUrl, { spool: { directory: spoolDirectory } });
    const later = online.uplift.chatFeedback({ rating: 'like' }, { actor: { email: 'erin@example.com' } })!;
    const delivered = await online.uplift.shutdown();

    expect(delivered).toMatchObject({ accepted: 6, spooled: 0 });
    expect(await new DiskSpool({ directory: spoolDirectory }).stats()).toMatchObject({ events: 0 });
    const counts = await storedCounts(restarted.clickhouse, [...ids, later]);
    expect(Object.values(counts)).toEqual([1, 1, 1, 1, 1, 1]);
  });
});
