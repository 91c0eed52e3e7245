import { useEffect, useState } from 'react';
import { cachedGet } from '../api/client';
import type { MetricResponse } from '../api/types';
import { metricPath, type Catalog } from '../panels/plan';
import type { DateRange } from '../state/date-ranges';
import type { FilterName } from '../state/view-state';

/** Metrics whose groups list the values people filter by: assistant users (tools, IDEs, languages), and commits for teams without assistant data. */
const SOURCES: Record<FilterName, string[]> = {
  team: ['active_users', 'commits'],
  tool: ['active_users'],
  language: ['active_users', 'commits'],
  ide: ['active_users'],
};

/** The values a filter offers: every group seen in the range, sorted. Empty while loading or when nothing answers. */
export function useDimensionValues(dimension: FilterName, range: DateRange, catalog: Catalog | null): string[] {
  const [values, setValues] = useState<string[]>([]);
  const key = `${dimension}:${range.from}:${range.to}:${catalog ? 'catalog' : 'none'}`;
  useEffect(() => {
    if (!catalog) return;
    let cancelled = false;
    const metrics = SOURCES[dimension].filter((id) => catalog.get(id)?.params.some((param) => param.name === 'groupBy' && param.values?.includes(dimension)));
    Promise.allSettled(metrics.map((id) => cachedGet<MetricResponse>(metricPath(id, { ...range, granularity: 'total', groupBy: dimension })))).then((results) => {
      if (cancelled) return;
      const found = new Set<string>();
      for (const result of results) {
        if (result.status !== 'fulfilled') continue; // a filter list is a convenience: panels report their own errors
        for (const series of result.value.series) {
          const value = series.group[dimension];
          if (value) found.add(value);
        }
      }
      setValues([...found].sort((a, b) => a.localeCompare(b)));
    });
    return () => {
      cancelled = true;
    };
    // key covers dimension, range and catalog readiness
  }, [key]);
  return values;
}
