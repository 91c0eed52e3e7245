import { AnalysisError } from './errors';
import {
  normalCritical,
  resolveConfidence,
  stats,
  tTwoSidedPValue,
  type ConfidenceOptions,
  type Interval,
} from './numerics';
import { checkPairedSample, MIN_PAIRED_N } from './paired-sample';
import { ols, type OlsResult } from './regression';

export type PearsonResult = { n: number; r: number; ci: Interval; pValue: number };

export type SpearmanResult = { n: number; rho: number; pValue: number };

/** A unit of analysis (team × week, developer × month); null or non-finite coordinates are dropped. */
export type CorrelationInputPoint = { x: number | null; y: number | null; label?: string };

export type CorrelationPoint = { x: number; y: number; label?: string };

export type CorrelationOptions = ConfidenceOptions & {
  /** Refuse below this many complete points (default 10). */
  minN?: number;
  /** Plural noun for the units, used in the refusal message (default 'points'), e.g. 'team-weeks'. */
  unitLabel?: string;
};

export type CorrelationAnalysis = {
  n: number;
  dropped: number;
  pearson: PearsonResult;
  spearman: SpearmanResult;
  ols: OlsResult;
  points: CorrelationPoint[];
};

export const DEFAULT_MIN_CORRELATION_N = 10;

// Summation error can leave exactly linear data a few ulps off ±1, which would turn "perfect" into atanh ≈ 18.
const UNIT_SNAP = 1e-12;

function snapCorrelation(value: number): number {
  if (1 - Math.abs(value) < UNIT_SNAP) return Math.sign(value);
  return value;
}

/** Two-sided p-value of H0: correlation = 0 via t = r·√((n − 2)/(1 − r²)) with df n − 2. */
function correlationPValue(correlation: number, n: number): number {
  if (Math.abs(correlation) === 1) return 0;
  return tTwoSidedPValue(correlation * Math.sqrt((n - 2) / (1 - correlation * correlation)), n - 2);
}

/** Pearson's r with a Fisher-z confidence interval (se 1/√(n − 3)) and a two-sided t-test p-value (df n − 2). */
export function pearson(xs: readonly number[], ys: readonly number[], options: ConfidenceOptions = {}): PearsonResult {
  const confidence = resolveConfidence(options.confidence);
  checkPairedSample('pearson correlation', xs, ys);
  const n = xs.length;
  const r = snapCorrelation(stats.sampleCorrelation(xs, ys));
  if (Math.abs(r) === 1) return { n, r, ci: [r, r], pValue: 0 };

  // At n = 3 the standard error is infinite and the interval is honestly [−1, 1].
  const z = Math.atanh(r);
  const halfWidth = normalCritical(confidence) / Math.sqrt(n - 3);
  return { n, r, ci: [Math.tanh(z - halfWidth), Math.tanh(z + halfWidth)], pValue: correlationPValue(r, n) };
}

/** Spearman's ρ (Pearson on average ranks, ties share their mean rank); p-value from the t approximation, df n − 2, not an exact permutation test. */
export function spearman(xs: readonly number[], ys: readonly number[]): SpearmanResult {
  checkPairedSample('spearman correlation', xs, ys);
  const n = xs.length;
  const rho = snapCorrelation(stats.sampleRankCorrelation(xs, ys));
  return { n, rho, pValue: correlationPValue(rho, n) };
}

/** Pearson, Spearman and OLS over the complete points, refusing with INSUFFICIENT_DATA below `minN`. */
export function correlationAnalysis(
  points: readonly CorrelationInputPoint[],
  options: CorrelationOptions = {},
): CorrelationAnalysis {
  const confidence = resolveConfidence(options.confidence);
  const minN = options.minN ?? DEFAULT_MIN_CORRELATION_N;
  const unitLabel = options.unitLabel ?? 'points';
  if (!Number.isInteger(minN) || minN < MIN_PAIRED_N) {
    throw new AnalysisError('INVALID_INPUT', `minN must be an integer of at least ${MIN_PAIRED_N}; got ${minN}`);
  }

  const complete: CorrelationPoint[] = [];
  for (const point of points) {
    if (!isFiniteNumber(point.x) || !isFiniteNumber(point.y)) continue;
    complete.push(point.label === undefined ? { x: point.x, y: point.y } : { x: point.x, y: point.y, label: point.label });
  }
  const n = complete.length;
  const dropped = points.length - n;
  if (n < minN) {
    throw new AnalysisError(
      'INSUFFICIENT_DATA',
      `correlation needs at least ${minN} points; only ${n} ${unitLabel} ${n === 1 ? 'has' : 'have'} both values`,
      { required: minN, available: n, dropped },
    );
  }

  const xs = complete.map((point) => point.x);
  const ys = complete.map((point) => point.y);
  return {
    n,
    dropped,
    pearson: pearson(xs, ys, { confidence }),
    spearman: spearman(xs, ys),
    ols: ols(xs, ys, { confidence }),
    points: complete,
  };
}

function isFiniteNumber(value: number | null): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}
