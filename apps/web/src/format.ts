import type { ChartFormat } from './charts/types';
import type { Locale } from './i18n/locales';
import { MESSAGES, type MessageKey } from './i18n/translate';

/**
 * Numbers as people read them, per catalog unit and language: ratios as percentages, money in USD, latency in
 * ms or s, durations in hours or days, densities "per KLOC". `null` (no data) is a dash, never 0.
 */

export const NO_VALUE = '—';

const COUNT_UNITS = new Set(['people', 'commits', 'lines', 'PRs', 'items', 'deployments', 'defects']);

function withUnit(locale: Locale, key: MessageKey, value: string): string {
  return MESSAGES[locale][key].replace('{value}', value);
}

/** Fewer decimals as numbers grow: 0.54, 3.4 → 3.4, 12.3, 123. */
function fractionDigits(value: number): number {
  const magnitude = Math.abs(value);
  if (magnitude >= 100 || Number.isInteger(value)) return 0;
  return magnitude >= 10 ? 1 : 2;
}

export function formatNumber(value: number, locale: Locale, options: Intl.NumberFormatOptions = {}): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: fractionDigits(value), ...options }).format(value);
}

function plain(value: number, locale: Locale, compact: boolean): string {
  if (compact && Math.abs(value) >= 10_000) {
    return new Intl.NumberFormat(locale, { notation: 'compact', maximumFractionDigits: 1 }).format(value);
  }
  return formatNumber(value, locale);
}

export type FormatOptions = { compact?: boolean };

export function formatValue(value: number | null | undefined, unit: string, locale: Locale, options: FormatOptions = {}): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return NO_VALUE;
  const compact = options.compact ?? false;
  switch (unit) {
    case 'ratio':
      return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: compact ? 0 : 1 }).format(value);
    case 'USD': {
      const cents = Math.abs(value) >= 100 || compact ? 0 : 2;
      return new Intl.NumberFormat(locale, {
        style: 'currency',
        currency: 'USD',
        ...(compact && Math.abs(value) >= 10_000 ? { notation: 'compact' } : {}),
        maximumFractionDigits: cents,
        minimumFractionDigits: cents,
      }).format(value);
    }
    case 'ms':
      return Math.abs(value) >= 1000
        ? withUnit(locale, 'unit.s', formatNumber(value / 1000, locale, { maximumFractionDigits: 2 }))
        : withUnit(locale, 'unit.ms', formatNumber(value, locale, { maximumFractionDigits: 0 }));
    case 'tokens':
      return withUnit(locale, 'unit.tokens', plain(value, locale, true));
    case 'hours':
    case 'days':
    case 'PRs/person':
    case 'defects/KLOC':
    case 'hours/person/week':
      return withUnit(locale, `unit.${unit}`, formatNumber(value, locale));
    default:
      return COUNT_UNITS.has(unit) ? plain(value, locale, compact) : formatNumber(value, locale);
  }
}

/** Axis ticks: short, and without the unit words a chart's axis name already carries. */
export function formatAxisValue(value: number, unit: string, locale: Locale): string {
  if (unit === 'ratio' || unit === 'USD') return formatValue(value, unit, locale, { compact: true });
  if (unit === 'ms' && Math.abs(value) >= 1000) return formatValue(value, unit, locale);
  return plain(value, locale, true);
}

export type Delta = { text: string; change: number };

/**
 * Change against the previous period: ratios in percentage points (31 % → 34 % is "+3 pp", not "+9.7 %"),
 * everything else relative. null when either side has no data or the previous value is 0.
 */
export function formatDelta(current: number | null | undefined, previous: number | null | undefined, unit: string, locale: Locale): Delta | null {
  if (current === null || current === undefined || previous === null || previous === undefined) return null;
  if (!Number.isFinite(current) || !Number.isFinite(previous)) return null;
  if (unit === 'ratio') {
    const points = (current - previous) * 100;
    const text = new Intl.NumberFormat(locale, { maximumFractionDigits: 1, signDisplay: 'exceptZero' }).format(points);
    return { text: withUnit(locale, 'unit.pp', text), change: points };
  }
  if (previous === 0) return null;
  const change = (current - previous) / Math.abs(previous);
  const text = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1, signDisplay: 'exceptZero' }).format(change);
  return { text, change };
}

/** A civil date, e.g. "Jul 1, 2026" / "2026年7月1日". */
export function formatDate(date: string, locale: Locale): string {
  return new Intl.DateTimeFormat(locale, { timeZone: 'UTC', year: 'numeric', month: 'short', day: 'numeric' }).format(new Date(`${date}T00:00:00Z`));
}

/** A period label of the metrics API for axes and tooltips. */
export function formatPeriod(label: string, locale: Locale): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(label)) {
    return new Intl.DateTimeFormat(locale, { timeZone: 'UTC', month: 'short', day: 'numeric' }).format(new Date(`${label}T00:00:00Z`));
  }
  if (/^\d{4}-\d{2}$/.test(label)) {
    return new Intl.DateTimeFormat(locale, { timeZone: 'UTC', year: 'numeric', month: 'short' }).format(new Date(`${label}-01T00:00:00Z`));
  }
  return label;
}

/** The formatting the chart builders get for a language. */
export function chartFormat(locale: Locale): ChartFormat {
  return {
    value: (value, unit) => formatValue(value, unit, locale),
    axis: (value, unit) => formatAxisValue(value, unit, locale),
    period: (label) => formatPeriod(label, locale),
  };
}
