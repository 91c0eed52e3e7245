import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { markEventsWritten, queryRows, toClickHouseDateTime } from '@uplift/clickhouse';
import { findMetric, parseMetricQuery, refreshRollups, runMetric, servedFromRollups, todayInTimeZone } from '@uplift/metrics';
import { DataSource } from 'typeorm';
import { AuthService } from '../src/modules/auth/auth.service';
import { OrgsService } from '../src/modules/orgs/orgs.service';
import type { DemoOptions } from '../src/seed/demo-company';
import { seedDemo } from '../src/seed/demo-seed';
import { startTestServer } from '../test/support/test-server';

/**
 * npm run bench:query — the metrics API's latency on a large company: the demo generator (npm run seed:demo,
 * which writes the events in ClickHouse itself) at BENCH_DEVELOPERS developers (default 6,400 over 18 months,
 * about 100 million events), seeded once into BENCH_DATA_DIR (default tmp/bench-query) and reused; the daily
 * rollups are built (timed) before measuring. For each default dashboard query (org-wide and by team; weekly;
 * 90 days and 12 months) it prints p50/p95 over BENCH_RUNS HTTP requests, beside the same query computed from
 * raw events only (the engine alone, no HTTP: BENCH_RAW_RUNS runs, 0 for none; 90-day ranges, and 12 months with
 * BENCH_RAW_YEAR=1), the same for a few while today is still being written (read from events beside the rollups), and
 * the analyses' p50/p95.
 * Loopback only; a fixed number of queries, so the run stops by itself.
 */
const DATA_DIR = path.resolve(process.env['BENCH_DATA_DIR'] ?? path.join(__dirname, '../../../tmp/bench-query'));
const DEVELOPERS = Number(process.env['BENCH_DEVELOPERS'] ?? 6400);
const TEAMS = Number(process.env['BENCH_TEAMS'] ?? 200);
const RUNS = Number(process.env['BENCH_RUNS'] ?? 10);
const RAW_RUNS = Number(process.env['BENCH_RAW_RUNS'] ?? 2);
/** Raw baselines of 12-month ranges take minutes each at 100 M events: only with BENCH_RAW_YEAR=1. */
const RAW_YEAR = process.env['BENCH_RAW_YEAR'] === '1';
const ORG_SLUG = 'bench-query';
const TIME_ZONE = 'Asia/Shanghai';
const TARGET_ROLLUP_P95_MS = 50;
const TARGET_ANALYSIS_P95_MS = 1000;

/** The dashboards' default queries (dashboards/*.json). */
const METRIC_IDS = ['active_users', 'engaged_users', 'acceptance_rate', 'adoption_rate', 'request_mix', 'ai_cost', 'ai_code_share', 'pr_throughput', 'pr_cycle_time', 'defect_density'];

type SeedMarker = { options: Omit<DemoOptions, 'endDate'>; endDate: string; events: number };

const quantile = (values: readonly number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
};
const ms = (value: number) => `${value < 10 ? value.toFixed(1) : Math.round(value)} ms`;
const daysBefore = (day: string, days: number) => new Date(Date.parse(`${day}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);

async function timed(runs: number, run: () => Promise<unknown>): Promise<number[]> {
  const durations: number[] = [];
  for (let index = 0; index < runs; index += 1) {
    const started = performance.now();
    await run();
    durations.push(performance.now() - started);
  }
  return durations;
}

async function main(): Promise<void> {
  mkdirSync(DATA_DIR, { recursive: true });
  const server = await startTestServer(DATA_DIR, { UPLIFT_ROLLUP_REFRESH_MS: '0' });
  try {
    const client = server.clickhouse.client;
    const orgs = server.app.get(OrgsService);
    const options: Omit<DemoOptions, 'endDate'> = { seed: 7, developers: DEVELOPERS, teams: TEAMS, months: 18, orgSlug: ORG_SLUG, timeZone: TIME_ZONE };
    const markerFile = path.join(DATA_DIR, 'bench-query.json');
    const marker = existsSync(markerFile) ? (JSON.parse(readFileSync(markerFile, 'utf8')) as SeedMarker) : null;
    const existing = (await orgs.list()).find((org) => org.slug === ORG_SLUG) ?? null;
    const count = async (orgId: string) =>
      Number((await queryRows<{ events: number }>(client, { query: 'SELECT count() AS events FROM events WHERE org_id = {org:String}', params: { org: orgId }, comment: 'bench:query:count' }))[0]!.events);
    let orgId: string;
    if (existing && marker && JSON.stringify(marker.options) === JSON.stringify(options) && (await count(existing.id)) === marker.events) {
      orgId = existing.id;
      console.log(`reusing ${marker.events.toLocaleString('en-US')} events of "${ORG_SLUG}" (seeded ${marker.endDate}) in ${DATA_DIR}`);
    } else {
      const endDate = todayInTimeZone(TIME_ZONE);
      console.log(`seeding ${DEVELOPERS} developers, ${TEAMS} teams, 18 months into ${DATA_DIR} (generated inside ClickHouse) …`);
      const result = await seedDemo({ clickhouse: server.clickhouse, dataSource: server.app.get(DataSource), options: { ...options, endDate }, now: new Date() });
      console.log(`seeded ${result.events.toLocaleString('en-US')} events in ${result.totalSeconds.toFixed(0)} s (${Math.round(result.events / result.generationSeconds).toLocaleString('en-US')} events/s)`);
      writeFileSync(markerFile, `${JSON.stringify({ options, endDate, events: result.events } satisfies SeedMarker, null, 2)}\n`);
      orgId = result.org.id;
    }
    const events = await count(orgId);

    const buildStarted = performance.now();
    const built = await refreshRollups(client, { timeZoneOf: async (id) => (id === orgId ? TIME_ZONE : null) });
    const buildSeconds = (performance.now() - buildStarted) / 1000;
    const rollupRows = Number((await queryRows<{ rows: number }>(client, { query: 'SELECT count() AS rows FROM events_daily_rollup WHERE org_id = {org:String}', params: { org: orgId }, comment: 'bench:query:rollup-rows' }))[0]!.rows);
    const resolvedRows = Number((await queryRows<{ rows: number }>(client, { query: 'SELECT count() AS rows FROM events_daily_resolved WHERE org_id = {org:String}', params: { org: orgId }, comment: 'bench:query:resolved-rows' }))[0]!.rows);
    const refresh = built.find((entry) => entry.orgId === orgId);
    console.log(
      refresh?.built
        ? `daily rollups: built ${refresh.built.days} days and resolved ${refresh.resolved?.days ?? 0} in ${buildSeconds.toFixed(1)} s (${Math.round(events / buildSeconds).toLocaleString('en-US')} events/s); ${rollupRows.toLocaleString('en-US')} grain rows, ${resolvedRows.toLocaleString('en-US')} resolved rows for ${events.toLocaleString('en-US')} events`
        : refresh?.resolved
          ? `daily rollups: current; resolved ${refresh.resolved.days} days in ${buildSeconds.toFixed(1)} s; ${resolvedRows.toLocaleString('en-US')} resolved rows for ${events.toLocaleString('en-US')} events`
          : `daily rollups: already current and resolved (${rollupRows.toLocaleString('en-US')} grain rows, ${resolvedRows.toLocaleString('en-US')} resolved rows for ${events.toLocaleString('en-US')} events)`,
    );

    const token = (await server.app.get(AuthService).createApiToken({ orgId, name: 'bench:query', role: 'admin' })).secret;
    const get = async (pathAndQuery: string) => {
      const response = await fetch(`${server.baseUrl}${pathAndQuery}`, { headers: { authorization: `Bearer ${token}` } });
      if (response.status !== 200) throw new Error(`${pathAndQuery}: ${response.status} ${await response.text()}`);
      return response.json();
    };
    const org = await orgs.getById(orgId);
    const today = todayInTimeZone(TIME_ZONE);
    const ranges = [
      { label: '90 days', from: daysBefore(today, 89), to: today },
      { label: '12 months', from: daysBefore(today, 364), to: today },
    ];

    console.log(`\n${events.toLocaleString('en-US')} events, ${DEVELOPERS} developers, ${TEAMS} teams; weekly; ${RUNS} HTTP runs after a warm-up, raw baseline ${RAW_RUNS} runs`);
    console.log(`${'query'.padEnd(46)} ${'served from'.padEnd(11)} ${'API p50'.padStart(9)} ${'API p95'.padStart(9)}   ${'raw p50'.padStart(9)} ${'raw p95'.padStart(9)}`);
    const rollupSamples: number[] = [];
    const eventSamples: number[] = [];
    for (const range of ranges) {
      for (const metricId of METRIC_IDS) {
        for (const groupBy of [undefined, 'team'] as const) {
          const raw = { from: range.from, to: range.to, granularity: 'week', ...(groupBy ? { groupBy } : {}) };
          const query = parseMetricQuery(metricId, raw, { today });
          const fromRollups = servedFromRollups(findMetric(metricId)!, query);
          const url = `/api/v1/metrics/${metricId}?${new URLSearchParams(raw).toString()}`;
          await get(url); // warm-up
          const api = await timed(RUNS, () => get(url));
          const withBaseline = RAW_RUNS > 0 && (range.label === '90 days' || RAW_YEAR);
          const baseline = await timed(withBaseline ? RAW_RUNS : 0, () =>
            runMetric(client, { orgId, settings: { timeZone: org.timeZone, codingTimeShare: org.codingTimeShare, aiPrLabels: org.aiPrLabels }, query, build: { rollups: false } }),
          );
          (fromRollups ? rollupSamples : eventSamples).push(...api);
          const name = `${metricId}${groupBy ? ' by team' : ''}, ${range.label}`;
          console.log(`${name.padEnd(46)} ${(fromRollups ? 'rollups' : 'events').padEnd(11)} ${ms(quantile(api, 0.5)).padStart(9)} ${ms(quantile(api, 0.95)).padStart(9)}   ${(withBaseline ? ms(quantile(baseline, 0.5)) : '—').padStart(9)} ${(withBaseline ? ms(quantile(baseline, 0.95)) : '—').padStart(9)}`);
        }
      }
    }

    // While events arrive, today has writes newer than its build: that day is read from events and resolved at
    // query time, beside the resolved days (the refresher would catch up within UPLIFT_ROLLUP_REFRESH_MS).
    const now = new Date();
    await markEventsWritten({ client }, [{ orgId, firstTime: toClickHouseDateTime(new Date(now.getTime() - 3_600_000)), lastTime: toClickHouseDateTime(now) }]);
    console.log('\nwhile events arrive (today written since its build, read from events):');
    const liveSamples: number[] = [];
    for (const range of ranges) {
      for (const metricId of ['active_users', 'acceptance_rate', 'ai_cost']) {
        const url = `/api/v1/metrics/${metricId}?${new URLSearchParams({ from: range.from, to: range.to, granularity: 'week' }).toString()}`;
        await get(url);
        const api = await timed(RUNS, () => get(url));
        liveSamples.push(...api);
        console.log(`${`${metricId}, ${range.label}`.padEnd(46)} ${'mixed'.padEnd(11)} ${ms(quantile(api, 0.5)).padStart(9)} ${ms(quantile(api, 0.95)).padStart(9)}`);
      }
    }

    const year = ranges[1]!;
    const analyses = [
      `/api/v1/analysis/correlation?x=ai_code_share&y=defect_density&unit=team-week&from=${year.from}&to=${year.to}`,
      `/api/v1/analysis/correlation?x=adoption_rate&y=pr_cycle_time&unit=team-week&from=${ranges[0]!.from}&to=${today}`,
      `/api/v1/analysis/cohorts?outcome=pr_cycle_time&unit=developer&from=${ranges[0]!.from}&to=${today}`,
      `/api/v1/analysis/rollout?from=${year.from}&to=${year.to}`,
    ];
    const analysisSamples: number[] = [];
    console.log('');
    for (const url of analyses) {
      await get(url);
      const samples = await timed(Math.max(3, Math.floor(RUNS / 2)), () => get(url));
      analysisSamples.push(...samples);
      console.log(`${url.replace(/&from=.*$/, '').replace('/api/v1/analysis/', 'analysis ').padEnd(58)} p50 ${ms(quantile(samples, 0.5)).padStart(9)}  p95 ${ms(quantile(samples, 0.95)).padStart(9)}`);
    }

    console.log('');
    console.log(`rollup-served metric queries: p50 ${ms(quantile(rollupSamples, 0.5))}, p95 ${ms(quantile(rollupSamples, 0.95))} (target p95 ≤ ${TARGET_ROLLUP_P95_MS} ms: ${quantile(rollupSamples, 0.95) <= TARGET_ROLLUP_P95_MS ? 'met' : 'NOT met'})`);
    console.log(`rollup-served, today still being written: p50 ${ms(quantile(liveSamples, 0.5))}, p95 ${ms(quantile(liveSamples, 0.95))}`);
    console.log(`event-served metric queries: p50 ${ms(quantile(eventSamples, 0.5))}, p95 ${ms(quantile(eventSamples, 0.95))}`);
    console.log(`analyses: p50 ${ms(quantile(analysisSamples, 0.5))}, p95 ${ms(quantile(analysisSamples, 0.95))} (target p95 ≤ ${TARGET_ANALYSIS_P95_MS} ms: ${quantile(analysisSamples, 0.95) <= TARGET_ANALYSIS_P95_MS ? 'met' : 'NOT met'})`);
  } finally {
    await server.close();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
