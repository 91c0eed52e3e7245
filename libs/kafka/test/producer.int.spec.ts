import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKafkaProducer, KafkaError, type KafkaAdmin } from '../src';
import { consumeCount, newAdmin, newConsumer, newProducer, newTopic, uniqueName, values } from './support';

let admin: KafkaAdmin;
beforeAll(() => void (admin = newAdmin()));
afterAll(() => admin.close());

/** A loopback port that was free a moment ago and has no listener now. */
async function closedPort(): Promise<number> {
  const server = net.createServer().listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('createKafkaProducer', () => {
  it('resolves send() once the broker holds the messages: a fresh consumer from offset 0 reads them all', async () => {
    const topic = await newTopic(admin, 'acks', 2);
    const producer = newProducer(topic);
    const sent = Array.from({ length: 60 }, (_, index) => ({ key: `dev-${index % 7}`, value: `event-${index}`, headers: { 'event-id': `id-${index}` } }));
    // ten callers at once, as collector requests would be: they share requests through the linger
    await Promise.all(Array.from({ length: 10 }, (_, call) => producer.send(sent.slice(call * 6, call * 6 + 6))));

    const ends = await admin.endOffsets(topic);
    expect(ends.reduce((sum, { offset }) => sum + Number(offset), 0)).toBe(60);

    const received = await consumeCount(newConsumer(topic, uniqueName('acks-reader')), 60);
    expect(received).toHaveLength(60);
    expect(new Set(values(received))).toEqual(new Set(sent.map((message) => message.value)));
    const byValue = new Map(received.map((message) => [message.value?.toString(), message]));
    expect(byValue.get('event-13')).toMatchObject({ key: 'dev-6', headers: { 'event-id': 'id-13' } });
    await producer.close();
  });

  it('keeps the order of each key: one partition per key, offsets in send order', async () => {
    const topic = await newTopic(admin, 'order', 4);
    const producer = newProducer(topic, { lingerMs: 5, maxBatchMessages: 16 });
    const keys = Array.from({ length: 8 }, (_, index) => `org-1:dev-${index}`);
    const sends: Promise<void>[] = [];
    for (let sequence = 0; sequence < 25; sequence++) {
      for (const key of keys) sends.push(producer.send([{ key, value: String(sequence) }]));
    }
    await Promise.all(sends);

    const received = await consumeCount(newConsumer(topic, uniqueName('order-reader')), 200);
    for (const key of keys) {
      const ofKey = received.filter((message) => message.key === key);
      expect(new Set(ofKey.map((message) => message.partition)).size).toBe(1);
      const inOffsetOrder = [...ofKey].sort((left, right) => Number(BigInt(left.offset) - BigInt(right.offset)));
      expect(values(inOffsetOrder)).toEqual(Array.from({ length: 25 }, (_, sequence) => String(sequence)));
    }
    expect(new Set(received.map((message) => message.partition)).size).toBeGreaterThan(1);
    await producer.close();
  });

  it('rejects send() within its time limit when nothing listens on the broker port', async () => {
    const port = await closedPort();
    const producer = createKafkaProducer({
      brokers: [`127.0.0.1:${port}`],
      clientId: 'test-no-broker',
      topic: 'nowhere',
      connectionTimeoutMs: 300,
      retries: 1,
      sendTimeoutMs: 2_000,
      logLevel: 'nothing',
    });
    const started = Date.now();
    const error = await producer.send([{ key: 'k', value: 'v' }]).catch((failure: unknown) => failure);
    expect(error).toBeInstanceOf(KafkaError);
    expect(['SEND_FAILED', 'SEND_TIMEOUT']).toContain((error as KafkaError).code);
    expect(Date.now() - started).toBeLessThan(2_500);
    await producer.close();
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('rejects send() at sendTimeoutMs when the broker accepts connections but never answers', async () => {
    const sockets: net.Socket[] = [];
    const silent = net.createServer((socket) => sockets.push(socket)).listen(0, '127.0.0.1');
    await new Promise((resolve) => silent.once('listening', resolve));
    const { port } = silent.address() as net.AddressInfo;
    const producer = createKafkaProducer({
      brokers: [`127.0.0.1:${port}`],
      clientId: 'test-silent-broker',
      topic: 'nowhere',
      requestTimeoutMs: 10_000,
      sendTimeoutMs: 1_500,
      logLevel: 'nothing',
    });
    const started = Date.now();
    await expect(producer.send([{ key: 'k', value: 'v' }])).rejects.toMatchObject({ code: 'SEND_TIMEOUT' });
    const elapsed = Date.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(1_400);
    expect(elapsed).toBeLessThan(2_500);
    await producer.close();
    expect(Date.now() - started).toBeLessThan(5_000);
    sockets.forEach((socket) => socket.destroy());
    await new Promise((resolve) => silent.close(resolve));
  });
});
