/*
 * Reference values: scipy 1.17.1 / statsmodels 0.15.0 (Python 3.11), never this library.
 *
 *   import numpy as np, scipy.stats as st
 *   from statsmodels.stats.proportion import proportion_confint
 *   from statsmodels.stats.rates import confint_poisson
 *
 *   # mean: Student-t interval
 *   cycle = [26.5, 31.0, 18.2, 44.7, 29.9, 35.3, 22.8, 40.1, 27.6]
 *   np.mean(cycle), np.std(cycle, ddof=1), st.t.interval(0.95, 8, loc=np.mean(cycle), scale=st.sem(cycle))  # and 0.80
 *   st.t.interval(0.95, 1, loc=4.0, scale=st.sem([3.0, 5.0]))
 *
 *   # proportion: Wilson score
 *   proportion_confint(s, n, alpha=0.05, method='wilson')  for (7, 23), (0, 15), (15, 15), (1, 3), (312, 1000); alpha=0.10 for (7, 23)
 *
 *   # median: lower median np.sort(x)[(n - 1) // 2], order-statistic interval
 *   st.quantile_test(x, q=np.median(x), p=0.5).confidence_interval(conf)   # nan bounds = no interval
 *
 *   # Poisson rate, exact Garwood interval
 *   lo = 0 if k == 0 else st.chi2.ppf(a / 2, 2 * k) / 2;  hi = st.chi2.ppf(1 - a / 2, 2 * k + 2) / 2;  both × per / exposure
 *   cross-check: confint_poisson(12, 8450, method='exact-c', alpha=0.05) = (0.0007337958708547003, 0.0024806609524469776) per line
 */
import { describe, expect, it } from 'vitest';
import { catchAnalysisError, expectIntervalCloseTo } from '../test/expectations';
import { meanWithInterval, medianWithInterval, proportionWithInterval, rateWithInterval } from './intervals';

const CYCLE_HOURS = [26.5, 31.0, 18.2, 44.7, 29.9, 35.3, 22.8, 40.1, 27.6];
const REVIEW_WAIT_HOURS = [
  2.1, 5.4, 3.3, 8.8, 1.2, 4.4, 6.7, 2.9, 3.8, 12.5, 4.1, 7.3, 2.2, 5.9, 3.1, 9.6, 4.8, 1.7, 6.1, 3.5, 2.6, 5.2, 14.0, 4.0,
  3.9, 7.8, 2.4, 6.4, 3.0, 5.0,
];
const ELEVEN = [12.5, 3.0, 7.25, 9.0, 15.5, 4.75, 8.0, 30.0, 6.5, 11.0, 5.5];

describe('meanWithInterval', () => {
  it('matches a scipy.stats.t.interval on 9 values', () => {
    const result = meanWithInterval(CYCLE_HOURS);
    expect(result.n).toBe(9);
    expect(result.mean).toBeCloseTo(30.67777777777778, 12);
    expect(result.sd).toBeCloseTo(8.307794198488818, 12);
    expectIntervalCloseTo(result.ci, [24.29184185239765, 37.06371370315791], 7);
  });

  it('honours the confidence level (t.interval(0.80))', () => {
    expectIntervalCloseTo(meanWithInterval(CYCLE_HOURS, { confidence: 0.8 }).ci, [26.809626402227632, 34.54592915332793], 7);
  });

  it('gives the very wide df = 1 interval for two values', () => {
    const result = meanWithInterval([3, 5]);
    expect(result).toMatchObject({ n: 2, mean: 4 });
    expect(result.sd).toBeCloseTo(1.4142135623730951, 12);
    expectIntervalCloseTo(result.ci, [-8.706204736174694, 16.706204736174694], 6);
  });

  it('has no interval for one value and no mean for none', () => {
    expect(meanWithInterval([7.5])).toEqual({ n: 1, mean: 7.5, sd: null, ci: null });
    expect(meanWithInterval([])).toEqual({ n: 0, mean: null, sd: null, ci: null });
  });

  it('rejects non-finite values', () => {
    const error = catchAnalysisError(() => meanWithInterval([1, Number.NaN]));
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toBe('mean values must be finite numbers; item 1 is NaN');
  });
});

describe('proportionWithInterval', () => {
  it.each([
    [7, 23, 0.30434782608695654, 0.1560402445321402, 0.5086575626875921],
    [0, 15, 0, 0, 0.20388330103584867],
    [15, 15, 1, 0.7961166989641513, 1],
    [1, 3, 0.3333333333333333, 0.06149194472039626, 0.7923403991979523],
    [312, 1000, 0.312, 0.2840496860924683, 0.3413891750981004],
  ])('%i of %i matches proportion_confint(method="wilson")', (successes, trials, p, low, high) => {
    const result = proportionWithInterval(successes, trials);
    expect(result.n).toBe(trials);
    expect(result.successes).toBe(successes);
    expect(result.p).toBeCloseTo(p, 12);
    expectIntervalCloseTo(result.ci, [low, high], 8);
  });

  it('keeps the bounds of 0 % and 100 % exactly at 0 and 1', () => {
    expect(proportionWithInterval(0, 15).ci![0]).toBe(0);
    expect(proportionWithInterval(15, 15).ci![1]).toBe(1);
  });

  it('honours the confidence level (alpha = 0.10)', () => {
    expectIntervalCloseTo(proportionWithInterval(7, 23, { confidence: 0.9 }).ci, [0.17424907814592938, 0.475631889511025], 8);
  });

  it('has no proportion without trials', () => {
    expect(proportionWithInterval(0, 0)).toEqual({ n: 0, successes: 0, p: null, ci: null });
  });

  it('rejects impossible counts', () => {
    for (const [successes, trials] of [
      [5, 4],
      [-1, 4],
      [1.5, 4],
      [1, Number.NaN],
    ] as const) {
      expect(catchAnalysisError(() => proportionWithInterval(successes, trials)).code).toBe('INVALID_INPUT');
    }
  });
});

describe('medianWithInterval', () => {
  it('matches scipy.stats.quantile_test for 11 values', () => {
    const result = medianWithInterval(ELEVEN);
    expect(result).toEqual({ n: 11, median: 8, ci: [4.75, 15.5] });
  });

  it('takes the lower of the two middle values for even n (quantileExactLow)', () => {
    // sorted: 3, 4.75, 6.5, 7.25, 8 | 9, 11, 12.5, 15.5, 30 → lower median 8, not the mean 8.5
    const result = medianWithInterval(ELEVEN.filter((value) => value !== 5.5));
    expect(result).toEqual({ n: 10, median: 8, ci: [4.75, 15.5] });
    expect(medianWithInterval([4, 1, 3, 2]).median).toBe(2);
  });

  it('matches scipy.stats.quantile_test for 30 values at 95 % and 99 %', () => {
    expect(medianWithInterval(REVIEW_WAIT_HOURS)).toEqual({ n: 30, median: 4.1, ci: [3.3, 5.9] });
    expect(medianWithInterval(REVIEW_WAIT_HOURS, { confidence: 0.99 }).ci).toEqual([3.0, 6.4]);
  });

  it('has no interval when n is too small for the level (n = 5 at 95 %: 2 × 0.5⁵ > 0.05)', () => {
    expect(medianWithInterval([4, 2, 9, 1, 6])).toEqual({ n: 5, median: 4, ci: null });
    expect(medianWithInterval([4, 2, 9, 1, 6], { confidence: 0.9 }).ci).toEqual([1, 9]);
    expect(medianWithInterval([4, 2, 9, 1, 6, 3])).toEqual({ n: 6, median: 3, ci: [1, 9] });
  });

  it('has no median for no values, and does not reorder the input', () => {
    expect(medianWithInterval([])).toEqual({ n: 0, median: null, ci: null });
    const values = [3, 1, 2];
    medianWithInterval(values);
    expect(values).toEqual([3, 1, 2]);
  });
});

describe('rateWithInterval', () => {
  it('matches the Garwood interval from scipy.stats.chi2.ppf: 12 defects in 8,450 lines, per KLOC', () => {
    const result = rateWithInterval(12, 8450);
    expect(result).toMatchObject({ events: 12, exposure: 8450, per: 1000 });
    expect(result.rate).toBeCloseTo(1.4201183431952662, 12);
    expectIntervalCloseTo(result.ci, [0.7337958708547005, 2.4806609524469776], 8);
  });

  it('agrees with statsmodels confint_poisson(method="exact-c") per single unit of exposure', () => {
    expectIntervalCloseTo(rateWithInterval(12, 8450, { per: 1 }).ci, [0.0007337958708547003, 0.0024806609524469776], 12);
  });

  it('starts the interval at 0 when there are no events', () => {
    const result = rateWithInterval(0, 3000);
    expect(result.rate).toBe(0);
    expect(result.ci![0]).toBe(0);
    expect(result.ci![1]).toBeCloseTo(1.229626484704645, 8);
  });

  it('matches scipy for a large count and for a custom level and unit', () => {
    const large = rateWithInterval(250, 410_000);
    expect(large.rate).toBeCloseTo(0.6097560975609756, 12);
    expectIntervalCloseTo(large.ci, [0.5365073064169202, 0.6902139147373563], 8);
    const custom = rateWithInterval(3, 2.5, { per: 1, confidence: 0.9 });
    expect(custom.rate).toBeCloseTo(1.2, 12);
    expectIntervalCloseTo(custom.ci, [0.3270765788655813, 3.10146261117309], 8);
  });

  it('has no rate without exposure', () => {
    expect(rateWithInterval(2, 0)).toEqual({ events: 2, exposure: 0, per: 1000, rate: null, ci: null });
  });

  it('rejects fractional or negative counts, negative exposure and a non-positive unit', () => {
    expect(catchAnalysisError(() => rateWithInterval(2.5, 100)).code).toBe('INVALID_INPUT');
    expect(catchAnalysisError(() => rateWithInterval(-1, 100)).code).toBe('INVALID_INPUT');
    expect(catchAnalysisError(() => rateWithInterval(1, -100)).code).toBe('INVALID_INPUT');
    expect(catchAnalysisError(() => rateWithInterval(1, 100, { per: 0 })).code).toBe('INVALID_INPUT');
  });
});
