import { invalidParameter } from '../../common/api-error';
import type { RawQuery } from '../metrics/metrics.service';

/** Reads one analysis parameter; unknown parameters are refused by `assertKnown`. */
export function single(query: RawQuery, name: string): string | undefined {
  const value = query[name];
  if (Array.isArray(value)) {
    if (value.length > 1) throw invalidParameter(name, `${name} may be given once`, value);
    return value[0];
  }
  return value;
}

export function assertKnown(query: RawQuery, allowed: readonly string[]): void {
  for (const name of Object.keys(query)) {
    if (!allowed.includes(name)) throw invalidParameter(name, `unknown parameter "${name}"; expected one of ${allowed.join(', ')}`, query[name]);
  }
}

export function oneOf<Value extends string>(query: RawQuery, name: string, values: readonly Value[], fallback: Value): Value {
  const value = single(query, name) ?? fallback;
  if (!values.includes(value as Value)) throw invalidParameter(name, `${name} must be one of ${values.join(', ')} (got "${value}")`, value);
  return value as Value;
}

export function positiveInteger(query: RawQuery, name: string, fallback: number, max: number): number {
  const raw = single(query, name);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > max) throw invalidParameter(name, `${name} must be an integer from 1 to ${max}`, raw);
  return value;
}

export function fraction(query: RawQuery, name: string, fallback: number): number {
  const raw = single(query, name);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0 || value > 1) throw invalidParameter(name, `${name} must be a number above 0 and at most 1`, raw);
  return value;
}

/** `bins=0.1,0.3` → increasing thresholds strictly between 0 and 1. */
export function thresholds(query: RawQuery, name: string, fallback: number[]): number[] {
  const raw = single(query, name);
  if (raw === undefined) return fallback;
  const values = raw.split(',').map((part) => Number(part.trim()));
  const valid = values.length > 0 && values.every((value, index) => Number.isFinite(value) && value > 0 && value < 1 && (index === 0 || value > values[index - 1]!));
  if (!valid) throw invalidParameter(name, `${name} must be increasing fractions between 0 and 1, e.g. 0.1,0.3`, raw);
  return values;
}

export function isoDate(query: RawQuery, name: string): string | undefined {
  const raw = single(query, name);
  if (raw === undefined) return undefined;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(raw) || Number.isNaN(Date.parse(`${raw}T00:00:00Z`))) {
    throw invalidParameter(name, `${name} must be a date YYYY-MM-DD`, raw);
  }
  return raw;
}
