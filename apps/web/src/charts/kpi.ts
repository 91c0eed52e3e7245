export type Better = 'higher' | 'lower' | 'neutral';

export type KpiTone = 'good' | 'bad' | 'neutral';

/**
 * Whether a change is good news: more adoption is, a longer cycle time or higher defect density is not, and
 * for some figures (lines changed, AI code share) the direction alone says nothing.
 */
export function kpiTone(change: number | null, better: Better): KpiTone {
  if (change === null || Math.abs(change) < 1e-9 || better === 'neutral') return 'neutral';
  return (change > 0) === (better === 'higher') ? 'good' : 'bad';
}

export function kpiDirection(change: number | null): 'up' | 'down' | 'flat' | null {
  if (change === null) return null;
  if (Math.abs(change) < 1e-9) return 'flat';
  return change > 0 ? 'up' : 'down';
}

/**
 * The value a KPI tile shows: one metric, or the first minus the second, never below zero (dormant seats =
 * activated − active; people active without an activation event are not negative dormant seats).
 */
export function combineValues(values: readonly (number | null)[], combine: 'difference' | undefined): number | null {
  if (combine === 'difference') {
    const [first, second] = values;
    return first === null || first === undefined || second === null || second === undefined ? null : Math.max(0, first - second);
  }
  return values[0] ?? null;
}
