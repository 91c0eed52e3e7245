import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KafkaError, type ConsumedBatch, type KafkaAdmin } from '../src';
import { consumeCount, latch, newAdmin, newConsumer, newProducer, newTopic, uniqueName, values } from './support';

let admin: KafkaAdmin;
beforeAll(() => void (admin = newAdmin()));
afterAll(() => admin.close());

const offsets = (batches: ConsumedBatch[]) => batches.flatMap((batch) => batch.messages.map((message) => message.offset));
const committed = async (groupId: string, topic: string) => (await admin.committedOffsets(groupId, topic)).map(({ offset }) => offset);

/** `count` messages m0..m(count-1) written to a one-partition topic in a single request. */
async function topicWithMessages(prefix: string, count: number): Promise<string> {
  const topic = await newTopic(admin, prefix);
  const producer = newProducer(topic);
  await producer.send(Array.from({ length: count }, (_, index) => ({ key: 'dev-1', value: `m${index}` })));
  await producer.close();
  return topic;
}

describe('createKafkaBatchConsumer', () => {
  it('delivers every message once, committing each chunk only after its handler resolved', async () => {
    const topic = await newTopic(admin, 'exactly-once', 3);
    const producer = newProducer(topic);
    await Promise.all(
      Array.from({ length: 6 }, (_, call) =>
        producer.send(Array.from({ length: 50 }, (_, index) => ({ key: `dev-${index % 10}`, value: `m${call * 50 + index}` }))),
      ),
    );
    await producer.close();

    const groupId = uniqueName('exactly-once');
    const commitSeenByHandler: { first: string; committed: string }[] = [];
    const received: string[] = [];
    let all!: () => void;
    const allReceived = new Promise<void>((resolve) => (all = resolve));
    const consumer = newConsumer(topic, groupId, { maxChunkMessages: 40 });
    const running = consumer.run(async (batch) => {
      // while the handler runs, the group's offset still points at this chunk's first message
      const partitionOffsets = await admin.committedOffsets(groupId, topic);
      const current = partitionOffsets.find(({ partition }) => partition === batch.partition)?.offset ?? '-1';
      commitSeenByHandler.push({ first: batch.messages[0].offset, committed: current });
      received.push(...values(batch.messages).map(String));
      if (received.length === 300) all();
    });
    await allReceived;
    await consumer.stop();
    await running;

    expect(received).toHaveLength(300);
    expect(new Set(received).size).toBe(300);
    for (const { first, committed: seen } of commitSeenByHandler) expect(seen).toBe(first === '0' ? '-1' : first);
    expect(commitSeenByHandler.length).toBeGreaterThan(3);
    const ends = (await admin.endOffsets(topic)).map(({ offset }) => offset);
    expect(await committed(groupId, topic)).toEqual(ends);
  });

  it('commits nothing of a chunk the handler failed; a new member of the group re-reads from its first offset', async () => {
    const topic = await topicWithMessages('crash', 10);
    const groupId = uniqueName('crash');
    const handled: ConsumedBatch[] = [];
    const crashes: KafkaError[] = [];
    const failing = newConsumer(topic, groupId, { maxChunkMessages: 3, onCrash: (error) => crashes.push(error) });

    const outcome = await failing
      .run(async (batch) => {
        if (batch.messages[0].offset === '6') throw new Error('sink refused the insert');
        handled.push(batch);
      })
      .catch((error: unknown) => error);

    expect(outcome).toBeInstanceOf(KafkaError);
    expect(outcome).toMatchObject({ code: 'CONSUMER_CRASHED', cause: expect.objectContaining({ message: 'sink refused the insert' }) });
    expect(crashes).toEqual([outcome]);
    expect(offsets(handled)).toEqual(['0', '1', '2', '3', '4', '5']);
    expect(await committed(groupId, topic)).toEqual(['6']);
    await failing.stop();

    const successor = await consumeCount(newConsumer(topic, groupId, { maxChunkMessages: 3 }), 4);
    expect(successor.map((message) => message.offset)).toEqual(['6', '7', '8', '9']);
    expect(values(successor)).toEqual(['m6', 'm7', 'm8', 'm9']);
    expect(await committed(groupId, topic)).toEqual(['10']);
  });

  it('stop() lets the chunk in flight finish and commits it before leaving', async () => {
    const topic = await topicWithMessages('drain', 10);
    const groupId = uniqueName('drain');
    const entered = latch();
    const release = latch();
    const handled: ConsumedBatch[] = [];
    const consumer = newConsumer(topic, groupId, { maxChunkMessages: 4 });
    const running = consumer.run(async (batch) => {
      entered.open();
      await release.opened;
      handled.push(batch);
    });

    await entered.opened;
    let stopped = false;
    const stopping = consumer.stop().then(() => (stopped = true));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(stopped).toBe(false);
    expect(await committed(groupId, topic)).toEqual(['-1']);

    release.open();
    await stopping;
    await running;
    expect(offsets(handled)).toEqual(['0', '1', '2', '3']);
    expect(await committed(groupId, topic)).toEqual(['4']);

    const successor = await consumeCount(newConsumer(topic, groupId), 6);
    expect(values(successor)).toEqual(['m4', 'm5', 'm6', 'm7', 'm8', 'm9']);
  });

  it('hands partitions over on a rebalance without losing or repeating a committed message', async () => {
    const topic = await newTopic(admin, 'rebalance', 2);
    const producer = newProducer(topic);
    await producer.send(Array.from({ length: 300 }, (_, index) => ({ key: `dev-${index % 8}`, value: `m${index}` })));
    await producer.close();

    const groupId = uniqueName('rebalance');
    const seen: string[] = [];
    const partitionsBy = { first: new Set<number>(), second: new Set<number>() };
    let all!: () => void;
    const allSeen = new Promise<void>((resolve) => (all = resolve));
    const slowHandler = (member: keyof typeof partitionsBy) => async (batch: ConsumedBatch) => {
      // slow enough that the first member alone would need 3 s: the second one joins well before the end
      await new Promise((resolve) => setTimeout(resolve, 100));
      partitionsBy[member].add(batch.partition);
      seen.push(...values(batch.messages).map(String));
      if (new Set(seen).size === 300) all();
    };
    const first = newConsumer(topic, groupId, { maxChunkMessages: 10, heartbeatIntervalMs: 200 });
    const firstRunning = first.run(slowHandler('first'));
    while (seen.length < 20) await new Promise((resolve) => setTimeout(resolve, 20));
    // a second member joins mid-stream: the first finishes its chunk, commits, and gives a partition up
    const second = newConsumer(topic, groupId, { maxChunkMessages: 10, heartbeatIntervalMs: 200 });
    const secondRunning = second.run(slowHandler('second'));

    await allSeen;
    await Promise.all([first.stop(), second.stop()]);
    await Promise.all([firstRunning, secondRunning]);
    expect(seen).toHaveLength(300);
    expect(new Set(seen).size).toBe(300);
    expect(partitionsBy.first.size).toBe(2);
    expect(partitionsBy.second.size).toBe(1);
    const ends = (await admin.endOffsets(topic)).map(({ offset }) => offset);
    expect(await committed(groupId, topic)).toEqual(ends);
  });
});
