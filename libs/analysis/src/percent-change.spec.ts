import { describe, expect, it } from 'vitest';
import { catchAnalysisError } from '../test/expectations';
import { percentChange } from './percent-change';

describe('percentChange', () => {
  it('is the change relative to the previous value', () => {
    expect(percentChange(120, 100)).toBeCloseTo(0.2, 12);
    expect(percentChange(0.28, 0.35)).toBeCloseTo(-0.2, 12);
    expect(percentChange(5, 5)).toBe(0);
  });

  it('divides by |previous| so a rise from a negative baseline is positive', () => {
    expect(percentChange(-5, -10)).toBeCloseTo(0.5, 12);
    expect(percentChange(-20, -10)).toBeCloseTo(-1, 12);
  });

  it('is null when a value is missing or the baseline is 0', () => {
    expect(percentChange(null, 10)).toBeNull();
    expect(percentChange(10, null)).toBeNull();
    expect(percentChange(10, 0)).toBeNull();
  });

  it('rejects non-finite values', () => {
    expect(catchAnalysisError(() => percentChange(Number.NaN, 1)).code).toBe('INVALID_INPUT');
  });
});
