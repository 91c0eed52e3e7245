import { ApiError } from '../../common/api-error';

export class WebhookNotFoundError extends ApiError {
  constructor(id: string) {
    super(404, 'NOT_FOUND', `no webhook "${id}"`, { webhook: id });
  }
}

/** Missing or wrong signature / token: nothing of the request is read further. */
export class WebhookSignatureError extends ApiError {
  constructor(message: string) {
    super(401, 'UNAUTHENTICATED', message);
  }
}

/** The payload cannot be mapped: names the field (a dotted path into the provider's payload, or a header). */
export class WebhookPayloadError extends ApiError {
  constructor(readonly field: string, readonly reason: string) {
    super(400, 'INVALID_REQUEST', `${field}: ${reason}`, { field });
  }
}

/** Webhook secrets are encrypted with UPLIFT_SECRET_KEY; with a ClickHouse server (several replicas) it must be set. */
export class SecretKeyMissingError extends Error {
  readonly code = 'INVALID_CONFIG';
  constructor() {
    super(
      'UPLIFT_SECRET_KEY: must be set to use webhooks with a ClickHouse server (CLICKHOUSE_URL): every api/collector replica needs the same key to read webhook secrets (e.g. `openssl rand -hex 32`)',
    );
    this.name = 'SecretKeyMissingError';
  }
}
