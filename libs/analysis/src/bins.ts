import { AnalysisError } from './errors';

/**
 * A labelled range. A missing bound is open-ended. Bounds are half-open [min, max) unless
 * includeMin / includeMax say otherwise, so adjacent bins can share a threshold without overlap.
 */
export type Bin<Label extends string = string> = {
  label: Label;
  min?: number;
  max?: number;
  /** Default true. */
  includeMin?: boolean;
  /** Default false. */
  includeMax?: boolean;
};

export type AiShareCohort = 'none' | 'light' | 'moderate' | 'heavy';

/**
 * Default cohorts over ai_code_share (metrics.md): none = exactly 0, light = (0, 0.10),
 * moderate = [0.10, 0.30], heavy = (0.30, 1]. Shares outside [0, 1] fall in no bin.
 */
export const DEFAULT_AI_SHARE_BINS: readonly Readonly<Bin<AiShareCohort>>[] = [
  { label: 'none', min: 0, max: 0, includeMax: true },
  { label: 'light', min: 0, includeMin: false, max: 0.1 },
  { label: 'moderate', min: 0.1, max: 0.3, includeMax: true },
  { label: 'heavy', min: 0.3, includeMin: false, max: 1, includeMax: true },
];

/** Label of the first bin containing value, or null when no bin does (or the value is missing or non-finite). */
export function binByThresholds<Label extends string>(
  value: number | null,
  bins: readonly Readonly<Bin<Label>>[],
): Label | null {
  for (const bin of bins) {
    if (bin.min !== undefined && bin.max !== undefined && bin.min > bin.max) {
      throw new AnalysisError('INVALID_INPUT', `bin '${bin.label}' has min ${bin.min} above max ${bin.max}`);
    }
  }
  if (value === null || !Number.isFinite(value)) return null;
  return bins.find((bin) => inBin(value, bin))?.label ?? null;
}

function inBin(value: number, bin: Readonly<Bin>): boolean {
  if (bin.min !== undefined && (bin.includeMin === false ? value <= bin.min : value < bin.min)) return false;
  if (bin.max !== undefined && (bin.includeMax === true ? value > bin.max : value >= bin.max)) return false;
  return true;
}
