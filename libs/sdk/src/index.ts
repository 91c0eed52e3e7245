// The universal entry (browsers and Node): nothing here may import a Node built-in. The Node client with
// its disk spool is `@uplift/sdk/node`.
import { UpliftClient, type UpliftClientOptions } from './core/client';
import { compressionStreamGzip } from './core/compression-stream';

export {
  DEFAULT_MAX_BATCH_BYTES,
  MAX_EVENTS_PER_REQUEST,
  MAX_REQUEST_BYTES,
  UpliftClient,
  type Delivery,
  type FlushResult,
  type UpliftClientOptions,
} from './core/client';
export { backoffDelayMs, DEFAULT_RETRY_POLICY, parseRetryAfterMs, type RetryPolicy } from './core/backoff';
export { compressionStreamGzip } from './core/compression-stream';
export { UpliftSdkError, type UpliftSdkErrorCode, type UpliftWarning, type UpliftWarningCode } from './core/errors';
export {
  actorIsOptional,
  type Actor,
  type ActorlessEventType,
  type AiAttribution,
  type EventContext,
  type EventDataByType,
  type EventType,
  type FieldError,
  type Rejection,
  type Source,
  type TrackInput,
  type TrackOptions,
  type UpliftEvent,
} from './core/event-types';
export type { Spool, SpoolChunk, SpoolLease, SpoolStats } from './core/spool';
export type { Compressor, FetchLike } from './core/transport';
export {
  createUuidV7Generator,
  formatUuid,
  UUID_PATTERN,
  UUID_V4_OR_V7_PATTERN,
  UUID_V7_PATTERN,
  uuidv7,
  uuidV7Time,
  type UuidV7Options,
} from './core/uuid';

/** A client for any platform with `fetch`: gzip through `CompressionStream` where available, no spool. */
export function createUpliftClient(options: UpliftClientOptions): UpliftClient {
  const compress = options.compress ?? compressionStreamGzip();
  return new UpliftClient({ ...options, ...(compress ? { compress } : {}) });
}
