export type RetryPolicy = {
  /** Sends per batch before it is given up on (and spooled when a spool is configured). */
  maxAttempts: number;
  /** The ceiling of the first retry's delay. */
  baseDelayMs: number;
  /** No ceiling grows beyond this. */
  maxDelayMs: number;
  /** A `Retry-After` longer than this is shortened to it. */
  maxRetryAfterMs: number;
};

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 5,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
  maxRetryAfterMs: 5 * 60_000,
};

/**
 * Exponential backoff with full jitter: a uniform draw in `[0, min(maxDelayMs, baseDelayMs · 2^retry))`,
 * so clients that failed together do not come back together. `retry` counts from 0.
 */
export function backoffDelayMs(retry: number, policy: Pick<RetryPolicy, 'baseDelayMs' | 'maxDelayMs'>, random: () => number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, retry));
  const draw = Math.min(Math.max(random(), 0), 1 - Number.EPSILON);
  return Math.floor(draw * ceiling);
}

/**
 * The wait a `Retry-After` header asks for, in milliseconds: delay-seconds (`120`) or an HTTP date
 * (`Wed, 21 Oct 2026 07:28:00 GMT`, measured against `nowMs`). `undefined` when absent or unreadable.
 */
export function parseRetryAfterMs(header: string | null | undefined, nowMs: number): number | undefined {
  if (header === null || header === undefined) return undefined;
  const value = header.trim();
  if (value === '') return undefined;
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  // An HTTP date names its day and month (`Wed, 21 Oct 2026 …`); bare numbers like `-5` are not dates.
  if (!/[a-z]{3}/i.test(value)) return undefined;
  const date = Date.parse(value);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - nowMs);
}
