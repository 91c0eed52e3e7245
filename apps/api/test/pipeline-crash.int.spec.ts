import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { createClickHouse, queryRows } from '@uplift/clickhouse';
// eslint-disable-next-line @nx/enforce-module-boundaries -- the fault test runs its own development broker
import { startBroker, stopBroker } from '../../../tools/kafka/broker';
import { startChildServer, type ChildServer } from './support/child-server';
import { postEvents } from './support/http';
import { createDataDir, removeDataDir } from './support/test-server';

/**
 * `kill -9` the process that consumes the event log while acked events stream in; after a restart every
 * acked event is in ClickHouse and the metrics count each once (distributed mode, one process: with an
 * embedded chDB the collector and the ingest role share the process that owns it).
 */
const PORT = Number(process.env['KAFKA_CRASH_TEST_PORT'] ?? 19392);
const BROKERS = `127.0.0.1:${PORT}`;
const INGEST_KEY = 'upl_ik_crash-test-ingest-key-000000000000';
const ADMIN_TOKEN = 'upl_at_crash-test-admin-token-00000000000';

describe('kill -9 during ingestion (distributed mode)', () => {
  const dataDir = createDataDir('pipeline-crash');
  let server: ChildServer | undefined;

  afterAll(async () => {
    server?.process.kill('SIGKILL');
    await stopBroker({ port: PORT });
    removeDataDir(dataDir);
  });

  it('loses no acked event and double-counts none', async () => {
    await startBroker({ port: PORT, controllerPort: PORT + 1, fresh: true });
    const env = { UPLIFT_DATA_DIR: dataDir, KAFKA_BROKERS: BROKERS, UPLIFT_INGEST_KEY: INGEST_KEY, UPLIFT_ADMIN_TOKEN: ADMIN_TOKEN };
    server = await startChildServer(env);
    const baseUrl = server.baseUrl;
    const acked: string[] = [];
    let killed = false;
    const client = async () => {
      while (!killed) {
        const events = Array.from({ length: 50 }, () => {
          const id = randomUUID();
          return {
            id,
            type: 'commit',
            time: new Date().toISOString(),
            actor: { email: 'dev@example.com' },
            source: { tool: 'git' },
            data: { sha: id.replace(/-/g, ''), repo: 'acme/crash', linesAdded: 1, linesDeleted: 0 },
          };
        });
        try {
          const response = await postEvents(baseUrl, INGEST_KEY, { events });
          if (response.status === 200) acked.push(...events.map((event) => event.id));
        } catch {
          // cut off by the kill: not acked
        }
      }
    };
    const clients = Array.from({ length: 3 }, client);
    while (acked.length < 2000) await new Promise((resolve) => setTimeout(resolve, 20));
    server.process.kill('SIGKILL');
    killed = true;
    await server.exited;
    await Promise.all(clients);

    // Restart: the consumer group resumes from its last committed offset and re-reads the rest.
    server = await startChildServer(env);
    const deadline = Date.now() + 90_000;
    let counted = 0;
    while (Date.now() < deadline) {
      const response = await fetch(`${server.baseUrl}/api/v1/metrics/commits?granularity=total`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
      const body = (await response.json()) as { series: { points: { value: number }[] }[] };
      counted = body.series[0]!.points[0]!.value;
      if (counted >= acked.length) break;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    expect(counted).toBeGreaterThanOrEqual(acked.length);
    server.process.kill('SIGTERM');
    await server.exited;
    server = undefined;

    const clickhouse = createClickHouse({ kind: 'embedded', dataDir });
    try {
      const [found] = await queryRows<{ found: number }>(clickhouse.client, {
        query: 'SELECT uniqExact(id) AS found FROM events WHERE id IN {ids:Array(UUID)}',
        params: { ids: acked },
        comment: 'test',
      });
      expect(Number(found!.found)).toBe(acked.length);
      const [distinct] = await queryRows<{ commits: number }>(clickhouse.client, {
        query: "SELECT uniqExact(repo, sha) AS commits FROM events WHERE type = 'commit'",
        comment: 'test',
      });
      // every stored commit counted once: the metric equals the distinct commits on disk
      expect(counted).toBe(Number(distinct!.commits));
    } finally {
      await clickhouse.close();
    }
  });
});
