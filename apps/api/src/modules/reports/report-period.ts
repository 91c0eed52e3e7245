/** Calendar quarters as the metrics API labels them (`2026-Q3`), with their inclusive date ranges. */

export type Quarter = { year: number; quarter: 1 | 2 | 3 | 4 };

const QUARTER_PATTERN = /^(\d{4})-Q([1-4])$/;

export function parseQuarter(label: string): Quarter | null {
  const match = QUARTER_PATTERN.exec(label);
  if (!match) return null;
  return { year: Number(match[1]), quarter: Number(match[2]) as Quarter['quarter'] };
}

export function quarterLabel(quarter: Quarter): string {
  return `${quarter.year}-Q${quarter.quarter}`;
}

/** The quarter `offset` quarters after (negative: before) the given one. */
export function shiftQuarter(quarter: Quarter, offset: number): Quarter {
  const index = quarter.year * 4 + (quarter.quarter - 1) + offset;
  return { year: Math.floor(index / 4), quarter: ((index % 4) + 1) as Quarter['quarter'] };
}

export function quarterRange(quarter: Quarter): { from: string; to: string } {
  const startMonth = (quarter.quarter - 1) * 3;
  const from = new Date(Date.UTC(quarter.year, startMonth, 1)).toISOString().slice(0, 10);
  const to = new Date(Date.UTC(quarter.year, startMonth + 3, 0)).toISOString().slice(0, 10);
  return { from, to };
}

/** The quarter containing a date (YYYY-MM-DD). */
export function quarterOf(date: string): Quarter {
  return { year: Number(date.slice(0, 4)), quarter: (Math.floor((Number(date.slice(5, 7)) - 1) / 3) + 1) as Quarter['quarter'] };
}
