import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuthService } from '../src/modules/auth/auth.service';
import { formatChange, formatValue } from '../src/modules/reports/report-format';
import { todayIn } from '../src/seed/demo-calendar';
import { seedDemo, type SeedDemoResult } from '../src/seed/demo-seed';
import { apiClient } from './support/api';
import type { MetricBody } from './support/http';
import { RollupRefresher } from '../src/modules/rollups/rollup-refresher.service';
import { createDataDir, removeDataDir, startTestServer, type TestServer } from './support/test-server';

/**
 * The quarterly report on the demo organisation (seedDemo: staged rollout, moves, aliases, bots, noise) rather
 * than a hand-made fixture: for the whole org and for one team, every figure of the XLSX equals what the metrics
 * and analysis APIs answer for the same parameters, and the PDF prints the same summary as formatted, with four
 * charts that actually draw something on pages that render non-blank. reports.int.spec.ts covers the hand-made
 * fixture's known values, CSV, empty quarters, parameter errors, the CLI and org isolation; this file does not
 * repeat those.
 */

const TIME_ZONE = 'Asia/Shanghai';
const DAY = 86_400_000;

type Quarter = { year: number; quarter: number };
const shift = (quarter: Quarter, offset: number): Quarter => {
  const index = quarter.year * 4 + quarter.quarter - 1 + offset;
  return { year: Math.floor(index / 4), quarter: (index % 4) + 1 };
};
const label = (quarter: Quarter) => `${quarter.year}-Q${quarter.quarter}`;
const firstDay = (quarter: Quarter) => new Date(Date.UTC(quarter.year, (quarter.quarter - 1) * 3, 1)).toISOString().slice(0, 10);
const lastDay = (quarter: Quarter) => new Date(Date.UTC(quarter.year, quarter.quarter * 3, 1) - DAY).toISOString().slice(0, 10);

/** The last complete quarter in the org's zone: the one the dashboard's export dialog offers first. */
const TODAY = todayIn(TIME_ZONE, new Date());
const Q = shift({ year: Number(TODAY.slice(0, 4)), quarter: Math.floor((Number(TODAY.slice(5, 7)) - 1) / 3) + 1 }, -1);
const QUARTERS = [-4, -3, -2, -1, 0].map((offset) => label(shift(Q, offset)));

/** What each summary row should be, written down here rather than read from the report's own "source" column. */
const SUMMARY: { key: string; label: string; metric: string; params?: Record<string, string>; field?: 'denominator'; orgOnly?: boolean }[] = [
  { key: 'activated_users', label: 'Activated users', metric: 'activated_users' },
  { key: 'active_users', label: 'Active users', metric: 'active_users' },
  { key: 'seats', label: 'Seats assigned', metric: 'seat_utilization', field: 'denominator', orgOnly: true },
  { key: 'seat_utilization', label: 'Seat utilization', metric: 'seat_utilization', orgOnly: true },
  { key: 'adoption_rate', label: 'Adoption rate', metric: 'adoption_rate' },
  { key: 'acceptance_rate_count', label: 'Acceptance rate (count)', metric: 'acceptance_rate', params: { basis: 'count' } },
  { key: 'acceptance_rate_lines', label: 'Acceptance rate (lines)', metric: 'acceptance_rate', params: { basis: 'lines' } },
  { key: 'ai_code_share', label: 'AI code share', metric: 'ai_code_share' },
  { key: 'estimated_efficiency_gain', label: 'Estimated efficiency gain', metric: 'estimated_efficiency_gain' },
  { key: 'pr_throughput_per_developer', label: 'PR throughput per developer', metric: 'pr_throughput_per_developer' },
  { key: 'requirement_throughput', label: 'Requirement throughput', metric: 'requirement_throughput' },
  { key: 'requirement_lead_time', label: 'Requirement lead time', metric: 'requirement_lead_time' },
  { key: 'pr_cycle_time', label: 'PR cycle time', metric: 'pr_cycle_time' },
  { key: 'defect_density', label: 'Defect density', metric: 'defect_density' },
  { key: 'change_failure_rate', label: 'Change failure rate', metric: 'change_failure_rate' },
  { key: 'satisfaction', label: 'Satisfaction', metric: 'satisfaction' },
  { key: 'ai_cost', label: 'AI cost', metric: 'ai_cost' },
];

const WEEKLY: Record<string, { metric: string; params?: Record<string, string> }> = {
  adoption_rate: { metric: 'adoption_rate' },
  active_users: { metric: 'active_users' },
  acceptance_rate_count: { metric: 'acceptance_rate', params: { basis: 'count' } },
  acceptance_rate_lines: { metric: 'acceptance_rate', params: { basis: 'lines' } },
  pr_cycle_time: { metric: 'pr_cycle_time' },
  requirement_throughput: { metric: 'requirement_throughput' },
  defect_density: { metric: 'defect_density' },
};

const TEAM_COLUMNS: Record<string, string> = {
  adoption_rate: 'adoption_rate',
  acceptance_rate: 'acceptance_rate',
  ai_code_share: 'ai_code_share',
  pr_throughput_per_developer: 'pr_throughput_per_developer',
  pr_cycle_time: 'pr_cycle_time',
  defect_density: 'defect_density',
};

const CHART_TITLES = ['Rollout timeline', 'Weekly adoption', 'Weekly acceptance', 'Outcome trends'];

type Cell = ExcelJS.CellValue;
type Sheet = { header: string[]; rows: Cell[][] };
type Scope = { param: string; teams: string[] | null };
type Cohorts = { cohorts: { cohort: string; n: number; estimate: number | null; ci: [number, number] | null; suppressed?: string }[] };

/**
 * Equal figures. Sums of floating-point values (AI cost) come back from ClickHouse summed in a thread-dependent
 * order, so two identical queries can differ in the last bits: fractional values are compared to 1e-9 relative,
 * counts exactly.
 */
function expectSameFigures(actual: (number | null)[], expected: (number | null)[], what: string): void {
  expect(actual.length, what).toBe(expected.length);
  actual.forEach((value, index) => {
    const wanted = expected[index] ?? null;
    if (wanted === null || Number.isInteger(wanted)) expect(value, `${what} [${index}]`).toBe(wanted);
    else expect(Math.abs((value ?? Number.NaN) - wanted), `${what} [${index}]: ${value} vs ${wanted}`).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(wanted)));
  });
}
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const relative = (current: number | null, earlier: number | null) => (current === null || earlier === null || earlier === 0 ? null : (current - earlier) / Math.abs(earlier));
const query = (params: Record<string, string | undefined>) =>
  Object.fromEntries(Object.entries(params).filter((entry): entry is [string, string] => entry[1] !== undefined));

function sheetOf(workbook: ExcelJS.Workbook, name: string): Sheet {
  const sheet = workbook.getWorksheet(name);
  if (!sheet) throw new Error(`no sheet ${name}`);
  const width = sheet.getRow(1).cellCount;
  const cells = (row: ExcelJS.Row) => Array.from({ length: width }, (_unused, index) => row.getCell(index + 1).value);
  const header = cells(sheet.getRow(1)).map(String);
  const rows: Cell[][] = [];
  sheet.eachRow((row, index) => {
    if (index > 1) rows.push(cells(row));
  });
  return { header, rows };
}

/** Pixel statistics of a binary greyscale PGM (P5) image: variance and the share of pixels that are not paper-white. */
function pgmStats(file: string): { variance: number; inked: number } {
  const data = readFileSync(file);
  const [magic, width, height, max] = data.subarray(0, 64).toString('latin1').split(/\s+/) as [string, string, string, string];
  expect(magic).toBe('P5');
  const headerLength = data.indexOf(`${max}\n`, 2 + width.length + height.length) + max.length + 1;
  const pixels = data.subarray(headerLength, headerLength + Number(width) * Number(height));
  let sum = 0;
  let sumSquares = 0;
  let inked = 0;
  for (const pixel of pixels) {
    sum += pixel;
    sumSquares += pixel * pixel;
    if (pixel < 200) inked += 1;
  }
  const mean = sum / pixels.length;
  return { variance: sumSquares / pixels.length - mean * mean, inked: inked / pixels.length };
}

describe('quarterly report on the demo organisation', () => {
  let server: TestServer;
  let dataDir: string;
  let workDir: string;
  let seeded: SeedDemoResult;
  let viewer: ReturnType<typeof apiClient>;
  let viewerToken: string;
  let team: string;

  async function download(scope: string, format: 'pdf' | 'xlsx'): Promise<Buffer> {
    const response = await fetch(`${server.baseUrl}/api/v1/reports/quarterly?quarter=${label(Q)}&scope=${encodeURIComponent(scope)}&format=${format}`, {
      headers: { authorization: `Bearer ${viewerToken}` },
    });
    const body = Buffer.from(await response.arrayBuffer());
    expect(response.status, body.toString('utf8').slice(0, 300)).toBe(200);
    return body;
  }

  async function metric(metricId: string, params: Record<string, string | undefined>): Promise<MetricBody> {
    const response = await viewer.get<MetricBody>(`/api/v1/metrics/${metricId}?${new URLSearchParams(query(params)).toString()}`);
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    return response.body;
  }

  /** The metrics API's five quarters of one summary row, oldest first. */
  async function summaryFromApi(scope: Scope): Promise<Map<string, { values: (number | null)[]; params: Record<string, string> }>> {
    const result = new Map<string, { values: (number | null)[]; params: Record<string, string> }>();
    for (const row of SUMMARY) {
      const params = query({
        ...(scope.teams && !row.orgOnly ? { team: scope.teams.join(',') } : {}),
        from: firstDay(shift(Q, -4)),
        to: lastDay(Q),
        granularity: 'quarter',
        ...row.params,
      });
      const body = await metric(row.metric, params);
      expect(body.series.length, row.key).toBeLessThanOrEqual(1);
      const points = new Map((body.series[0]?.points ?? []).map((point) => [point.period, point]));
      const values = QUARTERS.map((quarter) => {
        const point = points.get(quarter);
        if (!point) return null;
        return row.field === 'denominator' ? (point.denominator ?? null) : point.value;
      });
      result.set(row.key, { values, params });
    }
    const cost = result.get('ai_cost')!.values;
    const active = result.get('active_users')!.values;
    result.set('cost_per_active_user', { values: cost.map((value, index) => (value === null || !active[index] ? null : value / active[index]!)), params: {} });
    return result;
  }

  beforeAll(async () => {
    dataDir = createDataDir('report-demo');
    workDir = mkdtempSync(path.join(tmpdir(), 'uplift-report-demo-files-'));
    // the daily rollups are built once after seeding (below), not by the background refresher during the tests
    server = await startTestServer(dataDir, { UPLIFT_ROLLUP_REFRESH_MS: '0' });
    // 16 months so the year-ago quarter has data too; small enough to seed in seconds.
    seeded = await seedDemo({
      clickhouse: server.clickhouse,
      dataSource: server.app.get(DataSource),
      options: { seed: 11, developers: 48, teams: 4, months: 16, orgSlug: 'report-demo', timeZone: TIME_ZONE, endDate: TODAY },
      now: new Date(),
    });
    await server.app.get(RollupRefresher).refreshNow();
    viewerToken = (await server.app.get(AuthService).createApiToken({ orgId: seeded.org.id, name: 'report viewer', role: 'viewer' })).secret;
    viewer = apiClient(server.baseUrl, viewerToken);
    // The team scope: the team with the most active developers in the quarter, so its figures are not suppressed.
    const byTeam = await metric('active_users', { from: firstDay(Q), to: lastDay(Q), granularity: 'total', groupBy: 'team' });
    const busiest = [...byTeam.series].sort((a, b) => (b.points[0]?.value ?? 0) - (a.points[0]?.value ?? 0))[0]!;
    team = busiest.group['team']!;
    expect(busiest.points[0]!.value).toBeGreaterThanOrEqual(seeded.org.privacyMinGroupSize);
  }, 300_000);
  afterAll(async () => {
    await server?.close();
    if (dataDir) removeDataDir(dataDir);
    if (workDir) rmSync(workDir, { recursive: true, force: true, maxRetries: 20, retryDelay: 100 });
  });

  it('seeds a company with data in the report quarter and the four before it', async () => {
    expect(seeded.events).toBeGreaterThan(100_000);
    const active = await metric('active_users', { from: firstDay(shift(Q, -4)), to: lastDay(Q), granularity: 'quarter' });
    const byQuarter = new Map(active.series[0]!.points.map((point) => [point.period, point.value]));
    expect(byQuarter.get(label(Q))).toBeGreaterThan(20);
    expect(byQuarter.get(label(shift(Q, -1)))).toBeGreaterThan(0);
  });

  describe.each([
    ['the whole organisation', () => ({ param: 'org', teams: null }) as Scope],
    ['one team', () => ({ param: `team:${team}`, teams: [team] }) as Scope],
  ])('for %s', (_name, scopeOf) => {
    it('exports an XLSX whose every figure equals the metrics and analysis APIs, numbers as numbers', async () => {
      const scope = scopeOf();
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load((await download(scope.param, 'xlsx')) as unknown as ExcelJS.Buffer);

      // No sheet holds a number written as text.
      for (const sheet of workbook.worksheets) {
        sheet.eachRow((row) =>
          row.eachCell((cell) => {
            if (typeof cell.value === 'string') expect(cell.value, `${sheet.name}!${cell.address}`).not.toMatch(/^[-+$]?[\d,]+(\.\d+)?%?$/);
          }),
        );
      }
      const numeric = (value: Cell, where: string) => {
        expect(value === null || typeof value === 'number', `${where}: ${JSON.stringify(value)}`).toBe(true);
        return value as number | null;
      };

      // Summary: five quarters, QoQ and YoY of every row, against the metrics API by quarter.
      const summary = sheetOf(workbook, 'summary');
      expect(summary.header).toEqual(['key', 'metric', 'unit', ...QUARTERS, 'qoq', 'yoy', 'source', 'note']);
      const expected = await summaryFromApi(scope);
      expect(summary.rows.map((row) => row[0])).toEqual([...SUMMARY.map((row) => row.key), 'cost_per_active_user']);
      for (const row of summary.rows) {
        const key = String(row[0]);
        const api = expected.get(key)!;
        const values = row.slice(3, 8).map((value, index) => numeric(value, `summary ${key} ${QUARTERS[index]}`));
        const [qoq, yoy] = [numeric(row[8]!, `${key} qoq`), numeric(row[9]!, `${key} yoy`)];
        expectSameFigures(values, api.values, key);
        if (key !== 'cost_per_active_user') {
          const [, metricId, source] = /^\/api\/v1\/metrics\/([a-z_]+)\?(\S+)/.exec(String(row[10]))!;
          expect(metricId).toBe(SUMMARY.find((spec) => spec.key === key)!.metric);
          expect(Object.fromEntries(new URLSearchParams(source!)), `${key} source`).toEqual(api.params);
        }
        const [current, previous, yearAgo] = [api.values[4]!, api.values[3]!, api.values[0]!];
        expectSameFigures([qoq, yoy], [relative(current, previous), relative(current, yearAgo)], `${key} qoq, yoy`);
      }
      const current = (key: string) => expected.get(key)!.values[4];
      expect(current('active_users')).toBeGreaterThan(0);
      expect(current('pr_cycle_time')).not.toBeNull();
      expect(current('ai_cost')).toBeGreaterThan(0);
      expect(expected.get('pr_cycle_time')!.values[0], 'year-ago quarter has data').not.toBeNull();

      // Weekly trends: every week of the quarter, every series, against the metrics API by week.
      const trends = sheetOf(workbook, 'weekly_trends');
      expect(trends.header).toEqual(['week', ...Object.keys(WEEKLY)]);
      const weeks = trends.rows.map((row) => String(row[0]));
      expect(weeks.length).toBeGreaterThanOrEqual(13);
      for (const [column, spec] of Object.entries(WEEKLY)) {
        const body = await metric(spec.metric, { team: scope.teams?.join(','), from: firstDay(Q), to: lastDay(Q), granularity: 'week', ...spec.params });
        const byWeek = new Map((body.series[0]?.points ?? []).map((point) => [point.period, point.value]));
        if (column === 'adoption_rate') expect(weeks).toEqual([...byWeek.keys()]);
        const index = trends.header.indexOf(column);
        expectSameFigures(
          trends.rows.map((row) => numeric(row[index]!, `weekly ${column} ${String(row[0])}`)),
          weeks.map((week) => byWeek.get(week) ?? null),
          `weekly ${column}`,
        );
      }

      // Teams: active developers and each metric by team for the quarter; groups under the privacy minimum empty.
      const teams = sheetOf(workbook, 'teams');
      expect(teams.header).toEqual(['team', 'active_developers', ...Object.keys(TEAM_COLUMNS), 'note']);
      const groupTotal = async (metricId: string) => {
        const body = await metric(metricId, { team: scope.teams?.join(','), from: firstDay(Q), to: lastDay(Q), granularity: 'total', groupBy: 'team' });
        return new Map(body.series.map((series) => [series.group['team']!, series.points[0]?.value ?? null]));
      };
      const activeByTeam = await groupTotal('active_users');
      const directoryTeams = (await viewer.get<{ name: string }[]>('/api/v1/directory/teams')).body.map((entry) => entry.name);
      const expectedTeams = scope.teams ?? [...new Set([...directoryTeams, ...activeByTeam.keys()])].sort();
      expect(teams.rows.map((row) => row[0])).toEqual(expectedTeams);
      const minimum = seeded.org.privacyMinGroupSize;
      const totals = Object.fromEntries(await Promise.all(Object.entries(TEAM_COLUMNS).map(async ([column, metricId]) => [column, await groupTotal(metricId)] as const)));
      let shown = 0;
      for (const row of teams.rows) {
        const name = String(row[0]);
        const active = activeByTeam.get(name) ?? 0;
        expect(numeric(row[1]!, `${name} active`), name).toBe(active);
        const suppressed = active < minimum;
        if (!suppressed) shown += 1;
        expect(row.at(-1) ?? '', name).toBe(suppressed ? `fewer than ${minimum} active developers` : '');
        Object.keys(TEAM_COLUMNS).forEach((column, offset) => {
          const value = numeric(row[2 + offset]!, `${name} ${column}`);
          expectSameFigures([value], [suppressed ? null : (totals[column]!.get(name) ?? null)], `${name} ${column}`);
        });
      }
      expect(shown).toBeGreaterThan(0);

      // Rollout phases: the directory's.
      const phases = (await viewer.get<{ name: string; startDate: string; targetShare: number }[]>('/api/v1/directory/rollout-phases')).body;
      expect(phases.length).toBe(3);
      expect(sheetOf(workbook, 'rollout_phases').rows).toEqual(phases.map((phase) => [phase.name, phase.startDate, phase.targetShare]));

      // Cohorts: the analysis API's answer to a viewer for the same quarter and scope.
      const cohorts = await viewer.get<Cohorts>(
        `/api/v1/analysis/cohorts?${new URLSearchParams(query({ team: scope.teams?.join(','), from: firstDay(Q), to: lastDay(Q), outcome: 'pr_cycle_time', exposure: 'ai_code_share', unit: 'developer' })).toString()}`,
      );
      expect(cohorts.status, JSON.stringify(cohorts.body)).toBe(200);
      expect(sheetOf(workbook, 'cohorts').rows.map((row) => [...row.slice(0, 5), row[5] || null])).toEqual(
        cohorts.body.cohorts.map((cohort) => [cohort.cohort, cohort.n, cohort.estimate, cohort.ci?.[0] ?? null, cohort.ci?.[1] ?? null, cohort.suppressed ?? null]),
      );

      // Coverage: the commits of the quarter are the commits metric's; shares are ratios of the counts.
      const coverage = sheetOf(workbook, 'coverage');
      const all = coverage.rows.find((row) => row[0] === 'all sources')!;
      const commits = await metric('commits', { team: scope.teams?.join(','), from: firstDay(Q), to: lastDay(Q), granularity: 'total' });
      if (scope.teams === null) expect(numeric(all[1]!, 'commits')).toBe(commits.series[0]!.points[0]!.value);
      expect(numeric(all[1]!, 'commits')).toBeGreaterThan(0);
      for (const row of coverage.rows.filter((entry) => typeof entry[1] === 'number')) {
        expect(numeric(row[3]!, `${String(row[0])} share`)).toBeCloseTo((row[2] as number) / (row[1] as number), 12);
      }
      const bySource = coverage.rows.filter((row) => row[0] !== 'all sources' && typeof row[1] === 'number');
      expect(bySource.reduce((sum, row) => sum + (row[1] as number), 0)).toBe(all[1]);
    }, 180_000);

    it('exports a PDF that prints the same summary as formatted, four drawn charts and non-blank pages', async () => {
      const scope = scopeOf();
      const file = path.join(workDir, `${scope.teams ? 'team' : 'org'}.pdf`);
      writeFileSync(file, await download(scope.param, 'pdf'));
      const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
      const lines = text.split('\n');
      const summaryStart = lines.findIndex((line) => line.trim() === 'Summary');
      expect(summaryStart).toBeGreaterThan(0);
      expect(lines[summaryStart + 1]).toMatch(new RegExp(`^\\s*Metric\\s+${QUARTERS[4]}\\s+${QUARTERS[3]}\\s+QoQ\\s+${QUARTERS[0]}\\s+YoY\\s+Unit\\s*$`));

      const expected = await summaryFromApi(scope);
      const specs = [...SUMMARY, { key: 'cost_per_active_user', label: 'AI cost per active user', metric: '', orgOnly: false }];
      const units: Record<string, string> = {};
      for (const spec of SUMMARY) {
        const body = await metric(spec.metric, { from: firstDay(Q), to: lastDay(Q), granularity: 'total', ...spec.params });
        units[spec.key] = spec.field === 'denominator' ? 'seats' : body.unit;
      }
      units['cost_per_active_user'] = 'USD/person';
      const formats: Record<string, 'percent' | 'integer' | 'decimal' | 'currency'> = {
        activated_users: 'integer', active_users: 'integer', seats: 'integer', seat_utilization: 'percent', adoption_rate: 'percent',
        acceptance_rate_count: 'percent', acceptance_rate_lines: 'percent', ai_code_share: 'percent', estimated_efficiency_gain: 'percent',
        pr_throughput_per_developer: 'decimal', requirement_throughput: 'integer', requirement_lead_time: 'decimal', pr_cycle_time: 'decimal',
        defect_density: 'decimal', change_failure_rate: 'percent', satisfaction: 'percent', ai_cost: 'currency', cost_per_active_user: 'currency',
      };
      const tableLines = lines.slice(summaryStart + 2, summaryStart + 2 + 40);
      for (const spec of specs) {
        const name = spec.orgOnly && scope.teams ? `${spec.label} *` : spec.label;
        const line = tableLines.find((candidate) => new RegExp(`^\\s*${escape(name)}\\s{2,}`).test(candidate));
        expect(line, `summary line "${name}"`).toBeDefined();
        const values = expected.get(spec.key)!.values;
        const [yearAgo, previous, current] = [values[0]!, values[3]!, values[4]!];
        const format = formats[spec.key]!;
        const unit = units[spec.key]!;
        const figures = [
          formatValue(current, format, unit),
          formatValue(previous, format, unit),
          formatChange(relative(current, previous)),
          formatValue(yearAgo, format, unit),
          formatChange(relative(current, yearAgo)),
        ];
        // the unit column is narrow and may wrap onto the next line: the figures, then the unit's first part
        const match = new RegExp(`^\\s*${escape(name)}\\s+${figures.map(escape).join('\\s+')}(?:\\s+(\\S+))?\\s*$`).exec(line!);
        expect(match, `${spec.key}: "${line}" should read ${figures.join(' | ')}`).not.toBeNull();
        expect(unit.startsWith(match![1] ?? ''), `${spec.key} unit ${match![1]}`).toBe(true);
      }
      if (scope.teams) expect(text).toContain('* seats are assigned org-wide: shown for the whole organisation');

      // Pages: numbered, and each renders to an image that is not blank.
      const pages = text.split('\f').filter((page) => page.trim() !== '');
      expect(pages.length).toBeGreaterThan(3);
      pages.forEach((page, index) => expect(page).toContain(`Page ${index + 1} of ${pages.length}`));
      execFileSync('pdftoppm', ['-r', '30', '-gray', file, path.join(workDir, 'page')]);
      for (let page = 1; page <= pages.length; page += 1) {
        const image = path.join(workDir, `page-${String(page).padStart(String(pages.length).length, '0')}.pgm`);
        expect(pgmStats(image).variance, image).toBeGreaterThan(20);
        rmSync(image);
      }

      // Each chart: its title in the text layer, and the area below the title drawn (axes, lines, legend).
      const bbox = execFileSync('pdftotext', ['-bbox', file, '-'], { encoding: 'utf8' });
      const pageBlocks = bbox.split('<page ').slice(1);
      const pageWidth = Number(/width="([\d.]+)"/.exec(pageBlocks[0]!)![1]);
      const chartHeight = ((pageWidth - 80) * 300) / 760;
      CHART_TITLES.forEach((title, index) => {
        expect(text).toContain(`Chart ${index + 1} of 4: ${title}`);
        const pageIndex = pageBlocks.findIndex((block) => block.includes(`>${index + 1}</word>`) && new RegExp(`>Chart</word>\\s*<word[^>]*>${index + 1}</word>\\s*<word[^>]*>of</word>\\s*<word[^>]*>4:</word>`).test(block));
        expect(pageIndex, `page of chart ${index + 1}`).toBeGreaterThanOrEqual(0);
        const word = new RegExp(`<word xMin="([\\d.]+)" yMin="([\\d.]+)"[^>]*>Chart</word>\\s*<word[^>]*>${index + 1}</word>\\s*<word[^>]*>of</word>\\s*<word[^>]*>4:</word>`).exec(pageBlocks[pageIndex]!)!;
        const top = Math.floor(Number(word[2]));
        const prefix = path.join(workDir, `chart-${index + 1}`);
        // 72 dpi: one pixel per point, so the crop is in points
        execFileSync('pdftoppm', ['-r', '72', '-gray', '-f', String(pageIndex + 1), '-l', String(pageIndex + 1), '-x', '40', '-y', String(top + 20), '-W', String(Math.floor(pageWidth - 80)), '-H', String(Math.floor(chartHeight - 30)), '-singlefile', file, prefix]);
        const stats = pgmStats(`${prefix}.pgm`);
        expect(stats.variance, `chart ${index + 1} variance`).toBeGreaterThan(100);
        expect(stats.inked, `chart ${index + 1} ink`).toBeGreaterThan(0.01);
      });
      for (const series of ['Adoption rate', 'Active users', 'Acceptance (count)', 'Acceptance (lines)', 'PR cycle time (h)', 'Requirements resolved', 'Defects per KLOC']) expect(text).toContain(series);
      expect(text).toMatch(/(pilot|promotion|general|Pilot|Promotion|General)[^\n]*\(\d+%\)/);
    }, 180_000);
  });
});
