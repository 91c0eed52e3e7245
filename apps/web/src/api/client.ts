import type { ApiErrorBody } from './types';

/** A failed API call: `status` 0 means the server could not be reached. */
export class ApiRequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly body?: ApiErrorBody,
  ) {
    super(message);
    this.name = 'ApiRequestError';
  }
}

let unauthenticatedHandler: (() => void) | undefined;

/** Called when any call other than the session probe answers 401: the session expired or was revoked. */
export function onUnauthenticated(handler: (() => void) | undefined): void {
  unauthenticatedHandler = handler;
}

const SESSION_PATH = '/api/v1/session';

/** A body sent as it is (a CSV file) rather than as JSON. */
export type RawBody = { raw: string; contentType: string };

const isRawBody = (body: unknown): body is RawBody => typeof body === 'object' && body !== null && 'raw' in body && 'contentType' in body;

/**
 * JSON over fetch with the session cookie (or a RawBody as it is); errors become ApiRequestError with the API's
 * code and message.
 */
export async function apiRequest<Result>(method: 'GET' | 'POST' | 'PATCH' | 'DELETE', path: string, body?: unknown, signal?: AbortSignal): Promise<Result> {
  let response: Response;
  const contentType = body === undefined ? undefined : isRawBody(body) ? body.contentType : 'application/json';
  try {
    response = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: { accept: 'application/json', ...(contentType ? { 'content-type': contentType } : {}) },
      ...(body === undefined ? {} : { body: isRawBody(body) ? body.raw : JSON.stringify(body) }),
      ...(signal ? { signal } : {}),
    });
  } catch (error: unknown) {
    if ((error as Error).name === 'AbortError') throw error;
    throw new ApiRequestError(0, 'NETWORK', (error as Error).message);
  }
  const text = response.status === 204 ? '' : await response.text();
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  if (!response.ok) {
    const errorBody = parsed && typeof parsed === 'object' ? (parsed as ApiErrorBody) : undefined;
    if (response.status === 401 && path !== SESSION_PATH) unauthenticatedHandler?.();
    throw new ApiRequestError(response.status, errorBody?.code ?? `HTTP_${response.status}`, errorBody?.message ?? response.statusText, errorBody);
  }
  return parsed as Result;
}

type CacheEntry = { promise: Promise<unknown>; storedAt: number };

/** Panels often ask for the same figures (a KPI and its chart): one request per URL, kept for a minute. */
const CACHE_TTL_MS = 60_000;
const cache = new Map<string, CacheEntry>();

export function cachedGet<Result>(path: string): Promise<Result> {
  const now = Date.now();
  const hit = cache.get(path);
  if (hit && now - hit.storedAt < CACHE_TTL_MS) return hit.promise as Promise<Result>;
  const promise = apiRequest<Result>('GET', path);
  cache.set(path, { promise, storedAt: now });
  // A failure is not remembered: Retry asks again.
  promise.catch(() => {
    if (cache.get(path)?.promise === promise) cache.delete(path);
  });
  return promise;
}

export function evictCached(paths: readonly string[]): void {
  for (const path of paths) cache.delete(path);
}

export function clearCache(): void {
  cache.clear();
}
