import { KafkaError } from './errors';
import type { ProducerMessage } from './types';

export type SendBufferOptions = {
  lingerMs: number;
  maxBatchMessages: number;
  maxBatchBytes: number;
  sendTimeoutMs: number;
  /** writes one batch; resolves once the broker acknowledged all of it */
  flush: (messages: ProducerMessage[]) => Promise<void>;
};

export type SendBuffer = {
  add(messages: ProducerMessage[]): Promise<void>;
  /** refuses new sends, flushes what is queued and waits for it */
  close(): Promise<void>;
};

type PendingSend = {
  messages: ProducerMessage[];
  bytes: number;
  settled: boolean;
  resolve: () => void;
  reject: (error: KafkaError) => void;
  timer: NodeJS.Timeout;
};

// A record's share of a request besides key, value and headers (varints, attributes, deltas).
const RECORD_OVERHEAD_BYTES = 24;

export function messageBytes(message: ProducerMessage): number {
  let bytes = RECORD_OVERHEAD_BYTES + Buffer.byteLength(message.key) + Buffer.byteLength(message.value);
  for (const [name, value] of Object.entries(message.headers ?? {})) {
    bytes += Buffer.byteLength(name) + Buffer.byteLength(value);
  }
  return bytes;
}

/**
 * The linger a Kafka client does itself and kafkajs does not: sends that arrive close together share
 * one request. One batch is in flight at a time, so an idempotent producer never has two requests
 * racing for the same sequence numbers, and sends queued meanwhile form the next batch. A send() call
 * is never split across batches; each call settles when its batch does, or after `sendTimeoutMs`.
 */
export function createSendBuffer(options: SendBufferOptions): SendBuffer {
  const queue: PendingSend[] = [];
  let queuedMessages = 0;
  let queuedBytes = 0;
  let inFlight: Promise<void> | null = null;
  let lingerTimer: NodeJS.Timeout | null = null;
  let closed = false;

  const settle = (pending: PendingSend, error?: KafkaError) => {
    if (pending.settled) return;
    pending.settled = true;
    clearTimeout(pending.timer);
    if (error) pending.reject(error);
    else pending.resolve();
  };

  const isFull = () => queuedMessages >= options.maxBatchMessages || queuedBytes >= options.maxBatchBytes;

  const takeBatch = (): PendingSend[] => {
    const batch: PendingSend[] = [];
    let messages = 0;
    let bytes = 0;
    while (queue.length > 0) {
      const next = queue[0];
      const fits = messages + next.messages.length <= options.maxBatchMessages && bytes + next.bytes <= options.maxBatchBytes;
      if (batch.length > 0 && !fits) break;
      queue.shift();
      queuedMessages -= next.messages.length;
      queuedBytes -= next.bytes;
      // a send that timed out while queued is dropped: its caller was already told it failed
      if (next.settled) continue;
      batch.push(next);
      messages += next.messages.length;
      bytes += next.bytes;
    }
    return batch;
  };

  const pump = () => {
    if (lingerTimer) {
      clearTimeout(lingerTimer);
      lingerTimer = null;
    }
    if (inFlight || queue.length === 0) return;
    const batch = takeBatch();
    if (batch.length === 0) return;
    inFlight = options
      .flush(batch.flatMap((pending) => pending.messages))
      .then(
        () => batch.forEach((pending) => settle(pending)),
        (error: unknown) => {
          const failure = new KafkaError('SEND_FAILED', `send failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
          batch.forEach((pending) => settle(pending, failure));
        },
      )
      .finally(() => {
        inFlight = null;
        // what queued up meanwhile has already waited at least one round trip: send it now
        pump();
      });
  };

  const schedule = () => {
    if (inFlight) return;
    if (isFull() || closed) pump();
    else lingerTimer ??= setTimeout(pump, options.lingerMs);
  };

  return {
    add(messages) {
      if (closed) return Promise.reject(new KafkaError('PRODUCER_CLOSED', 'producer is closed'));
      if (messages.length === 0) return Promise.resolve();
      return new Promise<void>((resolve, reject) => {
        const pending: PendingSend = {
          messages,
          bytes: messages.reduce((sum, message) => sum + messageBytes(message), 0),
          settled: false,
          resolve,
          reject,
          timer: setTimeout(
            () => settle(pending, new KafkaError('SEND_TIMEOUT', `no acknowledgement within ${options.sendTimeoutMs} ms`)),
            options.sendTimeoutMs,
          ),
        };
        queue.push(pending);
        queuedMessages += messages.length;
        queuedBytes += pending.bytes;
        schedule();
      });
    },

    async close() {
      closed = true;
      pump();
      while (inFlight) {
        await inFlight;
      }
    },
  };
}
