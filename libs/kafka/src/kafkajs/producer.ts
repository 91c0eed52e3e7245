import { Partitioners, type Producer } from 'kafkajs';
import { KafkaError } from '../errors';
import { createSendBuffer } from '../send-buffer';
import type { EventLogProducer, KafkaProducerConfig, ProducerMessage } from '../types';
import { createKafkaJsClient, DEFAULT_REQUEST_TIMEOUT_MS } from './client';

const PARTITION_COUNT_TTL_MS = 60_000;

/**
 * acks=all producer for one topic. Idempotent, so the client's own retries do not duplicate a batch;
 * retries stay bounded and every send() has a deadline, so an unreachable broker fails a send instead of
 * hanging it. The murmur2 partitioner is the Java client's, so a key lands on the same partition
 * whichever client wrote it.
 */
export function createKafkaProducer(config: KafkaProducerConfig): EventLogProducer {
  const client = createKafkaJsClient(config);
  const producer: Producer = client.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    allowAutoTopicCreation: false,
    createPartitioner: Partitioners.DefaultPartitioner,
    retry: { retries: Math.max(1, config.retries ?? 5), initialRetryTime: 200, maxRetryTime: 5_000 },
  });
  const sendTimeoutMs = config.sendTimeoutMs ?? 30_000;

  // connect lazily and again after a failed attempt, so a broker that comes back is picked up
  let connected: Promise<void> | null = null;
  const connect = () => {
    connected ??= producer.connect().catch((error: unknown) => {
      connected = null;
      throw error;
    });
    return connected;
  };

  const flush = async (messages: ProducerMessage[]) => {
    await connect();
    await producer.sendBatch({
      acks: -1,
      timeout: config.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
      topicMessages: [{ topic: config.topic, messages }],
    });
  };

  const buffer = createSendBuffer({
    lingerMs: config.lingerMs ?? 5,
    maxBatchMessages: config.maxBatchMessages ?? 1_000,
    maxBatchBytes: config.maxBatchBytes ?? 512 * 1024,
    sendTimeoutMs,
    flush,
  });

  // the producer's own metadata is not public in kafkajs: an admin connection asks for the partition count
  const admin = client.admin();
  let adminConnected: Promise<void> | null = null;
  let partitions: { count: number; at: number } | null = null;
  const partitionCount = async (): Promise<number> => {
    if (partitions && Date.now() - partitions.at < PARTITION_COUNT_TTL_MS) return partitions.count;
    try {
      adminConnected ??= admin.connect();
      await adminConnected;
      const metadata = await admin.fetchTopicMetadata({ topics: [config.topic] });
      const count = metadata.topics[0]?.partitions.length ?? 0;
      if (count === 0) throw new Error(`topic ${config.topic} has no partitions`);
      partitions = { count, at: Date.now() };
      return count;
    } catch (error) {
      adminConnected = null;
      throw new KafkaError('SEND_FAILED', `partitions of ${config.topic} unknown: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
  };

  let closing: Promise<void> | null = null;
  return {
    send: (messages) => buffer.add(messages),
    partitionCount,
    close() {
      const drainAndDisconnect = async () => {
        await buffer.close();
        await producer.disconnect();
        if (adminConnected) await admin.disconnect();
      };
      // a batch or connection stuck on a dead broker must not hold close() longer than a send may wait;
      // the client still cleans up behind it when its own request timeout fires
      closing ??= resolveWithin(drainAndDisconnect(), sendTimeoutMs);
      return closing;
    },
  };
}

/** Settles with `work`, or resolves after `ms` if `work` is still running then. */
function resolveWithin(work: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const elapsed = new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)));
  return Promise.race([work, elapsed]).finally(() => clearTimeout(timer));
}
