import {
  resolveConfidence,
  stats,
  tCritical,
  tTwoSidedPValue,
  type ConfidenceOptions,
  type Interval,
} from './numerics';
import { checkPairedSample } from './paired-sample';

export type OlsResult = {
  n: number;
  slope: number;
  intercept: number;
  slopeCi: Interval;
  interceptCi: Interval;
  rSquared: number;
  residualStdError: number;
  /** Two-sided t-test of slope = 0, df n − 2. */
  slopePValue: number;
};

/** Ordinary least squares y = intercept + slope·x with t intervals (df n − 2) for both coefficients. */
export function ols(xs: readonly number[], ys: readonly number[], options: ConfidenceOptions = {}): OlsResult {
  const confidence = resolveConfidence(options.confidence);
  checkPairedSample('ols regression', xs, ys);
  const n = xs.length;
  const { m: slope, b: intercept } = stats.linearRegression(xs.map((x, index) => [x, ys[index]]));

  const meanX = stats.mean(xs);
  const meanY = stats.mean(ys);
  const sumSquaresX = stats.sum(xs.map((x) => (x - meanX) ** 2));
  const totalSumSquares = stats.sum(ys.map((y) => (y - meanY) ** 2));
  const residualSumSquares = stats.sum(ys.map((y, index) => (y - intercept - slope * xs[index]) ** 2));

  const degreesOfFreedom = n - 2;
  const residualStdError = Math.sqrt(residualSumSquares / degreesOfFreedom);
  const slopeSe = residualStdError / Math.sqrt(sumSquaresX);
  const interceptSe = residualStdError * Math.sqrt(1 / n + (meanX * meanX) / sumSquaresX);
  const critical = tCritical(confidence, degreesOfFreedom);

  return {
    n,
    slope,
    intercept,
    slopeCi: [slope - critical * slopeSe, slope + critical * slopeSe],
    interceptCi: [intercept - critical * interceptSe, intercept + critical * interceptSe],
    rSquared: Math.min(1, Math.max(0, 1 - residualSumSquares / totalSumSquares)),
    residualStdError,
    // A perfect fit has no residual spread: the slope is certain (checkPairedSample ruled out a flat line).
    slopePValue: slopeSe === 0 ? 0 : tTwoSidedPValue(slope / slopeSe, degreesOfFreedom),
  };
}
