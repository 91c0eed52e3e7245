/*
 * Reference values: scipy 1.17.1 / statsmodels 0.15.0 (Python 3.11), never this library.
 *
 *   import scipy.stats as st, statsmodels.api as sm
 *   share = [0.05, 0.12, 0.18, 0.22, 0.08, 0.31, 0.27, 0.15, 0.35, 0.02, 0.41, 0.19]
 *   lead = [42.0, 38.5, 35.1, 36.8, 44.2, 30.4, 33.0, 39.9, 28.7, 47.5, 29.9, 34.6]
 *   res = st.pearsonr(share, lead); res.statistic, res.confidence_interval(0.95), res.confidence_interval(0.90), res.pvalue
 *   res = st.spearmanr(share, lead); res.statistic, res.pvalue
 *   fit = sm.OLS(lead, sm.add_constant(share)).fit()   # for correlationAnalysis().ols
 *   acc = [0.21, 0.34, 0.28, 0.45, 0.31, 0.19, 0.38, 0.26, 0.41, 0.30, 0.24, 0.36, 0.29, 0.33, 0.22, 0.40, 0.27, 0.35, 0.32, 0.25]
 *   rev = [5.2, 4.1, 6.3, 5.0, 3.8, 4.9, 6.1, 5.5, 4.4, 5.8, 4.0, 5.1, 6.6, 4.7, 5.3, 4.6, 3.9, 5.9, 4.2, 5.6]
 *   st.pearsonr(acc, rev) (+ .confidence_interval(0.95)); st.spearmanr(acc, rev)
 *   sat = [3, 4, 4, 5, 2, 3, 4, 5, 5, 1, 3, 4, 2, 5, 4]; peer = [2, 3, 4, 4, 2, 3, 3, 5, 4, 1, 2, 4, 3, 5, 4]
 *   st.spearmanr(sat, peer); st.pearsonr(sat, peer)
 *   a = [1, 2, 2, 3, 4, 4, 4, 5, 6, 7]; b = [100, 80, 80, 60, 30, 35, 30, 10, 9, 1]; st.spearmanr(a, b)
 *
 * scipy's pearsonr p-value is the exact null distribution of r, which equals the two-sided t-test with
 * df n − 2; its confidence_interval is Fisher z with se 1/√(n − 3). spearmanr's p-value is the same
 * t approximation on ρ. So both agree with the methods documented in correlation.ts.
 */
import { describe, expect, it } from 'vitest';
import { catchAnalysisError, expectIntervalCloseTo } from '../test/expectations';
import { correlationAnalysis, pearson, spearman } from './correlation';

const SHARE = [0.05, 0.12, 0.18, 0.22, 0.08, 0.31, 0.27, 0.15, 0.35, 0.02, 0.41, 0.19];
const LEAD_HOURS = [42.0, 38.5, 35.1, 36.8, 44.2, 30.4, 33.0, 39.9, 28.7, 47.5, 29.9, 34.6];

const ACCEPTANCE = [
  0.21, 0.34, 0.28, 0.45, 0.31, 0.19, 0.38, 0.26, 0.41, 0.3, 0.24, 0.36, 0.29, 0.33, 0.22, 0.4, 0.27, 0.35, 0.32, 0.25,
];
const REVIEW_HOURS = [5.2, 4.1, 6.3, 5.0, 3.8, 4.9, 6.1, 5.5, 4.4, 5.8, 4.0, 5.1, 6.6, 4.7, 5.3, 4.6, 3.9, 5.9, 4.2, 5.6];

const SATISFACTION = [3, 4, 4, 5, 2, 3, 4, 5, 5, 1, 3, 4, 2, 5, 4];
const PEER_RATING = [2, 3, 4, 4, 2, 3, 3, 5, 4, 1, 2, 4, 3, 5, 4];

describe('pearson', () => {
  it('matches scipy.stats.pearsonr on 12 team-weeks (strong negative)', () => {
    const result = pearson(SHARE, LEAD_HOURS);
    expect(result.n).toBe(12);
    expect(result.r).toBeCloseTo(-0.9440129994985694, 10);
    expectIntervalCloseTo(result.ci, [-0.9845269000557728, -0.8076988772433412], 8);
    expect(result.pValue).toBeCloseTo(3.942069445886856e-6, 12);
  });

  it('honours the confidence level (scipy confidence_interval(0.90))', () => {
    expectIntervalCloseTo(pearson(SHARE, LEAD_HOURS, { confidence: 0.9 }).ci, [-0.9809442352041677, -0.8412429448626908], 8);
  });

  it('matches scipy.stats.pearsonr on 20 developer-months (no relation)', () => {
    const result = pearson(ACCEPTANCE, REVIEW_HOURS);
    expect(result.n).toBe(20);
    expect(result.r).toBeCloseTo(-0.06948925754499388, 10);
    expectIntervalCloseTo(result.ci, [-0.49673521303418805, 0.38486633394747305], 8);
    expect(result.pValue).toBeCloseTo(0.7709693170116994, 8);
  });

  it('matches scipy.stats.pearsonr on tied integer scores', () => {
    const result = pearson(SATISFACTION, PEER_RATING);
    expect(result.r).toBeCloseTo(0.8703065493421589, 10);
    expect(result.pValue).toBeCloseTo(2.4517418380405704e-5, 11);
  });

  it('reports r = 1 and −1 exactly, with a degenerate interval and p = 0', () => {
    const xs = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8];
    expect(pearson(xs, xs.map((x) => 3 * x + 0.7))).toEqual({ n: 8, r: 1, ci: [1, 1], pValue: 0 });
    expect(pearson(xs, xs.map((x) => 12 - 5 * x))).toEqual({ n: 8, r: -1, ci: [-1, -1], pValue: 0 });
  });

  it('gives the honest [−1, 1] interval at n = 3, where the Fisher standard error is infinite', () => {
    const result = pearson([1, 2, 3], [2, 1, 4]);
    expect(result.ci).toEqual([-1, 1]);
    expect(result.r).toBeCloseTo(0.6546536707079772, 12); // 3 / √21, by hand
  });

  it('throws ZERO_VARIANCE when either variable is constant', () => {
    const constantX = catchAnalysisError(() => pearson([0.1, 0.1, 0.1, 0.1], [1, 2, 3, 4]));
    expect(constantX.code).toBe('ZERO_VARIANCE');
    expect(constantX.message).toBe('pearson correlation is undefined: x has zero variance (all 4 values are 0.1)');
    expect(catchAnalysisError(() => pearson([1, 2, 3, 4], [7, 7, 7, 7])).code).toBe('ZERO_VARIANCE');
  });

  it('rejects unpaired, non-finite or too few values, and a confidence outside (0, 1)', () => {
    expect(catchAnalysisError(() => pearson([1, 2, 3], [1, 2])).code).toBe('INVALID_INPUT');
    expect(catchAnalysisError(() => pearson([1, 2, Number.NaN, 4], [1, 2, 3, 4])).code).toBe('INVALID_INPUT');
    expect(catchAnalysisError(() => pearson([1, 2], [2, 1])).code).toBe('INSUFFICIENT_DATA');
    expect(catchAnalysisError(() => pearson(SHARE, LEAD_HOURS, { confidence: 95 })).code).toBe('INVALID_INPUT');
  });
});

describe('spearman', () => {
  it('matches scipy.stats.spearmanr without ties', () => {
    const result = spearman(SHARE, LEAD_HOURS);
    expect(result).toMatchObject({ n: 12 });
    expect(result.rho).toBeCloseTo(-0.9580419580419581, 10);
    expect(result.pValue).toBeCloseTo(9.543581826838402e-7, 12);
  });

  it('matches scipy.stats.spearmanr with many ties in both variables (average ranks)', () => {
    const result = spearman(SATISFACTION, PEER_RATING);
    expect(result.n).toBe(15);
    expect(result.rho).toBeCloseTo(0.875238095238095, 10);
    expect(result.pValue).toBeCloseTo(1.929368105750689e-5, 11);
  });

  it('matches scipy.stats.spearmanr on a monotone, non-linear relation with ties', () => {
    const result = spearman([1, 2, 2, 3, 4, 4, 4, 5, 6, 7], [100, 80, 80, 60, 30, 35, 30, 10, 9, 1]);
    expect(result.rho).toBeCloseTo(-0.99075480923614, 10);
    expect(result.pValue).toBeCloseTo(3.160932480356478e-8, 13);
  });

  it('matches scipy.stats.spearmanr on weakly related data', () => {
    const result = spearman(ACCEPTANCE, REVIEW_HOURS);
    expect(result.rho).toBeCloseTo(-0.07218045112781954, 10);
    expect(result.pValue).toBeCloseTo(0.7623392575365605, 8);
  });

  it('does not depend on the order the pairs are listed in', () => {
    const order = SATISFACTION.map((_, index) => index).reverse();
    const shuffled = spearman(
      order.map((index) => SATISFACTION[index]!),
      order.map((index) => PEER_RATING[index]!),
    );
    expect(shuffled.rho).toBeCloseTo(0.875238095238095, 12);
  });

  it('reports ρ = 1 for any strictly increasing relation, with p = 0', () => {
    expect(spearman([1, 2, 3, 4, 5, 6], [1, 4, 9, 16, 25, 36])).toEqual({ n: 6, rho: 1, pValue: 0 });
  });

  it('throws ZERO_VARIANCE when every value of a variable is tied', () => {
    const error = catchAnalysisError(() => spearman([1, 2, 3, 4, 5], [3, 3, 3, 3, 3]));
    expect(error.code).toBe('ZERO_VARIANCE');
    expect(error.message).toBe('spearman correlation is undefined: y has zero variance (all 5 values are 3)');
  });
});

describe('correlationAnalysis', () => {
  const points = SHARE.map((x, index) => ({ x, y: LEAD_HOURS[index]!, label: `payments 2026-W${27 + index}` }));

  it('bundles pearson, spearman and ols with n and the scatter points', () => {
    const result = correlationAnalysis(points, { unitLabel: 'team-weeks' });
    expect(result.n).toBe(12);
    expect(result.dropped).toBe(0);
    expect(result.pearson.r).toBeCloseTo(-0.9440129994985694, 10);
    expectIntervalCloseTo(result.pearson.ci, [-0.9845269000557728, -0.8076988772433412], 8);
    expect(result.spearman.rho).toBeCloseTo(-0.9580419580419581, 10);
    // statsmodels OLS(lead, add_constant(share)).fit(): params, conf_int(0.05), rsquared, √scale, pvalues
    expect(result.ols.slope).toBeCloseTo(-45.954151494948476, 8);
    expect(result.ols.intercept).toBeCloseTo(45.71602133442741, 8);
    expectIntervalCloseTo(result.ols.slopeCi, [-57.26987197722494, -34.638431012672015], 6);
    expect(result.ols.rSquared).toBeCloseTo(0.8911605432222859, 10);
    expect(result.points).toEqual(points);
  });

  it('drops points with a missing or non-finite coordinate and counts them', () => {
    const withGaps = [
      ...points,
      { x: null, y: 31.2 },
      { x: 0.2, y: null },
      { x: Number.NaN, y: 30 },
      { x: 0.25, y: Number.POSITIVE_INFINITY },
    ];
    const result = correlationAnalysis(withGaps);
    expect(result.n).toBe(12);
    expect(result.dropped).toBe(4);
    expect(result.pearson.r).toBeCloseTo(-0.9440129994985694, 10);
    expect(result.points).toHaveLength(12);
  });

  it('omits label from points that had none, so the result is plain JSON', () => {
    const result = correlationAnalysis(SHARE.map((x, index) => ({ x, y: LEAD_HOURS[index]! })));
    expect(result.points[0]).toEqual({ x: 0.05, y: 42 });
    expect(JSON.parse(JSON.stringify(result))).toEqual(result);
  });

  it('refuses below the minimum with INSUFFICIENT_DATA and a message naming the units', () => {
    const sparse = [...points.slice(0, 6), { x: null, y: 40 }, { x: 0.3, y: null }];
    const error = catchAnalysisError(() => correlationAnalysis(sparse, { unitLabel: 'team-weeks' }));
    expect(error.code).toBe('INSUFFICIENT_DATA');
    expect(error.message).toBe('correlation needs at least 10 points; only 6 team-weeks have both values');
    expect(error.details).toEqual({ required: 10, available: 6, dropped: 2 });
  });

  it('uses the caller minimum and says "has" for a single unit', () => {
    const error = catchAnalysisError(() =>
      correlationAnalysis([{ x: 0.1, y: 3 }], { minN: 20, unitLabel: 'developer-months' }),
    );
    expect(error.message).toBe('correlation needs at least 20 points; only 1 developer-months has both values');
    expect(correlationAnalysis(points.slice(0, 5), { minN: 5 }).n).toBe(5);
  });

  it('refuses 9 points under the default minimum of 10, and accepts 10', () => {
    expect(catchAnalysisError(() => correlationAnalysis(points.slice(0, 9))).code).toBe('INSUFFICIENT_DATA');
    expect(correlationAnalysis(points.slice(0, 10)).n).toBe(10);
  });

  it('passes ZERO_VARIANCE through when every unit has the same x', () => {
    const flat = LEAD_HOURS.map((y) => ({ x: 0.2, y }));
    expect(catchAnalysisError(() => correlationAnalysis(flat)).code).toBe('ZERO_VARIANCE');
  });

  it('rejects a minimum below 3', () => {
    expect(catchAnalysisError(() => correlationAnalysis(points, { minN: 2 })).code).toBe('INVALID_INPUT');
  });
});
