import { expect } from 'vitest';
import { AnalysisError } from '../src/errors';
import type { Interval } from '../src/numerics';

/** Runs action and returns the AnalysisError it throws; fails the test on any other outcome. */
export function catchAnalysisError(action: () => unknown): AnalysisError {
  try {
    action();
  } catch (error) {
    if (error instanceof AnalysisError) return error;
    throw error;
  }
  throw new Error('expected an AnalysisError, but nothing was thrown');
}

/** Both bounds close to the reference at `digits` decimals (toBeCloseTo semantics). */
export function expectIntervalCloseTo(actual: Interval | null, expected: Interval, digits = 6): void {
  expect(actual).not.toBeNull();
  expect(actual![0]).toBeCloseTo(expected[0], digits);
  expect(actual![1]).toBeCloseTo(expected[1], digits);
}
