import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { queryRows } from '@uplift/clickhouse';
import { DataSource } from 'typeorm';
import { AuthService } from '../src/modules/auth/auth.service';
import { DirectoryService } from '../src/modules/directory/directory.service';
import type { OrgEntity } from '../src/modules/orgs/org.entity';
import { OrgsService } from '../src/modules/orgs/orgs.service';
import { QuarterlyReportService } from '../src/modules/reports/quarterly-report.service';
import { renderReport, REPORT_FORMATS } from '../src/modules/reports/report-file';
import { RollupRefresher } from '../src/modules/rollups/rollup-refresher.service';
import { todayIn } from '../src/seed/demo-calendar';
import type { DemoOptions } from '../src/seed/demo-company';
import { seedDemo } from '../src/seed/demo-seed';
import { apiClient } from '../test/support/api';
import { postEvents } from '../test/support/http';
import { startTestServer, type TestServer } from '../test/support/test-server';

/**
 * npm run bench:report — times the quarterly report on the demo organisation (npm run seed:demo's defaults: 300
 * developers, 20 teams, 18 months, about 4.7 million events) beside a baseline measured in the same run: a small
 * org of a few thousand events posted through the real collector (two quarters, 8 teams × 6 developers). For each:
 * assembly alone, each renderer alone, and each format end to end over HTTP, org-wide, plus a department and a team.
 *
 * Both orgs live in a bench data directory (BENCH_DATA_DIR, default tmp/bench-report) that is seeded once and
 * reused while it still covers the quarter; BENCH_RESEED=1 seeds again. BENCH_RUNS (default 3) runs per figure,
 * the median printed beside the first (cold) run; BENCH_EVENTS sizes the baseline org.
 */
const TARGET_EVENTS = Number(process.env['BENCH_EVENTS'] ?? 5000);
const RUNS = Number(process.env['BENCH_RUNS'] ?? 3);
const DATA_DIR = path.resolve(process.env['BENCH_DATA_DIR'] ?? path.join(__dirname, '../../../tmp/bench-report'));
const RESEED = process.env['BENCH_RESEED'] === '1';
const PDF_TARGET_MS = 5000;
const DEMO_SLUG = 'bench-demo';
const TIME_ZONE = 'Asia/Shanghai';
const TEAMS = ['payments', 'search', 'checkout', 'identity', 'mobile', 'web', 'data', 'infra'];
const DAY = 86_400_000;

type Quarter = { year: number; quarter: number };
const endOf = (quarter: Quarter) => new Date(startOf(shift(quarter, 1)) - DAY).toISOString().slice(0, 10);
const shift = (quarter: Quarter, offset: number): Quarter => {
  const index = quarter.year * 4 + quarter.quarter - 1 + offset;
  return { year: Math.floor(index / 4), quarter: (index % 4) + 1 };
};
const startOf = (quarter: Quarter) => Date.UTC(quarter.year, (quarter.quarter - 1) * 3, 1);
const label = (quarter: Quarter) => `${quarter.year}-Q${quarter.quarter}`;
const hex = (length: number) => randomUUID().replace(/-/g, '').slice(0, length);

function seedEvents(quarters: Quarter[], total: number): Record<string, unknown>[] {
  const events: Record<string, unknown>[] = [];
  let sequence = 0;
  while (events.length < total) {
    sequence += 1;
    const quarter = quarters[sequence % quarters.length]!;
    const team = TEAMS[sequence % TEAMS.length]!;
    const developer = `${team}-dev${sequence % 6}@bench.test`;
    const time = new Date(startOf(quarter) + ((sequence * 7919) % 89) * DAY + (sequence % 10) * 3_600_000).toISOString();
    const envelope = { id: randomUUID(), time, actor: { email: developer }, context: { team }, source: { tool: 'copilot', ide: 'vscode' } };
    const suggestionId = `s-${sequence}`;
    events.push({ ...envelope, type: 'completion.shown', data: { suggestionId, lines: 5, chars: 120 } });
    if (sequence % 3 !== 0) events.push({ ...envelope, id: randomUUID(), type: 'completion.accepted', data: { suggestionId, lines: 3, chars: 80 } });
    if (sequence % 4 === 0) {
      const linesAdded = 40 + (sequence % 60);
      events.push({ ...envelope, id: randomUUID(), type: 'commit', source: { tool: 'git' }, data: { sha: hex(40), repo: `bench/${team}`, linesAdded, linesDeleted: 5, ...(sequence % 8 === 0 ? { aiLinesAdded: sequence % linesAdded } : {}) } });
    }
    if (sequence % 9 === 0) {
      events.push({ ...envelope, id: randomUUID(), type: 'pull_request.merged', source: { tool: 'git' }, data: { repo: `bench/${team}`, number: sequence, createdAt: new Date(Date.parse(time) - 30 * 3_600_000).toISOString() } });
    }
    if (sequence % 25 === 0) {
      events.push({ ...envelope, id: randomUUID(), type: 'work_item.resolved', source: { tool: 'jira' }, data: { key: `REQ-${sequence}`, kind: 'requirement', team, createdAt: new Date(Date.parse(time) - 5 * DAY).toISOString() } });
    }
    if (sequence % 40 === 0) events.push({ ...envelope, id: randomUUID(), type: 'work_item.created', source: { tool: 'jira' }, data: { key: `BUG-${sequence}`, kind: 'bug', team } });
    if (sequence % 15 === 0) events.push({ ...envelope, id: randomUUID(), type: 'usage.cost', data: { model: 'claude', inputTokens: 2000, outputTokens: 300, costUsd: 0.42 } });
    if (sequence % 30 === 0) events.push({ ...envelope, id: randomUUID(), type: 'survey.response', source: { tool: 'survey' }, data: { surveyId: 'pulse', question: 'satisfaction', score: 1 + (sequence % 5) } });
    if (sequence % 50 === 0) {
      events.push({ id: randomUUID(), time, type: 'deployment.finished', source: { tool: 'ci' }, data: { deploymentId: `d-${sequence}`, repo: `bench/${team}`, environment: 'production', status: 'success', commitSha: hex(40) } });
    }
  }
  return events;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

type Timing<Result> = { firstMs: number; medianMs: number; result: Result };

async function time<Result>(runs: number, run: () => Promise<Result>): Promise<Timing<Result>> {
  const durations: number[] = [];
  let result: Result | undefined;
  for (let index = 0; index < runs; index += 1) {
    const started = performance.now();
    result = await run();
    durations.push(performance.now() - started);
  }
  return { firstMs: durations[0]!, medianMs: median(durations), result: result as Result };
}

type BenchOrg = { label: string; org: OrgEntity; token: string; events: number; department: string; team: string };

async function countEvents(server: TestServer, orgId: string): Promise<number> {
  const [row] = await queryRows<{ events: string | number }>(server.clickhouse.client, {
    query: 'SELECT count() AS events FROM events WHERE org_id = {org:String}',
    params: { org: orgId },
    comment: 'bench:report:count',
  });
  return Number(row?.events ?? 0);
}

async function findOrg(server: TestServer, slug: string): Promise<OrgEntity | null> {
  return (await server.app.get(OrgsService).list()).find((org) => org.slug === slug) ?? null;
}

/** A viewer token for this run (the bench directory keeps no secrets between runs). */
async function viewerToken(server: TestServer, orgId: string): Promise<string> {
  return (await server.app.get(AuthService).createApiToken({ orgId, name: 'bench:report', role: 'viewer' })).secret;
}

/** The baseline: a few thousand events through the collector into an org of its own per quarter, reused when present. */
async function baselineOrg(server: TestServer, quarter: Quarter): Promise<BenchOrg> {
  const slug = `bench-small-${label(quarter).toLowerCase()}`;
  let org = await findOrg(server, slug);
  if (org && !RESEED && (await countEvents(server, org.id)) > 0) {
    console.log(`baseline org "${slug}": reusing ${await countEvents(server, org.id)} events`);
  } else {
    const credentials = org ? null : await server.createOrg(slug);
    org = await server.app.get(OrgsService).getBySlug(slug);
    const admin = apiClient(server.baseUrl, credentials?.adminToken ?? (await server.app.get(AuthService).createApiToken({ orgId: org.id, name: 'bench admin', role: 'admin' })).secret);
    const ingestKey = credentials?.ingestKey ?? (await server.app.get(AuthService).createIngestKey({ orgId: org.id, name: 'bench ingest' })).secret;
    const directory = server.app.get(DirectoryService);
    if ((await directory.listDepartments(org.id)).length === 0) {
      await admin.post('/api/v1/directory/departments', { name: 'product' });
      for (const [index, team] of TEAMS.entries()) await admin.post('/api/v1/directory/teams', { name: team, ...(index < 4 ? { department: 'product' } : {}) });
      for (let index = 0; index < 24; index += 1) {
        const person = await admin.post<{ id: string }>('/api/v1/directory/people', { name: `dev ${index}`, identities: [{ kind: 'email', value: `${TEAMS[index % TEAMS.length]}-dev${index % 6}@bench.test` }] });
        await admin.post(`/api/v1/directory/people/${person.body.id}/seats`, { tool: 'copilot', startDate: new Date(startOf(shift(quarter, -1))).toISOString().slice(0, 10) });
      }
      await admin.post('/api/v1/directory/rollout-phases', { name: 'pilot', startDate: new Date(startOf(shift(quarter, -1)) + 5 * DAY).toISOString().slice(0, 10), targetShare: 0.1 });
      await admin.post('/api/v1/directory/rollout-phases', { name: 'general', startDate: new Date(startOf(quarter) + 30 * DAY).toISOString().slice(0, 10), targetShare: 0.76 });
    }
    const events = seedEvents([shift(quarter, -1), quarter], TARGET_EVENTS);
    const seedStarted = performance.now();
    let accepted = 0;
    for (let offset = 0; offset < events.length; offset += 500) {
      const response = await postEvents(server.baseUrl, ingestKey, { events: events.slice(offset, offset + 500) });
      if (response.status !== 200 || response.body.rejected.length > 0) throw new Error(`seeding failed: ${JSON.stringify(response.body).slice(0, 500)}`);
      accepted += response.body.accepted;
    }
    console.log(`baseline org "${slug}": seeded ${accepted} events through the collector in ${((performance.now() - seedStarted) / 1000).toFixed(1)} s`);
  }
  return { label: 'baseline', org, token: await viewerToken(server, org.id), events: await countEvents(server, org.id), department: 'product', team: 'payments' };
}

type SeedMarker = { options: Omit<DemoOptions, 'endDate'>; endDate: string; events: number };

/** The demo organisation with seed:demo's defaults; seeded when missing or when it ends before the quarter does. */
async function demoOrg(server: TestServer, quarter: Quarter): Promise<BenchOrg> {
  const options: Omit<DemoOptions, 'endDate'> = { seed: 42, developers: 300, teams: 20, months: 18, orgSlug: DEMO_SLUG, timeZone: TIME_ZONE };
  const markerFile = path.join(DATA_DIR, 'bench-demo.json');
  const marker = existsSync(markerFile) ? (JSON.parse(readFileSync(markerFile, 'utf8')) as SeedMarker) : null;
  let org = await findOrg(server, DEMO_SLUG);
  const fresh =
    !RESEED && org !== null && marker !== null && JSON.stringify(marker.options) === JSON.stringify(options) && marker.endDate >= endOf(quarter) && (await countEvents(server, org.id)) === marker.events;
  if (fresh) {
    console.log(`demo org "${DEMO_SLUG}": reusing ${marker!.events.toLocaleString('en-US')} events (${marker!.endDate}, seeded earlier into ${DATA_DIR})`);
  } else {
    const now = new Date();
    const endDate = todayIn(TIME_ZONE, now);
    console.log(`demo org "${DEMO_SLUG}": seeding ${options.developers} developers, ${options.teams} teams, ${options.months} months to ${endDate} into ${DATA_DIR} …`);
    const result = await seedDemo({ clickhouse: server.clickhouse, dataSource: server.app.get(DataSource), options: { ...options, endDate }, now });
    console.log(`demo org "${DEMO_SLUG}": seeded ${result.events.toLocaleString('en-US')} events in ${result.totalSeconds.toFixed(1)} s`);
    writeFileSync(markerFile, `${JSON.stringify({ options, endDate, events: result.events } satisfies SeedMarker, null, 2)}\n`);
    org = result.org;
  }
  const directory = server.app.get(DirectoryService);
  const teams = await directory.listTeams(org!.id);
  const department = (await directory.listDepartments(org!.id))[0]!.name;
  return { label: 'demo', org: org!, token: await viewerToken(server, org!.id), events: await countEvents(server, org!.id), department, team: teams.find((team) => team.department === department)!.name };
}

async function measure(server: TestServer, bench: BenchOrg, quarter: Quarter): Promise<Map<string, Timing<number>>> {
  const results = new Map<string, Timing<number>>();
  const service = server.app.get(QuarterlyReportService);
  const principal = { kind: 'api-token' as const, orgId: bench.org.id, tokenId: 'bench', role: 'viewer' as const };
  // Each figure is printed as it is measured, so a slow machine shows where the time goes before the table.
  const done = (name: string, timing: Timing<number>) => {
    results.set(name, timing);
    console.log(`  ${bench.label} ${name}: ${timing.medianMs.toFixed(0)} ms (first ${timing.firstMs.toFixed(0)} ms)`);
  };
  const build = await time(RUNS, () => service.build(principal, { quarter: label(quarter), scope: 'org' }));
  done('assemble (org)', { ...build, result: 0 });
  for (const format of REPORT_FORMATS) {
    const render = await time(RUNS, async () => (await renderReport(build.result, format)).body.length);
    done(`render ${format}`, render);
  }
  const requests: [string, string][] = [
    ...REPORT_FORMATS.map((format): [string, string] => ['org', format]),
    [`department:${bench.department}`, 'pdf'],
    [`team:${bench.team}`, 'pdf'],
  ];
  for (const [scope, format] of requests) {
    const http = await time(RUNS, async () => {
      const query = new URLSearchParams({ quarter: label(quarter), scope, format });
      const response = await fetch(`${server.baseUrl}/api/v1/reports/quarterly?${query.toString()}`, { headers: { authorization: `Bearer ${bench.token}` } });
      if (response.status !== 200) throw new Error(`${bench.label} ${scope} ${format}: ${response.status} ${await response.text()}`);
      return (await response.arrayBuffer()).byteLength;
    });
    done(`HTTP ${format} (${scope.split(':')[0]})`, http);
  }
  return results;
}

function printTable(quarter: Quarter, orgs: BenchOrg[], results: Map<string, Timing<number>>[]): void {
  const names = [...results[0]!.keys()];
  const cell = (timing: Timing<number> | undefined, name: string) => {
    if (!timing) return ''.padStart(26);
    const size = name.startsWith('assemble') ? '' : `${(timing.result / 1024).toFixed(0)} KiB`;
    return `${timing.medianMs.toFixed(0).padStart(7)} ms (${timing.firstMs.toFixed(0).padStart(6)}) ${size.padStart(8)}`;
  };
  console.log('');
  console.log(`quarterly report ${label(quarter)}: median of ${RUNS} runs (first run in brackets), file size`);
  console.log(`${''.padEnd(20)} ${orgs.map((bench) => `${bench.label}: ${bench.events.toLocaleString('en-US')} events`.padStart(30)).join('')}`);
  for (const name of names) {
    const line = `${name.padEnd(20)} ${results.map((result) => cell(result.get(name), name).padStart(30)).join('')}`;
    const demo = results.at(-1)!.get(name)!;
    const target = name === 'HTTP pdf (org)' ? `   target ≤ ${PDF_TARGET_MS / 1000} s: ${demo.medianMs <= PDF_TARGET_MS ? 'met' : 'MISSED'}` : '';
    console.log(`${line}${target}`);
  }
}

async function main(): Promise<void> {
  mkdirSync(DATA_DIR, { recursive: true });
  // the daily rollups are built once below, before measuring, not by the background refresher meanwhile
  const server = await startTestServer(DATA_DIR, { UPLIFT_ROLLUP_REFRESH_MS: '0' });
  try {
    // The last complete quarter in the demo org's zone: the one a reader exports.
    const today = todayIn(TIME_ZONE, new Date());
    const quarter = shift({ year: Number(today.slice(0, 4)), quarter: Math.floor((Number(today.slice(5, 7)) - 1) / 3) + 1 }, -1);
    const orgs = [await baselineOrg(server, quarter), await demoOrg(server, quarter)];
    const rollupsStarted = performance.now();
    await server.app.get(RollupRefresher).refreshNow();
    console.log(`daily rollups current after ${((performance.now() - rollupsStarted) / 1000).toFixed(1)} s (built for what changed since the last run)`);
    const results: Map<string, Timing<number>>[] = [];
    for (const bench of orgs) {
      console.log(`measuring ${bench.label} …`);
      results.push(await measure(server, bench, quarter));
    }
    printTable(quarter, orgs, results);
    const pdf = results.at(-1)!.get('HTTP pdf (org)')!;
    if (pdf.medianMs > PDF_TARGET_MS) process.exitCode = 2;
  } finally {
    await server.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
