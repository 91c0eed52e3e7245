import type { QuarterlyReport, ValueFormat } from './report.types';

/** A cell of a report table: a number with its format, or text. */
export type TableCell = { kind: 'number'; value: number | null; format: ValueFormat | 'change' } | { kind: 'text'; value: string };
export type ReportTable = { name: string; columns: string[]; rows: TableCell[][] };

const text = (value: string): TableCell => ({ kind: 'text', value });
const number = (value: number | null, format: ValueFormat | 'change'): TableCell => ({ kind: 'number', value, format });

/** The report's tables, shared by the XLSX (a sheet each) and CSV (a file each) renderers. */
export function reportTables(report: QuarterlyReport): ReportTable[] {
  const summary: ReportTable = {
    name: 'summary',
    columns: ['key', 'metric', 'unit', ...report.quarters, 'qoq', 'yoy', 'source', 'note'],
    rows: report.summary.map((row) => [
      text(row.key),
      text(row.label),
      text(row.unit),
      ...row.values.map((value) => number(value, row.format)),
      number(row.qoq, 'change'),
      number(row.yoy, 'change'),
      text(row.source ? `/api/v1/metrics/${row.source.metric}?${row.source.query}${row.source.field === 'denominator' ? ' (denominator)' : ''}` : (row.derivation ?? '')),
      text(row.note ?? ''),
    ]),
  };
  const trends: ReportTable = {
    name: 'weekly_trends',
    columns: ['week', ...uniqueSeries(report).map((series) => series.key)],
    rows: (report.charts[0]?.periods ?? []).map((period, index) => [
      text(period),
      ...uniqueSeries(report).map((series) => number(series.points[index]?.period === period ? series.points[index]!.value : null, series.format)),
    ]),
  };
  const phases: ReportTable = {
    name: 'rollout_phases',
    columns: ['phase', 'start_date', 'target_share'],
    rows: (report.charts.find((chart) => chart.id === 'rollout')?.phases ?? []).map((phase) => [text(phase.name), text(phase.startDate), number(phase.targetShare, 'percent')]),
  };
  const cohortFinding = report.findings.cohorts;
  const cohorts: ReportTable = {
    name: 'cohorts',
    columns: ['cohort', 'n', 'estimate', 'ci_low', 'ci_high', 'note'],
    rows:
      cohortFinding.status === 'ok'
        ? cohortFinding.cohorts.map((cohort) => [
            text(cohort.cohort),
            number(cohort.n, 'integer'),
            number(cohort.estimate, 'decimal'),
            number(cohort.low, 'decimal'),
            number(cohort.high, 'decimal'),
            text(cohort.suppressed ?? ''),
          ])
        : [[text('not computed'), number(null, 'integer'), number(null, 'decimal'), number(null, 'decimal'), number(null, 'decimal'), text(cohortFinding.message)]],
  };
  const findings: ReportTable = { name: 'findings', columns: ['finding'], rows: report.findings.sentences.map((sentence) => [text(sentence)]) };
  const teams: ReportTable = {
    name: 'teams',
    columns: ['team', 'active_developers', ...report.teamMetrics.map((metric) => metric.key), 'note'],
    rows: report.teams.map((team) => [
      text(team.team),
      number(team.activeDevelopers, 'integer'),
      ...report.teamMetrics.map((metric) => number(team.values[metric.key] ?? null, metric.format)),
      text(team.suppressed ?? ''),
    ]),
  };
  const coverage: ReportTable = {
    name: 'coverage',
    columns: ['source', 'commits', 'ai_attributed_commits', 'share'],
    rows: [
      ...report.coverage.bySource.map((row) => [text(row.source), number(row.commits, 'integer'), number(row.attributedCommits, 'integer'), number(row.share, 'percent')]),
      [text('all sources'), number(report.coverage.commits, 'integer'), number(report.coverage.attributedCommits, 'integer'), number(report.coverage.attributedShare, 'percent')],
      ...report.coverage.missingSources.map((source) => [text(`missing: ${source}`), number(null, 'integer'), number(null, 'integer'), number(null, 'percent')]),
      ...report.coverage.teamsWithoutData.map((team) => [text(`team without data: ${team}`), number(null, 'integer'), number(null, 'integer'), number(null, 'percent')]),
    ],
  };
  const methodology: ReportTable = {
    name: 'methodology',
    columns: ['id', 'name', 'unit', 'definition'],
    rows: report.methodology.map((entry) => [text(entry.id), text(entry.name), text(entry.unit), text(entry.definition)]),
  };
  return [summary, trends, phases, findings, cohorts, teams, coverage, methodology];
}

function uniqueSeries(report: QuarterlyReport) {
  const seen = new Map<string, QuarterlyReport['charts'][number]['series'][number]>();
  for (const chart of report.charts) for (const series of chart.series) if (!seen.has(series.key)) seen.set(series.key, series);
  return [...seen.values()];
}
