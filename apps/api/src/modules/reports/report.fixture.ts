import { findingSentences } from './quarterly-report.service';
import type { CohortFinding, CorrelationFinding, QuarterlyReport } from './report.types';

const weeks = ['2026-W27', '2026-W28', '2026-W29', '2026-W30'];
const cohorts: CohortFinding = {
  status: 'ok',
  outcome: { metric: 'pr_cycle_time', name: 'PR cycle time', unit: 'hours' },
  statistic: 'mean',
  unitsWithoutExposure: 1,
  cohorts: [
    { cohort: 'none', n: 6, estimate: 30.5, low: 20.1, high: 40.9, suppressed: null },
    { cohort: 'light', n: 2, estimate: null, low: null, high: null, suppressed: 'fewer than 5 developers' },
  ],
};
const correlation: CorrelationFinding = { status: 'refused', message: 'correlation needs at least 10 team-weeks; got 4', caution: 'Correlation is not causation.' };

/** A fixed report for the renderer tests: every section filled, one suppressed team, one refused analysis. */
export function fixtureReport(overrides: Partial<QuarterlyReport> = {}): QuarterlyReport {
  return {
    org: { id: 'org-1', name: 'Acme', slug: 'acme', timeZone: 'UTC', privacyMinGroupSize: 5 },
    quarter: '2026-Q3',
    range: { from: '2026-07-01', to: '2026-09-30' },
    quarters: ['2025-Q3', '2025-Q4', '2026-Q1', '2026-Q2', '2026-Q3'],
    scope: { kind: 'org', label: 'Whole organisation', teams: null },
    generatedAt: '2026-10-02T08:30:00.000Z',
    hasData: true,
    summary: [
      {
        key: 'active_users', label: 'Active users', unit: 'people', format: 'integer',
        source: { metric: 'active_users', query: 'from=2025-07-01&to=2026-09-30&granularity=quarter', field: 'value' }, derivation: null,
        values: [null, 4, 8, 10, 12], current: 12, previousQuarter: 10, sameQuarterLastYear: null, qoq: 0.2, yoy: null, note: null,
      },
      {
        key: 'acceptance_rate_count', label: 'Acceptance rate (count)', unit: 'ratio', format: 'percent',
        source: { metric: 'acceptance_rate', query: 'from=2025-07-01&to=2026-09-30&granularity=quarter&basis=count', field: 'value' }, derivation: null,
        values: [0.25, 0.3, 0.28, 0.3, 0.3125], current: 0.3125, previousQuarter: 0.3, sameQuarterLastYear: 0.25, qoq: 0.0417, yoy: 0.25, note: null,
      },
      {
        key: 'ai_cost', label: 'AI cost', unit: 'USD', format: 'currency', source: { metric: 'ai_cost', query: 'granularity=quarter', field: 'value' }, derivation: null,
        values: [0, 100, 200, 300, 1234.5], current: 1234.5, previousQuarter: 300, sameQuarterLastYear: 0, qoq: 3.115, yoy: null, note: null,
      },
      {
        key: 'pr_cycle_time', label: 'PR cycle time', unit: 'hours', format: 'decimal', source: { metric: 'pr_cycle_time', query: 'granularity=quarter', field: 'value' }, derivation: null,
        values: [null, null, null, 20, 18.25], current: 18.25, previousQuarter: 20, sameQuarterLastYear: null, qoq: -0.0875, yoy: null, note: null,
      },
    ],
    charts: [
      { id: 'rollout', title: 'Rollout timeline', periods: weeks, phases: [{ name: 'pilot', startDate: '2026-06-01', targetShare: 0.1 }, { name: 'general', startDate: '2026-07-15', targetShare: 0.76 }], series: [
        { key: 'adoption_rate', name: 'Adoption rate', unit: 'ratio', format: 'percent', points: weeks.map((period, index) => ({ period, value: 0.2 + index * 0.1 })) },
      ] },
      { id: 'adoption', title: 'Weekly adoption', periods: weeks, phases: [], series: [
        { key: 'adoption_rate', name: 'Adoption rate', unit: 'ratio', format: 'percent', points: weeks.map((period, index) => ({ period, value: 0.2 + index * 0.1 })) },
        { key: 'active_users', name: 'Active users', unit: 'people', format: 'integer', points: weeks.map((period, index) => ({ period, value: 5 + index })) },
      ] },
      { id: 'acceptance', title: 'Weekly acceptance', periods: weeks, phases: [], series: [
        { key: 'acceptance_rate_count', name: 'Acceptance (count)', unit: 'ratio', format: 'percent', points: weeks.map((period) => ({ period, value: 0.3 })) },
      ] },
      { id: 'outcomes', title: 'Outcome trends', periods: weeks, phases: [], series: [
        { key: 'pr_cycle_time', name: 'PR cycle time (h)', unit: 'hours', format: 'decimal', points: weeks.map((period, index) => ({ period, value: index === 1 ? null : 20 - index })) },
        { key: 'requirement_throughput', name: 'Requirements resolved', unit: 'items', format: 'integer', points: weeks.map((period) => ({ period, value: 3 })) },
        { key: 'defect_density', name: 'Defects per KLOC', unit: 'defects/KLOC', format: 'decimal', points: weeks.map((period) => ({ period, value: 0.54 })) },
      ] },
    ],
    findings: { cohorts, correlation, sentences: findingSentences(cohorts, correlation) },
    teamMetrics: [
      { key: 'adoption_rate', label: 'Adoption rate', format: 'percent', metric: 'adoption_rate', query: 'granularity=total&groupBy=team' },
      { key: 'pr_cycle_time', label: 'PR cycle time (h)', format: 'decimal', metric: 'pr_cycle_time', query: 'granularity=total&groupBy=team' },
    ],
    teams: [
      { team: 'payments', activeDevelopers: 7, suppressed: null, values: { adoption_rate: 0.5, pr_cycle_time: 12.5 } },
      { team: 'search', activeDevelopers: 2, suppressed: 'fewer than 5 active developers', values: { adoption_rate: null, pr_cycle_time: null } },
    ],
    coverage: {
      commits: 40, attributedCommits: 30, attributedShare: 0.75,
      bySource: [{ source: 'git', commits: 40, attributedCommits: 30, share: 0.75 }],
      teamsWithoutData: ['infra'], missingSources: ['satisfaction survey responses'],
    },
    methodology: [
      { id: 'active_users', name: 'Active users', unit: 'people', definition: 'distinct developers with ≥ 1 assistant event' },
      { id: 'requirement_throughput', name: 'Requirement throughput', unit: 'items', definition: 'work_item.resolved with kind = requirement (需求吞吐率)' },
    ],
    ...overrides,
  };
}
