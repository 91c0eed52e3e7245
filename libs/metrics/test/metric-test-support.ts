import { rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  CLICKHOUSE_MIGRATIONS_DIR,
  createClickHouse,
  runMigrations,
  Tables,
  type EventRow,
  type UpliftClickHouse,
} from '@uplift/clickhouse';
import { expect } from 'vitest';
import { parseMetricQuery, runMetric, type MetricPoint, type MetricResponse, type MetricSettings, type RawMetricQuery } from '../src';

/** A chDB store for one test file (chDB is one engine per process), merges stopped so re-sent rows stay. */
export async function openTestStore(name: string): Promise<{ clickHouse: UpliftClickHouse; close: () => Promise<void> }> {
  const dataDir = path.join(os.tmpdir(), `uplift-${name}-${process.pid}`);
  rmSync(dataDir, { recursive: true, force: true, maxRetries: 20, retryDelay: 100 });
  const clickHouse = createClickHouse({ kind: 'embedded', dataDir });
  await runMigrations(clickHouse.client, CLICKHOUSE_MIGRATIONS_DIR);
  await clickHouse.client.command({ query: `SYSTEM STOP MERGES ${Tables.events}` });
  return {
    clickHouse,
    close: async () => {
      await clickHouse.close();
      rmSync(dataDir, { recursive: true, force: true, maxRetries: 20, retryDelay: 100 });
    },
  };
}

export async function insertRows(clickHouse: UpliftClickHouse, rows: readonly EventRow[]): Promise<void> {
  await clickHouse.client.insert({ table: Tables.events, values: [...rows], format: 'JSONEachRow' });
}

/** Runs metrics for one org, with optional org settings. */
export function metricRunner(clickHouse: () => UpliftClickHouse, orgId: string) {
  async function metric(metricId: string, raw: RawMetricQuery, settings: MetricSettings = {}): Promise<MetricResponse> {
    const query = parseMetricQuery(metricId, raw, { today: '2026-09-30' });
    return runMetric(clickHouse().client, { orgId, settings, query });
  }

  /** The points of the one ungrouped series. */
  function onlySeries(response: MetricResponse): MetricPoint[] {
    expect(response.series).toHaveLength(1);
    const [series] = response.series;
    if (!series) throw new Error('no series');
    return series.points;
  }

  /** The values of the one ungrouped series. */
  async function values(metricId: string, raw: RawMetricQuery, settings: MetricSettings = {}): Promise<Array<number | null>> {
    return onlySeries(await metric(metricId, raw, settings)).map((point) => point.value);
  }

  /** Group value(s) joined with '/' → point values, for a grouped or split query. */
  async function groupedValues(metricId: string, raw: RawMetricQuery, settings: MetricSettings = {}) {
    const response = await metric(metricId, raw, settings);
    return response.series.map((series) => [Object.values(series.group).join('/'), series.points.map((point) => point.value)]);
  }

  return { metric, onlySeries, values, groupedValues };
}
