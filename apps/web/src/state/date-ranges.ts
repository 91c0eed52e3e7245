import { addDays, addMonths, daysBetween, periodBounds, periodOf, quarterStart, type Granularity } from './dates';

export const PRESETS = ['last-30-days', 'last-90-days', 'this-quarter', 'last-quarter', 'year-to-date', 'custom'] as const;
export type Preset = (typeof PRESETS)[number];

export type DateRange = { from: string; to: string };

/** The range a preset means on `today` (the org's today). `custom` has no range of its own. */
export function presetRange(preset: Exclude<Preset, 'custom'>, today: string): DateRange {
  switch (preset) {
    case 'last-30-days':
      return { from: addDays(today, -29), to: today };
    case 'last-90-days':
      return { from: addDays(today, -89), to: today };
    case 'this-quarter':
      return { from: quarterStart(today), to: today };
    case 'last-quarter': {
      const from = addMonths(quarterStart(today), -3);
      return { from, to: addDays(quarterStart(today), -1) };
    }
    case 'year-to-date':
      return { from: `${today.slice(0, 4)}-01-01`, to: today };
  }
}

export type Comparison = 'previous-days' | 'previous-quarter' | 'same-days-previous-quarter' | 'same-days-previous-year';

/**
 * What a KPI compares against: quarters against the quarter before (to date: the same number of days into
 * it), year to date against the same days a year earlier, any other range against as many days just before.
 */
export function previousRange(range: DateRange, preset: Preset): DateRange & { comparison: Comparison; days: number } {
  const days = daysBetween(range.from, range.to) + 1;
  if (preset === 'last-quarter') {
    const from = addMonths(range.from, -3);
    return { from, to: addDays(range.from, -1), comparison: 'previous-quarter', days };
  }
  if (preset === 'this-quarter') {
    const from = addMonths(range.from, -3);
    return { from, to: addDays(from, days - 1), comparison: 'same-days-previous-quarter', days };
  }
  if (preset === 'year-to-date') {
    const from = addMonths(range.from, -12);
    return { from, to: addDays(from, days - 1), comparison: 'same-days-previous-year', days };
  }
  return { from: addDays(range.from, -days), to: addDays(range.from, -1), comparison: 'previous-days', days };
}

/**
 * For "latest period" KPIs (daily, weekly, monthly active users): the last complete period of the range and
 * the one before it, never a period still running today or cut short by the range's end.
 */
export function latestPeriods(range: DateRange, granularity: Exclude<Granularity, 'total'>, today: string) {
  const lastOfRange = periodOf(range.to, granularity);
  const bounds = periodBounds(lastOfRange);
  const complete = bounds !== undefined && bounds.end <= range.to && bounds.end < today;
  const currentEnd = complete && bounds ? bounds.end : addDays(bounds?.start ?? range.to, -1);
  const current = periodOf(currentEnd, granularity);
  const currentStart = periodBounds(current)?.start ?? currentEnd;
  const previous = periodOf(addDays(currentStart, -1), granularity);
  const previousStart = periodBounds(previous)?.start ?? currentStart;
  return { from: previousStart, to: currentEnd, current, previous };
}
