import { describe, expect, it } from 'vitest';
import {
  isIsoDate,
  isoWeekLabel,
  isValidTimeZone,
  periodLabel,
  periodsBetween,
  periodStart,
  todayInTimeZone,
} from './periods';

describe('isoWeekLabel', () => {
  it.each([
    ['2026-01-01', '2026-W01'], // Thursday: week 1 of 2026
    ['2025-12-29', '2026-W01'], // Monday of the week holding 2026-01-01
    ['2025-12-28', '2025-W52'], // Sunday before it
    ['2026-07-05', '2026-W27'], // Sunday
    ['2026-07-06', '2026-W28'], // Monday
    ['2026-12-28', '2026-W53'], // 2026 has 53 ISO weeks (starts on a Thursday)
    ['2026-12-31', '2026-W53'],
    ['2027-01-01', '2026-W53'], // Friday: still the last week of 2026
    ['2027-01-03', '2026-W53'], // Sunday
    ['2027-01-04', '2027-W01'], // Monday
    ['2024-12-30', '2025-W01'],
    ['2021-01-03', '2020-W53'],
  ])('%s is in %s', (date, label) => {
    expect(isoWeekLabel(date)).toBe(label);
  });
});

describe('periodStart and periodLabel', () => {
  it('starts weeks on Monday', () => {
    expect(periodStart('2026-07-05', 'week')).toBe('2026-06-29');
    expect(periodStart('2026-07-06', 'week')).toBe('2026-07-06');
    expect(periodStart('2027-01-01', 'week')).toBe('2026-12-28');
  });

  it('labels every granularity', () => {
    expect(periodLabel('2026-07-01', 'day')).toBe('2026-07-01');
    expect(periodLabel('2026-06-29', 'week')).toBe('2026-W27');
    expect(periodLabel('2026-07-01', 'month')).toBe('2026-07');
    expect(periodLabel('2026-07-01', 'quarter')).toBe('2026-Q3');
    expect(periodLabel('2026-07-01', 'total')).toBe('total');
  });

  it.each([
    ['2026-01-01', '2026-01-01', '2026-Q1'],
    ['2026-03-31', '2026-01-01', '2026-Q1'],
    ['2026-04-01', '2026-04-01', '2026-Q2'],
    ['2026-09-30', '2026-07-01', '2026-Q3'],
    ['2026-12-31', '2026-10-01', '2026-Q4'],
  ])('quarter of %s starts %s (%s)', (date, start, label) => {
    expect(periodStart(date, 'quarter')).toBe(start);
    expect(periodLabel(date, 'quarter')).toBe(label);
  });
});

describe('periodsBetween', () => {
  it('lists every day inclusively', () => {
    expect(periodsBetween('2026-02-27', '2026-03-01', 'day').map((period) => period.label)).toEqual([
      '2026-02-27',
      '2026-02-28',
      '2026-03-01',
    ]);
  });

  it('lists ISO weeks across the week-year boundary, the first one starting before from', () => {
    expect(periodsBetween('2026-12-30', '2027-01-12', 'week')).toEqual([
      { start: '2026-12-28', label: '2026-W53' },
      { start: '2027-01-04', label: '2027-W01' },
      { start: '2027-01-11', label: '2027-W02' },
    ]);
    expect(periodsBetween('2025-12-29', '2026-01-04', 'week').map((period) => period.label)).toEqual(['2026-W01']);
  });

  it('lists months and quarters across a year end', () => {
    expect(periodsBetween('2026-11-15', '2027-01-02', 'month').map((period) => period.label)).toEqual([
      '2026-11',
      '2026-12',
      '2027-01',
    ]);
    expect(periodsBetween('2026-08-15', '2027-01-02', 'quarter')).toEqual([
      { start: '2026-07-01', label: '2026-Q3' },
      { start: '2026-10-01', label: '2026-Q4' },
      { start: '2027-01-01', label: '2027-Q1' },
    ]);
  });

  it('has one total period and a single-day range has one period', () => {
    expect(periodsBetween('2026-01-01', '2026-12-31', 'total')).toEqual([{ start: '2026-01-01', label: 'total' }]);
    expect(periodsBetween('2026-07-01', '2026-07-01', 'week')).toEqual([{ start: '2026-06-29', label: '2026-W27' }]);
  });

  it('stops at the limit', () => {
    expect(periodsBetween('2000-01-01', '2030-01-01', 'day', 5)).toHaveLength(5);
  });
});

describe('dates and time zones', () => {
  it('accepts only real calendar dates', () => {
    expect(isIsoDate('2028-02-29')).toBe(true);
    expect(isIsoDate('2026-02-29')).toBe(false);
    expect(isIsoDate('2026-13-01')).toBe(false);
    expect(isIsoDate('2026-7-1')).toBe(false);
    expect(isIsoDate('yesterday')).toBe(false);
  });

  it('computes today in the org time zone', () => {
    const sundayNightUtc = new Date('2026-07-05T23:30:00Z');
    expect(todayInTimeZone('UTC', sundayNightUtc)).toBe('2026-07-05');
    expect(todayInTimeZone('Asia/Shanghai', sundayNightUtc)).toBe('2026-07-06'); // 07:30 Monday in UTC+8
    expect(todayInTimeZone('America/Los_Angeles', new Date('2027-01-01T05:00:00Z'))).toBe('2026-12-31');
    expect(isoWeekLabel(todayInTimeZone('Asia/Shanghai', sundayNightUtc))).toBe('2026-W28');
  });

  it('knows IANA zone names', () => {
    expect(isValidTimeZone('Asia/Shanghai')).toBe(true);
    expect(isValidTimeZone('UTC')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus_Mons')).toBe(false);
    expect(isValidTimeZone('')).toBe(false);
  });
});
