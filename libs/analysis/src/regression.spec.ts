/*
 * Reference values: statsmodels 0.15.0 OLS (Python 3.11), never this library.
 *
 *   import numpy as np, statsmodels.api as sm
 *   share = [0.05, 0.12, 0.18, 0.22, 0.08, 0.31, 0.27, 0.15, 0.35, 0.02, 0.41, 0.19]
 *   lead = [42.0, 38.5, 35.1, 36.8, 44.2, 30.4, 33.0, 39.9, 28.7, 47.5, 29.9, 34.6]
 *   fit = sm.OLS(lead, sm.add_constant(share)).fit()
 *   fit.params (intercept, slope), fit.conf_int(0.05), fit.conf_int(0.10), fit.rsquared, np.sqrt(fit.scale), fit.pvalues[1]
 *   acc = [0.21, 0.34, 0.28, 0.45, 0.31, 0.19, 0.38, 0.26, 0.41, 0.30, 0.24, 0.36, 0.29, 0.33, 0.22, 0.40, 0.27, 0.35, 0.32, 0.25]
 *   rev = [5.2, 4.1, 6.3, 5.0, 3.8, 4.9, 6.1, 5.5, 4.4, 5.8, 4.0, 5.1, 6.6, 4.7, 5.3, 4.6, 3.9, 5.9, 4.2, 5.6]
 *   fit = sm.OLS(rev, sm.add_constant(acc)).fit()   # same attributes
 */
import { describe, expect, it } from 'vitest';
import { catchAnalysisError, expectIntervalCloseTo } from '../test/expectations';
import { ols } from './regression';

const SHARE = [0.05, 0.12, 0.18, 0.22, 0.08, 0.31, 0.27, 0.15, 0.35, 0.02, 0.41, 0.19];
const LEAD_HOURS = [42.0, 38.5, 35.1, 36.8, 44.2, 30.4, 33.0, 39.9, 28.7, 47.5, 29.9, 34.6];
const ACCEPTANCE = [
  0.21, 0.34, 0.28, 0.45, 0.31, 0.19, 0.38, 0.26, 0.41, 0.3, 0.24, 0.36, 0.29, 0.33, 0.22, 0.4, 0.27, 0.35, 0.32, 0.25,
];
const REVIEW_HOURS = [5.2, 4.1, 6.3, 5.0, 3.8, 4.9, 6.1, 5.5, 4.4, 5.8, 4.0, 5.1, 6.6, 4.7, 5.3, 4.6, 3.9, 5.9, 4.2, 5.6];

describe('ols', () => {
  it('matches statsmodels OLS on 12 team-weeks', () => {
    const result = ols(SHARE, LEAD_HOURS);
    expect(result.n).toBe(12);
    expect(result.slope).toBeCloseTo(-45.954151494948476, 8);
    expect(result.intercept).toBeCloseTo(45.71602133442741, 8);
    expectIntervalCloseTo(result.slopeCi, [-57.26987197722494, -34.638431012672015], 6);
    expectIntervalCloseTo(result.interceptCi, [43.13832935076651, 48.29371331808831], 6);
    expect(result.rSquared).toBeCloseTo(0.8911605432222859, 10);
    expect(result.residualStdError).toBeCloseTo(2.0471775308613895, 10);
    expect(result.slopePValue).toBeCloseTo(3.942069445886919e-6, 12);
  });

  it('honours the confidence level (statsmodels conf_int(0.10))', () => {
    const result = ols(SHARE, LEAD_HOURS, { confidence: 0.9 });
    expectIntervalCloseTo(result.slopeCi, [-55.15883074213581, -36.74947224776114], 6);
    expectIntervalCloseTo(result.interceptCi, [43.619219107401086, 47.81282356145373], 6);
  });

  it('matches statsmodels OLS on 20 developer-months with no relation', () => {
    const result = ols(ACCEPTANCE, REVIEW_HOURS);
    expect(result.slope).toBeCloseTo(-0.8252221752010103, 8);
    expect(result.intercept).toBeCloseTo(5.30416842996191, 8);
    expectIntervalCloseTo(result.slopeCi, [-6.691678095850785, 5.041233745448764], 6);
    expectIntervalCloseTo(result.interceptCi, [3.452839115168235, 7.155497744755586], 6);
    expect(result.rSquared).toBeCloseTo(0.004828756914154186, 10);
    expect(result.residualStdError).toBeCloseTo(0.8584751556080998, 10);
    expect(result.slopePValue).toBeCloseTo(0.7709693170117011, 8);
  });

  it('fits an exact line with zero residual spread and p = 0', () => {
    const xs = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    const result = ols(
      xs,
      xs.map((x) => 2.5 * x - 4),
    );
    expect(result.slope).toBeCloseTo(2.5, 12);
    expect(result.intercept).toBeCloseTo(-4, 12);
    expect(result.rSquared).toBe(1);
    expect(result.residualStdError).toBeCloseTo(0, 12);
    expect(result.slopePValue).toBeLessThan(1e-12);
    expectIntervalCloseTo(result.slopeCi, [2.5, 2.5], 10);
  });

  it('throws ZERO_VARIANCE for a constant x (the slope is undefined)', () => {
    const error = catchAnalysisError(() => ols([3, 3, 3, 3], [1, 2, 3, 4]));
    expect(error.code).toBe('ZERO_VARIANCE');
    expect(error.message).toBe('ols regression is undefined: x has zero variance (all 4 values are 3)');
  });

  it('needs at least 3 pairs for a residual degree of freedom', () => {
    const error = catchAnalysisError(() => ols([1, 2], [3, 5]));
    expect(error.code).toBe('INSUFFICIENT_DATA');
    expect(error.message).toBe('ols regression needs at least 3 pairs; got 2');
  });
});
