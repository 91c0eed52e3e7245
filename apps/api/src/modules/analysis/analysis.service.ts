import { Injectable } from '@nestjs/common';
import {
  AnalysisError,
  DEFAULT_AI_SHARE_BINS,
  binByThresholds,
  cohortOutcomes,
  correlationAnalysis,
  differenceInDifferences,
  percentChange,
  type Bin,
} from '@uplift/analysis';
import { findMetric, type MetricResponse } from '@uplift/metrics';
import { ApiError, invalidParameter } from '../../common/api-error';
import { isAdmin, type Principal } from '../auth/auth.decorators';
import { DirectoryService } from '../directory/directory.service';
import type { OrgEntity } from '../orgs/org.entity';
import { MetricsService, type RawQuery } from '../metrics/metrics.service';
import { assertKnown, fraction, isoDate, oneOf, positiveInteger, single, thresholds } from './analysis.params';
import { cells, groupValues, splitKey } from './metric-values';

export const CORRELATION_CAUTION =
  'Correlation is not causation: teams that use AI more may differ in other ways (work type, seniority, codebase). Read this as a signal to investigate, not as proof of an effect.';
export const BEFORE_AFTER_CAUTION =
  'A difference in differences assumes the teams would have moved in parallel without adoption; other changes at the same time can still explain the difference.';

const FILTERS = ['team', 'language', 'ide', 'tool', 'repo', 'model'] as const;
const DAY_MS = 86_400_000;

function filtersOf(query: RawQuery): RawQuery {
  return Object.fromEntries(FILTERS.filter((name) => query[name] !== undefined).map((name) => [name, query[name]]));
}

function metricId(query: RawQuery, name: string, fallback: string): string {
  const id = single(query, name) ?? fallback;
  if (!findMetric(id)) throw invalidParameter(name, `${name}: unknown metric "${id}"`, id);
  return id;
}

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

function mondayOf(date: string): string {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return addDays(date, -((day + 6) % 7));
}

/**
 * Cohort bins over AI-code share. The default thresholds 0.1,0.3 give metrics.md's none / light / moderate /
 * heavy; other thresholds t1 < … < tk give {0}, (0, t1), [t1, t2), …, [tk-1, tk], (tk, 1].
 */
/** Pull requests by their AI signal (ai_assisted_pr_share of one PR is 1 or 0). */
const PULL_REQUEST_COHORTS: readonly Readonly<Bin<string>>[] = [
  { label: 'AI-assisted', min: 1, max: 1, includeMax: true },
  { label: 'other', min: 0, max: 0, includeMax: true },
];

export function aiShareBins(limits: number[]): readonly Readonly<Bin<string>>[] {
  if (limits.length === 2 && limits[0] === 0.1 && limits[1] === 0.3) return DEFAULT_AI_SHARE_BINS;
  const percent = (value: number) => `${Math.round(value * 1000) / 10} %`;
  const bins: Bin<string>[] = [
    { label: 'none', min: 0, max: 0, includeMax: true },
    { label: `0–${percent(limits[0]!)}`, min: 0, includeMin: false, max: limits[0]! },
  ];
  for (let index = 1; index < limits.length; index += 1) {
    const isLast = index === limits.length - 1;
    bins.push({ label: `${percent(limits[index - 1]!)}–${percent(limits[index]!)}`, min: limits[index - 1]!, max: limits[index]!, includeMax: isLast });
  }
  bins.push({ label: `> ${percent(limits.at(-1)!)}`, min: limits.at(-1)!, includeMin: false, max: 1, includeMax: true });
  return bins;
}

function toApiError(error: unknown): never {
  if (error instanceof AnalysisError) throw new ApiError(422, 'INVALID_REQUEST', error.message, { reason: error.code, ...(error.details ?? {}) });
  throw error;
}

/** Usage ↔ outcome analyses over the metric engine (metrics.md, "Linking usage to outcomes"). */
@Injectable()
export class AnalysisService {
  constructor(
    private readonly metrics: MetricsService,
    private readonly directory: DirectoryService,
  ) {}

  /** Pearson (Fisher-z interval), Spearman and OLS over team-weeks or developer-months. */
  async correlation(principal: Principal, query: RawQuery) {
    assertKnown(query, ['x', 'y', 'unit', 'from', 'to', 'minN', ...FILTERS]);
    const org = await this.metrics.org(principal.orgId);
    const x = metricId(query, 'x', 'ai_code_share');
    const y = metricId(query, 'y', 'defect_density');
    const unit = oneOf(query, 'unit', ['team-week', 'developer-month'] as const, 'team-week');
    const minN = positiveInteger(query, 'minN', 10, 10_000);
    const [groupBy, granularity, unitLabel] = unit === 'team-week' ? ['team', 'week', 'team-weeks'] : ['developer', 'month', 'developer-months'];
    const base = { ...filtersOf(query), from: single(query, 'from'), to: single(query, 'to'), groupBy, granularity };
    const [xs, ys] = await Promise.all([this.metrics.run(org, x, base), this.metrics.run(org, y, base)]);
    const yCells = cells(ys);
    const hideLabels = unit === 'developer-month' && !isAdmin(principal);
    const points = [...cells(xs)].map(([key, xCell]) => {
      const { group, period } = splitKey(key);
      return { x: xCell.value, y: yCells.get(key)?.value ?? null, label: hideLabels ? '' : `${group} ${period}` };
    });
    try {
      const result = correlationAnalysis(points, { minN, unitLabel });
      return {
        unit,
        unitLabel,
        from: xs.from,
        to: xs.to,
        x: describeMetric(x, xs),
        y: describeMetric(y, ys),
        ...result,
        caution: CORRELATION_CAUTION,
      };
    } catch (error) {
      return toApiError(error);
    }
  }

  /** Units binned by AI-code share, each outcome per bin with n and a 95 % interval. */
  async cohorts(principal: Principal, query: RawQuery) {
    assertKnown(query, ['outcome', 'exposure', 'unit', 'bins', 'from', 'to', ...FILTERS]);
    const org = await this.metrics.org(principal.orgId);
    const outcome = metricId(query, 'outcome', 'pr_cycle_time');
    const unit = oneOf(query, 'unit', ['developer', 'team-month', 'pull-request'] as const, 'developer');
    // per pull request the exposure is whether it was AI-assisted (1) or not (0): two cohorts
    const perPullRequest = unit === 'pull-request';
    const exposure = metricId(query, 'exposure', perPullRequest ? 'ai_assisted_pr_share' : 'ai_code_share');
    if (perPullRequest) {
      if (exposure !== 'ai_assisted_pr_share') throw invalidParameter('exposure', `exposure: per pull request the exposure is ai_assisted_pr_share (got "${exposure}")`, exposure);
      if (!findMetric(outcome)?.dimensions.includes('pull_request')) throw invalidParameter('outcome', `outcome: ${outcome} is not measured per pull request (pr_cycle_time is)`, outcome);
    }
    const bins = perPullRequest ? PULL_REQUEST_COHORTS : aiShareBins(thresholds(query, 'bins', [0.1, 0.3]));
    const [groupBy, granularity] = unit === 'developer' ? ['developer', 'total'] : perPullRequest ? ['pull_request', 'total'] : ['team', 'month'];
    const base = { ...filtersOf(query), from: single(query, 'from'), to: single(query, 'to'), groupBy, granularity };
    const [exposures, outcomes] = await Promise.all([this.metrics.run(org, exposure, base), this.metrics.run(org, outcome, base)]);
    const outcomeCells = cells(outcomes);
    const isRatio = outcomes.series.some((series) => series.points.some((point) => point.denominator !== undefined));
    const units: { cohort: string; value: number; exposure?: number }[] = [];
    let withoutExposure = 0;
    for (const [key, cell] of cells(exposures)) {
      const cohort = binByThresholds(cell.value, bins);
      const result = outcomeCells.get(key);
      if (cohort === null) {
        withoutExposure += 1;
        continue;
      }
      if (isRatio) {
        if (result?.denominator) units.push({ cohort, value: result.numerator ?? 0, exposure: result.denominator });
      } else if (result?.value !== null && result?.value !== undefined) {
        units.push({ cohort, value: result.value });
      }
    }
    const statistic = isRatio ? 'rate' : 'mean';
    const results = cohortOutcomes(units, { statistic, cohorts: bins.map((bin) => bin.label), per: 1 });
    const minGroup = isAdmin(principal) ? 0 : org.privacyMinGroupSize;
    return {
      unit,
      from: outcomes.from,
      to: outcomes.to,
      exposure: describeMetric(exposure, exposures),
      outcome: describeMetric(outcome, outcomes),
      statistic,
      unitsWithoutExposure: withoutExposure,
      cohorts: results.map((cohort) =>
        unit === 'developer' && cohort.n > 0 && cohort.n < minGroup
          ? { ...cohort, estimate: null, ci: null, suppressed: `fewer than ${minGroup} developers` }
          : cohort,
      ),
    };
  }

  /** Rollout phases over adoption and outcome series, with quarter-over-quarter and year-over-year changes. */
  async rollout(principal: Principal, query: RawQuery) {
    assertKnown(query, ['metrics', 'granularity', 'from', 'to', ...FILTERS]);
    const org = await this.metrics.org(principal.orgId);
    const ids = (single(query, 'metrics') ?? 'adoption_rate,commits,requirement_throughput,defect_density').split(',').map((id) => id.trim());
    for (const id of ids) if (!findMetric(id)) throw invalidParameter('metrics', `metrics: unknown metric "${id}"`, id);
    const granularity = oneOf(query, 'granularity', ['week', 'month', 'quarter'] as const, 'month');
    const base = { ...filtersOf(query), from: single(query, 'from'), to: single(query, 'to'), granularity };
    const series = await Promise.all(ids.map((id) => this.metrics.run(org, id, base)));
    const to = series[0]!.to;
    const quarterStart = (date: string) => `${date.slice(0, 5)}${String(Math.floor((Number(date.slice(5, 7)) - 1) / 3) * 3 + 1).padStart(2, '0')}-01`;
    const currentQuarterStart = quarterStart(to);
    const fiveQuartersBack = `${Number(currentQuarterStart.slice(0, 4)) - 1}${currentQuarterStart.slice(4)}`;
    const deltas = await Promise.all(
      ids.map(async (id) => {
        const quarters = await this.metrics.run(org, id, { ...filtersOf(query), from: fiveQuartersBack, to, granularity: 'quarter' });
        const points = quarters.series[0]?.points ?? [];
        const current = points.at(-1) ?? null;
        const previous = points.at(-2) ?? null;
        const lastYear = points.length >= 5 ? points.at(-5)! : null;
        return {
          metric: id,
          quarter: current?.period ?? null,
          quarterToDate: isPartialQuarter(to),
          current: current?.value ?? null,
          previousQuarter: previous?.value ?? null,
          sameQuarterLastYear: lastYear?.value ?? null,
          qoq: percentChange(current?.value ?? null, previous?.value ?? null),
          yoy: percentChange(current?.value ?? null, lastYear?.value ?? null),
        };
      }),
    );
    return {
      from: series[0]!.from,
      to,
      granularity,
      phases: await this.directory.listRolloutPhases(org.id),
      series: series.map((response, index) => ({ metric: ids[index]!, unit: response.unit, points: response.series[0]?.points ?? [] })),
      deltas,
    };
  }

  /** A team's outcome before and after its adoption date against teams that had not adopted yet. */
  async beforeAfter(principal: Principal, query: RawQuery) {
    assertKnown(query, ['team', 'outcome', 'adoptionDate', 'threshold', 'windowWeeks', 'from', 'to']);
    const org = await this.metrics.org(principal.orgId);
    const team = single(query, 'team');
    if (!team) throw invalidParameter('team', 'team is required', team);
    const outcome = metricId(query, 'outcome', 'pr_throughput');
    const threshold = fraction(query, 'threshold', 0.5);
    const windowWeeks = positiveInteger(query, 'windowWeeks', 8, 52);
    const adoptionWeeks = await this.adoptionWeeks(org, single(query, 'from'), single(query, 'to'), threshold);
    const given = isoDate(query, 'adoptionDate');
    const adoption = given ? mondayOf(given) : adoptionWeeks.get(team);
    if (!adoption) {
      throw new ApiError(422, 'INVALID_REQUEST', `team "${team}" never reached an adoption rate of ${threshold} in the range; pass adoptionDate to choose the date`, {
        reason: 'INSUFFICIENT_DATA',
        parameter: 'team',
      });
    }
    const windowStart = addDays(adoption, -7 * windowWeeks);
    const windowEnd = addDays(adoption, 7 * windowWeeks - 1);
    const controlTeams = [...adoptionWeeks.entries()]
      .filter(([candidate, week]) => candidate !== team && (week === null || week > windowEnd))
      .map(([candidate]) => candidate)
      .sort();
    const weekly = await this.metrics.run(org, outcome, { from: windowStart, to: windowEnd, granularity: 'week', groupBy: 'team' });
    const adoptionPeriodIndex = windowWeeks;
    const valuesOf = (teamName: string, after: boolean) => {
      const series = weekly.series.find((candidate) => candidate.group['team'] === teamName);
      const points = (series?.points ?? []).slice(after ? adoptionPeriodIndex : 0, after ? undefined : adoptionPeriodIndex);
      return points.map((point) => point.value ?? (weekly.unit === 'ratio' ? null : 0)).filter((value): value is number => value !== null);
    };
    try {
      const result = differenceInDifferences({
        treatedBefore: valuesOf(team, false),
        treatedAfter: valuesOf(team, true),
        controlBefore: controlTeams.flatMap((candidate) => valuesOf(candidate, false)),
        controlAfter: controlTeams.flatMap((candidate) => valuesOf(candidate, true)),
      });
      return {
        team,
        outcome: describeMetric(outcome, weekly),
        adoptionDate: adoption,
        adoptionSource: given ? 'given' : `first week with adoption_rate ≥ ${threshold}`,
        windowWeeks,
        window: { from: windowStart, to: windowEnd },
        controlTeams,
        ...result,
        caution: BEFORE_AFTER_CAUTION,
      };
    } catch (error) {
      return toApiError(error);
    }
  }

  /** First ISO week (Monday) each team's adoption rate reached the threshold; null when it never did. */
  private async adoptionWeeks(org: OrgEntity, from: string | undefined, to: string | undefined, threshold: number) {
    const response = await this.metrics.run(org, 'adoption_rate', { granularity: 'week', groupBy: 'team', from, to });
    const weeks = new Map<string, string | null>();
    for (const teamName of groupValues(response)) weeks.set(teamName, null);
    for (const series of response.series) {
      const teamName = Object.values(series.group)[0] ?? '';
      const first = series.points.find((point) => point.value !== null && point.value >= threshold);
      weeks.set(teamName, first ? isoWeekMonday(first.period) : null);
    }
    return weeks;
  }
}

/** `2026-W27` → the Monday that starts it, `2026-06-29`. */
export function isoWeekMonday(label: string): string {
  const [year, week] = label.split('-W').map(Number) as [number, number];
  const januaryFourth = Date.UTC(year, 0, 4);
  const weekOneMonday = januaryFourth - ((new Date(januaryFourth).getUTCDay() + 6) % 7) * DAY_MS;
  return new Date(weekOneMonday + (week - 1) * 7 * DAY_MS).toISOString().slice(0, 10);
}

function isPartialQuarter(to: string): boolean {
  const month = Number(to.slice(5, 7));
  const quarterEndMonth = Math.ceil(month / 3) * 3;
  const quarterEnd = new Date(Date.UTC(Number(to.slice(0, 4)), quarterEndMonth, 0)).toISOString().slice(0, 10);
  return to < quarterEnd;
}

function describeMetric(id: string, response: MetricResponse) {
  return { metric: id, name: findMetric(id)?.name ?? id, unit: response.unit };
}
