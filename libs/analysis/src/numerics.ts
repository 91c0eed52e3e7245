import jStat from 'jstat';
import type * as SimpleStatistics from 'simple-statistics' with { 'resolution-mode': 'import' };
import { AnalysisError } from './errors';

// simple-statistics types itself as ESM only, yet its package "require" export is a CommonJS build,
// which is what this CommonJS library loads (a static import would not type-check under node16).
export const stats: typeof SimpleStatistics = require('simple-statistics');

/** A two-sided interval as `[low, high]`; a tuple so it serialises as a two-element JSON array. */
export type Interval = [low: number, high: number];

/** The confidence level shared by every routine that returns an interval. */
export type ConfidenceOptions = { confidence?: number };

export const DEFAULT_CONFIDENCE = 0.95;

/** Validates a confidence level in (0, 1), defaulting to 95 %. */
export function resolveConfidence(confidence: number | undefined): number {
  const level = confidence ?? DEFAULT_CONFIDENCE;
  if (!Number.isFinite(level) || level <= 0 || level >= 1) {
    throw new AnalysisError('INVALID_INPUT', `confidence must be between 0 and 1 (exclusive); got ${level}`);
  }
  return level;
}

/** Throws INVALID_INPUT unless every value is a finite number. */
export function assertFinite(values: readonly number[], what: string): void {
  const index = values.findIndex((value) => typeof value !== 'number' || !Number.isFinite(value));
  if (index >= 0) {
    throw new AnalysisError('INVALID_INPUT', `${what} must be finite numbers; item ${index} is ${String(values[index])}`);
  }
}

/** True when all values are equal, tested exactly: a variance can come out a few ulps above 0 for equal values. */
export function isConstant(values: readonly number[]): boolean {
  return values.every((value) => value === values[0]);
}

/** Two-sided critical value of the standard normal: z such that P(|Z| ≤ z) = confidence. */
export function normalCritical(confidence: number): number {
  return jStat.normal.inv(1 - (1 - confidence) / 2, 0, 1);
}

/** Two-sided critical value of Student's t with the given degrees of freedom. */
export function tCritical(confidence: number, degreesOfFreedom: number): number {
  return jStat.studentt.inv(1 - (1 - confidence) / 2, degreesOfFreedom);
}

/** Two-sided p-value of a t statistic; the lower tail is used so tiny p-values keep their precision. */
export function tTwoSidedPValue(t: number, degreesOfFreedom: number): number {
  if (!Number.isFinite(t)) return 0;
  return Math.min(1, 2 * jStat.studentt.cdf(-Math.abs(t), degreesOfFreedom));
}

/** Quantile of the chi-square distribution. */
export function chiSquareQuantile(p: number, degreesOfFreedom: number): number {
  return jStat.chisquare.inv(p, degreesOfFreedom);
}

/** P(B ≤ k) for B ~ Binomial(trials, probability). */
export function binomialCdf(k: number, trials: number, probability: number): number {
  return jStat.binomial.cdf(k, trials, probability);
}
