/*
 * Reference values: scipy 1.17.1 / statsmodels 0.15.0 (Python 3.11), never this library.
 *
 *   st.t.interval(0.95, len(x) - 1, loc=np.mean(x), scale=st.sem(x))     # mean cohorts
 *   np.sort(x)[(len(x) - 1) // 2]; st.quantile_test(x, q=np.median(x), p=0.5).confidence_interval(0.95)
 *   Garwood: st.chi2.ppf(0.025, 2k) / 2, st.chi2.ppf(0.975, 2k + 2) / 2, × 1000 / exposure   # pooled rate cohorts
 * (the same datasets and numbers as intervals.spec.ts)
 */
import { describe, expect, it } from 'vitest';
import { catchAnalysisError, expectIntervalCloseTo } from '../test/expectations';
import { binByThresholds, DEFAULT_AI_SHARE_BINS } from './bins';
import { cohortOutcomes, type CohortUnit } from './cohorts';

const CYCLE_HOURS = [26.5, 31.0, 18.2, 44.7, 29.9, 35.3, 22.8, 40.1, 27.6];
const REVIEW_WAIT_HOURS = [
  2.1, 5.4, 3.3, 8.8, 1.2, 4.4, 6.7, 2.9, 3.8, 12.5, 4.1, 7.3, 2.2, 5.9, 3.1, 9.6, 4.8, 1.7, 6.1, 3.5, 2.6, 5.2, 14.0, 4.0,
  3.9, 7.8, 2.4, 6.4, 3.0, 5.0,
];
const AI_SHARE_ORDER = DEFAULT_AI_SHARE_BINS.map((bin) => bin.label);

describe('cohortOutcomes', () => {
  it('reports the mean per AI-share cohort in bin order, empty cohorts included', () => {
    const developers = [
      ...[3, 5].map((hours, index) => ({ aiShare: 0.42 + index / 100, hours })),
      { aiShare: 0.2, hours: 12 },
      ...CYCLE_HOURS.map((hours, index) => ({ aiShare: 0.01 * (index + 1), hours })),
    ];
    const units: CohortUnit[] = developers.map((developer) => ({
      cohort: binByThresholds(developer.aiShare, DEFAULT_AI_SHARE_BINS)!,
      value: developer.hours,
    }));

    const [none, light, moderate, heavy] = cohortOutcomes(units, { statistic: 'mean', cohorts: AI_SHARE_ORDER });
    expect(none).toEqual({ cohort: 'none', n: 0, estimate: null, ci: null });
    expect(light).toMatchObject({ cohort: 'light', n: 9 });
    expect(light!.estimate).toBeCloseTo(30.67777777777778, 12);
    expectIntervalCloseTo(light!.ci, [24.29184185239765, 37.06371370315791], 7);
    expect(moderate).toEqual({ cohort: 'moderate', n: 1, estimate: 12, ci: null });
    expect(heavy).toMatchObject({ cohort: 'heavy', n: 2, estimate: 4 });
    expectIntervalCloseTo(heavy!.ci, [-8.706204736174694, 16.706204736174694], 6);
  });

  it('reports lower medians with order-statistic intervals, in order of first appearance by default', () => {
    const units: CohortUnit[] = [
      ...[4, 2, 9, 1, 6].map((value) => ({ cohort: 'not assisted', value })),
      ...REVIEW_WAIT_HOURS.map((value) => ({ cohort: 'ai-assisted', value })),
    ];
    expect(cohortOutcomes(units, { statistic: 'median' })).toEqual([
      { cohort: 'not assisted', n: 5, estimate: 4, ci: null },
      { cohort: 'ai-assisted', n: 30, estimate: 4.1, ci: [3.3, 5.9] },
    ]);
  });

  it('pools events over exposure for rates (defects per KLOC)', () => {
    const units: CohortUnit[] = [
      { cohort: 'light', value: 5, exposure: 3000 },
      { cohort: 'heavy', value: 0, exposure: 1000 },
      { cohort: 'light', value: 4, exposure: 2450 },
      { cohort: 'light', value: 3, exposure: 3000 },
      { cohort: 'heavy', value: 0, exposure: 2000 },
    ];
    const [none, light, moderate, heavy] = cohortOutcomes(units, { statistic: 'rate', cohorts: AI_SHARE_ORDER });
    expect(none).toEqual({ cohort: 'none', n: 0, estimate: null, ci: null });
    expect(moderate!.n).toBe(0);
    expect(light!.n).toBe(3);
    expect(light!.estimate).toBeCloseTo(1.4201183431952662, 12); // 12 defects / 8,450 lines
    expectIntervalCloseTo(light!.ci, [0.7337958708547005, 2.4806609524469776], 8);
    expect(heavy!.estimate).toBe(0); // 0 defects / 3,000 lines
    expectIntervalCloseTo(heavy!.ci, [0, 1.229626484704645], 8);
  });

  it('rejects a unit in a cohort that is not listed', () => {
    const error = catchAnalysisError(() =>
      cohortOutcomes([{ cohort: 'extreme', value: 1 }], { statistic: 'mean', cohorts: AI_SHARE_ORDER }),
    );
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toBe("unit in cohort 'extreme', which is not one of 'none', 'light', 'moderate', 'heavy'");
  });

  it('rejects rate units without exposure and non-finite values', () => {
    expect(catchAnalysisError(() => cohortOutcomes([{ cohort: 'light', value: 2 }], { statistic: 'rate' })).message).toBe(
      "cohort 'light' exposures (required for statistic 'rate') must be finite numbers; item 0 is NaN",
    );
    expect(
      catchAnalysisError(() => cohortOutcomes([{ cohort: 'light', value: Number.NaN }], { statistic: 'median' })).code,
    ).toBe('INVALID_INPUT');
  });
});
