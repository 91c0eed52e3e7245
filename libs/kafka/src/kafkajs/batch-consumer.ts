import type { Batch, Consumer, EachBatchPayload, IHeaders, KafkaMessage } from 'kafkajs';
import { processInChunks } from '../chunked-batch';
import { KafkaError } from '../errors';
import type { BatchConsumer, BatchHandler, ConsumedBatch, ConsumedMessage, KafkaBatchConsumerConfig } from '../types';
import { createKafkaJsClient } from './client';

type ConsumerState = 'idle' | 'running' | 'stopping' | 'stopped' | 'crashed';

const MAX_RESTARTS_IN_A_ROW = 10;

const headerText = (value: IHeaders[string]): string | undefined => {
  // a repeated header name arrives as an array: the last value wins, as with HTTP-style maps
  const last = Array.isArray(value) ? value[value.length - 1] : value;
  return last === undefined ? undefined : last.toString();
};

function toConsumedMessage(message: KafkaMessage): ConsumedMessage {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(message.headers ?? {})) {
    const text = headerText(value);
    if (text !== undefined) headers[name] = text;
  }
  return {
    offset: message.offset,
    key: message.key ? message.key.toString('utf8') : null,
    value: message.value ?? null,
    headers,
    timestamp: Number(message.timestamp),
  };
}

const toConsumedBatch = (batch: Batch): ConsumedBatch => ({
  topic: batch.topic,
  partition: batch.partition,
  highWatermark: batch.highWatermark,
  messages: batch.messages.map(toConsumedMessage),
});

const describe = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Consumer-group member that hands fetched batches to a handler in chunks and commits each chunk's
 * offset only after the handler resolved. Any crash (the handler throwing, or the client giving up)
 * stops it for good: run() rejects and `onCrash` is called, nothing past the last commit is lost,
 * and the next member of the group re-reads from there.
 */
export function createKafkaBatchConsumer(config: KafkaBatchConsumerConfig): BatchConsumer {
  const maxChunkMessages = config.maxChunkMessages ?? 500;
  let state: ConsumerState = 'idle';
  let crashError: KafkaError | null = null;
  let restartsInARow = 0;
  let settleRun: { resolve: () => void; reject: (error: KafkaError) => void } | null = null;
  let starting: Promise<void> | null = null;
  let disconnecting: Promise<void> | null = null;

  const consumer: Consumer = createKafkaJsClient(config).consumer({
    groupId: config.groupId,
    sessionTimeout: config.sessionTimeoutMs ?? 30_000,
    heartbeatInterval: config.heartbeatIntervalMs ?? 3_000,
    maxBytesPerPartition: config.maxBytesPerPartition ?? 1024 * 1024,
    maxWaitTimeInMs: config.maxWaitTimeMs ?? 1_000,
    allowAutoTopicCreation: false,
    retry: {
      retries: config.retries ?? 5,
      initialRetryTime: 200,
      maxRetryTime: 5_000,
      // kafkajs restarts itself after a retriable error (a coordinator still loading, a broker restart);
      // not after a handler failure, and not forever: then it is a crash, and the process should exit
      restartOnFailure: async () => !crashError && ++restartsInARow <= MAX_RESTARTS_IN_A_ROW,
    },
  });
  consumer.on(consumer.events.GROUP_JOIN, () => (restartsInARow = 0));

  // kafkajs's disconnect stops fetching, waits for the eachBatch in progress, then leaves the group
  const disconnect = () => (disconnecting ??= consumer.disconnect().catch(() => undefined));

  const crash = (error: unknown) => {
    if (state === 'crashed' || state === 'stopped') return;
    state = 'crashed';
    crashError = error instanceof KafkaError ? error : new KafkaError('CONSUMER_CRASHED', `consumer ${config.groupId} crashed: ${describe(error)}`, { cause: error });
    const failure = crashError;
    config.onCrash?.(failure);
    // not awaited: this may run inside eachBatch, which the disconnect waits for
    void disconnect().then(() => settleRun?.reject(failure));
  };

  consumer.on(consumer.events.CRASH, (event) => {
    if (!event.payload.restart) crash(event.payload.error);
  });

  const eachBatch = (handler: BatchHandler) => async (payload: EachBatchPayload) => {
    // kafkajs retries a failed batch; after a crash the handler must not see it again
    if (crashError) throw crashError;
    const { batch } = payload;
    const guardedHandler: BatchHandler = async (chunk) => {
      try {
        await handler(chunk);
      } catch (error) {
        crash(error);
        throw error;
      }
    };
    await processInChunks(toConsumedBatch(batch), maxChunkMessages, guardedHandler, {
      resolveOffset: (offset) => payload.resolveOffset(offset),
      commit: (nextOffset) =>
        payload.commitOffsetsIfNecessary({ topics: [{ topic: batch.topic, partitions: [{ partition: batch.partition, offset: nextOffset }] }] }),
      heartbeat: () => payload.heartbeat(),
      shouldStop: () => state !== 'running' || !payload.isRunning() || payload.isStale(),
    });
  };

  return {
    run(handler) {
      if (state !== 'idle') return Promise.reject(new KafkaError('CONSUMER_STATE', `run() called on a ${state} consumer`));
      state = 'running';
      const finished = new Promise<void>((resolve, reject) => (settleRun = { resolve, reject }));
      starting = (async () => {
        await consumer.connect();
        await consumer.subscribe({ topics: config.topics, fromBeginning: config.fromBeginning ?? true });
        // stop() came while connecting: do not start fetching
        if (state !== 'running') return;
        await consumer.run({
          autoCommit: false,
          eachBatchAutoResolve: false,
          partitionsConsumedConcurrently: config.partitionsConsumedConcurrently ?? 1,
          eachBatch: eachBatch(handler),
        });
      })().catch(crash); // never rejects: a failed start is a crash
      return finished;
    },

    async stop() {
      if (state === 'running') state = 'stopping';
      if (state === 'idle') state = 'stopped';
      // a disconnect racing the connect would leave the connection open
      await starting;
      await disconnect();
      if (state === 'stopping') {
        state = 'stopped';
        settleRun?.resolve();
      }
    },
  };
}
