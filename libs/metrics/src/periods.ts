/**
 * Calendar periods as civil dates (`YYYY-MM-DD`, already in the org's time zone): bucketing of an instant into
 * a zone happens in ClickHouse; here we label period starts and enumerate the periods of a date range.
 */

export const GRANULARITIES = ['day', 'week', 'month', 'quarter', 'total'] as const;
export type Granularity = (typeof GRANULARITIES)[number];

/** A bucket of a series: its first day and its label (`2026-07-01`, `2026-W27`, `2026-07`, `2026-Q3`, `total`). */
export type Period = { start: string; label: string };

const DAY_MS = 86_400_000;
const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date written `YYYY-MM-DD`. */
export function isIsoDate(text: string): boolean {
  const match = DATE_PATTERN.exec(text);
  if (!match) return false;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return formatDate(date) === text;
}

function parseDate(text: string): Date {
  if (!isIsoDate(text)) throw new Error(`not a YYYY-MM-DD date: "${text}"`);
  return new Date(`${text}T00:00:00Z`);
}

function formatDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

function pad(value: number, width = 2): string {
  return String(value).padStart(width, '0');
}

export function addDays(date: string, days: number): string {
  return formatDate(new Date(parseDate(date).getTime() + days * DAY_MS));
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((parseDate(to).getTime() - parseDate(from).getTime()) / DAY_MS);
}

/** ISO 8601 week of a date: the week-year is the year of that week's Thursday (2027-01-01 → 2026-W53). */
export function isoWeekLabel(date: string): string {
  const day = parseDate(date);
  const mondayBased = (day.getUTCDay() + 6) % 7;
  const thursday = new Date(day.getTime() + (3 - mondayBased) * DAY_MS);
  const weekYear = thursday.getUTCFullYear();
  const firstOfYear = Date.UTC(weekYear, 0, 1);
  const week = Math.floor((thursday.getTime() - firstOfYear) / DAY_MS / 7) + 1;
  return `${weekYear}-W${pad(week)}`;
}

/** First day of the period of `granularity` that contains `date` (`total` has one period starting at `date`). */
export function periodStart(date: string, granularity: Granularity): string {
  const day = parseDate(date);
  const year = day.getUTCFullYear();
  const month = day.getUTCMonth();
  switch (granularity) {
    case 'day':
    case 'total':
      return date;
    case 'week':
      return addDays(date, -((day.getUTCDay() + 6) % 7));
    case 'month':
      return `${year}-${pad(month + 1)}-01`;
    case 'quarter':
      return `${year}-${pad(month - (month % 3) + 1)}-01`;
  }
}

/** Label of the period of `granularity` that contains `date`. */
export function periodLabel(date: string, granularity: Granularity): string {
  switch (granularity) {
    case 'day':
      return date;
    case 'week':
      return isoWeekLabel(date);
    case 'month':
      return date.slice(0, 7);
    case 'quarter':
      return `${date.slice(0, 4)}-Q${Math.floor((Number(date.slice(5, 7)) - 1) / 3) + 1}`;
    case 'total':
      return 'total';
  }
}

function nextPeriodStart(start: string, granularity: Exclude<Granularity, 'total'>): string {
  if (granularity === 'day') return addDays(start, 1);
  if (granularity === 'week') return addDays(start, 7);
  const day = parseDate(start);
  const months = granularity === 'month' ? 1 : 3;
  return formatDate(new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth() + months, 1)));
}

/**
 * The periods that overlap [from, to], in order. The first and last may be partial (a week that starts before
 * `from`); only days inside [from, to] are ever counted. Stops after `limit` periods so a caller can refuse a
 * range that is too long without enumerating it.
 */
export function periodsBetween(from: string, to: string, granularity: Granularity, limit = Infinity): Period[] {
  if (granularity === 'total') return [{ start: from, label: 'total' }];
  const periods: Period[] = [];
  for (let start = periodStart(from, granularity); start <= to && periods.length < limit; ) {
    periods.push({ start, label: periodLabel(start, granularity) });
    start = nextPeriodStart(start, granularity);
  }
  return periods;
}

/** True when `timeZone` is an IANA zone name this runtime knows. */
export function isValidTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return timeZone.length > 0;
  } catch {
    return false;
  }
}

/** The civil date of `now` in `timeZone` (the default `to` of a query). */
export function todayInTimeZone(timeZone: string, now: Date = new Date()): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(now);
  const part = (type: 'year' | 'month' | 'day') => parts.find((candidate) => candidate.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}
