import { AnalysisError } from './errors';
import { assertFinite, isConstant } from './numerics';

/** Smallest n for which the correlation and regression routines have df = n − 2 ≥ 1. */
export const MIN_PAIRED_N = 3;

/** Validates paired samples shared by pearson, spearman and ols: equal lengths, finite, n ≥ 3, both vary. */
export function checkPairedSample(routine: string, xs: readonly number[], ys: readonly number[]): void {
  if (xs.length !== ys.length) {
    throw new AnalysisError('INVALID_INPUT', `${routine} needs paired values; got ${xs.length} x and ${ys.length} y`);
  }
  if (xs.length < MIN_PAIRED_N) {
    throw new AnalysisError('INSUFFICIENT_DATA', `${routine} needs at least ${MIN_PAIRED_N} pairs; got ${xs.length}`, {
      required: MIN_PAIRED_N,
      available: xs.length,
    });
  }
  assertFinite(xs, `${routine} x values`);
  assertFinite(ys, `${routine} y values`);
  for (const [axis, values] of [['x', xs], ['y', ys]] as const) {
    if (isConstant(values)) {
      throw new AnalysisError(
        'ZERO_VARIANCE',
        `${routine} is undefined: ${axis} has zero variance (all ${values.length} values are ${values[0]})`,
        { variable: axis },
      );
    }
  }
}
