export type KafkaErrorCode =
  /** the broker did not acknowledge a send (unreachable, rejected, retries exhausted) */
  | 'SEND_FAILED'
  /** no acknowledgement within `sendTimeoutMs`: the messages may or may not be in the log */
  | 'SEND_TIMEOUT'
  | 'PRODUCER_CLOSED'
  /** the batch handler threw, or the client gave up: the consumer stopped without committing the chunk */
  | 'CONSUMER_CRASHED'
  | 'CONSUMER_STATE'
  | 'ADMIN_FAILED';

export class KafkaError extends Error {
  constructor(
    readonly code: KafkaErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'KafkaError';
  }
}
