import { AnalysisError } from './errors';
import {
  assertFinite,
  resolveConfidence,
  stats,
  tCritical,
  tTwoSidedPValue,
  type ConfidenceOptions,
  type Interval,
} from './numerics';

export type DifferenceInDifferencesGroup = 'treatedBefore' | 'treatedAfter' | 'controlBefore' | 'controlAfter';

export type DifferenceInDifferencesInput = Record<DifferenceInDifferencesGroup, readonly number[]>;

export type DifferenceInDifferences = {
  /** (mean TA − mean TB) − (mean CA − mean CB). */
  estimate: number;
  /** √(Σ s²/n) over the four groups: independent groups, unequal variances. */
  se: number;
  /** Welch–Satterthwaite degrees of freedom used for ci and pValue. */
  df: number;
  ci: Interval;
  /** Two-sided, H0: estimate = 0. */
  pValue: number;
  n: Record<DifferenceInDifferencesGroup, number>;
  means: Record<DifferenceInDifferencesGroup, number>;
};

const GROUPS: readonly DifferenceInDifferencesGroup[] = ['treatedBefore', 'treatedAfter', 'controlBefore', 'controlAfter'];

/** Difference in differences of four independent groups, with a t interval and p-value on Welch–Satterthwaite df. */
export function differenceInDifferences(
  groups: DifferenceInDifferencesInput,
  options: ConfidenceOptions = {},
): DifferenceInDifferences {
  const confidence = resolveConfidence(options.confidence);
  for (const group of GROUPS) {
    const values = groups[group];
    if (values.length < 2) {
      throw new AnalysisError(
        'INSUFFICIENT_DATA',
        `difference in differences needs at least 2 values per group; ${group} has ${values.length}`,
        { required: 2, available: values.length, group },
      );
    }
    assertFinite(values, `${group} values`);
  }

  const n = mapGroups((group) => groups[group].length);
  const means = mapGroups((group) => stats.mean(groups[group]));
  // Each group contributes var(mean) = s²/n; they are independent, so the variances add.
  const varianceOfMean = mapGroups((group) => stats.sampleVariance(groups[group]) / n[group]);
  const variance = stats.sum(GROUPS.map((group) => varianceOfMean[group]));
  if (variance === 0) {
    throw new AnalysisError('ZERO_VARIANCE', 'difference in differences is undefined: every group has zero variance');
  }

  const estimate = means.treatedAfter - means.treatedBefore - (means.controlAfter - means.controlBefore);
  const se = Math.sqrt(variance);
  const df = (variance * variance) / stats.sum(GROUPS.map((group) => varianceOfMean[group] ** 2 / (n[group] - 1)));
  const halfWidth = tCritical(confidence, df) * se;
  return {
    estimate,
    se,
    df,
    ci: [estimate - halfWidth, estimate + halfWidth],
    pValue: tTwoSidedPValue(estimate / se, df),
    n,
    means,
  };
}

function mapGroups(value: (group: DifferenceInDifferencesGroup) => number): Record<DifferenceInDifferencesGroup, number> {
  return {
    treatedBefore: value('treatedBefore'),
    treatedAfter: value('treatedAfter'),
    controlBefore: value('controlBefore'),
    controlAfter: value('controlAfter'),
  };
}
