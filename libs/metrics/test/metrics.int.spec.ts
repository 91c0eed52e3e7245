import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  CLICKHOUSE_MIGRATIONS_DIR,
  createClickHouse,
  queryRows,
  runMigrations,
  Tables,
  type UpliftClickHouse,
} from '@uplift/clickhouse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseMetricQuery, runMetric, type MetricPoint, type MetricResponse, type RawMetricQuery } from '../src';
import { developerOf, fixtureEvents, PEOPLE, replayedEvents } from './metrics-fixture';

const ORG = `org-${randomUUID()}`;
const OTHER_ORG = `org-${randomUUID()}`;
const dataDir = path.join(os.tmpdir(), `uplift-metrics-int-${process.pid}`);
const JULY = { from: '2026-06-29', to: '2026-07-19' }; // weeks 2026-W27, W28, W29
let clickHouse: UpliftClickHouse;

async function metric(metricId: string, raw: RawMetricQuery, timeZone = 'UTC'): Promise<MetricResponse> {
  const query = parseMetricQuery(metricId, raw, { today: '2026-09-30' });
  return runMetric(clickHouse.client, { orgId: ORG, timeZone, query });
}

/** The points of the one ungrouped series. */
function onlySeries(response: MetricResponse): MetricPoint[] {
  expect(response.series).toHaveLength(1);
  const [series] = response.series;
  if (!series) throw new Error('no series');
  return series.points;
}

/** The values of the one ungrouped series. */
async function values(metricId: string, raw: RawMetricQuery, timeZone = 'UTC'): Promise<Array<number | null>> {
  return onlySeries(await metric(metricId, raw, timeZone)).map((point) => point.value);
}

/** group value → point values, for a grouped query. */
async function groupedValues(metricId: string, raw: RawMetricQuery, timeZone = 'UTC') {
  const response = await metric(metricId, raw, timeZone);
  return response.series.map((series) => [Object.values(series.group)[0], series.points.map((point) => point.value)]);
}

beforeAll(async () => {
  rmSync(dataDir, { recursive: true, force: true, maxRetries: 20, retryDelay: 100 });
  clickHouse = createClickHouse({ kind: 'embedded', dataDir });
  await runMigrations(clickHouse.client, CLICKHOUSE_MIGRATIONS_DIR);
  // keep re-sent rows un-merged, as they may be in production between merges
  await clickHouse.client.command({ query: `SYSTEM STOP MERGES ${Tables.events}` });
  const events = fixtureEvents(ORG);
  const insert = (values: unknown[]) => clickHouse.client.insert({ table: Tables.events, values, format: 'JSONEachRow' });
  await insert(events);
  await insert(fixtureEvents(OTHER_ORG)); // another org with the same activity: must never show up
  await insert(replayedEvents(events)); // a later batch re-sending events with the same ids
});

afterAll(async () => {
  await clickHouse?.close();
  rmSync(dataDir, { recursive: true, force: true, maxRetries: 20, retryDelay: 100 });
});

describe('fixture', () => {
  it('really holds un-merged duplicate event ids', async () => {
    const [row] = await queryRows<{ duplicates: number }>(clickHouse.client, {
      query: `SELECT count() - uniqExact(id) AS duplicates FROM ${Tables.events} WHERE org_id = {org:String}`,
      params: { org: ORG },
      comment: 'metrics:test',
    });
    expect(row?.duplicates).toBe(7);
  });
});

describe('response shape', () => {
  it('matches the API contract', async () => {
    const response = await metric('acceptance_rate', { ...JULY, groupBy: 'team', team: 'payments' });
    expect(response).toEqual({
      metric: 'acceptance_rate',
      unit: 'ratio',
      from: '2026-06-29',
      to: '2026-07-19',
      granularity: 'week',
      series: [
        {
          group: { team: 'payments' },
          points: [
            // alice s1, s2 and bob s3 shown and accepted; the bot's s5 does not count
            { period: '2026-W27', value: 1, numerator: 3, denominator: 3 },
            { period: '2026-W28', value: null, numerator: 0, denominator: 0 },
            { period: '2026-W29', value: null, numerator: 0, denominator: 0 },
          ],
        },
      ],
    });
  });
});

describe('active_users and engaged_users', () => {
  it('counts distinct developers per week, without bots', async () => {
    // W27 alice, bob, carol (Sunday 23:30 UTC); dave's 06-28 event is before the range
    // W28 carol, dave, bob; W29 bob, dave, carol, alice
    expect(await values('active_users', JULY)).toEqual([3, 3, 4]);
    expect(await values('active_users', { ...JULY, granularity: 'total' })).toEqual([4]);
    // payments: W27 alice+bob (the bot would make 3), W28 bob, W29 bob+alice; search: carol; unassigned: dave
    expect(await groupedValues('active_users', { ...JULY, groupBy: 'team' })).toEqual([
      ['payments', [2, 1, 2]],
      ['search', [1, 1, 1]],
      ['unassigned', [0, 1, 1]],
    ]);
  });

  it('buckets and bounds the range in the org time zone', async () => {
    // Asia/Shanghai: dave's activation (06-28 20:00 UTC = 06-29 04:00) enters W27;
    // carol's Sunday-night suggestion (07-05 23:30 UTC = 07-06 07:30) moves to W28
    expect(await groupedValues('active_users', { ...JULY, groupBy: 'developer' }, 'Asia/Shanghai')).toEqual([
      [developerOf(PEOPLE.alice), [1, 0, 1]],
      [developerOf(PEOPLE.bob), [1, 1, 1]],
      [developerOf(PEOPLE.carol), [0, 1, 1]],
      [developerOf(PEOPLE.dave), [1, 1, 1]],
    ]);
    expect(await groupedValues('active_users', { ...JULY, groupBy: 'developer' })).toEqual([
      ['email:alice@example.com', [1, 0, 1]],
      ['email:bob@example.com', [1, 1, 1]],
      ['email:carol@example.com', [1, 1, 1]],
      ['email:dave@example.com', [0, 1, 1]],
    ]);
  });

  it('counts engaged developers', async () => {
    // W27 alice (accepted s1, s2), bob (accepted s3); W28 bob (agent.edit accepted; the bot's does not count);
    // W29 bob (agent.session completed), carol (chat.applied); dave's failed session and alice's activation are not engagement
    expect(await values('engaged_users', JULY)).toEqual([2, 1, 2]);
    expect(await groupedValues('engaged_users', { ...JULY, groupBy: 'team' })).toEqual([
      ['payments', [2, 1, 1]],
      ['search', [0, 0, 1]],
    ]);
  });
});

describe('acceptance_rate', () => {
  const points = async (raw: RawMetricQuery, timeZone = 'UTC') =>
    onlySeries(await metric('acceptance_rate', raw, timeZone)).map(({ period, ...rest }) => [period, rest]);

  it('basis=count: distinct accepted ÷ distinct shown suggestions', async () => {
    expect(await points(JULY)).toEqual([
      // shown s1, s2 (twice), s3, s6 = 4; accepted s1, s2, s3 (s3 twice) = 3
      ['2026-W27', { value: 0.75, numerator: 3, denominator: 4 }],
      // shown s4, rejected: 0 ÷ 1 is 0, not null
      ['2026-W28', { value: 0, numerator: 0, denominator: 1 }],
      // nothing shown: null
      ['2026-W29', { value: null, numerator: 0, denominator: 0 }],
    ]);
    expect(await values('acceptance_rate', { ...JULY, granularity: 'total' })).toEqual([3 / 5]);
  });

  it('basis=lines and basis=chars sum each suggestion once', async () => {
    expect(await points({ ...JULY, basis: 'lines' })).toEqual([
      // accepted 8 (s1) + 3 (s2) + 6 (s3 once) = 17; shown 10 + 4 (s2 once) + 6 + 2 = 22
      ['2026-W27', { value: 17 / 22, numerator: 17, denominator: 22 }],
      ['2026-W28', { value: 0, numerator: 0, denominator: 20 }],
      ['2026-W29', { value: null, numerator: 0, denominator: 0 }],
    ]);
    expect(await points({ ...JULY, basis: 'chars' })).toEqual([
      // accepted 80 + 30 + 60 = 170; shown 100 + 40 + 60 + 20 = 220
      ['2026-W27', { value: 170 / 220, numerator: 170, denominator: 220 }],
      ['2026-W28', { value: 0, numerator: 0, denominator: 200 }],
      ['2026-W29', { value: null, numerator: 0, denominator: 0 }],
    ]);
  });

  it('kind filters by the kind of the shown suggestion', async () => {
    // next_edit: s2 only, 1 ÷ 1; lines 3 ÷ 4
    expect(await points({ ...JULY, granularity: 'total', kind: 'next_edit' })).toEqual([
      ['total', { value: 1, numerator: 1, denominator: 1 }],
    ]);
    expect(await values('acceptance_rate', { ...JULY, granularity: 'total', kind: 'next_edit', basis: 'lines' })).toEqual([3 / 4]);
    // inline (kind absent = inline): shown s1, s3, s6, s4; accepted s1, s3
    expect(await values('acceptance_rate', { ...JULY, granularity: 'total', kind: 'inline' })).toEqual([2 / 4]);
  });

  it('moves the Sunday-night suggestion to the next week and day in Asia/Shanghai', async () => {
    expect(await points(JULY, 'Asia/Shanghai')).toEqual([
      ['2026-W27', { value: 1, numerator: 3, denominator: 3 }], // s1, s2, s3
      ['2026-W28', { value: 0, numerator: 0, denominator: 2 }], // s6, s4
      ['2026-W29', { value: null, numerator: 0, denominator: 0 }],
    ]);
    const days = { from: '2026-07-05', to: '2026-07-06', granularity: 'day' };
    expect(await points(days)).toEqual([
      ['2026-07-05', { value: 0, numerator: 0, denominator: 1 }],
      ['2026-07-06', { value: null, numerator: 0, denominator: 0 }],
    ]);
    expect(await points(days, 'Asia/Shanghai')).toEqual([
      ['2026-07-05', { value: null, numerator: 0, denominator: 0 }],
      ['2026-07-06', { value: 0, numerator: 0, denominator: 1 }],
    ]);
  });

  it('groups by developer and filters', async () => {
    // alice 2 ÷ 2, bob 1 ÷ 1, carol 0 ÷ 2 (s6, s4)
    expect(await groupedValues('acceptance_rate', { ...JULY, granularity: 'total', groupBy: 'developer' })).toEqual([
      ['email:alice@example.com', [1]],
      ['email:bob@example.com', [1]],
      ['email:carol@example.com', [0]],
    ]);
    // go + typescript: bob and alice, 3 ÷ 3
    expect(await values('acceptance_rate', { ...JULY, granularity: 'total', language: 'go,typescript' })).toEqual([1]);
    expect(await values('acceptance_rate', { ...JULY, granularity: 'total', team: 'search' })).toEqual([0]);
  });
});

describe('other usage metrics', () => {
  it('completion_latency p50 (lower median) and p95, each suggestion once', async () => {
    // W27 [50, 100, 200, 300] (s2's later duplicate 900 ignored), W28 [400], W29 none
    expect(await values('completion_latency', JULY)).toEqual([100, 400, null]);
    expect(await values('completion_latency', { ...JULY, stat: 'p95' })).toEqual([300, 400, null]); // 900 if the duplicate won
    // all five [50, 100, 200, 300, 400]; the bot's 5000 excluded
    expect(await values('completion_latency', { ...JULY, granularity: 'total' })).toEqual([200]);
    expect(await values('completion_latency', { ...JULY, granularity: 'total', stat: 'p95' })).toEqual([400]);
  });

  it('agent_edit_acceptance_rate and chat_like_rate', async () => {
    // bob's accepted (sent twice) and rejected edit in W28: 1 ÷ 2; the bot's accepted edit excluded
    expect(await values('agent_edit_acceptance_rate', JULY)).toEqual([null, 0.5, null]);
    // W27 alice like 1 ÷ 1; W28 carol like + dislike (sent twice) 1 ÷ 2
    expect(await values('chat_like_rate', JULY)).toEqual([1, 0.5, null]);
    expect(await values('chat_like_rate', { ...JULY, granularity: 'total' })).toEqual([2 / 3]);
  });

  it('tokens and ai_cost', async () => {
    // W27 alice chat.turn 10 + 5; W28 dave chat.turn 100 + 50 and usage.cost 1000 + 500 (sent twice); W29 alice usage.cost 200 + 100
    expect(await values('tokens', JULY)).toEqual([15, 1650, 300]);
    expect(await values('ai_cost', JULY)).toEqual([0, 0.25, 0.5]);
    expect(await groupedValues('ai_cost', { ...JULY, granularity: 'total', groupBy: 'model' })).toEqual([
      ['claude', [0.25]],
      ['gpt-4o', [0.5]],
    ]);
  });
});

describe('delivery metrics', () => {
  it('commits: non-merge, once per (repo, sha), no bots', async () => {
    // W27 aaa; W28 bbb (aaa again, the merge ccc and the bot's eee do not count); W29 ddd, search aaa, fff, ggg
    expect(await values('commits', JULY)).toEqual([1, 1, 4]);
    expect(await groupedValues('commits', { ...JULY, granularity: 'total', groupBy: 'developer' })).toEqual([
      ['email:alice@example.com', [1]],
      ['email:bob@example.com', [1]],
      ['email:carol@example.com', [2]],
      ['email:dave@example.com', [2]],
    ]);
    expect(await values('commits', { ...JULY, team: 'payments' })).toEqual([1, 1, 0]);
    expect(await values('commits', { ...JULY, granularity: 'total', team: ['search', 'unassigned'] })).toEqual([4]);
  });

  it('lines_changed', async () => {
    // W27 100 + 10; W28 50 + 5; W29 (200 + 100) + 20 + 10 + 7
    expect(await values('lines_changed', JULY)).toEqual([110, 55, 337]);
  });

  it('ai_code_share caps AI lines at lines added', async () => {
    // W27 40 ÷ 100; W28 min(80, 50) ÷ 50; W29 (0 + 0 + 10 + 0) ÷ (200 + 20 + 10 + 0)
    expect(await values('ai_code_share', JULY)).toEqual([0.4, 1, 10 / 230]);
    // payments (40 + 50) ÷ 150; search 0 ÷ 220; unassigned 10 ÷ 10
    expect(await groupedValues('ai_code_share', { ...JULY, granularity: 'total', groupBy: 'team' })).toEqual([
      ['payments', [0.6]],
      ['search', [0]],
      ['unassigned', [1]],
    ]);
    // 07-16 holds only a pure deletion: a zero denominator from the database is null
    const response = await metric('ai_code_share', { from: '2026-07-14', to: '2026-07-16', granularity: 'day' });
    expect(onlySeries(response)).toEqual([
      { period: '2026-07-14', value: 0, numerator: 0, denominator: 220 },
      { period: '2026-07-15', value: 1, numerator: 10, denominator: 10 },
      { period: '2026-07-16', value: null, numerator: 0, denominator: 0 },
    ]);
  });

  it('pr_throughput: merged PRs once per (repo, number)', async () => {
    // W27 acme/pay#1 (merged again in W28 under a new id); W28 acme/pay#2 (sent twice), acme/search#1; the bot's #3 excluded
    expect(await values('pr_throughput', JULY)).toEqual([1, 2, 0]);
    expect(await groupedValues('pr_throughput', { ...JULY, granularity: 'total', groupBy: 'repo' })).toEqual([
      ['acme/pay', [2]],
      ['acme/search', [1]],
    ]);
  });
});

describe('granularities across the ISO week-year boundary', () => {
  const range = { from: '2025-12-29', to: '2027-01-04' };

  it('week', async () => {
    const response = await metric('commits', { ...range, granularity: 'week' });
    const points = onlySeries(response);
    expect(points).toHaveLength(54); // 2026-W01 … 2026-W53, 2027-W01
    expect(points[0]).toEqual({ period: '2026-W01', value: 1 }); // 2025-12-29
    expect(points.slice(-2)).toEqual([
      { period: '2026-W53', value: 2 }, // 2026-12-31 and 2027-01-01
      { period: '2027-W01', value: 1 }, // 2027-01-04
    ]);
    expect(points.filter((point) => point.value !== 0).map((point) => point.period)).toEqual([
      '2026-W01',
      '2026-W27',
      '2026-W28',
      '2026-W29',
      '2026-W53',
      '2027-W01',
    ]);
  });

  it('day, month, quarter and total', async () => {
    const days = await metric('commits', { from: '2026-12-31', to: '2027-01-01', granularity: 'day' });
    expect(onlySeries(days)).toEqual([
      { period: '2026-12-31', value: 1 },
      { period: '2027-01-01', value: 1 },
    ]);
    const months = onlySeries(await metric('commits', { ...range, granularity: 'month' }));
    expect(months).toHaveLength(14);
    // 2025-12 y1; 2026-06 aaa (06-30); 2026-07 bbb, ddd, search aaa, fff, ggg; 2026-12 y2; 2027-01 y3, y4
    expect(months.filter((point) => point.value !== 0)).toEqual([
      { period: '2025-12', value: 1 },
      { period: '2026-06', value: 1 },
      { period: '2026-07', value: 5 },
      { period: '2026-12', value: 1 },
      { period: '2027-01', value: 2 },
    ]);
    expect(await values('commits', { ...range, granularity: 'quarter' })).toEqual([1, 0, 1, 5, 1, 2]); // 2025-Q4 … 2027-Q1
    expect(onlySeries(await metric('commits', { ...range, granularity: 'quarter' }))[0]?.period).toBe('2025-Q4');
    expect(await values('commits', { ...range, granularity: 'total' })).toEqual([10]);
  });
});
