import { Inject, Injectable } from '@nestjs/common';
import { percentChange } from '@uplift/analysis';
import type { UpliftClickHouse } from '@uplift/clickhouse';
import { listMetrics, type MetricResponse } from '@uplift/metrics';
import { ApiError, invalidParameter } from '../../common/api-error';
import type { Principal } from '../auth/auth.decorators';
import { AnalysisService } from '../analysis/analysis.service';
import { DirectoryService } from '../directory/directory.service';
import { MetricsService, type RawQuery } from '../metrics/metrics.service';
import type { OrgEntity } from '../orgs/org.entity';
import { CLICKHOUSE } from '../storage/storage.module';
import { parseQuarter, quarterLabel, quarterRange, shiftQuarter } from './report-period';
import { queryAttributionCoverage } from './report.queries';
import type {
  CohortFinding,
  CorrelationFinding,
  QuarterlyReport,
  ReportChart,
  ReportCoverage,
  ReportScope,
  SummaryRow,
  TeamMetric,
  TeamRow,
  TrendSeries,
  ValueFormat,
} from './report.types';

type SummarySpec = { key: string; label: string; metric: string; params?: Record<string, string>; format: ValueFormat; field?: 'value' | 'denominator'; orgOnly?: boolean };

/** The summary table, in order; cost per active user is derived after these. */
const SUMMARY: SummarySpec[] = [
  { key: 'activated_users', label: 'Activated users', metric: 'activated_users', format: 'integer' },
  { key: 'active_users', label: 'Active users', metric: 'active_users', format: 'integer' },
  { key: 'seats', label: 'Seats assigned', metric: 'seat_utilization', format: 'integer', field: 'denominator', orgOnly: true },
  { key: 'seat_utilization', label: 'Seat utilization', metric: 'seat_utilization', format: 'percent', orgOnly: true },
  { key: 'adoption_rate', label: 'Adoption rate', metric: 'adoption_rate', format: 'percent' },
  { key: 'acceptance_rate_count', label: 'Acceptance rate (count)', metric: 'acceptance_rate', params: { basis: 'count' }, format: 'percent' },
  { key: 'acceptance_rate_lines', label: 'Acceptance rate (lines)', metric: 'acceptance_rate', params: { basis: 'lines' }, format: 'percent' },
  { key: 'ai_code_share', label: 'AI code share', metric: 'ai_code_share', format: 'percent' },
  { key: 'estimated_efficiency_gain', label: 'Estimated efficiency gain', metric: 'estimated_efficiency_gain', format: 'percent' },
  { key: 'pr_throughput_per_developer', label: 'PR throughput per developer', metric: 'pr_throughput_per_developer', format: 'decimal' },
  { key: 'requirement_throughput', label: 'Requirement throughput', metric: 'requirement_throughput', format: 'integer' },
  { key: 'requirement_lead_time', label: 'Requirement lead time', metric: 'requirement_lead_time', format: 'decimal' },
  { key: 'pr_cycle_time', label: 'PR cycle time', metric: 'pr_cycle_time', format: 'decimal' },
  { key: 'defect_density', label: 'Defect density', metric: 'defect_density', format: 'decimal' },
  { key: 'change_failure_rate', label: 'Change failure rate', metric: 'change_failure_rate', format: 'percent' },
  { key: 'satisfaction', label: 'Satisfaction', metric: 'satisfaction', format: 'percent' },
  { key: 'ai_cost', label: 'AI cost', metric: 'ai_cost', format: 'currency' },
];

const TEAM_METRICS: Omit<TeamMetric, 'query'>[] = [
  { key: 'adoption_rate', label: 'Adoption rate', format: 'percent', metric: 'adoption_rate' },
  { key: 'acceptance_rate', label: 'Acceptance rate', format: 'percent', metric: 'acceptance_rate' },
  { key: 'ai_code_share', label: 'AI code share', format: 'percent', metric: 'ai_code_share' },
  { key: 'pr_throughput_per_developer', label: 'PRs per developer', format: 'decimal', metric: 'pr_throughput_per_developer' },
  { key: 'pr_cycle_time', label: 'PR cycle time (h)', format: 'decimal', metric: 'pr_cycle_time' },
  { key: 'defect_density', label: 'Defects per KLOC', format: 'decimal', metric: 'defect_density' },
];

/** The report's analysis calls run as a viewer: the document is shared, so privacy rules always apply. */
const REPORT_ROLE = 'viewer' as const;

function queryString(query: RawQuery): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value === undefined) continue;
    search.set(name, Array.isArray(value) ? value.join(',') : value);
  }
  return search.toString();
}

function weekSeries(response: MetricResponse, key: string, name: string, format: ValueFormat): TrendSeries {
  return { key, name, unit: response.unit, format, points: (response.series[0]?.points ?? []).map((point) => ({ period: point.period, value: point.value })) };
}

/** Assembles the quarterly efficiency report for an org, a department or a team. */
@Injectable()
export class QuarterlyReportService {
  constructor(
    private readonly metrics: MetricsService,
    private readonly analysis: AnalysisService,
    private readonly directory: DirectoryService,
    @Inject(CLICKHOUSE) private readonly clickhouse: UpliftClickHouse,
  ) {}

  /** Parses `scope` (`org`, `department:<name>`, `team:<name>`) against the directory; unknown names are a 400. */
  async resolveScope(orgId: string, raw: string | undefined): Promise<ReportScope> {
    const scope = (raw ?? 'org').trim();
    if (scope === 'org') return { kind: 'org', label: 'Whole organisation', teams: null };
    const separator = scope.indexOf(':');
    const kind = separator > 0 ? scope.slice(0, separator) : '';
    const name = separator > 0 ? scope.slice(separator + 1).trim() : '';
    if ((kind !== 'team' && kind !== 'department') || name === '') {
      throw invalidParameter('scope', `scope must be org, department:<name> or team:<name> (got "${scope}")`, scope);
    }
    const teams = await this.directory.listTeams(orgId);
    if (kind === 'team') {
      if (!teams.some((team) => team.name === name)) throw invalidParameter('scope', `scope: unknown team "${name}"`, scope);
      return { kind: 'team', name, label: `Team ${name}`, teams: [name] };
    }
    const departments = await this.directory.listDepartments(orgId);
    if (!departments.some((department) => department.name === name)) throw invalidParameter('scope', `scope: unknown department "${name}"`, scope);
    const members = teams.filter((team) => team.department === name).map((team) => team.name).sort();
    if (members.length === 0) throw invalidParameter('scope', `scope: department "${name}" has no teams`, scope);
    return { kind: 'department', name, label: `Department ${name}`, teams: members };
  }

  async build(principal: Principal, input: { quarter: string | undefined; scope: string | undefined }, now = new Date()): Promise<QuarterlyReport> {
    const quarter = parseQuarter(input.quarter ?? '');
    if (!quarter) throw invalidParameter('quarter', `quarter must look like 2026-Q3 (got "${input.quarter ?? ''}")`, input.quarter);
    const org = await this.metrics.org(principal.orgId);
    const scope = await this.resolveScope(org.id, input.scope);
    const range = quarterRange(quarter);
    const quarters = [-4, -3, -2, -1, 0].map((offset) => quarterLabel(shiftQuarter(quarter, offset)));
    const filter: RawQuery = scope.teams ? { team: scope.teams } : {};
    const fiveQuarters = { ...filter, from: quarterRange(shiftQuarter(quarter, -4)).from, to: range.to, granularity: 'quarter' };

    const [summary, charts, teams, findings, coverage] = await Promise.all([
      this.summary(org, scope, fiveQuarters, quarters),
      this.charts(org, filter, range),
      this.teamTable(org, scope, filter, range),
      this.findings(org, filter, range),
      this.coverage(org, scope, range),
    ]);
    const value = (key: string) => summary.find((row) => row.key === key)?.current ?? null;
    // Activity in the quarter itself: activated users are cumulative and seat utilization is 0 (not null) with
    // seats but no use, so neither says the quarter has data.
    const hasData =
      coverage.commits > 0 ||
      ['active_users', 'ai_cost', 'requirement_throughput'].some((key) => (value(key) ?? 0) > 0) ||
      ['acceptance_rate_count', 'pr_cycle_time', 'requirement_lead_time', 'change_failure_rate', 'satisfaction'].some((key) => value(key) !== null);
    coverage.missingSources = missingSources(summary);
    coverage.teamsWithoutData = teams.filter((team) => team.activeDevelopers === 0 && Object.values(team.values).every((entry) => entry === null)).map((team) => team.team);

    return {
      org: { id: org.id, name: org.name, slug: org.slug, timeZone: org.timeZone, privacyMinGroupSize: org.privacyMinGroupSize },
      quarter: quarterLabel(quarter),
      range,
      quarters,
      scope,
      generatedAt: now.toISOString(),
      hasData,
      summary,
      charts,
      findings: { ...findings, sentences: findingSentences(findings.cohorts, findings.correlation) },
      teamMetrics: TEAM_METRICS.map((metric) => ({ ...metric, query: queryString({ ...filter, from: range.from, to: range.to, granularity: 'total', groupBy: 'team' }) })),
      teams,
      coverage,
      methodology: listMetrics().map((metric) => ({ id: metric.id, name: metric.name, unit: metric.unit, definition: metric.description })),
    };
  }

  private async summary(org: OrgEntity, scope: ReportScope, base: RawQuery, quarters: string[]): Promise<SummaryRow[]> {
    const rows = await Promise.all(
      SUMMARY.map(async (spec): Promise<SummaryRow> => {
        const query: RawQuery = spec.orgOnly ? { ...base, team: undefined, ...spec.params } : { ...base, ...spec.params };
        if (spec.orgOnly) delete query['team'];
        const note = spec.orgOnly && scope.kind !== 'org' ? 'seats are assigned org-wide: shown for the whole organisation' : null;
        const response = await this.metrics.run(org, spec.metric, query);
        const byPeriod = new Map((response.series[0]?.points ?? []).map((point) => [point.period, spec.field === 'denominator' ? (point.denominator ?? null) : point.value]));
        const values = quarters.map((period) => byPeriod.get(period) ?? null);
        return summaryRow({
          key: spec.key,
          label: spec.label,
          unit: spec.field === 'denominator' ? 'seats' : response.unit,
          format: spec.format,
          source: { metric: spec.metric, query: queryString(query), field: spec.field ?? 'value' },
          derivation: null,
          values,
          note,
        });
      }),
    );
    const cost = rows.find((row) => row.key === 'ai_cost')!;
    const active = rows.find((row) => row.key === 'active_users')!;
    rows.push(
      summaryRow({
        key: 'cost_per_active_user',
        label: 'AI cost per active user',
        unit: 'USD/person',
        format: 'currency',
        source: null,
        derivation: 'ai_cost / active_users',
        values: cost.values.map((value, index) => {
          const users = active.values[index] ?? null;
          return value === null || !users ? null : value / users;
        }),
        note: null,
      }),
    );
    return rows;
  }

  private async charts(org: OrgEntity, filter: RawQuery, range: { from: string; to: string }): Promise<ReportChart[]> {
    const weekly = { ...filter, from: range.from, to: range.to, granularity: 'week' };
    const [phases, adoption, active, acceptanceCount, acceptanceLines, cycleTime, requirements, defects] = await Promise.all([
      this.directory.listRolloutPhases(org.id),
      this.metrics.run(org, 'adoption_rate', weekly),
      this.metrics.run(org, 'active_users', weekly),
      this.metrics.run(org, 'acceptance_rate', { ...weekly, basis: 'count' }),
      this.metrics.run(org, 'acceptance_rate', { ...weekly, basis: 'lines' }),
      this.metrics.run(org, 'pr_cycle_time', weekly),
      this.metrics.run(org, 'requirement_throughput', weekly),
      this.metrics.run(org, 'defect_density', weekly),
    ]);
    const periods = (adoption.series[0]?.points ?? []).map((point) => point.period);
    const reportPhases = phases.map((phase) => ({ name: phase.name, startDate: phase.startDate, targetShare: phase.targetShare })).sort((a, b) => a.startDate.localeCompare(b.startDate));
    return [
      { id: 'rollout', title: 'Rollout timeline', periods, phases: reportPhases, series: [weekSeries(adoption, 'adoption_rate', 'Adoption rate', 'percent')] },
      {
        id: 'adoption',
        title: 'Weekly adoption',
        periods,
        phases: [],
        series: [weekSeries(adoption, 'adoption_rate', 'Adoption rate', 'percent'), weekSeries(active, 'active_users', 'Active users', 'integer')],
      },
      {
        id: 'acceptance',
        title: 'Weekly acceptance',
        periods,
        phases: [],
        series: [weekSeries(acceptanceCount, 'acceptance_rate_count', 'Acceptance (count)', 'percent'), weekSeries(acceptanceLines, 'acceptance_rate_lines', 'Acceptance (lines)', 'percent')],
      },
      {
        id: 'outcomes',
        title: 'Outcome trends',
        periods,
        phases: [],
        series: [
          weekSeries(cycleTime, 'pr_cycle_time', 'PR cycle time (h)', 'decimal'),
          weekSeries(requirements, 'requirement_throughput', 'Requirements resolved', 'integer'),
          weekSeries(defects, 'defect_density', 'Defects per KLOC', 'decimal'),
        ],
      },
    ];
  }

  private async teamTable(org: OrgEntity, scope: ReportScope, filter: RawQuery, range: { from: string; to: string }): Promise<TeamRow[]> {
    const query = { ...filter, from: range.from, to: range.to, granularity: 'total', groupBy: 'team' };
    const [active, ...responses] = await Promise.all([
      this.metrics.run(org, 'active_users', query),
      ...TEAM_METRICS.map((metric) => this.metrics.run(org, metric.metric, query)),
    ]);
    const totalOf = (response: MetricResponse, team: string) =>
      response.series.find((series) => series.group['team'] === team)?.points[0]?.value ?? null;
    const names = new Set<string>(scope.teams ?? (await this.directory.listTeams(org.id)).map((team) => team.name));
    for (const response of [active, ...responses]) for (const series of response.series) if (series.group['team']) names.add(series.group['team']);
    const minimum = org.privacyMinGroupSize;
    return [...names].sort().map((team) => {
      const activeDevelopers = totalOf(active, team) ?? 0;
      const suppressed = activeDevelopers < minimum ? `fewer than ${minimum} active developers` : null;
      const values: Record<string, number | null> = {};
      TEAM_METRICS.forEach((metric, index) => {
        values[metric.key] = suppressed ? null : totalOf(responses[index]!, team);
      });
      return { team, activeDevelopers, suppressed, values };
    });
  }

  private async findings(org: OrgEntity, filter: RawQuery, range: { from: string; to: string }): Promise<{ cohorts: CohortFinding; correlation: CorrelationFinding }> {
    const principal: Principal = { kind: 'api-token', orgId: org.id, tokenId: 'quarterly-report', role: REPORT_ROLE };
    const base = { ...filter, from: range.from, to: range.to };
    const [cohorts, correlation] = await Promise.all([
      refusedAs(async (): Promise<CohortFinding> => {
        const result = await this.analysis.cohorts(principal, { ...base, outcome: 'pr_cycle_time', exposure: 'ai_code_share', unit: 'developer' });
        return {
          status: 'ok',
          outcome: result.outcome,
          statistic: result.statistic,
          unitsWithoutExposure: result.unitsWithoutExposure,
          cohorts: result.cohorts.map((cohort) => ({
            cohort: cohort.cohort,
            n: cohort.n,
            estimate: cohort.estimate,
            low: cohort.ci?.[0] ?? null,
            high: cohort.ci?.[1] ?? null,
            suppressed: 'suppressed' in cohort ? cohort.suppressed : null,
          })),
        };
      }),
      refusedAs(async (): Promise<CorrelationFinding> => {
        const result = await this.analysis.correlation(principal, { ...base, x: 'ai_code_share', y: 'pr_cycle_time', unit: 'team-week' });
        return {
          status: 'ok',
          x: result.x,
          y: result.y,
          unitLabel: result.unitLabel,
          n: result.n,
          r: result.pearson.r,
          low: result.pearson.ci[0],
          high: result.pearson.ci[1],
          pValue: result.pearson.pValue,
          rho: result.spearman.rho,
          slope: result.ols.slope,
          caution: result.caution,
        };
      }),
    ]);
    return { cohorts, correlation: correlation.status === 'refused' ? { ...correlation, caution: CAUTION } : correlation };
  }

  private async coverage(org: OrgEntity, scope: ReportScope, range: { from: string; to: string }): Promise<ReportCoverage> {
    const rows = await queryAttributionCoverage(this.clickhouse.client, { orgId: org.id, from: range.from, to: range.to, timeZone: org.timeZone, teams: scope.teams });
    const commits = rows.reduce((sum, row) => sum + row.commits, 0);
    const attributedCommits = rows.reduce((sum, row) => sum + row.attributedCommits, 0);
    return {
      commits,
      attributedCommits,
      attributedShare: commits === 0 ? null : attributedCommits / commits,
      bySource: rows.map((row) => ({ ...row, share: row.commits === 0 ? null : row.attributedCommits / row.commits })),
      teamsWithoutData: [],
      missingSources: [],
    };
  }
}

const CAUTION =
  'Correlation is not causation: teams that use AI more may differ in other ways (work type, seniority, codebase). Read this as a signal to investigate, not as proof of an effect.';

/** Runs an analysis; when it refuses (too little data, HTTP 422) the report says so instead of failing. */
async function refusedAs<Finding>(run: () => Promise<Finding>): Promise<Finding | { status: 'refused'; message: string }> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof ApiError && error.getStatus() === 422) return { status: 'refused', message: error.message };
    throw error;
  }
}

function summaryRow(row: Omit<SummaryRow, 'current' | 'previousQuarter' | 'sameQuarterLastYear' | 'qoq' | 'yoy'>): SummaryRow {
  const current = row.values.at(-1) ?? null;
  const previousQuarter = row.values.at(-2) ?? null;
  const sameQuarterLastYear = row.values.at(-5) ?? null;
  return { ...row, current, previousQuarter, sameQuarterLastYear, qoq: percentChange(current, previousQuarter), yoy: percentChange(current, sameQuarterLastYear) };
}

const SOURCE_CHECKS: { key: string; source: string }[] = [
  { key: 'active_users', source: 'assistant usage events (no active users)' },
  { key: 'ai_code_share', source: 'commits (no lines added)' },
  { key: 'pr_cycle_time', source: 'merged pull requests' },
  { key: 'requirement_lead_time', source: 'work items: resolved requirements' },
  { key: 'change_failure_rate', source: 'production deployments' },
  { key: 'satisfaction', source: 'satisfaction survey responses' },
  { key: 'ai_cost', source: 'usage.cost events (no cost reported)' },
];

function missingSources(summary: SummaryRow[]): string[] {
  return SOURCE_CHECKS.filter(({ key }) => {
    const current = summary.find((row) => row.key === key)?.current ?? null;
    return current === null || current === 0;
  }).map(({ source }) => source);
}

const round = (value: number, digits = 2) => value.toFixed(digits);

/** The findings in plain sentences, with their sample sizes, intervals and the causation caution. */
export function findingSentences(cohorts: CohortFinding, correlation: CorrelationFinding): string[] {
  const sentences: string[] = [];
  if (cohorts.status === 'refused') {
    sentences.push(`Cohorts: not enough data to compare developers by AI code share (${cohorts.message}).`);
  } else {
    const filled = cohorts.cohorts.filter((cohort) => cohort.n > 0 && cohort.estimate !== null);
    if (filled.length === 0) {
      sentences.push(`Cohorts: no developer had both an AI code share and a ${cohorts.outcome.name.toLowerCase()} this quarter, so there is nothing to compare.`);
    } else {
      for (const cohort of filled) {
        const interval = cohort.low !== null && cohort.high !== null ? `, 95% interval ${round(cohort.low)} to ${round(cohort.high)}` : '';
        sentences.push(`Developers in the "${cohort.cohort}" AI code share cohort (n = ${cohort.n}) had a ${cohorts.statistic} ${cohorts.outcome.name.toLowerCase()} of ${round(cohort.estimate!)} ${cohorts.outcome.unit}${interval}.`);
      }
    }
  }
  if (correlation.status === 'refused') {
    sentences.push(`Correlation: not computed - ${correlation.message}`);
  } else {
    const strength = Math.abs(correlation.r) < 0.1 ? 'no meaningful' : Math.abs(correlation.r) < 0.3 ? 'a weak' : Math.abs(correlation.r) < 0.5 ? 'a moderate' : 'a strong';
    const direction = correlation.r > 0 ? 'positive' : 'negative';
    sentences.push(
      `Across n = ${correlation.n} ${correlation.unitLabel}, ${correlation.x.name} and ${correlation.y.name} show ${strength}${strength === 'no meaningful' ? '' : ` ${direction}`} correlation: Pearson r = ${round(correlation.r)} (95% interval ${round(correlation.low)} to ${round(correlation.high)}, p = ${round(correlation.pValue, 3)}), Spearman rho = ${round(correlation.rho)}.`,
    );
  }
  sentences.push(correlation.caution);
  return sentences;
}
