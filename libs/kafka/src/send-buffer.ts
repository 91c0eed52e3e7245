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
  /** bytes of each message (messageBytes), so a send can be cut where a batch is full */
  sizes: number[];
  /** bytes of the messages not in a batch yet */
  restBytes: number;
  /** messages before this index are in a batch already */
  taken: number;
  /** batches holding part of this send that have not been acknowledged yet */
  outstanding: number;
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
 * racing for the same sequence numbers, and sends queued meanwhile form the next batch. A send() that
 * fits in a batch is never split; a larger one is cut into consecutive full batches (a broker refuses
 * a record batch over its message.max.bytes), sent in order. Each call resolves once every batch holding
 * part of it was acknowledged, and rejects when one of them failed or after `sendTimeoutMs`.
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

  type Part = { pending: PendingSend; from: number; to: number };

  /** takes messages [pending.taken, to) of the send at the head of the queue into the batch */
  const takeFromHead = (batch: Part[], to: number, bytes: number) => {
    const head = queue[0];
    batch.push({ pending: head, from: head.taken, to });
    queuedMessages -= to - head.taken;
    queuedBytes -= bytes;
    head.restBytes -= bytes;
    head.taken = to;
    head.outstanding += 1;
    if (to === head.messages.length) queue.shift();
  };

  const takeBatch = (): Part[] => {
    const batch: Part[] = [];
    let messages = 0;
    let bytes = 0;
    while (queue.length > 0) {
      const next = queue[0];
      const restMessages = next.messages.length - next.taken;
      // a send that timed out (or failed in an earlier batch) while queued is dropped: its caller was told
      if (next.settled) {
        queue.shift();
        queuedMessages -= restMessages;
        queuedBytes -= next.restBytes;
        continue;
      }
      if (messages + restMessages <= options.maxBatchMessages && bytes + next.restBytes <= options.maxBatchBytes) {
        messages += restMessages;
        bytes += next.restBytes;
        takeFromHead(batch, next.messages.length, next.restBytes);
        continue;
      }
      // a send that would fit in an empty batch waits for the next one; a larger one fills this batch
      const fitsAlone = restMessages <= options.maxBatchMessages && next.restBytes <= options.maxBatchBytes;
      if (fitsAlone && batch.length > 0) break;
      let to = next.taken;
      let partBytes = 0;
      while (to < next.messages.length && messages < options.maxBatchMessages && (messages === 0 || bytes + next.sizes[to] <= options.maxBatchBytes)) {
        messages += 1;
        bytes += next.sizes[to];
        partBytes += next.sizes[to];
        to += 1;
      }
      if (to > next.taken) takeFromHead(batch, to, partBytes);
      break;
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
    const messages: ProducerMessage[] = [];
    for (const part of batch) {
      for (let index = part.from; index < part.to; index += 1) messages.push(part.pending.messages[index]);
    }
    inFlight = options
      .flush(messages)
      .then(
        () =>
          batch.forEach(({ pending }) => {
            pending.outstanding -= 1;
            // resolved only once the last part of it was acknowledged
            if (pending.outstanding === 0 && pending.taken === pending.messages.length) settle(pending);
          }),
        (error: unknown) => {
          const failure = new KafkaError('SEND_FAILED', `send failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
          batch.forEach(({ pending }) => {
            pending.outstanding -= 1;
            settle(pending, failure);
          });
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
        const sizes = messages.map(messageBytes);
        const bytes = sizes.reduce((sum, size) => sum + size, 0);
        const pending: PendingSend = {
          messages,
          sizes,
          restBytes: bytes,
          taken: 0,
          outstanding: 0,
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
        queuedBytes += bytes;
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
