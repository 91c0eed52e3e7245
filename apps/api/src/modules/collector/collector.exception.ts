import { ApiError } from '../../common/api-error';

/** The durable store did not take the batch: nothing of the request was accepted, the client retries. */
export class StorageUnavailableError extends ApiError {
  constructor(cause: unknown) {
    super(503, 'STORAGE_UNAVAILABLE', 'the event store is unavailable; nothing was accepted, retry later', {}, { 'retry-after': '1' });
    this.cause = cause;
  }
}

/** Too many events are waiting to be written: shed load instead of queueing without bound. */
export class CollectorOverloadedError extends ApiError {
  constructor(retryAfterSeconds: number) {
    super(429, 'OVERLOADED', 'the collector is busy; retry after the delay in Retry-After', {}, {
      'retry-after': String(retryAfterSeconds),
    });
  }
}

export class PayloadTooLargeError extends ApiError {
  constructor(limitBytes: number, what: string) {
    super(413, 'PAYLOAD_TOO_LARGE', `${what} is larger than ${limitBytes} bytes`, { limitBytes });
  }
}

export class UnsupportedMediaTypeError extends ApiError {
  constructor(message: string) {
    super(415, 'UNSUPPORTED_MEDIA_TYPE', message);
  }
}
