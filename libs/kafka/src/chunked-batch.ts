import type { BatchHandler, ConsumedBatch } from './types';

/** What the consumer loop needs from the client library for one fetched batch. */
export type BatchControl = {
  /** marks `offset` as processed, so the next fetch starts after it */
  resolveOffset(offset: string): void;
  /** commits `nextOffset` (last processed + 1) for the batch's partition */
  commit(nextOffset: string): Promise<void>;
  /** keeps the group membership alive; throws when the group is rebalancing */
  heartbeat(): Promise<void>;
  /** true once the consumer is stopping or the batch went stale (seek, rebalance) */
  shouldStop(): boolean;
};

export const nextOffset = (offset: string): string => (BigInt(offset) + 1n).toString();

/**
 * Hands a fetched batch to the handler in chunks. A chunk's offsets are resolved and committed only
 * after the handler resolved; a handler error propagates with that chunk uncommitted. Between chunks
 * the consumer heartbeats and checks whether to stop, so a stop or rebalance waits for at most one chunk.
 * Returns how many messages were handled.
 */
export async function processInChunks(
  batch: ConsumedBatch,
  maxChunkMessages: number,
  handler: BatchHandler,
  control: BatchControl,
): Promise<number> {
  let handled = 0;
  for (let start = 0; start < batch.messages.length; start += maxChunkMessages) {
    if (control.shouldStop()) break;
    const messages = batch.messages.slice(start, start + maxChunkMessages);
    await handler({ topic: batch.topic, partition: batch.partition, highWatermark: batch.highWatermark, messages });
    const lastOffset = messages[messages.length - 1].offset;
    control.resolveOffset(lastOffset);
    // commit before the heartbeat: a heartbeat that reports a rebalance must not cost this chunk's commit
    await control.commit(nextOffset(lastOffset));
    await control.heartbeat();
    handled += messages.length;
  }
  return handled;
}
