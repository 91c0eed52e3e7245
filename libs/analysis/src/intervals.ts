import { AnalysisError } from './errors';
import {
  assertFinite,
  binomialCdf,
  chiSquareQuantile,
  normalCritical,
  resolveConfidence,
  stats,
  tCritical,
  type ConfidenceOptions,
  type Interval,
} from './numerics';

export type MeanWithInterval = { n: number; mean: number | null; sd: number | null; ci: Interval | null };

export type ProportionWithInterval = { n: number; successes: number; p: number | null; ci: Interval | null };

export type MedianWithInterval = { n: number; median: number | null; ci: Interval | null };

export type RateOptions = ConfidenceOptions & {
  /** Units of exposure the rate is expressed per (default 1000, e.g. defects per 1000 lines = per KLOC). */
  per?: number;
};

export type RateWithInterval = {
  events: number;
  exposure: number;
  per: number;
  rate: number | null;
  ci: Interval | null;
};

/** Mean, sample sd and Student-t interval (df n − 1); sd and ci are null at n = 1, everything at n = 0. */
export function meanWithInterval(values: readonly number[], options: ConfidenceOptions = {}): MeanWithInterval {
  const confidence = resolveConfidence(options.confidence);
  assertFinite(values, 'mean values');
  const n = values.length;
  if (n === 0) return { n, mean: null, sd: null, ci: null };
  const mean = stats.mean(values);
  if (n === 1) return { n, mean, sd: null, ci: null };

  const sd = stats.sampleStandardDeviation(values);
  const halfWidth = (tCritical(confidence, n - 1) * sd) / Math.sqrt(n);
  return { n, mean, sd, ci: [mean - halfWidth, mean + halfWidth] };
}

/** Share of successes with a Wilson score interval, which stays inside [0, 1] and behaves at p = 0 or 1. */
export function proportionWithInterval(
  successes: number,
  trials: number,
  options: ConfidenceOptions = {},
): ProportionWithInterval {
  const confidence = resolveConfidence(options.confidence);
  if (!Number.isInteger(trials) || trials < 0 || !Number.isInteger(successes) || successes < 0 || successes > trials) {
    throw new AnalysisError(
      'INVALID_INPUT',
      `a proportion needs whole-number counts with 0 ≤ successes ≤ trials; got ${successes} of ${trials}`,
    );
  }
  if (trials === 0) return { n: 0, successes, p: null, ci: null };

  const p = successes / trials;
  const z = normalCritical(confidence);
  const zSquaredOverN = (z * z) / trials;
  const denominator = 1 + zSquaredOverN;
  const centre = (p + zSquaredOverN / 2) / denominator;
  const halfWidth = (z * Math.sqrt((p * (1 - p)) / trials + zSquaredOverN / (4 * trials))) / denominator;
  // Pin the bounds that are exactly 0 or 1 in theory; rounding would leave them at ±1e-17.
  const low = successes === 0 ? 0 : Math.max(0, centre - halfWidth);
  const high = successes === trials ? 1 : Math.min(1, centre + halfWidth);
  return { n: trials, successes, p, ci: [low, high] };
}

/** Lower median (even n: the smaller middle value, as quantileExactLow) with the distribution-free order-statistic interval; ci null when n is too small. */
export function medianWithInterval(values: readonly number[], options: ConfidenceOptions = {}): MedianWithInterval {
  const confidence = resolveConfidence(options.confidence);
  assertFinite(values, 'median values');
  const n = values.length;
  if (n === 0) return { n, median: null, ci: null };
  const sorted = stats.numericSort(values);
  const median = sorted[Math.floor((n - 1) / 2)];
  const order = medianOrderStatistic(n, confidence);
  return { n, median, ci: order === null ? null : [sorted[order - 1], sorted[n - order]] };
}

/**
 * The 1-based order statistic l such that [x(l), x(n + 1 − l)] covers the median with probability
 * 1 − 2·P(B ≤ l − 1) ≥ confidence, B ~ Binomial(n, ½); the largest such l gives the narrowest interval.
 */
function medianOrderStatistic(n: number, confidence: number): number | null {
  const tail = (1 - confidence) / 2;
  // The tolerance keeps an exact tie (tail probability = α/2) on the covering side despite rounding in the CDF.
  const fits = (order: number): boolean => binomialCdf(order - 1, n, 0.5) <= tail + 1e-12;
  if (!fits(1)) return null;
  let order = 1;
  while (order + 1 <= Math.ceil(n / 2) && fits(order + 1)) order += 1;
  return order;
}

/** Poisson rate events / exposure × per with the exact Garwood (chi-square) interval. */
export function rateWithInterval(events: number, exposure: number, options: RateOptions = {}): RateWithInterval {
  const confidence = resolveConfidence(options.confidence);
  const per = options.per ?? 1000;
  if (!Number.isInteger(events) || events < 0) {
    throw new AnalysisError('INVALID_INPUT', `a rate needs a whole, non-negative event count; got ${events}`);
  }
  if (!Number.isFinite(exposure) || exposure < 0) {
    throw new AnalysisError('INVALID_INPUT', `a rate needs a finite, non-negative exposure; got ${exposure}`);
  }
  if (!Number.isFinite(per) || per <= 0) {
    throw new AnalysisError('INVALID_INPUT', `per must be a positive number; got ${per}`);
  }
  // No exposure (e.g. no lines changed) leaves the rate undefined, whatever the event count.
  if (exposure === 0) return { events, exposure, per, rate: null, ci: null };

  const tail = (1 - confidence) / 2;
  const scale = per / exposure;
  const lowCount = events === 0 ? 0 : chiSquareQuantile(tail, 2 * events) / 2;
  const highCount = chiSquareQuantile(1 - tail, 2 * events + 2) / 2;
  return { events, exposure, per, rate: events * scale, ci: [lowCount * scale, highCount * scale] };
}
