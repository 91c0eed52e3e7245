import type { MetricResponse } from '@uplift/metrics';

export type CellValue = { value: number | null; numerator?: number; denominator?: number };

/** A metric response as cells keyed by `group value|period` (group value '' without groupBy). */
export function cells(response: MetricResponse): Map<string, CellValue> {
  const byKey = new Map<string, CellValue>();
  for (const series of response.series) {
    const groupValue = Object.values(series.group)[0] ?? '';
    for (const point of series.points) {
      byKey.set(`${groupValue}|${point.period}`, { value: point.value, numerator: point.numerator, denominator: point.denominator });
    }
  }
  return byKey;
}

export function groupValues(response: MetricResponse): string[] {
  return response.series.map((series) => Object.values(series.group)[0] ?? '');
}

export function splitKey(key: string): { group: string; period: string } {
  const separator = key.lastIndexOf('|');
  return { group: key.slice(0, separator), period: key.slice(separator + 1) };
}
