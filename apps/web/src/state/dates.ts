/**
 * Civil dates (`YYYY-MM-DD`) and the metrics API's period labels, computed on UTC midnights so no local
 * time zone leaks in. The org's time zone only decides what "today" is.
 */

export type Granularity = 'day' | 'week' | 'month' | 'quarter' | 'total';

const DAY_MS = 86_400_000;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isDate(value: string): boolean {
  const match = DATE.exec(value);
  if (!match) return false;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return toDate(date.getTime()) === value;
}

function toMillis(date: string): number {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return Date.UTC(year, month - 1, day);
}

function toDate(millis: number): string {
  return new Date(millis).toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  return toDate(toMillis(date) + days * DAY_MS);
}

/** Whole days from `from` to `to` (0 when equal). */
export function daysBetween(from: string, to: string): number {
  return Math.round((toMillis(to) - toMillis(from)) / DAY_MS);
}

/** Adds months, clamping the day to the target month's length (Mar 31 − 1 month = Feb 28/29). */
export function addMonths(date: string, months: number): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const first = new Date(Date.UTC(year, month - 1 + months, 1));
  const lastDay = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  return toDate(Date.UTC(first.getUTCFullYear(), first.getUTCMonth(), Math.min(day, lastDay)));
}

/** Today in an IANA time zone (the org's). */
export function todayIn(timeZone: string, now: Date = new Date()): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(now);
  const part = (type: string) => parts.find((entry) => entry.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

export function quarterStart(date: string): string {
  const [year, month] = date.split('-').map(Number) as [number, number];
  const firstMonth = Math.floor((month - 1) / 3) * 3 + 1;
  return `${year}-${String(firstMonth).padStart(2, '0')}-01`;
}

/** ISO 8601 week-year and week of a date (weeks start on Monday; week 1 holds the year's first Thursday). */
export function isoWeek(date: string): { year: number; week: number } {
  const millis = toMillis(date);
  const weekday = (new Date(millis).getUTCDay() + 6) % 7; // Monday = 0
  const thursday = new Date(millis + (3 - weekday) * DAY_MS);
  const year = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / (7 * DAY_MS)) + 1;
  return { year, week };
}

/** The period label the metrics API gives the bucket holding `date`. */
export function periodOf(date: string, granularity: Granularity): string {
  switch (granularity) {
    case 'day':
      return date;
    case 'week': {
      const { year, week } = isoWeek(date);
      return `${year}-W${String(week).padStart(2, '0')}`;
    }
    case 'month':
      return date.slice(0, 7);
    case 'quarter':
      return `${date.slice(0, 4)}-Q${Math.floor((Number(date.slice(5, 7)) - 1) / 3) + 1}`;
    case 'total':
      return 'total';
  }
}

/** First and last day of a period label; undefined for `total` or a malformed label. */
export function periodBounds(label: string): { start: string; end: string } | undefined {
  let match: RegExpExecArray | null;
  if (isDate(label)) return { start: label, end: label };
  if ((match = /^(\d{4})-W(\d{2})$/.exec(label))) {
    const year = Number(match[1]);
    const jan4 = Date.UTC(year, 0, 4);
    const mondayOfWeek1 = jan4 - ((new Date(jan4).getUTCDay() + 6) % 7) * DAY_MS;
    const start = toDate(mondayOfWeek1 + (Number(match[2]) - 1) * 7 * DAY_MS);
    return { start, end: addDays(start, 6) };
  }
  if ((match = /^(\d{4})-(\d{2})$/.exec(label))) {
    const start = `${label}-01`;
    return { start, end: addDays(addMonths(start, 1), -1) };
  }
  if ((match = /^(\d{4})-Q([1-4])$/.exec(label))) {
    const start = `${match[1]}-${String((Number(match[2]) - 1) * 3 + 1).padStart(2, '0')}-01`;
    return { start, end: addDays(addMonths(start, 3), -1) };
  }
  return undefined;
}

/** Every period label of [from, to], in order (the API fills series the same way). */
export function periodsBetween(from: string, to: string, granularity: Granularity): string[] {
  if (granularity === 'total') return ['total'];
  const labels: string[] = [];
  let date = from;
  while (date <= to) {
    const label = periodOf(date, granularity);
    labels.push(label);
    const bounds = periodBounds(label);
    if (!bounds) break;
    date = addDays(bounds.end, 1);
  }
  return labels;
}
