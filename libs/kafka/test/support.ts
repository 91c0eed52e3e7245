import { randomUUID } from 'node:crypto';
import { inject } from 'vitest';
import {
  createKafkaAdmin,
  createKafkaBatchConsumer,
  createKafkaProducer,
  ensureTopics,
  type BatchConsumer,
  type ConsumedMessage,
  type KafkaAdmin,
  type KafkaBatchConsumerConfig,
  type KafkaClientConfig,
  type KafkaProducerConfig,
} from '../src';

/** The broker the vitest global setup started (tools/kafka). */
export const testBrokers = (): string[] => inject('kafkaBrokers').split(',');

/** Topic and group names of their own for every test: the broker is shared by the whole run. */
export const uniqueName = (prefix: string) => `test.${prefix}.${randomUUID().slice(0, 8)}`;

export const clientConfig = (clientId: string): KafkaClientConfig => ({ brokers: testBrokers(), clientId, logLevel: 'nothing' });

export const newAdmin = () => createKafkaAdmin(clientConfig('test-admin'));

export async function newTopic(admin: KafkaAdmin, prefix: string, numPartitions = 1): Promise<string> {
  const topic = uniqueName(prefix);
  await ensureTopics(admin, [{ topic, numPartitions, replicationFactor: 1 }]);
  return topic;
}

export const newProducer = (topic: string, overrides: Partial<KafkaProducerConfig> = {}) =>
  createKafkaProducer({ ...clientConfig('test-producer'), topic, lingerMs: 2, ...overrides });

export const newConsumer = (topic: string, groupId: string, overrides: Partial<KafkaBatchConsumerConfig> = {}) =>
  createKafkaBatchConsumer({ ...clientConfig('test-consumer'), groupId, topics: [topic], heartbeatIntervalMs: 500, ...overrides });

export type Received = ConsumedMessage & { partition: number };

/** Runs `consumer` until it has received `count` messages (or times out), stops it, returns them. */
export async function consumeCount(consumer: BatchConsumer, count: number, timeoutMs = 20_000): Promise<Received[]> {
  const received: Received[] = [];
  let enough!: () => void;
  const done = new Promise<void>((resolve) => (enough = resolve));
  const running = consumer.run(async (batch) => {
    received.push(...batch.messages.map((message) => ({ ...message, partition: batch.partition })));
    if (received.length >= count) enough();
  });
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`received ${received.length} of ${count} messages in ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    await Promise.race([done, running.then(() => timedOut), timedOut]);
  } finally {
    clearTimeout(timer);
    await consumer.stop();
  }
  await running;
  return received;
}

export const values = (messages: { value: Buffer | null }[]) => messages.map((message) => message.value?.toString() ?? null);

/** A promise with its resolve handle, for stepping a handler from the test. */
export function latch() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
}
