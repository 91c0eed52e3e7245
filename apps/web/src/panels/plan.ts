import type { MetricInfo, PanelDefinition } from '../api/types';
import { latestPeriods, previousRange, type Comparison, type DateRange } from '../state/date-ranges';
import type { Granularity } from '../state/dates';
import { FILTER_NAMES, type FilterName, type ResolvedView } from '../state/view-state';

/**
 * Which API calls a panel needs for the current view — a pure function of the panel, the view and the
 * catalog, so what a panel asks for is tested without a browser.
 */

export type Catalog = ReadonlyMap<string, MetricInfo>;

/** Why a request is made: the figure itself, the previous range (KPI deltas), or the whole org (team pages). */
export type RequestRole = 'current' | 'previous' | 'org';

export type PlannedRequest = { path: string; role: RequestRole; refIndex: number };

export type PanelPlan =
  | { status: 'blocked'; reason: 'metric-unavailable'; metric: string }
  | { status: 'blocked'; reason: 'parameter-unsupported'; metric: string; parameter: string }
  | { status: 'blocked'; reason: 'needs-team' }
  | {
      status: 'ready';
      requests: PlannedRequest[];
      granularity: Granularity;
      range: DateRange;
      /** Page filters a metric cannot take (e.g. IDE on commits): said on the panel, not silently dropped. */
      ignoredFilters: { metric: string; filters: FilterName[] }[];
      /** KPI tiles over the range: what the delta compares with. */
      comparison?: { kind: Comparison; days: number };
      /** KPI tiles over the latest period: the two periods compared. */
      latest?: { current: string; previous: string };
    };

export type MetricQuery = {
  from: string;
  to: string;
  granularity: Granularity;
  groupBy?: string;
  filters?: Partial<Record<string, readonly string[]>>;
  params?: Record<string, string>;
};

/** `/api/v1/metrics/{id}?…` with parameters in a fixed order (equal queries share one cached request). */
export function metricPath(metric: string, query: MetricQuery): string {
  const params = new URLSearchParams({ from: query.from, to: query.to, granularity: query.granularity });
  if (query.groupBy) params.set('groupBy', query.groupBy);
  for (const [name, values] of Object.entries(query.filters ?? {}).sort(([a], [b]) => a.localeCompare(b))) {
    if (values && values.length > 0) params.set(name, [...values].sort().join(','));
  }
  for (const [name, value] of Object.entries(query.params ?? {}).sort(([a], [b]) => a.localeCompare(b))) params.set(name, value);
  return `/api/v1/metrics/${encodeURIComponent(metric)}?${params.toString()}`;
}

/** `/api/v1/analysis/{analysis}?…`: correlation takes x and y, cohorts and before-after an outcome. */
export function analysisPath(analysis: string, params: Record<string, string>, filters: Partial<Record<string, readonly string[]>> = {}): string {
  const search = new URLSearchParams(params);
  for (const [name, values] of Object.entries(filters).sort(([a], [b]) => a.localeCompare(b))) {
    if (values && values.length > 0) search.set(name, [...values].sort().join(','));
  }
  return `/api/v1/analysis/${encodeURIComponent(analysis)}?${search.toString()}`;
}

export type PlanContext = { view: ResolvedView; today: string; scope: 'org' | 'team' };

/** What the cohorts analysis bins units by when a panel does not say (the API's default `exposure`). */
const COHORT_EXPOSURE = 'ai_code_share';

function acceptedParams(info: MetricInfo): Set<string> {
  return new Set(info.params.map((param) => param.name));
}

export function planPanel(panel: PanelDefinition, context: PlanContext, catalog: Catalog): PanelPlan {
  const { view } = context;
  const selectedTeam = view.filters.team.length === 1 ? view.filters.team[0] : undefined;
  if (context.scope === 'team' && !selectedTeam) return { status: 'blocked', reason: 'needs-team' };
  if (panel.analysis === 'before-after' && !selectedTeam) return { status: 'blocked', reason: 'needs-team' };

  const infos: MetricInfo[] = [];
  for (const ref of panel.metrics) {
    const info = catalog.get(ref.id);
    if (!info) return { status: 'blocked', reason: 'metric-unavailable', metric: ref.id };
    const accepted = acceptedParams(info);
    for (const name of Object.keys(ref.params)) {
      if (!accepted.has(name)) return { status: 'blocked', reason: 'parameter-unsupported', metric: ref.id, parameter: name };
    }
    if (panel.groupBy) {
      const groupBy = info.params.find((param) => param.name === 'groupBy');
      if (!groupBy?.values?.includes(panel.groupBy)) return { status: 'blocked', reason: 'parameter-unsupported', metric: ref.id, parameter: `groupBy=${panel.groupBy}` };
    }
    infos.push(info);
  }

  const granularity: Granularity = panel.granularity ?? view.granularity;
  const ignoredFilters: { metric: string; filters: FilterName[] }[] = [];
  const filtersFor = (refIndex: number, withTeam: boolean) => {
    const ref = panel.metrics[refIndex];
    const info = infos[refIndex];
    const filters: Partial<Record<string, readonly string[]>> = {};
    const ignored: FilterName[] = [];
    if (!ref || !info) return filters;
    const accepted = acceptedParams(info);
    for (const name of FILTER_NAMES) {
      const values = name === 'team' && !withTeam ? [] : view.filters[name];
      if (values.length === 0) continue;
      if (accepted.has(name)) filters[name] = values;
      else ignored.push(name);
    }
    for (const [name, values] of Object.entries(ref.filters ?? {})) {
      if (values && accepted.has(name)) filters[name] = values;
    }
    if (withTeam && ignored.length > 0 && !ignoredFilters.some((entry) => entry.metric === ref.id)) ignoredFilters.push({ metric: ref.id, filters: ignored });
    return filters;
  };

  if (panel.analysis) {
    const [first, second] = panel.metrics;
    const range = { from: view.range.from, to: view.range.to };
    // The API runs every metric of an analysis with the filters and refuses (400) one a metric cannot take: pass
    // only the filters all of them take (cohorts also read the API's default exposure) and name the others.
    const analysed = [...infos, ...(panel.analysis === 'cohorts' ? [catalog.get(COHORT_EXPOSURE)] : [])].filter((info): info is MetricInfo => info !== undefined);
    const filters: Partial<Record<string, readonly string[]>> = {};
    for (const name of FILTER_NAMES) {
      if (view.filters[name].length === 0 || panel.analysis === 'before-after') continue;
      const refusing = analysed.filter((info) => !acceptedParams(info).has(name));
      if (refusing.length === 0) filters[name] = view.filters[name];
      for (const info of refusing) {
        const entry = ignoredFilters.find((existing) => existing.metric === info.id);
        if (entry) entry.filters.push(name);
        else ignoredFilters.push({ metric: info.id, filters: [name] });
      }
    }
    let path: string;
    if (panel.analysis === 'before-after') {
      // The comparison is between teams: only the team and the range apply.
      const ignored = FILTER_NAMES.filter((name) => name !== 'team' && view.filters[name].length > 0);
      if (ignored.length > 0 && first) ignoredFilters.push({ metric: first.id, filters: ignored });
      path = analysisPath('before-after', { team: selectedTeam ?? '', outcome: first?.id ?? '', ...range });
    } else if (panel.analysis === 'correlation') {
      path = analysisPath('correlation', { x: first?.id ?? '', y: second?.id ?? '', unit: panel.units ?? 'team-week', ...range }, filters);
    } else {
      path = analysisPath('cohorts', { outcome: first?.id ?? '', unit: panel.units ?? 'developer', ...range }, filters);
    }
    return { status: 'ready', granularity, range: view.range, ignoredFilters, requests: [{ role: 'current', refIndex: 0, path }] };
  }

  const requests: PlannedRequest[] = [];
  const compareOrg = panel.compare === 'org';
  const groupBy = panel.groupBy;

  if (panel.kind === 'kpi') {
    if (panel.value === 'latest-period' && granularity !== 'total') {
      const latest = latestPeriods(view.range, granularity, context.today);
      panel.metrics.forEach((ref, refIndex) => {
        const query = { from: latest.from, to: latest.to, granularity, params: ref.params };
        requests.push({ role: 'current', refIndex, path: metricPath(ref.id, { ...query, filters: filtersFor(refIndex, true) }) });
        if (compareOrg) requests.push({ role: 'org', refIndex, path: metricPath(ref.id, { ...query, filters: filtersFor(refIndex, false) }) });
      });
      return { status: 'ready', requests, granularity, range: { from: latest.from, to: latest.to }, ignoredFilters, latest: { current: latest.current, previous: latest.previous } };
    }
    const previous = previousRange(view.range, view.preset);
    panel.metrics.forEach((ref, refIndex) => {
      const filters = filtersFor(refIndex, true);
      requests.push({ role: 'current', refIndex, path: metricPath(ref.id, { ...view.range, granularity: 'total', filters, params: ref.params }) });
      requests.push({ role: 'previous', refIndex, path: metricPath(ref.id, { from: previous.from, to: previous.to, granularity: 'total', filters, params: ref.params }) });
      if (compareOrg) {
        requests.push({ role: 'org', refIndex, path: metricPath(ref.id, { ...view.range, granularity: 'total', filters: filtersFor(refIndex, false), params: ref.params }) });
      }
    });
    return { status: 'ready', requests, granularity: 'total', range: view.range, ignoredFilters, comparison: { kind: previous.comparison, days: previous.days } };
  }

  panel.metrics.forEach((ref, refIndex) => {
    const query = { ...view.range, granularity, params: ref.params, ...(groupBy ? { groupBy } : {}) };
    requests.push({ role: 'current', refIndex, path: metricPath(ref.id, { ...query, filters: filtersFor(refIndex, true) }) });
    if (compareOrg) requests.push({ role: 'org', refIndex, path: metricPath(ref.id, { ...query, filters: filtersFor(refIndex, false) }) });
  });
  return { status: 'ready', requests, granularity, range: view.range, ignoredFilters };
}
