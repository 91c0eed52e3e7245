import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { OrgsService } from '../src/modules/orgs/orgs.service';
import { QuarterlyReportService } from '../src/modules/reports/quarterly-report.service';
import { DEFAULT_ORG_SLUG } from '../src/modules/setup/first-start.service';
import { renderReport, REPORT_FORMATS } from '../src/modules/reports/report-file';
import { apiClient } from '../test/support/api';
import { postEvents } from '../test/support/http';
import { createDataDir, removeDataDir, startTestServer, TEST_ADMIN_TOKEN, TEST_INGEST_KEY } from '../test/support/test-server';

/**
 * npm run bench:report — seeds a temporary data directory with a few thousand events through the real collector
 * (two quarters, 8 teams × 6 developers, a department, seats and rollout phases), then times the quarterly report:
 * assembly alone, each renderer alone, and each format end to end over HTTP. BENCH_EVENTS, BENCH_RUNS tune it.
 */
const TARGET_EVENTS = Number(process.env['BENCH_EVENTS'] ?? 5000);
const RUNS = Number(process.env['BENCH_RUNS'] ?? 5);
const TEAMS = ['payments', 'search', 'checkout', 'identity', 'mobile', 'web', 'data', 'infra'];
const DAY = 86_400_000;

type Quarter = { year: number; quarter: number };
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

async function time<Result>(runs: number, run: () => Promise<Result>): Promise<{ medianMs: number; result: Result }> {
  const durations: number[] = [];
  let result: Result | undefined;
  for (let index = 0; index < runs; index += 1) {
    const started = performance.now();
    result = await run();
    durations.push(performance.now() - started);
  }
  return { medianMs: median(durations), result: result as Result };
}

async function main(): Promise<void> {
  const dataDir = createDataDir('report-bench');
  const server = await startTestServer(dataDir);
  try {
    const now = new Date();
    const current: Quarter = { year: now.getUTCFullYear(), quarter: Math.floor(now.getUTCMonth() / 3) + 1 };
    const quarter = shift(current, -1);
    const admin = apiClient(server.baseUrl, TEST_ADMIN_TOKEN);
    await admin.post('/api/v1/directory/departments', { name: 'product' });
    for (const [index, team] of TEAMS.entries()) await admin.post('/api/v1/directory/teams', { name: team, ...(index < 4 ? { department: 'product' } : {}) });
    for (let index = 0; index < 24; index += 1) {
      const person = await admin.post<{ id: string }>('/api/v1/directory/people', { name: `dev ${index}`, identities: [{ kind: 'email', value: `${TEAMS[index % TEAMS.length]}-dev${index % 6}@bench.test` }] });
      await admin.post(`/api/v1/directory/people/${person.body.id}/seats`, { tool: 'copilot', startDate: new Date(startOf(shift(quarter, -1))).toISOString().slice(0, 10) });
    }
    await admin.post('/api/v1/directory/rollout-phases', { name: 'pilot', startDate: new Date(startOf(shift(quarter, -1)) + 5 * DAY).toISOString().slice(0, 10), targetShare: 0.1 });
    await admin.post('/api/v1/directory/rollout-phases', { name: 'general', startDate: new Date(startOf(quarter) + 30 * DAY).toISOString().slice(0, 10), targetShare: 0.76 });

    const events = seedEvents([shift(quarter, -1), quarter], TARGET_EVENTS);
    const seedStarted = performance.now();
    let accepted = 0;
    for (let offset = 0; offset < events.length; offset += 500) {
      const response = await postEvents(server.baseUrl, TEST_INGEST_KEY, { events: events.slice(offset, offset + 500) });
      if (response.status !== 200 || response.body.rejected.length > 0) throw new Error(`seeding failed: ${JSON.stringify(response.body).slice(0, 500)}`);
      accepted += response.body.accepted;
    }
    console.log(`seeded ${accepted} events through the collector in ${((performance.now() - seedStarted) / 1000).toFixed(1)} s; report ${label(quarter)}, ${RUNS} runs each (median)`);

    const service = server.app.get(QuarterlyReportService);
    const org = await server.app.get(OrgsService).getBySlug(DEFAULT_ORG_SLUG);
    const principal = { kind: 'api-token' as const, orgId: org.id, tokenId: 'bench', role: 'viewer' as const };
    const build = await time(RUNS, () => service.build(principal, { quarter: label(quarter), scope: 'org' }));
    console.log(`${'assemble (org)'.padEnd(28)} ${build.medianMs.toFixed(0).padStart(6)} ms`);
    for (const format of REPORT_FORMATS) {
      const render = await time(RUNS, () => renderReport(build.result, format));
      console.log(`${`render ${format}`.padEnd(28)} ${render.medianMs.toFixed(0).padStart(6)} ms   ${(render.result.body.length / 1024).toFixed(0)} KiB`);
    }
    for (const [scope, format] of [['org', 'pdf'], ['org', 'xlsx'], ['org', 'csv'], ['department:product', 'pdf'], ['team:payments', 'pdf']] as const) {
      const http = await time(RUNS, async () => {
        const response = await fetch(`${server.baseUrl}/api/v1/reports/quarterly?quarter=${label(quarter)}&scope=${scope}&format=${format}`, { headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` } });
        if (response.status !== 200) throw new Error(`${scope} ${format}: ${response.status} ${await response.text()}`);
        return (await response.arrayBuffer()).byteLength;
      });
      console.log(`${`HTTP ${format} (${scope})`.padEnd(28)} ${http.medianMs.toFixed(0).padStart(6)} ms   ${(http.result / 1024).toFixed(0)} KiB`);
    }
  } finally {
    await server.close();
    removeDataDir(dataDir);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
