import type {
  BeforeAfterResult,
  CohortsResult,
  CorrelationResult,
  MetricRef,
  MetricResponse,
  MetricSeries,
  PanelDefinition,
  Role,
} from '../api/types';
import type { CategoryBarChart } from '../charts/category-bar';
import type { Cohort, CohortChart } from '../charts/cohort-bars';
import type { HeatmapChart } from '../charts/heatmap';
import { combineValues, type Better } from '../charts/kpi';
import type { ScatterChart } from '../charts/scatter';
import { sortRows, type TableModel, type TableRow, type TableSort } from '../charts/table';
import type { TimeSeriesChart } from '../charts/time-series';
import type { ChartSeries } from '../charts/types';
import { formatDate, formatPeriod, formatValue } from '../format';
import type { Locale } from '../i18n/locales';
import { isMessageKey, translateDynamic, translator, resolveText } from '../i18n/translate';
import { metricMeta } from '../metric-meta';
import { periodsBetween } from '../state/dates';
import type { PanelPlan, PlannedRequest } from './plan';

/**
 * Turns API answers into what a panel draws: chart inputs (already labelled in the current language), a table
 * of the same figures for keyboard and screen-reader users, or an empty or privacy state. Pure: tested
 * without a browser.
 */

export type ReadyPlan = Extract<PanelPlan, { status: 'ready' }>;

export type KpiContent = {
  type: 'kpi';
  unit: string;
  better: Better;
  value: number | null;
  previous: number | null;
  org: number | null;
  comparison?: ReadyPlan['comparison'];
  latest?: ReadyPlan['latest'];
};

export type PanelContent =
  | KpiContent
  | { type: 'time-series'; chart: TimeSeriesChart }
  | { type: 'category-bar'; chart: CategoryBarChart }
  | { type: 'heatmap'; chart: HeatmapChart }
  | { type: 'table' }
  | { type: 'scatter'; chart: ScatterChart; summary: string[] }
  | { type: 'cohorts'; chart: CohortChart; summary: string[] };

export type PanelView =
  | { status: 'ready'; content: PanelContent; table: TableModel | null; privacyNote?: number }
  | { status: 'empty'; metrics: string[] }
  | { status: 'hidden'; minGroupSize: number };

export type BuildContext = {
  locale: Locale;
  role: Role;
  minGroupSize: number;
  /** The team of a team page, named on its series. */
  team?: string;
  /** A metric's unit from the catalog (analyses name only the metric). */
  unitOf: (metric: string) => string;
};

type Answer = { request: PlannedRequest; body: unknown };

export function metricName(locale: Locale, id: string): string {
  const key = `metric.${id}.name`;
  return isMessageKey(key) ? translateDynamic(locale, key) : id;
}

function refLabel(locale: Locale, ref: MetricRef): string {
  return ref.label ? resolveText(locale, ref.label) : metricName(locale, ref.id);
}

/** A developer key (`email:ann@example.com`, `login:ann`) as people read it. */
export function developerLabel(key: string): string {
  return key.replace(/^(?:email|login|ext):/, '');
}

/** "payments", "vscode · go"; a group whose value is empty (not reported) reads "(not set)". */
function groupLabel(group: Record<string, string>, locale: Locale): string {
  return Object.entries(group)
    .map(([dimension, value]) => (value ? (dimension === 'developer' ? developerLabel(value) : value) : translator(locale)('panel.notSet')))
    .join(' · ');
}

const isEmptyGroup = (group: Record<string, string>) => Object.keys(group).length === 0;

function groupKey(group: Record<string, string>): string {
  return Object.entries(group)
    .map(([name, value]) => `${name}=${value}`)
    .join('&');
}

const isCountUnit = (unit: string) => unit !== 'ratio' && unit !== 'ms' && unit !== 'hours' && unit !== 'days';

/** No data at all: every value null, or (for counts and sums) every value zero. */
function hasNoData(values: readonly (number | null)[], unit: string): boolean {
  return values.every((value) => value === null || (value === 0 && isCountUnit(unit)));
}

/** No answer has data, each judged by its own unit: a panel mixing a ratio with counts (zeros) is still empty. */
function responsesHaveNoData(responses: readonly MetricResponse[]): boolean {
  return responses.every((response) => hasNoData(response.series.flatMap((entry) => entry.points.map((point) => point.value)), response.unit));
}

function metricAnswers(answers: readonly Answer[], role: PlannedRequest['role']): { refIndex: number; response: MetricResponse }[] {
  return answers.filter((answer) => answer.request.role === role).map((answer) => ({ refIndex: answer.request.refIndex, response: answer.body as MetricResponse }));
}

function periodsOf(plan: ReadyPlan, responses: readonly MetricResponse[]): string[] {
  const fromApi = responses.flatMap((response) => response.series).find((series) => series.points.length > 0);
  return fromApi ? fromApi.points.map((point) => point.period) : periodsBetween(plan.range.from, plan.range.to, plan.granularity);
}

/** The single value of a `total` (or one-period) series. */
function totalOf(series: MetricSeries | undefined): number | null {
  if (!series) return null;
  const values = series.points.map((point) => point.value).filter((value): value is number => value !== null);
  return series.points.length === 1 ? (series.points[0]?.value ?? null) : (values[values.length - 1] ?? null);
}

function valueAt(series: MetricSeries | undefined, period: string): number | null {
  return series?.points.find((point) => point.period === period)?.value ?? null;
}

function buildKpi(panel: PanelDefinition, plan: ReadyPlan, answers: readonly Answer[]): PanelView {
  const current = metricAnswers(answers, 'current');
  const byRole = (role: PlannedRequest['role'], pick: (series: MetricSeries | undefined) => number | null) =>
    combineValues(
      panel.metrics.map((_ref, refIndex) => {
        const response = metricAnswers(answers, role).find((answer) => answer.refIndex === refIndex)?.response;
        return pick(response?.series[0]);
      }),
      panel.combine,
    );
  const latest = plan.latest;
  const value = latest ? byRole('current', (series) => valueAt(series, latest.current)) : byRole('current', totalOf);
  const previous = latest ? byRole('current', (series) => valueAt(series, latest.previous)) : byRole('previous', totalOf);
  const org = panel.compare === 'org' ? (latest ? byRole('org', (series) => valueAt(series, latest.current)) : byRole('org', totalOf)) : null;
  const unit = current[0]?.response.unit ?? '';
  // Empty when no input has data: a difference of 0 (no dormant seats) is a real figure.
  const inputs = answers.filter((answer) => answer.request.role !== 'org').map((answer) => answer.body as MetricResponse);
  if (responsesHaveNoData(inputs) || (value === null && previous === null)) return { status: 'empty', metrics: panel.metrics.map((ref) => ref.id) };
  const first = panel.metrics[0];
  return {
    status: 'ready',
    table: null,
    content: {
      type: 'kpi',
      unit,
      better: first ? (metricMeta(first.id)?.better ?? 'neutral') : 'neutral',
      value,
      previous,
      org,
      ...(plan.comparison ? { comparison: plan.comparison } : {}),
      ...(latest ? { latest } : {}),
    },
  };
}

/** One chart series per (metric, group); on team pages the team's series and the org's dashed reference. */
function chartSeries(panel: PanelDefinition, answers: readonly Answer[], context: BuildContext): ChartSeries[] {
  const t = translator(context.locale);
  const several = panel.metrics.length > 1;
  const series: ChartSeries[] = [];
  for (const role of ['current', 'org'] as const) {
    for (const { refIndex, response } of metricAnswers(answers, role)) {
      const ref = panel.metrics[refIndex];
      if (!ref) continue;
      const label = refLabel(context.locale, ref);
      for (const entry of response.series) {
        const team = panel.groupBy === 'team' ? entry.group['team'] : undefined;
        // Series per group: from groupBy, or from the metric itself (request_mix answers one series per kind).
        const byGroup = !isEmptyGroup(entry.group);
        const base = byGroup ? groupLabel(entry.group, context.locale) : role === 'org' ? t('panel.org') : panel.compare === 'org' ? (context.team ?? label) : label;
        const name = several && (byGroup || panel.compare) ? `${base} · ${label}` : base;
        series.push({
          key: team !== undefined ? `team:${team}` : `${role}:${refIndex}:${groupKey(entry.group)}`,
          name,
          unit: response.unit,
          points: entry.points.map((point) => ({ period: point.period, value: point.value })),
          ...(team === undefined ? {} : { team }),
          ...(role === 'org' ? { reference: true } : {}),
        });
      }
    }
  }
  return series;
}

function seriesTable(periods: readonly string[], series: readonly ChartSeries[], locale: Locale): TableModel {
  return {
    columns: series.map((entry) => ({ key: entry.key, label: entry.name, unit: entry.unit })),
    rows: periods.map((period) => ({
      key: period,
      label: formatPeriod(period, locale),
      values: series.map((entry) => entry.points.find((point) => point.period === period)?.value ?? null),
    })),
  };
}

type Group = { key: string; label: string; team?: string };

/** Groups in the order the API sorted them, across every metric of the panel. */
function groupsOf(current: readonly { response: MetricResponse }[], groupBy: string | undefined, locale: Locale): Group[] {
  const groups = new Map<string, Group>();
  for (const { response } of current) {
    for (const entry of response.series) {
      const key = groupKey(entry.group);
      if (groups.has(key)) continue;
      const team = groupBy === 'team' ? entry.group['team'] : undefined;
      groups.set(key, { key, label: isEmptyGroup(entry.group) ? translator(locale)('panel.total') : groupLabel(entry.group, locale), ...(team === undefined ? {} : { team }) });
    }
  }
  return [...groups.values()];
}

/** Rows per group, one column per metric, sorted and cut as the panel says. */
function groupTable(panel: PanelDefinition, answers: readonly Answer[], locale: Locale): TableModel {
  const current = metricAnswers(answers, 'current');
  const groups = groupsOf(current, panel.groupBy, locale);
  const columns = panel.metrics.map((ref, refIndex) => ({
    key: `${refIndex}:${ref.id}`,
    label: refLabel(locale, ref),
    unit: current.find((answer) => answer.refIndex === refIndex)?.response.unit ?? '',
  }));
  const rows: TableRow[] = groups.map((group) => ({
    ...group,
    values: panel.metrics.map((_ref, refIndex) => {
      const response = current.find((answer) => answer.refIndex === refIndex)?.response;
      return totalOf(response?.series.find((entry) => groupKey(entry.group) === group.key));
    }),
  }));
  const sortBy: 'group' | number | undefined = panel.sort ? (panel.sort.by === 'group' ? 'group' : panel.metrics.findIndex((ref) => ref.id === panel.sort?.by)) : undefined;
  const sort: TableSort | undefined = panel.sort && sortBy !== undefined && sortBy !== -1 ? { by: sortBy, order: panel.sort.order } : undefined;
  return { columns, rows: sortRows(rows, sort, panel.limit) };
}

function privacy(groupCount: number, perPerson: boolean, context: BuildContext): { hidden: boolean; note?: number } {
  if (!perPerson || groupCount >= context.minGroupSize) return { hidden: false };
  return context.role === 'admin' ? { hidden: false, note: context.minGroupSize } : { hidden: true };
}

function withPrivacy(view: PanelView, note: number | undefined): PanelView {
  return view.status === 'ready' && note !== undefined ? { ...view, privacyNote: note } : view;
}

function buildMetricPanel(panel: PanelDefinition, plan: ReadyPlan, answers: readonly Answer[], context: BuildContext): PanelView {
  const current = metricAnswers(answers, 'current');
  // the API withholds per-person figures from viewers below the privacy minimum
  const withheld = current.find(({ response }) => response.suppressed)?.response.suppressed;
  if (withheld) return { status: 'hidden', minGroupSize: withheld.minGroupSize };
  const unit = current[0]?.response.unit ?? '';
  if (responsesHaveNoData(current.map(({ response }) => response))) return { status: 'empty', metrics: panel.metrics.map((ref) => ref.id) };

  const perPerson = panel.groupBy === 'developer';
  const verdict = privacy(groupsOf(current, panel.groupBy, context.locale).length, perPerson, context);
  if (verdict.hidden) return { status: 'hidden', minGroupSize: context.minGroupSize };

  if (panel.kind === 'table') return withPrivacy({ status: 'ready', content: { type: 'table' }, table: groupTable(panel, answers, context.locale) }, verdict.note);

  if (panel.kind === 'heatmap') {
    const periods = periodsOf(plan, current.map((answer) => answer.response));
    const response = current[0]?.response;
    const rows = (response?.series ?? []).map((entry) => {
      const team = panel.groupBy === 'team' ? entry.group['team'] : undefined;
      return { key: groupKey(entry.group), label: groupLabel(entry.group, context.locale), ...(team === undefined ? {} : { team }), values: periods.map((period) => valueAt(entry, period)) };
    });
    const table: TableModel = {
      columns: periods.map((period) => ({ key: period, label: formatPeriod(period, context.locale), unit })),
      rows: rows.map((row) => ({ key: row.key, label: row.label, ...(row.team === undefined ? {} : { team: row.team }), values: row.values })),
    };
    return withPrivacy({ status: 'ready', content: { type: 'heatmap', chart: { periods, rows, unit } }, table }, verdict.note);
  }

  if ((panel.kind === 'bar' || panel.kind === 'stacked-bar') && plan.granularity === 'total') {
    const table = groupTable(panel, answers, context.locale);
    const chart: CategoryBarChart = {
      stacked: panel.kind === 'stacked-bar',
      categories: table.rows.map((row) => ({ key: row.key, label: row.label, ...(row.team === undefined ? {} : { team: row.team }) })),
      series: table.columns.map((column, columnIndex) => ({ key: column.key, name: column.label, unit: column.unit, values: table.rows.map((row) => row.values[columnIndex] ?? null) })),
    };
    return withPrivacy({ status: 'ready', content: { type: 'category-bar', chart }, table }, verdict.note);
  }

  const periods = periodsOf(plan, current.map((answer) => answer.response));
  const series = chartSeries(panel, answers, context);
  const kind = panel.kind === 'area' || panel.kind === 'bar' || panel.kind === 'stacked-bar' ? panel.kind : 'line';
  return withPrivacy({ status: 'ready', content: { type: 'time-series', chart: { kind, periods, series } }, table: seriesTable(periods, series, context.locale) }, verdict.note);
}

function strength(r: number): 'negligible' | 'weak' | 'moderate' | 'strong' {
  const magnitude = Math.abs(r);
  if (magnitude < 0.1) return 'negligible';
  if (magnitude < 0.3) return 'weak';
  if (magnitude < 0.5) return 'moderate';
  return 'strong';
}

/** The correlation in plain words: size and direction, the interval, n, and the caution. */
export function correlationSummary(result: CorrelationResult, locale: Locale, units: string): string[] {
  const t = translator(locale);
  const number = (value: number) => new Intl.NumberFormat(locale, { maximumFractionDigits: 2, minimumFractionDigits: 2 }).format(value);
  const [lo, hi] = result.pearson.ci;
  const unitsKey = `analysis.units.${units}`;
  return [
    t('analysis.correlationSummary', {
      n: result.n,
      units: isMessageKey(unitsKey) ? translateDynamic(locale, unitsKey) : result.unitLabel,
      x: metricName(locale, result.x.metric),
      y: metricName(locale, result.y.metric),
      strength: t(`analysis.strength.${strength(result.pearson.r)}`),
      direction: t(result.pearson.r >= 0 ? 'analysis.direction.positive' : 'analysis.direction.negative'),
      r: number(result.pearson.r),
      lo: number(lo),
      hi: number(hi),
    }),
    lo <= 0 && hi >= 0 ? t('analysis.intervalIncludesZero') : t('analysis.intervalExcludesZero'),
    t('analysis.caution'),
  ];
}

function cohortChart(unit: string, cohorts: Cohort[], locale: Locale): CohortChart {
  const t = translator(locale);
  return {
    unit,
    cohorts,
    nLabel: (n) => t('analysis.n', { n }),
    intervalLabel: (lo, hi) => t('analysis.interval', { lo, hi }),
    noEstimateLabel: t('analysis.noEstimate'),
  };
}

function cohortTable(chart: CohortChart, locale: Locale): TableModel {
  const t = translator(locale);
  const unit = chart.unit;
  return {
    columns: [
      { key: 'estimate', label: t('analysis.estimate'), unit },
      { key: 'lo', label: t('analysis.low'), unit },
      { key: 'hi', label: t('analysis.high'), unit },
      { key: 'n', label: t('analysis.count'), unit: 'count' },
    ],
    rows: chart.cohorts.map((cohort) => ({ key: cohort.key, label: cohort.label, values: [cohort.estimate, cohort.ci?.[0] ?? null, cohort.ci?.[1] ?? null, cohort.n] })),
  };
}

/** The team of a team-week point: its group, else its label "<team> <week>". */
function teamOfPoint(point: CorrelationResult['points'][number], units: string | undefined): string | undefined {
  if (point.group?.['team']) return point.group['team'];
  if (units !== 'team-week' || !point.label) return undefined;
  const space = point.label.lastIndexOf(' ');
  return space > 0 ? point.label.slice(0, space) : undefined;
}

const DID_GROUPS = ['treatedBefore', 'treatedAfter', 'controlBefore', 'controlAfter'] as const;

function buildAnalysisPanel(panel: PanelDefinition, answers: readonly Answer[], context: BuildContext): PanelView {
  const body = answers[0]?.body;
  const metrics = panel.metrics.map((ref) => ref.id);
  const label = (key: string, fallback: string) => (isMessageKey(key) ? translateDynamic(context.locale, key) : fallback);
  const unitOf = (metric: { metric: string; unit?: string }) => metric.unit ?? context.unitOf(metric.metric);

  if (panel.analysis === 'correlation') {
    const result = body as CorrelationResult;
    if (!result || result.points.length === 0) return { status: 'empty', metrics };
    const perPerson = panel.units === 'developer-month';
    const people = new Set(result.points.map((point) => point.group?.['developer'] ?? point.label ?? '')).size;
    const verdict = privacy(people, perPerson, context);
    if (verdict.hidden) return { status: 'hidden', minGroupSize: context.minGroupSize };
    const x = { label: metricName(context.locale, result.x.metric), unit: unitOf(result.x) };
    const y = { label: metricName(context.locale, result.y.metric), unit: unitOf(result.y) };
    const chart: ScatterChart = {
      x,
      y,
      points: result.points.map((point) => {
        const team = teamOfPoint(point, panel.units);
        return { x: point.x, y: point.y, label: point.label ?? '', ...(team ? { team } : {}) };
      }),
      ols: result.ols,
      regressionLabel: translator(context.locale)('analysis.regression'),
    };
    const table: TableModel = {
      columns: [
        { key: 'x', label: x.label, unit: x.unit },
        { key: 'y', label: y.label, unit: y.unit },
      ],
      rows: chart.points.map((point, index) => ({ key: String(index), label: point.label, ...(point.team ? { team: point.team } : {}), values: [point.x, point.y] })),
    };
    return withPrivacy({ status: 'ready', content: { type: 'scatter', chart, summary: correlationSummary(result, context.locale, panel.units ?? '') }, table }, verdict.note);
  }

  if (panel.analysis === 'cohorts') {
    const result = body as CohortsResult;
    if (!result || result.cohorts.every((cohort) => cohort.n === 0)) return { status: 'empty', metrics };
    const chart = cohortChart(
      unitOf(result.outcome),
      result.cohorts.map((cohort) => ({ key: cohort.cohort, label: label(`analysis.cohort.${cohort.cohort}`, cohort.cohort), n: cohort.n, estimate: cohort.estimate, ci: cohort.ci })),
      context.locale,
    );
    return { status: 'ready', content: { type: 'cohorts', chart, summary: [translator(context.locale)('analysis.cohortsNote')] }, table: cohortTable(chart, context.locale) };
  }

  const result = body as BeforeAfterResult;
  if (!result || DID_GROUPS.every((group) => (result.n?.[group] ?? 0) === 0)) return { status: 'empty', metrics };
  const unit = unitOf(result.outcome);
  const chart = cohortChart(
    unit,
    DID_GROUPS.map((group) => ({ key: group, label: label(`analysis.group.${group}`, group), n: result.n[group], estimate: result.means[group] ?? null, ci: null })),
    context.locale,
  );
  const t = translator(context.locale);
  const summary = [
    t('analysis.beforeAfterSummary', {
      date: formatDate(result.adoptionDate, context.locale),
      estimate: formatValue(result.estimate, unit, context.locale),
      lo: formatValue(result.ci[0], unit, context.locale),
      hi: formatValue(result.ci[1], unit, context.locale),
      n: DID_GROUPS.reduce((total, group) => total + (result.n[group] ?? 0), 0),
    }),
    t('analysis.beforeAfterCaution'),
  ];
  return { status: 'ready', content: { type: 'cohorts', chart, summary }, table: cohortTable(chart, context.locale) };
}

export function buildPanelView(panel: PanelDefinition, plan: ReadyPlan, answers: readonly Answer[], context: BuildContext): PanelView {
  if (panel.analysis) return buildAnalysisPanel(panel, answers, context);
  if (panel.kind === 'kpi') return buildKpi(panel, plan, answers);
  return buildMetricPanel(panel, plan, answers, context);
}
