import { HttpException } from '@nestjs/common';

export type ApiErrorCode =
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'INVALID_REQUEST'
  | 'INVALID_PARAMETER'
  | 'UNKNOWN_METRIC'
  | 'NOT_FOUND'
  | 'PAYLOAD_TOO_LARGE'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'OVERLOADED'
  | 'STORAGE_UNAVAILABLE';

/** Every error the API returns: `{ statusCode, code, message, ...details }`, the message naming what is wrong. */
export class ApiError extends HttpException {
  constructor(
    status: number,
    readonly code: ApiErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super({ statusCode: status, code, message, ...details }, status);
  }
}

export const unauthenticated = (message: string) => new ApiError(401, 'UNAUTHENTICATED', message);
export const forbidden = (message: string) => new ApiError(403, 'FORBIDDEN', message);
export const invalidRequest = (message: string, details: Record<string, unknown> = {}) =>
  new ApiError(400, 'INVALID_REQUEST', message, details);
export const invalidParameter = (parameter: string, message: string, value?: unknown) =>
  new ApiError(400, 'INVALID_PARAMETER', message, value === undefined ? { parameter } : { parameter, value });
