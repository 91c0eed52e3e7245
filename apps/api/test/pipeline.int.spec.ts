import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '@uplift/clickhouse';
import { DLQ_TOPIC, EVENTS_TOPIC, createKafkaAdmin, createKafkaBatchConsumer, createKafkaProducer } from '@uplift/kafka';
// eslint-disable-next-line @nx/enforce-module-boundaries -- the fault tests start and stop the development broker tool itself
import { startBroker, stopBroker } from '../../../tools/kafka/broker';
import { dateOnly, daysAgo, event } from './support/events';
import { getJson, postEvents, type MetricBody } from './support/http';
import { createDataDir, removeDataDir, startTestServer, type OrgCredentials, type TestServer } from './support/test-server';

/**
 * Distributed mode on a real broker (its own, on a spare loopback port, so it can be stopped): the
 * collector acks only what Kafka acknowledged, the ingest role writes it to ClickHouse exactly once.
 */
const PORT = Number(process.env['KAFKA_PIPELINE_TEST_PORT'] ?? 19292);
const BROKERS = `127.0.0.1:${PORT}`;

describe('Kafka pipeline', () => {
  let server: TestServer;
  let dataDir: string;
  let org: OrgCredentials;
  const range = `from=${dateOnly(daysAgo(10))}&to=${dateOnly(daysAgo(0))}&granularity=total`;

  const startServer = (group = 'uplift-ingest') => startTestServer(dataDir, { KAFKA_BROKERS: BROKERS, KAFKA_INGEST_GROUP: group });

  async function storedCount(ids: string[]): Promise<number> {
    const rows = await queryRows<{ stored: number }>(server.clickhouse.client, {
      query: 'SELECT uniqExact(id) AS stored FROM events WHERE org_id = {org:String} AND id IN {ids:Array(UUID)}',
      params: { org: org.orgId, ids },
      comment: 'test',
    });
    return Number(rows[0]!.stored);
  }

  async function waitForStored(ids: string[], timeoutMs = 30_000): Promise<number> {
    const deadline = Date.now() + timeoutMs;
    let stored = 0;
    while (Date.now() < deadline) {
      stored = await storedCount(ids);
      if (stored === ids.length) return stored;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    return stored;
  }

  async function commits(): Promise<number | null> {
    const response = await getJson<MetricBody>(server.baseUrl, `/api/v1/metrics/commits?${range}`, org.viewerToken);
    return response.body.series[0]!.points[0]!.value;
  }

  async function failedBatches(): Promise<number> {
    const text = await (await fetch(`${server.baseUrl}/metrics`)).text();
    return Number(/^uplift_ingest_batches_total\{outcome="failed"\} (\d+)$/m.exec(text)?.[1] ?? 0);
  }

  const commitEvents = (count: number) =>
    Array.from({ length: count }, (_, index) =>
      event('commit', { sha: randomUUID().replace(/-/g, '').slice(0, 40), repo: 'acme/api', linesAdded: index + 1, linesDeleted: 0 }, { time: daysAgo(1) }),
    );

  beforeAll(async () => {
    await startBroker({ port: PORT, controllerPort: PORT + 1, fresh: true });
    dataDir = createDataDir('pipeline');
    server = await startServer();
    org = await server.createOrg('pipeline-org');
  });
  afterAll(async () => {
    await server?.close();
    await stopBroker({ port: PORT });
    removeDataDir(dataDir);
  });

  it('acks events once the broker has them and the ingest role writes each once', async () => {
    const events = commitEvents(300);
    for (let offset = 0; offset < events.length; offset += 100) {
      const response = await postEvents(server.baseUrl, org.ingestKey, { events: events.slice(offset, offset + 100) });
      expect(response.body).toEqual({ accepted: 100, rejected: [] });
    }
    expect(await waitForStored(events.map((item) => item.id as string))).toBe(300);
    expect(await commits()).toBe(300);
    const ready = await getJson<{ checks: Record<string, string> }>(server.baseUrl, '/readyz');
    expect(ready.body.checks).toEqual({ clickhouse: 'ok', kafka: 'ok', metadata: 'ok' });
  });

  it('sends a poison message to the dead-letter topic with its reason, and the stream continues', async () => {
    const producer = createKafkaProducer({ brokers: [BROKERS], clientId: 'test-poison', topic: EVENTS_TOPIC, lingerMs: 0 });
    await producer.send([
      { key: 'x', value: 'this is not JSON' },
      { key: 'y', value: JSON.stringify({ org_id: org.orgId, id: 'not-a-uuid', type: 'commit' }) },
    ]);
    await producer.close();
    const after = commitEvents(5);
    expect((await postEvents(server.baseUrl, org.ingestKey, { events: after })).status).toBe(200);
    expect(await waitForStored(after.map((item) => item.id as string))).toBe(5);

    const reasons: string[] = [];
    const dlqReader = createKafkaBatchConsumer({ brokers: [BROKERS], clientId: 'test-dlq', groupId: `dlq-${randomUUID()}`, topics: [DLQ_TOPIC] });
    const reading = dlqReader.run(async (batch) => {
      for (const message of batch.messages) reasons.push(message.headers['reason'] ?? '');
    });
    const deadline = Date.now() + 30_000;
    while (reasons.length < 2 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 200));
    await dlqReader.stop();
    await reading;
    expect(reasons).toHaveLength(2);
    reasons.sort(); // the two messages sat in different partitions: their DLQ order is not fixed
    expect(reasons[0]).toBe('id: not a UUID ("not-a-uuid")');
    expect(reasons[1]).toMatch(/^not JSON: /);
    const metrics = await (await fetch(`${server.baseUrl}/metrics`)).text();
    expect(metrics).toMatch(/^uplift_ingest_dlq_messages_total\{reason="not JSON"\} 1$/m);
  });

  it('answers 503 and acks nothing while the broker is down, and resumes when it is back', async () => {
    await stopBroker({ port: PORT });
    const during = commitEvents(3);
    const refused = await postEvents(server.baseUrl, org.ingestKey, { events: during });
    expect(refused.status).toBe(503);
    expect((await getJson(server.baseUrl, '/readyz')).status).toBe(503);
    await startBroker({ port: PORT, controllerPort: PORT + 1 });
    let accepted = 0;
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      const retry = await postEvents(server.baseUrl, org.ingestKey, { events: during });
      if (retry.status === 200) {
        accepted = retry.body.accepted;
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    expect(accepted).toBe(3);
    expect(await waitForStored(during.map((item) => item.id as string), 60_000)).toBe(3);
    expect(await commits()).toBe(308);
  });

  it('retries a chunk while ClickHouse refuses inserts, committing nothing, and counts exactly afterwards', async () => {
    const failedBefore = await failedBatches();
    await server.clickhouse.client.command({ query: 'DETACH TABLE events' });
    const during = commitEvents(20);
    try {
      expect((await postEvents(server.baseUrl, org.ingestKey, { events: during })).body.accepted).toBe(20); // durable in Kafka
      const deadline = Date.now() + 30_000;
      while ((await failedBatches()) === failedBefore && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
      expect(await failedBatches()).toBeGreaterThan(failedBefore);
    } finally {
      await server.clickhouse.client.command({ query: 'ATTACH TABLE events' });
    }
    expect(await waitForStored(during.map((item) => item.id as string))).toBe(20);
    expect(await commits()).toBe(328);
  });

  it('replays the whole log into a fresh consumer group without changing any metric', async () => {
    const before = await commits();
    const group = `replay-${randomUUID()}`;
    await server.close();
    server = await startServer(group);
    // The new group starts at offset 0 and writes every chunk again (ClickHouse drops the chunks whose
    // offset range it already has; the rest are duplicates the metrics ignore). Wait until it caught up.
    const admin = createKafkaAdmin({ brokers: [BROKERS], clientId: 'test-replay' });
    try {
      const deadline = Date.now() + 60_000;
      let caughtUp = false;
      while (!caughtUp && Date.now() < deadline) {
        const [committed, ends] = await Promise.all([admin.committedOffsets(group, EVENTS_TOPIC), admin.endOffsets(EVENTS_TOPIC)]);
        const committedBy = new Map(committed.map((entry) => [entry.partition, entry.offset]));
        caughtUp = ends.every((end) => end.offset === '0' || committedBy.get(end.partition) === end.offset);
        if (!caughtUp) await new Promise((resolve) => setTimeout(resolve, 300));
      }
      expect(caughtUp).toBe(true);
    } finally {
      await admin.close();
    }
    expect(await commits()).toBe(before);
  });
});
