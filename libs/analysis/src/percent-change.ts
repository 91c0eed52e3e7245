import { AnalysisError } from './errors';

/** Relative change (current − previous) / |previous| for QoQ and YoY deltas; null when either is missing or previous is 0. */
export function percentChange(current: number | null, previous: number | null): number | null {
  if (current === null || previous === null) return null;
  if (!Number.isFinite(current) || !Number.isFinite(previous)) {
    throw new AnalysisError('INVALID_INPUT', `percent change needs finite values; got ${current} and ${previous}`);
  }
  // Dividing by |previous| keeps the sign meaning "went up" even when the baseline is negative.
  if (previous === 0) return null;
  return (current - previous) / Math.abs(previous);
}
