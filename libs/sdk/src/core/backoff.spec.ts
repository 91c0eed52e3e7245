import { describe, expect, it } from 'vitest';
import { backoffDelayMs, parseRetryAfterMs } from './backoff';

const policy = { baseDelayMs: 100, maxDelayMs: 1000 };

describe('backoffDelayMs (exponential, full jitter)', () => {
  it('draws uniformly below a ceiling that doubles per retry up to the maximum', () => {
    const highest = () => 0.999999;
    expect([0, 1, 2, 3, 4, 5].map((retry) => backoffDelayMs(retry, policy, highest))).toEqual([99, 199, 399, 799, 999, 999]);
    expect([0, 1, 2, 3, 4, 5].map((retry) => backoffDelayMs(retry, policy, () => 0))).toEqual([0, 0, 0, 0, 0, 0]);
    expect([0, 1, 2, 3].map((retry) => backoffDelayMs(retry, policy, () => 0.5))).toEqual([50, 100, 200, 400]);
  });

  it('stays within [0, ceiling) for any random source, including one returning exactly 1', () => {
    for (let retry = 0; retry < 12; retry += 1) {
      const ceiling = Math.min(1000, 100 * 2 ** retry);
      for (const draw of [0, 0.25, 0.5, 0.75, 1]) {
        const delay = backoffDelayMs(retry, policy, () => draw);
        expect(delay).toBeGreaterThanOrEqual(0);
        expect(delay).toBeLessThan(ceiling);
      }
    }
  });
});

describe('parseRetryAfterMs', () => {
  const now = Date.parse('2026-03-02T10:00:00Z');

  it('reads delay-seconds', () => {
    expect(parseRetryAfterMs('3', now)).toBe(3000);
    expect(parseRetryAfterMs(' 0 ', now)).toBe(0);
  });

  it('reads an HTTP date relative to now, and never returns a negative wait', () => {
    expect(parseRetryAfterMs('Mon, 02 Mar 2026 10:00:07 GMT', now)).toBe(7000);
    expect(parseRetryAfterMs('Mon, 02 Mar 2026 09:59:00 GMT', now)).toBe(0);
  });

  it('ignores absent or unreadable values', () => {
    expect(parseRetryAfterMs(null, now)).toBeUndefined();
    expect(parseRetryAfterMs('', now)).toBeUndefined();
    expect(parseRetryAfterMs('soon', now)).toBeUndefined();
    expect(parseRetryAfterMs('-5', now)).toBeUndefined();
  });
});
