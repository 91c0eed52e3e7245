// The real standalone collector for integration tests, started on a fixed port so a test can stop it and
// bring it back at the same address (what a client sees when the collector goes down and comes back).
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
// Test support only (never part of the SDK's build): integration tests drive the real collector app.
/* eslint-disable @nx/enforce-module-boundaries */
import type { UpliftClickHouse } from '@uplift/clickhouse';
import { loadConfig } from '../../../../apps/api/src/config/config';
import { CLICKHOUSE } from '../../../../apps/api/src/modules/storage/storage.module';
import { createServer } from '../../../../apps/api/src/server';
import { TEST_ADMIN_TOKEN, TEST_INGEST_KEY } from '../../../../apps/api/test/support/test-server';

export {
  createDataDir,
  removeDataDir,
  startTestServer,
  TEST_ADMIN_TOKEN,
  TEST_INGEST_KEY,
  type OrgCredentials,
  type TestServer,
} from '../../../../apps/api/test/support/test-server';
/* eslint-enable @nx/enforce-module-boundaries */

export type CollectorOnPort = { baseUrl: string; app: NestFastifyApplication; clickhouse: UpliftClickHouse; close: () => Promise<void> };

/** Starts the standalone server on `port` over `dataDir` (the default org's keys are the test keys). */
export async function startCollectorOnPort(dataDir: string, port: number): Promise<CollectorOnPort> {
  const config = loadConfig({
    UPLIFT_DATA_DIR: dataDir,
    UPLIFT_ADMIN_TOKEN: TEST_ADMIN_TOKEN,
    UPLIFT_INGEST_KEY: TEST_INGEST_KEY,
    LOG_LEVEL: 'error',
    PORT: String(port),
  });
  const app = await createServer(config);
  await app.listen({ port, host: '127.0.0.1' });
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    app,
    clickhouse: app.get<UpliftClickHouse>(CLICKHOUSE),
    close: () => app.close(),
  };
}

/** How many rows of the events table hold each of `ids` (0 when absent). */
export async function storedCounts(clickhouse: UpliftClickHouse, ids: string[]): Promise<Record<string, number>> {
  const result = await clickhouse.client.query({
    query: 'SELECT toString(id) AS event_id, count() AS copies FROM events WHERE id IN {ids:Array(UUID)} GROUP BY id',
    query_params: { ids },
    format: 'JSONEachRow',
  });
  const rows = await result.json<{ event_id: string; copies: string | number }>();
  const counts: Record<string, number> = Object.fromEntries(ids.map((id) => [id, 0]));
  for (const row of rows) counts[row.event_id] = Number(row.copies);
  return counts;
}

/** The value of a metric over the default 90 days, as one total. */
export async function metricTotal(baseUrl: string, metric: string, token: string): Promise<number> {
  const response = await fetch(`${baseUrl}/api/v1/metrics/${metric}?granularity=total`, { headers: { authorization: `Bearer ${token}` } });
  if (response.status !== 200) throw new Error(`${metric}: HTTP ${response.status} ${await response.text()}`);
  const body = (await response.json()) as { series: { points: { value: number | null }[] }[] };
  return body.series[0]?.points[0]?.value ?? 0;
}
