import type { UpliftEvent } from './event-types';

export type UpliftSdkErrorCode =
  /** The collector refused the whole batch (400, 401, 413 after splitting, 415 or another 4xx): not retried. */
  | 'BATCH_REFUSED'
  /** One event is larger than a request may be: never sendable. */
  | 'EVENT_TOO_LARGE'
  /** The spool could not be written or read. */
  | 'SPOOL_FAILED'
  /** A bug or an unexpected platform failure, caught so `track()` and the timer never throw. */
  | 'INTERNAL';

/** A failure the caller should know about. Events it names are not retried. */
export class UpliftSdkError extends Error {
  override readonly name = 'UpliftSdkError';

  constructor(
    readonly code: UpliftSdkErrorCode,
    message: string,
    readonly details: { status?: number; events?: UpliftEvent[]; cause?: unknown } = {},
  ) {
    super(message);
  }

  get status(): number | undefined {
    return this.details.status;
  }

  get events(): UpliftEvent[] {
    return this.details.events ?? [];
  }
}

export type UpliftWarningCode =
  /** The collector could not be reached after every retry: the events were spooled (or kept in memory). */
  | 'OFFLINE'
  /** The spool reached its bounds: the oldest events were dropped. */
  | 'SPOOL_FULL'
  /** The in-memory queue reached its bound without a spool: the oldest events were dropped. */
  | 'QUEUE_FULL'
  /** Events still queued at shutdown were lost (no spool). */
  | 'DROPPED_ON_SHUTDOWN'
  /** `track()` after `shutdown()`: the event was ignored. */
  | 'CLOSED'
  /** A spooled line was not valid JSON and was skipped. */
  | 'SPOOL_CORRUPT';

export type UpliftWarning = { code: UpliftWarningCode; message: string; events?: number };
