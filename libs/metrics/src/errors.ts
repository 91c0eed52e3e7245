export type MetricQueryErrorCode = 'UNKNOWN_METRIC' | 'INVALID_PARAMETER';

/** A metric request that cannot be answered as asked; the API maps it to a 400 that names the parameter. */
export class MetricQueryError extends Error {
  readonly code: MetricQueryErrorCode;
  readonly parameter?: string;
  readonly value?: unknown;

  constructor(code: MetricQueryErrorCode, message: string, details: { parameter?: string; value?: unknown } = {}) {
    super(message);
    this.name = 'MetricQueryError';
    this.code = code;
    this.parameter = details.parameter;
    this.value = details.value;
  }
}
