import { AnalysisError } from './errors';
import { assertFinite, type ConfidenceOptions, type Interval } from './numerics';
import { meanWithInterval, medianWithInterval, rateWithInterval } from './intervals';

export type CohortStatistic = 'mean' | 'median' | 'rate';

/** One unit (developer, PR): its cohort and outcome; for 'rate', value is the event count over `exposure`. */
export type CohortUnit = { cohort: string; value: number; exposure?: number };

export type CohortOutcomeOptions = ConfidenceOptions & {
  statistic: CohortStatistic;
  /** Output order (bin order); cohorts listed but empty report n 0. Default: order of first appearance. */
  cohorts?: readonly string[];
  /** For 'rate': units of exposure per reported rate (default 1000). */
  per?: number;
};

export type CohortOutcome = { cohort: string; n: number; estimate: number | null; ci: Interval | null };

/** Per-cohort mean (t interval), lower median (order-statistic interval) or pooled Poisson rate (Garwood), in cohort order. */
export function cohortOutcomes(units: readonly CohortUnit[], options: CohortOutcomeOptions): CohortOutcome[] {
  const byCohort = new Map<string, CohortUnit[]>((options.cohorts ?? []).map((cohort) => [cohort, []]));
  for (const unit of units) {
    let members = byCohort.get(unit.cohort);
    if (members === undefined) {
      // A unit outside the listed bins means the caller binned with different thresholds: say so.
      if (options.cohorts !== undefined) {
        throw new AnalysisError(
          'INVALID_INPUT',
          `unit in cohort '${unit.cohort}', which is not one of ${options.cohorts.map((cohort) => `'${cohort}'`).join(', ')}`,
        );
      }
      members = [];
      byCohort.set(unit.cohort, members);
    }
    members.push(unit);
  }
  return [...byCohort].map(([cohort, members]) => ({ cohort, n: members.length, ...estimate(cohort, members, options) }));
}

function estimate(
  cohort: string,
  members: readonly CohortUnit[],
  options: CohortOutcomeOptions,
): Pick<CohortOutcome, 'estimate' | 'ci'> {
  const values = members.map((unit) => unit.value);
  assertFinite(values, `cohort '${cohort}' values`);
  switch (options.statistic) {
    case 'mean': {
      const { mean, ci } = meanWithInterval(values, options);
      return { estimate: mean, ci };
    }
    case 'median': {
      const { median, ci } = medianWithInterval(values, options);
      return { estimate: median, ci };
    }
    case 'rate': {
      const exposures = members.map((unit) => unit.exposure ?? Number.NaN);
      assertFinite(exposures, `cohort '${cohort}' exposures (required for statistic 'rate')`);
      // Pooled: Σ events / Σ exposure, so a unit with little exposure weighs little.
      const events = values.reduce((total, value) => total + value, 0);
      const exposure = exposures.reduce((total, value) => total + value, 0);
      const { rate, ci } = rateWithInterval(events, exposure, options);
      return { estimate: rate, ci };
    }
  }
}
