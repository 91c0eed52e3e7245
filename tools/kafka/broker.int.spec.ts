import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, inject, it } from 'vitest';
import { brokerAnswers, brokerStatus, ensureTopics, startBroker, stopBroker } from './broker';
import { brokerFiles } from './paths';
import { renderServerProperties } from './server-properties';

// The global setup started this broker; these tests only look at it and must not stop it.
const brokers = inject('kafkaBrokers');
const port = Number(brokers.split(':')[1]);

describe('kafka broker scripts', () => {
  it('reports the running broker instead of starting a second one', async () => {
    const before = brokerStatus(port);
    expect(before.running).toBe(true);
    const again = await startBroker({ port });
    expect(again).toMatchObject({ status: 'already-running', pid: before.pid, brokers });
    expect(again.elapsedMs).toBeLessThan(5_000);
    expect(Number(readFileSync(brokerFiles(port).pidFile, 'utf8'))).toBe(before.pid);
  });

  it('answers clients and creates topics once', async () => {
    expect(await brokerAnswers(brokers)).toBe(true);
    const topic = `test.tool.${Date.now()}`;
    expect(await ensureTopics(brokers, [{ topic, numPartitions: 2, replicationFactor: 1 }])).toEqual([topic]);
    expect(await ensureTopics(brokers, [{ topic, numPartitions: 2, replicationFactor: 1 }])).toEqual([]);
  });

  it('treats stopping a broker that is not running as done', async () => {
    const unused = port + 7;
    expect(existsSync(brokerFiles(unused).pidFile)).toBe(false);
    expect(await stopBroker({ port: unused })).toMatchObject({ status: 'not-running' });
  });

  it('writes a loopback-only KRaft configuration without topic auto-creation', () => {
    const properties = renderServerProperties({ port: 1234, controllerPort: 1235, dataDir: '/data' });
    expect(properties).toContain('listeners=PLAINTEXT://127.0.0.1:1234,CONTROLLER://127.0.0.1:1235\n');
    expect(properties).toContain('controller.quorum.voters=1@127.0.0.1:1235\n');
    expect(properties).toContain('auto.create.topics.enable=false\n');
    expect(properties).toContain('log.dirs=/data\n');
    expect(properties).not.toMatch(/0\.0\.0\.0|localhost/);
  });
});
