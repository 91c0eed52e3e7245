import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { inflateSync } from 'node:zlib';
import path from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatChange, formatValue } from '../src/modules/reports/report-format';
import { apiClient } from './support/api';
import { event } from './support/events';
import { getJson, postEvents, type MetricBody } from './support/http';
import { createDataDir, removeDataDir, startTestServer, type OrgCredentials, type TestServer } from './support/test-server';

type Quarter = { year: number; quarter: number };
const DAY = 86_400_000;

function quarterOfDate(date: Date): Quarter {
  return { year: date.getUTCFullYear(), quarter: Math.floor(date.getUTCMonth() / 3) + 1 };
}
function shift(quarter: Quarter, offset: number): Quarter {
  const index = quarter.year * 4 + quarter.quarter - 1 + offset;
  return { year: Math.floor(index / 4), quarter: (index % 4) + 1 };
}
const label = (quarter: Quarter) => `${quarter.year}-Q${quarter.quarter}`;
const startOf = (quarter: Quarter) => Date.UTC(quarter.year, (quarter.quarter - 1) * 3, 1);
const iso = (millis: number) => new Date(millis).toISOString();
const dateOf = (millis: number) => iso(millis).slice(0, 10);

/** The previous complete quarter and the one before it: both inside the collector's 400-day window. */
const Q = shift(quarterOfDate(new Date()), -1);
const P = shift(Q, -1);
const EMPTY = shift(Q, -3);
const sha = (seed: string) => Buffer.from(seed).toString('hex').padEnd(40, '0').slice(0, 40);

const PAYMENTS = ['pat', 'pia', 'pol', 'pru', 'pam'];

/** A small hand-made quarter: 5 payments developers, 1 search developer, work items, deployments, surveys, cost. */
function quarterEvents(quarter: Quarter, intensity: number): Record<string, unknown>[] {
  const at = (day: number, hour = 12) => iso(startOf(quarter) + day * DAY + hour * 3_600_000);
  const events: Record<string, unknown>[] = [];
  const tag = label(quarter);
  const developers = [...PAYMENTS.map((name) => ({ name, team: 'payments' })), { name: 'sam', team: 'search' }];
  developers.forEach((developer, index) => {
    const actor = { email: `${developer.name}@acme.test` };
    const context = { team: developer.team };
    const day = 3 + index * 9;
    if (quarter === P) events.push(event('assistant.activated', {}, { actor, context, time: at(1) }));
    for (let suggestion = 0; suggestion < 2 + intensity; suggestion += 1) {
      const suggestionId = `${tag}-${developer.name}-${suggestion}`;
      events.push(event('completion.shown', { suggestionId, lines: 4 + suggestion, chars: 80 }, { actor, context, time: at(day + suggestion) }));
      if (suggestion % 2 === 0 || intensity > 1) events.push(event('completion.accepted', { suggestionId, lines: 3, chars: 60 }, { actor, context, time: at(day + suggestion, 13) }));
    }
    const attribution =
      index < 3 ? { aiLinesAdded: 10 * intensity + index * 5 } : index === 3 ? {} : { aiAttribution: { method: 'trailer', tools: ['claude-code'] } };
    events.push(event('commit', { sha: sha(`${tag}-${developer.name}`), repo: `acme/${developer.team}`, linesAdded: 100 + index * 10, linesDeleted: 5, ...attribution }, { actor, context, source: { tool: 'git' }, time: at(day + 1) }));
    events.push(event('pull_request.merged', { repo: `acme/${developer.team}`, number: 100 * quarter.quarter + index + 1, createdAt: at(day - 1) }, { actor, context, source: { tool: 'git' }, time: at(day + 2, 10 + index) }));
    events.push(event('usage.cost', { model: 'claude', inputTokens: 1000, outputTokens: 200, costUsd: 1.25 * intensity + index * 0.1 }, { actor, context, time: at(day) }));
    events.push(event('survey.response', { surveyId: `${tag}-pulse`, question: 'satisfaction', score: index % 3 === 0 ? 3 : 5 }, { actor, context, source: { tool: 'survey' }, time: at(60) }));
  });
  const lead = { email: 'pat@acme.test' };
  for (let item = 0; item < 2 + intensity; item += 1) {
    events.push(event('work_item.resolved', { key: `${tag}-REQ-${item}`, kind: 'requirement', createdAt: at(5 + item), team: 'payments' }, { actor: lead, source: { tool: 'jira' }, time: at(20 + item * 7) }));
  }
  events.push(event('work_item.created', { key: `${tag}-BUG-1`, kind: 'bug', team: 'payments' }, { actor: lead, source: { tool: 'jira' }, time: at(40) }));
  for (let deployment = 0; deployment < 3; deployment += 1) {
    events.push(
      event('deployment.finished', { deploymentId: `${tag}-d${deployment}`, repo: 'acme/payments', environment: 'production', status: 'success', commitSha: sha(`${tag}-deploy-${deployment}`) }, { source: { tool: 'ci' }, time: at(30 + deployment * 10) }),
    );
  }
  events.push(event('incident.opened', { incidentId: `${tag}-inc`, deploymentId: `${tag}-d1`, repo: 'acme/payments' }, { source: { tool: 'pagerduty' }, time: at(42) }));
  return events;
}

function poppler(tool: 'pdftotext' | 'pdftoppm', args: string[]): string {
  return execFileSync(tool, args, { encoding: 'utf8' });
}

/** Bezier curve operators (`c`) in the PDF's content streams: only the SVG charts draw curves (point symbols, legend icons). */
function curveOperators(pdf: Buffer): number {
  let count = 0;
  const raw = pdf.toString('latin1');
  for (const match of raw.matchAll(/\/FlateDecode[^]*?stream\r?\n/g)) {
    const start = match.index + match[0].length;
    const end = raw.indexOf('endstream', start);
    try {
      const content = inflateSync(pdf.subarray(start, end)).toString('latin1');
      count += (content.match(/ c\n/g) ?? []).length;
    } catch {
      // not a content stream (fonts are not compressed this way): nothing to count
    }
  }
  return count;
}

/** Pixel variance of a binary greyscale PGM (P5) image. */
function pgmVariance(file: string): number {
  const data = readFileSync(file);
  const header = data.subarray(0, 64).toString('latin1').split(/\s+/);
  const [, width, height, max] = header as [string, string, string, string];
  const headerLength = data.indexOf(`${max}\n`, 2 + width.length + height.length) + max.length + 1;
  const pixels = data.subarray(headerLength, headerLength + Number(width) * Number(height));
  let sum = 0;
  let sumSquares = 0;
  for (const pixel of pixels) {
    sum += pixel;
    sumSquares += pixel * pixel;
  }
  const mean = sum / pixels.length;
  return sumSquares / pixels.length - mean * mean;
}

describe('GET /api/v1/reports/quarterly', () => {
  let server: TestServer;
  let dataDir: string;
  let org: OrgCredentials;
  let otherOrg: OrgCredentials;
  let workDir: string;

  async function download(token: string, query: string) {
    const response = await fetch(`${server.baseUrl}/api/v1/reports/quarterly?${query}`, { headers: { authorization: `Bearer ${token}` } });
    const body = Buffer.from(await response.arrayBuffer());
    return { status: response.status, headers: response.headers, body, json: () => JSON.parse(body.toString('utf8')) as { code: string; message: string; parameter?: string } };
  }

  async function metric(metricId: string, query: string): Promise<MetricBody> {
    const response = await getJson<MetricBody>(server.baseUrl, `/api/v1/metrics/${metricId}?${query}`, org.viewerToken);
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    return response.body;
  }

  beforeAll(async () => {
    dataDir = createDataDir('reports');
    workDir = mkdtempSync(path.join(tmpdir(), 'uplift-reports-files-'));
    server = await startTestServer(dataDir);
    org = await server.createOrg('acme');
    otherOrg = await server.createOrg('globex');
    const admin = apiClient(server.baseUrl, org.adminToken);
    expect((await admin.post('/api/v1/directory/departments', { name: 'platform' })).status).toBe(201);
    for (const team of [{ name: 'payments', department: 'platform' }, { name: 'search', department: 'platform' }, { name: 'infra' }]) {
      expect((await admin.post('/api/v1/directory/teams', team)).status).toBe(201);
    }
    for (const name of [...PAYMENTS, 'sam', 'sue']) {
      const person = await admin.post<{ id: string }>('/api/v1/directory/people', { name, identities: [{ kind: 'email', value: `${name}@acme.test` }] });
      expect(person.status).toBe(201);
      expect((await admin.post(`/api/v1/directory/people/${person.body.id}/seats`, { tool: 'copilot', startDate: dateOf(startOf(P)) })).status).toBe(201);
    }
    expect((await admin.post('/api/v1/directory/rollout-phases', { name: 'pilot', startDate: dateOf(startOf(P) + 10 * DAY), targetShare: 0.1 })).status).toBe(201);
    expect((await admin.post('/api/v1/directory/rollout-phases', { name: 'general', startDate: dateOf(startOf(Q) + 20 * DAY), targetShare: 0.76 })).status).toBe(201);
    const events = [...quarterEvents(P, 1), ...quarterEvents(Q, 2)];
    const ingest = await postEvents(server.baseUrl, org.ingestKey, { events });
    expect(ingest.body).toEqual({ accepted: events.length, rejected: [] });
  });
  afterAll(async () => {
    await server?.close();
    removeDataDir(dataDir);
    rmSync(workDir, { recursive: true, force: true, maxRetries: 20, retryDelay: 100 });
  });

  it('exports an XLSX whose every figure equals the metrics API for the same parameters', async () => {
    const response = await download(org.viewerToken, `quarter=${label(Q)}&scope=org&format=xlsx`);
    expect(response.status, response.body.toString()).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(response.headers.get('content-disposition')).toBe(`attachment; filename="uplift-${label(Q)}-org.xlsx"`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.body as unknown as ExcelJS.Buffer);
    const sheet = workbook.getWorksheet('summary')!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1) as string[];
    const quarters = header.slice(3, 8);
    expect(quarters.at(-1)).toBe(label(Q));
    const rows: Record<string, { values: (number | null)[]; qoq: number | null; yoy: number | null; source: string }> = {};
    sheet.eachRow((row, index) => {
      if (index === 1) return;
      const cell = (column: number) => row.getCell(column).value as number | string | null;
      const values = quarters.map((_quarter, offset) => cell(4 + offset) as number | null);
      for (let offset = 0; offset < 7; offset += 1) {
        const value = cell(4 + offset);
        expect(value === null || typeof value === 'number', `${String(cell(1))} column ${offset}`).toBe(true);
      }
      rows[String(cell(1))] = { values, qoq: cell(9) as number | null, yoy: cell(10) as number | null, source: String(cell(11)) };
    });
    expect(Object.keys(rows)).toEqual([
      'activated_users', 'active_users', 'seats', 'seat_utilization', 'adoption_rate', 'acceptance_rate_count', 'acceptance_rate_lines', 'ai_code_share',
      'estimated_efficiency_gain', 'pr_throughput_per_developer', 'requirement_throughput', 'requirement_lead_time', 'pr_cycle_time', 'defect_density',
      'change_failure_rate', 'satisfaction', 'ai_cost', 'cost_per_active_user',
    ]);
    for (const [key, row] of Object.entries(rows)) {
      if (key === 'cost_per_active_user') continue;
      const [, metricId, query] = /^\/api\/v1\/metrics\/([a-z_]+)\?(\S+)/.exec(row.source)!;
      const api = await metric(metricId!, query!);
      const points = new Map(api.series[0]!.points.map((point) => [point.period, point]));
      const expected = quarters.map((quarter) => {
        const point = points.get(quarter);
        if (!point) return null;
        return row.source.endsWith('(denominator)') ? (point.denominator ?? null) : point.value;
      });
      expect(row.values, key).toEqual(expected);
      const [current, previous, yearAgo] = [expected[4]!, expected[3]!, expected[0]!];
      expect(row.qoq, `${key} qoq`).toEqual(current === null || previous === null || previous === 0 ? null : (current - previous) / Math.abs(previous));
      expect(row.yoy, `${key} yoy`).toEqual(current === null || yearAgo === null || yearAgo === 0 ? null : (current - yearAgo) / Math.abs(yearAgo));
    }
    // the fixture's known values: 6 active and activated users, 7 seats, cost per active user = ai_cost ÷ active_users
    expect(rows['active_users']!.values.slice(3)).toEqual([6, 6]);
    expect(rows['activated_users']!.values.at(-1)).toBe(6);
    expect(rows['seats']!.values.at(-1)).toBe(7);
    expect(rows['cost_per_active_user']!.values.at(-1)).toBeCloseTo(rows['ai_cost']!.values.at(-1)! / 6, 10);
    expect(rows['change_failure_rate']!.values.at(-1)).toBeCloseTo(1 / 3, 10);

    // per-team values equal the metrics API by team; search (1 developer) is suppressed under the default minimum of 5
    const teams = workbook.getWorksheet('teams')!;
    const teamRows = new Map<string, unknown[]>();
    teams.eachRow((row, index) => {
      if (index > 1) teamRows.set(String(row.getCell(1).value), (row.values as unknown[]).slice(1));
    });
    expect([...teamRows.keys()]).toEqual(['infra', 'payments', 'search']);
    expect(teamRows.get('search')!.slice(1, 3)).toEqual([1, undefined]); // an empty cell, not a number
    expect(teamRows.get('search')!.at(-1)).toBe('fewer than 5 active developers');
    const byTeam = await metric('adoption_rate', `from=${dateOf(startOf(Q))}&to=${dateOf(startOf(shift(Q, 1)) - DAY)}&granularity=total&groupBy=team`);
    const paymentsAdoption = byTeam.series.find((series) => series.group['team'] === 'payments')!.points[0]!.value;
    expect(teamRows.get('payments')!.slice(0, 3)).toEqual(['payments', 5, paymentsAdoption]);

    // coverage: 5 of the 6 commits carry attribution (3 with aiLinesAdded, 2 with aiAttribution)
    const coverage = workbook.getWorksheet('coverage')!;
    const allSources = coverage.getRows(2, coverage.rowCount - 1)!.find((row) => row.getCell(1).value === 'all sources')!;
    expect([allSources.getCell(2).value, allSources.getCell(3).value, allSources.getCell(4).value]).toEqual([6, 5, 5 / 6]);
    expect(allSources.getCell(4).numFmt).toBe('0.0%');
  });

  it('exports a PDF with the summary figures as formatted, every chart, and non-blank pages', async () => {
    const [pdf, xlsx] = await Promise.all([
      download(org.viewerToken, `quarter=${label(Q)}&scope=org&format=pdf`),
      download(org.viewerToken, `quarter=${label(Q)}&scope=org&format=xlsx`),
    ]);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(pdf.headers.get('content-disposition')).toBe(`attachment; filename="uplift-${label(Q)}-org.pdf"`);
    const file = path.join(workDir, 'report.pdf');
    writeFileSync(file, pdf.body);
    const text = poppler('pdftotext', ['-layout', file, '-']);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.body as unknown as ExcelJS.Buffer);
    const formats: Record<string, 'percent' | 'integer' | 'decimal' | 'currency'> = { '0.0%': 'percent', '#,##0': 'integer', '#,##0.00': 'decimal', '"$"#,##0.00': 'currency' };
    workbook.getWorksheet('summary')!.eachRow((row, index) => {
      if (index === 1) return;
      const current = row.getCell(8);
      const format = formats[current.numFmt]!;
      const unit = String(row.getCell(3).value);
      const line = text.split('\n').find((candidate) => candidate.trimStart().startsWith(String(row.getCell(2).value)));
      expect(line, `summary line for ${String(row.getCell(2).value)}`).toBeDefined();
      expect(line).toContain(formatValue(current.value as number | null, format, unit));
      expect(line).toContain(formatChange(row.getCell(9).value as number | null));
    });
    for (let chart = 1; chart <= 4; chart += 1) expect(text).toContain(`Chart ${chart} of 4`);
    expect(text).toContain('pilot (10%)');
    expect(text).toContain('general (76%)');
    expect(text).toContain('Correlation is not causation');
    expect(text).toMatch(/Correlation: not computed - .*team-weeks/);
    expect(text).toMatch(/83\.3% of 6 commits carry AI attribution/);
    const pages = text.split('\f').filter((page) => page.trim() !== '');
    expect(pages.length).toBeGreaterThan(2);
    pages.forEach((page, index) => expect(page).toContain(`Page ${index + 1} of ${pages.length}`));
    // the SVG charts are drawn as vectors: many path operators, no embedded raster image
    const raw = pdf.body.toString('latin1');
    expect(raw).not.toContain('/Subtype /Image');
    expect(curveOperators(pdf.body)).toBeGreaterThan(50);
    // every page renders to a non-blank image
    poppler('pdftoppm', ['-r', '30', '-gray', file, path.join(workDir, 'page')]);
    const images = readdirSync(workDir).filter((name) => name.startsWith('page') && name.endsWith('.pgm'));
    expect(images.length).toBe(pages.length);
    for (const image of images) expect(pgmVariance(path.join(workDir, image)), image).toBeGreaterThan(20);
  });

  it('exports a zip of CSV files and scopes a department to its teams and a team to itself', async () => {
    const csv = await download(org.viewerToken, `quarter=${label(Q)}&scope=department:platform&format=csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toBe('application/zip');
    expect(csv.headers.get('content-disposition')).toBe(`attachment; filename="uplift-${label(Q)}-department-platform.zip"`);
    const zip = await JSZip.loadAsync(csv.body);
    expect(Object.keys(zip.files)).toContain(`uplift-${label(Q)}-summary.csv`);
    const summary = await zip.file(`uplift-${label(Q)}-summary.csv`)!.async('string');
    const active = summary.split('\r\n').find((line) => line.startsWith('active_users,'))!;
    expect(active).toContain('team=payments%2Csearch');
    const teams = await zip.file(`uplift-${label(Q)}-teams.csv`)!.async('string');
    expect(teams.split('\r\n').slice(1, -1).map((line) => line.split(',')[0])).toEqual(['payments', 'search']);

    const team = await download(org.viewerToken, `quarter=${label(Q)}&scope=team:search&format=xlsx`);
    expect(team.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(team.body as unknown as ExcelJS.Buffer);
    const activeRow = workbook.getWorksheet('summary')!.getRow(3);
    expect(activeRow.getCell(1).value).toBe('active_users');
    expect(activeRow.getCell(8).value).toBe(1);
    expect(String(activeRow.getCell(11).value)).toContain('team=search');
  });

  it('gives a valid report that says so for a quarter without data', async () => {
    const pdf = await download(org.viewerToken, `quarter=${label(EMPTY)}&scope=org&format=pdf`);
    expect(pdf.status).toBe(200);
    const file = path.join(workDir, 'empty.pdf');
    writeFileSync(file, pdf.body);
    expect(poppler('pdftotext', [file, '-'])).toContain('There is no data for this quarter in this scope.');
    const xlsx = await download(org.viewerToken, `quarter=${label(EMPTY)}&scope=org&format=xlsx`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.body as unknown as ExcelJS.Buffer);
    expect(workbook.getWorksheet('about')!.getCell('B9').value).toBe('There is no data for this quarter in this scope.');
    // the quarter after the data: activated users are cumulative (6), yet the quarter itself has no data
    const after = await download(org.viewerToken, `quarter=${label(shift(Q, 1))}&scope=org&format=xlsx`);
    const afterBook = new ExcelJS.Workbook();
    await afterBook.xlsx.load(after.body as unknown as ExcelJS.Buffer);
    expect(afterBook.getWorksheet('summary')!.getRow(2).getCell(8).value).toBe(6);
    expect(afterBook.getWorksheet('about')!.getCell('B9').value).toBe('There is no data for this quarter in this scope.');
  });

  it.each([
    ['quarter=2026-Q5&scope=org&format=pdf', 'quarter', /2026-Q5/],
    ['scope=org&format=pdf', 'quarter', /quarter/],
    ['quarter=2026-Q1&scope=team:nobody&format=pdf', 'scope', /unknown team "nobody"/],
    ['quarter=2026-Q1&scope=department:sales&format=pdf', 'scope', /unknown department "sales"/],
    ['quarter=2026-Q1&scope=galaxy&format=pdf', 'scope', /galaxy/],
    ['quarter=2026-Q1&scope=org&format=docx', 'format', /docx/],
    ['quarter=2026-Q1&scope=org&colour=blue', 'colour', /colour/],
  ])('answers 400 naming the problem: %s', async (query, parameter, message) => {
    const response = await download(org.viewerToken, query);
    expect(response.status).toBe(400);
    expect(response.json().parameter).toBe(parameter);
    expect(response.json().message).toMatch(message);
  });

  it('has a CLI that writes the report, and says why it cannot open a data directory the server owns', () => {
    const repoRoot = path.resolve(__dirname, '../../..');
    const cli = (dir: string, out: string) =>
      spawnSync(process.execPath, ['-r', './tools/register.cjs', 'apps/api/src/modules/reports/report-cli.ts', '--quarter', label(EMPTY), '--scope', 'org', '--format', 'csv', '--out', out], {
        cwd: repoRoot,
        env: { ...process.env, UPLIFT_DATA_DIR: dir, LOG_LEVEL: 'error' },
        encoding: 'utf8',
        timeout: 90_000,
      });
    const busy = cli(dataDir, path.join(workDir, 'busy.zip'));
    expect(busy.status).toBe(1);
    expect(busy.stderr).toContain('The embedded chDB belongs to one process: stop the Uplift server');
    const freshDir = createDataDir('reports-cli');
    try {
      const out = path.join(workDir, 'cli.zip');
      const result = cli(freshDir, out);
      expect(result.stderr).toBe('');
      expect(result.status).toBe(0);
      expect(result.stdout).toContain(`wrote ${out}`);
      expect(readFileSync(out).subarray(0, 2).toString()).toBe('PK');
    } finally {
      removeDataDir(freshDir);
    }
  }, 180_000);

  it('takes the org from the token: another org sees only its own (empty) data and cannot name our teams', async () => {
    expect((await download('upl_at_not-a-real-token-0123456789abcdef', `quarter=${label(Q)}&scope=org&format=csv`)).status).toBe(401);
    const team = await download(otherOrg.viewerToken, `quarter=${label(Q)}&scope=team:payments&format=pdf`);
    expect(team.status).toBe(400);
    expect(team.json().message).toMatch(/unknown team "payments"/);
    const own = await download(otherOrg.viewerToken, `quarter=${label(Q)}&scope=org&format=xlsx`);
    expect(own.status).toBe(200);
    expect(own.headers.get('content-disposition')).toBe(`attachment; filename="uplift-${label(Q)}-org.xlsx"`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(own.body as unknown as ExcelJS.Buffer);
    expect(workbook.getWorksheet('about')!.getCell('B2').value).toBe('globex');
    expect(workbook.getWorksheet('about')!.getCell('B9').value).toBe('There is no data for this quarter in this scope.');
    expect(workbook.getWorksheet('summary')!.getRow(3).getCell(8).value).toBe(0);
  });
});
