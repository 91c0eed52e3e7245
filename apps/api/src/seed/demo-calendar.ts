/**
 * The demo company's calendar: one row per civil day in the org's time zone, with the UTC instant of its
 * midnight (events are generated in local working hours), whether people work, and how busy the day is
 * (weekends, public holidays, a mild seasonal swing).
 */
export type DemoDay = {
  /** YYYY-MM-DD in the org's time zone */
  date: string;
  /** days since the first day of the period */
  index: number;
  /** the UTC instant of local midnight, in milliseconds */
  startUtcMs: number;
  /** 1 on a working day, 0 on weekends and public holidays */
  isWorkday: boolean;
  /** expected share of a developer's normal output on this day (≈ 0.93 on an ordinary working day) */
  activity: number;
  /** ISO week label of the day, e.g. `2026-W07` (the unit of weekly noise) */
  week: string;
  /** `2026-Q1` */
  quarter: string;
};

const DAY_MS = 86_400_000;

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** The same day `months` months earlier or later (clamped to the month's length). */
export function addMonths(date: string, months: number): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(year, month - 1 + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(day, lastDay));
  return target.toISOString().slice(0, 10);
}

/** Today's civil date in `timeZone`. */
export function todayIn(timeZone: string, now: Date = new Date()): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(now);
  const part = (type: string) => parts.find((candidate) => candidate.type === type)!.value;
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/** Offset of `timeZone` from UTC at `utcMs`, in milliseconds (positive east of Greenwich). */
function zoneOffsetMs(utcMs: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(utcMs));
  const value = (type: string) => Number(parts.find((part) => part.type === type)!.value);
  const asUtc = Date.UTC(value('year'), value('month') - 1, value('day'), value('hour'), value('minute'), value('second'));
  return asUtc - (utcMs - (utcMs % 1000));
}

/** The UTC instant at which `date` begins in `timeZone` (DST-safe: the offset is re-read at the result). */
export function zonedMidnightUtcMs(date: string, timeZone: string): number {
  const naive = Date.parse(`${date}T00:00:00Z`);
  const first = naive - zoneOffsetMs(naive, timeZone);
  return naive - zoneOffsetMs(first, timeZone);
}

export function isoWeekLabel(date: string): string {
  const day = new Date(`${date}T00:00:00Z`);
  const weekday = (day.getUTCDay() + 6) % 7; // Monday 0
  const thursday = new Date(day.getTime() + (3 - weekday) * DAY_MS);
  const weekYear = thursday.getUTCFullYear();
  const week = 1 + Math.floor((thursday.getTime() - Date.UTC(weekYear, 0, 1)) / DAY_MS / 7);
  return `${weekYear}-W${String(week).padStart(2, '0')}`;
}

export function quarterLabel(date: string): string {
  return `${date.slice(0, 4)}-Q${Math.floor((Number(date.slice(5, 7)) - 1) / 3) + 1}`;
}

// First day and length of the Spring Festival holiday; other years fall back to early February.
const SPRING_FESTIVAL: Record<number, [string, number]> = {
  2024: ['2024-02-10', 8],
  2025: ['2025-01-28', 8],
  2026: ['2026-02-15', 9],
  2027: ['2027-02-05', 7],
  2028: ['2028-01-25', 7],
  2029: ['2029-02-12', 7],
  2030: ['2030-02-02', 7],
};

/** Public holidays of the demo company: mainland China's main ones in Asia/*, a western set elsewhere. */
export function isPublicHoliday(date: string, timeZone: string): boolean {
  const year = Number(date.slice(0, 4));
  const monthDay = date.slice(5);
  if (monthDay === '01-01') return true;
  if (timeZone.startsWith('Asia/')) {
    const [festivalStart, length] = SPRING_FESTIVAL[year] ?? [`${year}-02-01`, 7];
    const offset = daysBetween(festivalStart, date);
    if (offset >= 0 && offset < length) return true;
    if (monthDay >= '04-04' && monthDay <= '04-06') return true; // Qingming
    if (monthDay >= '05-01' && monthDay <= '05-05') return true; // Labour Day
    return monthDay >= '10-01' && monthDay <= '10-07'; // National Day
  }
  return monthDay >= '12-24' && monthDay <= '12-31';
}

/** Every day from `from` to `to` (inclusive) with its activity. */
export function buildCalendar(from: string, to: string, timeZone: string): DemoDay[] {
  const days: DemoDay[] = [];
  for (let index = 0, date = from; date <= to; index += 1, date = addDays(date, 1)) {
    const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
    const holiday = isPublicHoliday(date, timeZone);
    const isWorkday = weekday !== 0 && weekday !== 6 && !holiday;
    const dayOfYear = daysBetween(`${date.slice(0, 4)}-01-01`, date);
    // A mild yearly swing (busier in spring, quieter in late summer) and the slow weeks around holidays.
    const season = 1 + 0.05 * Math.cos((2 * Math.PI * (dayOfYear - 100)) / 365);
    const summer = date.slice(5, 7) === '08' ? 0.92 : 1;
    const activity = isWorkday ? 0.93 * season * summer : holiday ? 0.03 : 0.04;
    days.push({
      date,
      index,
      startUtcMs: zonedMidnightUtcMs(date, timeZone),
      isWorkday,
      activity,
      week: isoWeekLabel(date),
      quarter: quarterLabel(date),
    });
  }
  return days;
}
