import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataSource } from 'typeorm';
import { AuthService } from '../src/modules/auth/auth.service';
import { seedDemo, type SeedDemoResult } from '../src/seed/demo-seed';
import { apiClient } from './support/api';
import { createDataDir, removeDataDir, startTestServer, type TestServer } from './support/test-server';

type Interval = [number, number];
type Correlation = {
  unit: string;
  n: number;
  dropped: number;
  pearson: { n: number; r: number; ci: Interval; pValue: number };
  spearman: { rho: number; pValue: number };
  ols: { slope: number; intercept: number };
  points: { x: number; y: number; label: string }[];
  caution: string;
};
type Cohorts = { statistic: string; cohorts: { cohort: string; n: number; estimate: number | null; ci: Interval | null; suppressed?: string }[] };

/**
 * The analyses API over a small demo company (the seed builds in a real AI effect with noise): every
 * answer states n and an interval, refuses below its minimum, and respects the privacy threshold.
 */
describe('analyses API on a demo company', () => {
  let server: TestServer;
  let dataDir: string;
  let seeded: SeedDemoResult;
  let admin: ReturnType<typeof apiClient>;
  let viewer: ReturnType<typeof apiClient>;
  let range: string;

  beforeAll(async () => {
    dataDir = createDataDir('analysis');
    server = await startTestServer(dataDir);
    const today = new Date().toISOString().slice(0, 10);
    seeded = await seedDemo({
      clickhouse: server.clickhouse,
      dataSource: server.app.get(DataSource),
      options: { seed: 7, developers: 60, teams: 6, months: 6, orgSlug: 'analysis-demo', timeZone: 'UTC', endDate: today },
      now: new Date(),
    });
    const auth = server.app.get(AuthService);
    admin = apiClient(server.baseUrl, (await auth.createApiToken({ orgId: seeded.org.id, name: 'a', role: 'admin' })).secret);
    viewer = apiClient(server.baseUrl, (await auth.createApiToken({ orgId: seeded.org.id, name: 'v', role: 'viewer' })).secret);
    const from = new Date(Date.now() - 170 * 86_400_000).toISOString().slice(0, 10);
    range = `from=${from}&to=${today}`;
  }, 240_000);
  afterAll(async () => {
    await server.close();
    removeDataDir(dataDir);
  });

  it('correlates team-week AI share with an outcome, with Fisher-z interval, Spearman, OLS and the points', async () => {
    const response = await viewer.get<Correlation>(`/api/v1/analysis/correlation?x=ai_code_share&y=pr_cycle_time&unit=team-week&${range}`);
    expect(response.status).toBe(200);
    const body = response.body;
    expect(body.n).toBeGreaterThanOrEqual(10);
    expect(body.points).toHaveLength(body.n);
    expect(body.pearson.n).toBe(body.n);
    expect(body.pearson.ci[0]).toBeLessThanOrEqual(body.pearson.r);
    expect(body.pearson.ci[1]).toBeGreaterThanOrEqual(body.pearson.r);
    expect(body.pearson.pValue).toBeGreaterThanOrEqual(0);
    expect(body.pearson.pValue).toBeLessThanOrEqual(1);
    expect(Math.abs(body.spearman.rho)).toBeLessThanOrEqual(1);
    expect(Number.isFinite(body.ols.slope)).toBe(true);
    expect(body.caution).toMatch(/^Correlation is not causation/);
    expect(body.points[0]!.label).toMatch(/ \d{4}-W\d{2}$/);
  });

  it('refuses below the minimum number of units, saying how many there are', async () => {
    const response = await viewer.get<{ message: string; reason: string }>(`/api/v1/analysis/correlation?x=ai_code_share&y=pr_cycle_time&minN=5000&${range}`);
    expect(response.status).toBe(422);
    expect(response.body.reason).toBe('INSUFFICIENT_DATA');
    expect(response.body.message).toMatch(/^correlation needs at least 5000 points; only \d+ team-weeks have both values$/);
  });

  it('reports an outcome per AI-share cohort with n and intervals, suppressing small developer groups for viewers', async () => {
    const asAdmin = await admin.get<Cohorts>(`/api/v1/analysis/cohorts?outcome=pr_cycle_time&unit=developer&${range}`);
    expect(asAdmin.status).toBe(200);
    expect(asAdmin.body.statistic).toBe('mean');
    expect(asAdmin.body.cohorts.map((cohort) => cohort.cohort)).toEqual(['none', 'light', 'moderate', 'heavy']);
    const developers = asAdmin.body.cohorts.reduce((sum, cohort) => sum + cohort.n, 0);
    expect(developers).toBeGreaterThan(20);
    for (const cohort of asAdmin.body.cohorts.filter((entry) => entry.n >= 2)) {
      expect(cohort.ci![0]).toBeLessThanOrEqual(cohort.estimate!);
      expect(cohort.ci![1]).toBeGreaterThanOrEqual(cohort.estimate!);
    }
    const asViewer = await viewer.get<Cohorts>(`/api/v1/analysis/cohorts?outcome=pr_cycle_time&unit=developer&${range}`);
    for (const [index, cohort] of asViewer.body.cohorts.entries()) {
      const small = cohort.n > 0 && cohort.n < 5;
      expect(cohort.estimate === null, cohort.cohort).toBe(small || asAdmin.body.cohorts[index]!.estimate === null);
      if (small) expect(cohort.suppressed).toBe('fewer than 5 developers');
    }
    const rates = await viewer.get<Cohorts>(`/api/v1/analysis/cohorts?outcome=defect_density&unit=team-month&${range}`);
    expect(rates.body.statistic).toBe('rate');
  });

  it('compares AI-assisted pull requests with the others: per-PR cycle times, n and intervals', async () => {
    const response = await viewer.get<Cohorts & { unit: string }>(`/api/v1/analysis/cohorts?outcome=pr_cycle_time&unit=pull-request&${range}`);
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    expect(response.body.cohorts.map((cohort) => cohort.cohort)).toEqual(['AI-assisted', 'other']);
    // by hand from the metrics API: each PR's AI signal (1 or 0) and its cycle time
    type Body = { series: { group: { pull_request: string }; points: { value: number | null }[] }[] };
    const signal = (await admin.get<Body>(`/api/v1/metrics/ai_assisted_pr_share?${range}&granularity=total&groupBy=pull_request`)).body.series;
    const cycles = new Map((await admin.get<Body>(`/api/v1/metrics/pr_cycle_time?${range}&granularity=total&groupBy=pull_request`)).body.series.map((series) => [series.group.pull_request, series.points[0]!.value]));
    const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
    const cycleTimes = (flag: number) => signal.filter((series) => series.points[0]!.value === flag).map((series) => cycles.get(series.group.pull_request)).filter((value): value is number => typeof value === 'number');
    const [assisted, other] = response.body.cohorts;
    expect(assisted!.n).toBe(cycleTimes(1).length);
    expect(other!.n).toBe(cycleTimes(0).length);
    expect(assisted!.n).toBeGreaterThan(20);
    expect(other!.n).toBeGreaterThan(20);
    expect(assisted!.estimate).toBeCloseTo(mean(cycleTimes(1)), 6);
    expect(other!.estimate).toBeCloseTo(mean(cycleTimes(0)), 6);
    for (const cohort of response.body.cohorts) {
      expect(cohort.ci![0]).toBeLessThan(cohort.estimate!);
      expect(cohort.ci![1]).toBeGreaterThan(cohort.estimate!);
    }
    const wrongExposure = await viewer.get<{ message: string }>(`/api/v1/analysis/cohorts?outcome=pr_cycle_time&unit=pull-request&exposure=ai_code_share&${range}`);
    expect(wrongExposure.status).toBe(400);
    expect(wrongExposure.body.message).toMatch(/exposure: per pull request the exposure is ai_assisted_pr_share/);
    const wrongOutcome = await viewer.get<{ message: string }>(`/api/v1/analysis/cohorts?outcome=defect_density&unit=pull-request&${range}`);
    expect(wrongOutcome.status).toBe(400);
    expect(wrongOutcome.body.message).toMatch(/outcome: defect_density is not measured per pull request/);
  });

  it('draws the rollout phases over the series with QoQ and YoY deltas', async () => {
    const response = await viewer.get<{ phases: { name: string; targetShare: number }[]; series: { metric: string; points: unknown[] }[]; deltas: { metric: string; qoq: number | null }[] }>(
      `/api/v1/analysis/rollout?metrics=adoption_rate,pr_throughput&${range}`,
    );
    expect(response.status).toBe(200);
    expect(response.body.phases.map((phase) => phase.targetShare)).toEqual([0.1, 0.5, 0.76]);
    expect(response.body.series.map((series) => series.metric)).toEqual(['adoption_rate', 'pr_throughput']);
    expect(response.body.series[0]!.points.length).toBeGreaterThanOrEqual(6);
    expect(response.body.deltas.map((delta) => delta.metric)).toEqual(['adoption_rate', 'pr_throughput']);
  });

  it('compares a team before and after a given adoption date against teams not adopted yet', async () => {
    const teams = (await viewer.get<{ name: string }[]>('/api/v1/directory/teams')).body.map((team) => team.name);
    const adoptionDate = new Date(Date.now() - 60 * 86_400_000).toISOString().slice(0, 10);
    const response = await viewer.get<{ estimate: number; ci: Interval; n: Record<string, number>; controlTeams: string[]; caution: string; reason?: string; message?: string }>(
      `/api/v1/analysis/before-after?team=${encodeURIComponent(teams[0]!)}&outcome=pr_throughput&adoptionDate=${adoptionDate}&windowWeeks=6&threshold=1`,
    );
    // Controls are the teams that had not reached the threshold by the end of the window.
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    expect(response.body.controlTeams.length).toBeGreaterThan(0);
    expect(response.body.controlTeams).not.toContain(teams[0]);
    expect(response.body.n['treatedBefore']).toBe(6);
    expect(response.body.ci[0]).toBeLessThanOrEqual(response.body.estimate);
    expect(response.body.ci[1]).toBeGreaterThanOrEqual(response.body.estimate);
    expect(response.body.caution).toMatch(/difference in differences/);
  });

  it('names a bad parameter', async () => {
    const unit = await viewer.get<{ parameter: string }>('/api/v1/analysis/correlation?unit=hour');
    expect(unit.status).toBe(400);
    expect(unit.body.parameter).toBe('unit');
    const unknown = await viewer.get<{ parameter: string }>('/api/v1/analysis/cohorts?colour=red');
    expect(unknown.body.parameter).toBe('colour');
    const metric = await viewer.get<{ parameter: string }>('/api/v1/analysis/correlation?y=happiness');
    expect(metric.body.parameter).toBe('y');
  });
});
