import { describe, expect, it } from 'vitest';
import { latestPeriods, presetRange, previousRange } from './date-ranges';
import { addDays, addMonths, isDate, isoWeek, periodBounds, periodOf, periodsBetween, todayIn } from './dates';

describe('dates', () => {
  it('validates and shifts civil dates', () => {
    expect(isDate('2026-02-29')).toBe(false);
    expect(isDate('2028-02-29')).toBe(true);
    expect(isDate('2026-7-1')).toBe(false);
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addMonths('2026-03-31', -1)).toBe('2026-02-28');
    expect(addMonths('2026-01-15', -3)).toBe('2025-10-15');
  });

  it('labels periods like the metrics API, ISO week-years included', () => {
    expect(periodOf('2026-07-01', 'week')).toBe('2026-W27');
    expect(periodOf('2025-12-29', 'week')).toBe('2026-W01');
    expect(periodOf('2027-01-01', 'week')).toBe('2026-W53');
    expect(isoWeek('2026-12-31')).toEqual({ year: 2026, week: 53 });
    expect(periodOf('2026-08-15', 'month')).toBe('2026-08');
    expect(periodOf('2026-08-15', 'quarter')).toBe('2026-Q3');
    expect(periodOf('2026-08-15', 'total')).toBe('total');
  });

  it('knows the first and last day of each period', () => {
    expect(periodBounds('2026-W01')).toEqual({ start: '2025-12-29', end: '2026-01-04' });
    expect(periodBounds('2026-W53')).toEqual({ start: '2026-12-28', end: '2027-01-03' });
    expect(periodBounds('2028-02')).toEqual({ start: '2028-02-01', end: '2028-02-29' });
    expect(periodBounds('2026-Q4')).toEqual({ start: '2026-10-01', end: '2026-12-31' });
    expect(periodBounds('total')).toBeUndefined();
  });

  it('lists the periods of a range', () => {
    expect(periodsBetween('2026-06-30', '2026-07-14', 'week')).toEqual(['2026-W27', '2026-W28', '2026-W29']);
    expect(periodsBetween('2026-01-15', '2026-04-01', 'month')).toEqual(['2026-01', '2026-02', '2026-03', '2026-04']);
    expect(periodsBetween('2026-01-01', '2026-01-03', 'day')).toEqual(['2026-01-01', '2026-01-02', '2026-01-03']);
  });

  it('finds today in the org time zone', () => {
    const now = new Date('2026-07-05T20:00:00Z');
    expect(todayIn('UTC', now)).toBe('2026-07-05');
    expect(todayIn('Asia/Shanghai', now)).toBe('2026-07-06');
  });
});

describe('date ranges', () => {
  const today = '2026-08-15';

  it('turns presets into ranges', () => {
    expect(presetRange('last-30-days', today)).toEqual({ from: '2026-07-17', to: today });
    expect(presetRange('last-90-days', today)).toEqual({ from: '2026-05-18', to: today });
    expect(presetRange('this-quarter', today)).toEqual({ from: '2026-07-01', to: today });
    expect(presetRange('last-quarter', today)).toEqual({ from: '2026-04-01', to: '2026-06-30' });
    expect(presetRange('last-quarter', '2026-02-10')).toEqual({ from: '2025-10-01', to: '2025-12-31' });
    expect(presetRange('year-to-date', today)).toEqual({ from: '2026-01-01', to: today });
  });

  it('compares each preset with the matching earlier range', () => {
    expect(previousRange({ from: '2026-07-17', to: today }, 'last-30-days')).toEqual({
      from: '2026-06-17',
      to: '2026-07-16',
      comparison: 'previous-days',
      days: 30,
    });
    expect(previousRange({ from: '2026-04-01', to: '2026-06-30' }, 'last-quarter')).toMatchObject({ from: '2026-01-01', to: '2026-03-31', comparison: 'previous-quarter' });
    expect(previousRange({ from: '2026-07-01', to: today }, 'this-quarter')).toMatchObject({ from: '2026-04-01', to: '2026-05-16', days: 46 });
    expect(previousRange({ from: '2026-01-01', to: today }, 'year-to-date')).toMatchObject({ from: '2025-01-01', to: '2025-08-15' });
  });

  it('picks the latest complete period and the one before it', () => {
    // Saturday 2026-08-15: week 33 is still running, so week 32 against week 31.
    expect(latestPeriods({ from: '2026-07-17', to: today }, 'week', today)).toEqual({ from: '2026-07-27', to: '2026-08-09', current: '2026-W32', previous: '2026-W31' });
    expect(latestPeriods({ from: '2026-07-17', to: today }, 'day', today)).toEqual({ from: '2026-08-13', to: '2026-08-14', current: '2026-08-14', previous: '2026-08-13' });
    expect(latestPeriods({ from: '2026-05-18', to: today }, 'month', today)).toMatchObject({ current: '2026-07', previous: '2026-06', from: '2026-06-01', to: '2026-07-31' });
    // A past range that ends on a month's last day keeps that month.
    expect(latestPeriods({ from: '2026-04-01', to: '2026-06-30' }, 'month', today)).toMatchObject({ current: '2026-06', previous: '2026-05' });
  });
});
