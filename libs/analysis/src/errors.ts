export type AnalysisErrorCode = 'INSUFFICIENT_DATA' | 'ZERO_VARIANCE' | 'INVALID_INPUT';

/** Numbers the caller can use to word its own message (e.g. required 10, available 6, dropped 2). */
export type AnalysisErrorDetails = Readonly<Record<string, number | string>>;

/** An analysis that cannot be computed from the data given; the API maps it to a 4xx with the message. */
export class AnalysisError extends Error {
  readonly code: AnalysisErrorCode;
  readonly details: AnalysisErrorDetails;

  constructor(code: AnalysisErrorCode, message: string, details: AnalysisErrorDetails = {}) {
    super(message);
    this.name = 'AnalysisError';
    this.code = code;
    this.details = details;
  }
}
