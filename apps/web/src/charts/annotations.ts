import { periodOf, type Granularity } from '../state/dates';
import type { PhaseMark } from './types';

export type RolloutPhase = { name: string; startDate: string; targetShare: number };

/**
 * Places rollout phases on a period axis: each phase runs from the period of its start date to the period in
 * which the next phase starts, so the shaded areas touch (the last one runs to the end of the range). Phases after the range are left out;
 * a phase that started before the range is clipped to its first period, without a start line.
 */
export function phaseMarks(
  phases: readonly RolloutPhase[],
  periods: readonly string[],
  granularity: Exclude<Granularity, 'total'>,
  label: (phase: RolloutPhase) => string,
): PhaseMark[] {
  const first = periods[0];
  const last = periods[periods.length - 1];
  if (first === undefined || last === undefined) return [];
  const sorted = [...phases].sort((a, b) => a.startDate.localeCompare(b.startDate));
  const marks: PhaseMark[] = [];
  sorted.forEach((phase, index) => {
    const start = periodOf(phase.startDate, granularity);
    const next = sorted[index + 1];
    const nextStart = next ? periodOf(next.startDate, granularity) : undefined;
    if (start > last) return;
    if (nextStart !== undefined && nextStart <= first) return; // over before the range begins
    const startPeriod = start < first ? first : start;
    const endPeriod = nextStart !== undefined && nextStart <= last ? nextStart : last;
    marks.push({ label: label(phase), startPeriod, endPeriod, startsBeforeRange: start < first });
  });
  return marks;
}
