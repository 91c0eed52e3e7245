/*
 * Reference values: statsmodels 0.15.0 / scipy 1.17.1 (Python 3.11), never this library.
 *
 *   # estimate and se: the interaction coefficient of a saturated OLS, whose HC2 standard error equals
 *   # √(Σ s²/n) over the four cells
 *   y, X = [], []
 *   for values, treated, after in [(tb, 1, 0), (ta, 1, 1), (cb, 0, 0), (ca, 0, 1)]:
 *       for v in values: y.append(v); X.append([1.0, treated, after, treated * after])
 *   fit = sm.OLS(np.array(y), np.array(X)).fit(cov_type='HC2'); est, se = fit.params[3], fit.bse[3]
 *   # Welch–Satterthwaite df, then a t interval and two-sided p
 *   terms = [np.var(g, ddof=1) / len(g) for g in (tb, ta, cb, ca)]
 *   df = sum(terms) ** 2 / sum(t ** 2 / (len(g) - 1) for t, g in zip(terms, (tb, ta, cb, ca)))
 *   est ∓ st.t.ppf(0.975, df) * se;  2 * st.t.sf(abs(est / se), df)
 */
import { describe, expect, it } from 'vitest';
import { catchAnalysisError, expectIntervalCloseTo } from '../test/expectations';
import { differenceInDifferences } from './difference-in-differences';

// Cycle time (hours) of a team that adopted the assistant, against teams that had not yet.
const GROUPS = {
  treatedBefore: [30.1, 28.4, 35.2, 31.7, 29.9, 33.0, 27.5, 32.2],
  treatedAfter: [24.3, 22.8, 27.9, 25.1, 21.7, 26.4, 23.9, 25.6, 24.8],
  controlBefore: [31.5, 29.8, 33.4, 30.2, 34.1, 28.7, 32.6, 30.9, 31.8, 29.4],
  controlAfter: [30.8, 29.1, 32.9, 31.4, 33.0, 28.2, 31.7, 30.5, 29.9, 32.3, 30.0],
};

describe('differenceInDifferences', () => {
  it('matches the saturated OLS interaction (statsmodels, HC2) with a Welch–Satterthwaite t interval', () => {
    const result = differenceInDifferences(GROUPS);
    expect(result.estimate).toBeCloseTo(-5.928686868686873, 10);
    expect(result.se).toBeCloseTo(1.3068386531777314, 10);
    expect(result.df).toBeCloseTo(23.439274404280535, 8);
    expectIntervalCloseTo(result.ci, [-8.629287893600276, -3.2280858437734694], 6);
    expect(result.pValue).toBeCloseTo(0.00014186355639040596, 9);
    expect(result.n).toEqual({ treatedBefore: 8, treatedAfter: 9, controlBefore: 10, controlAfter: 11 });
    expect(result.means.treatedBefore).toBeCloseTo(31.0, 12);
  });

  it('is plain JSON', () => {
    const result = differenceInDifferences(GROUPS);
    expect(JSON.parse(JSON.stringify(result))).toEqual(result);
  });

  it('refuses a group with fewer than 2 values', () => {
    const error = catchAnalysisError(() => differenceInDifferences({ ...GROUPS, controlAfter: [30.2] }));
    expect(error.code).toBe('INSUFFICIENT_DATA');
    expect(error.message).toBe('difference in differences needs at least 2 values per group; controlAfter has 1');
    expect(error.details).toEqual({ required: 2, available: 1, group: 'controlAfter' });
  });

  it('throws ZERO_VARIANCE when no group varies', () => {
    const flat = { treatedBefore: [2, 2], treatedAfter: [1, 1], controlBefore: [3, 3], controlAfter: [3, 3] };
    expect(catchAnalysisError(() => differenceInDifferences(flat)).code).toBe('ZERO_VARIANCE');
  });

  it('rejects non-finite values', () => {
    const error = catchAnalysisError(() => differenceInDifferences({ ...GROUPS, treatedAfter: [1, Number.NaN] }));
    expect(error.code).toBe('INVALID_INPUT');
  });
});
