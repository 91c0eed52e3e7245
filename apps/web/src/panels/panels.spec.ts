import { loadDashboards, type DashboardDefinition } from '@uplift/dashboards';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CorrelationResult, MetricInfo, MetricResponse, PanelDefinition } from '../api/types';
import type { ResolvedView } from '../state/view-state';
import { buildPanelView, correlationSummary, type BuildContext } from './build';
import { metricPath, planPanel, type Catalog, type PanelPlan } from './plan';

const dashboards = new Map<string, DashboardDefinition>(
  loadDashboards(path.join(__dirname, '..', '..', '..', '..', 'dashboards')).map((dashboard) => [dashboard.id, dashboard]),
);

function panelOf(dashboard: string, id: string): PanelDefinition {
  const panel = dashboards.get(dashboard)?.panels.find((entry) => entry.id === id);
  if (!panel) throw new Error(`no panel ${dashboard}/${id}`);
  return panel;
}

const USAGE_DIMENSIONS = ['team', 'developer', 'language', 'ide', 'tool', 'model', 'repo'];
const DELIVERY_DIMENSIONS = ['team', 'developer', 'repo', 'language', 'tool'];

function info(id: string, unit: string, dimensions: string[], extra: MetricInfo['params'] = []): MetricInfo {
  return {
    id,
    name: id,
    unit,
    description: `${id} definition`,
    params: [
      { name: 'from', description: '' },
      { name: 'to', description: '' },
      { name: 'granularity', description: '' },
      { name: 'groupBy', description: '', values: dimensions },
      ...dimensions.filter((dimension) => dimension !== 'developer').map((name) => ({ name, description: '', multiple: true })),
      ...extra,
    ],
  };
}

const catalog: Catalog = new Map(
  [
    info('active_users', 'people', USAGE_DIMENSIONS),
    info('activated_users', 'people', USAGE_DIMENSIONS),
    info('engaged_users', 'people', USAGE_DIMENSIONS),
    info('acceptance_rate', 'ratio', USAGE_DIMENSIONS, [{ name: 'basis', description: '', values: ['count', 'lines', 'chars'] }]),
    info('adoption_rate', 'ratio', USAGE_DIMENSIONS),
    info('ai_code_share', 'ratio', DELIVERY_DIMENSIONS),
    info('defect_density', 'defects/KLOC', ['team', 'repo']),
    info('commits', 'commits', DELIVERY_DIMENSIONS),
    info('lines_changed', 'lines', DELIVERY_DIMENSIONS),
    info('requirement_throughput', 'items', ['team', 'repo']),
    info('pr_throughput', 'PRs', DELIVERY_DIMENSIONS),
    info('pr_cycle_time', 'hours', DELIVERY_DIMENSIONS),
  ].map((entry) => [entry.id, entry]),
);

function view(overrides: Partial<ResolvedView> = {}): ResolvedView {
  return {
    dashboard: 'usage-and-acceptance',
    preset: 'last-30-days',
    range: { from: '2026-07-17', to: '2026-08-15' },
    granularity: 'week',
    filters: { team: [], tool: [], language: [], ide: [] },
    ...overrides,
  };
}

const today = '2026-08-15';
const ready = (plan: PanelPlan) => {
  if (plan.status !== 'ready') throw new Error(`expected a ready plan, got ${JSON.stringify(plan)}`);
  return plan;
};

describe('metricPath', () => {
  it('writes parameters in a fixed order so equal queries share a request', () => {
    expect(metricPath('acceptance_rate', { from: '2026-07-01', to: '2026-09-30', granularity: 'week', groupBy: 'team', filters: { tool: ['lingma', 'copilot'], team: ['payments'] }, params: { basis: 'lines' } })).toBe(
      '/api/v1/metrics/acceptance_rate?from=2026-07-01&to=2026-09-30&granularity=week&groupBy=team&team=payments&tool=copilot%2Clingma&basis=lines',
    );
  });
});

describe('planPanel', () => {
  const context = (overrides: Partial<ResolvedView> = {}, scope: 'org' | 'team' = 'org') => ({ view: view(overrides), today, scope });

  it('asks a KPI tile for the range total and the previous range', () => {
    const plan = ready(planPanel(panelOf('usage-and-acceptance', 'acceptance-rate'), context(), catalog));
    expect(plan.requests).toEqual([
      { role: 'current', refIndex: 0, path: '/api/v1/metrics/acceptance_rate?from=2026-07-17&to=2026-08-15&granularity=total&basis=count' },
      { role: 'previous', refIndex: 0, path: '/api/v1/metrics/acceptance_rate?from=2026-06-17&to=2026-07-16&granularity=total&basis=count' },
    ]);
    expect(plan.comparison).toEqual({ kind: 'previous-days', days: 30 });
  });

  it('asks a latest-period KPI for the last two complete periods', () => {
    const plan = ready(planPanel(panelOf('usage-and-acceptance', 'weekly-active-users'), context(), catalog));
    expect(plan.latest).toEqual({ current: '2026-W32', previous: '2026-W31' });
    expect(plan.requests.map((request) => request.path)).toEqual(['/api/v1/metrics/active_users?from=2026-07-27&to=2026-08-09&granularity=week']);
  });

  it('passes page filters a metric takes, and names the ones it cannot take', () => {
    const panel = panelOf('team', 'members');
    const plan = ready(planPanel(panel, context({ filters: { team: ['payments'], tool: [], language: [], ide: ['vscode'] } }, 'team'), catalog));
    expect(plan.requests.map((request) => request.path)).toContain(
      '/api/v1/metrics/commits?from=2026-07-17&to=2026-08-15&granularity=total&groupBy=developer&team=payments',
    );
    expect(plan.requests.map((request) => request.path)).toContain(
      '/api/v1/metrics/active_users?from=2026-07-17&to=2026-08-15&granularity=total&groupBy=developer&ide=vscode&team=payments',
    );
    expect(plan.ignoredFilters).toEqual([
      { metric: 'ai_code_share', filters: ['ide'] },
      { metric: 'commits', filters: ['ide'] },
      { metric: 'pr_throughput', filters: ['ide'] },
    ]);
  });

  it('asks team pages for the team and for the whole org', () => {
    const plan = ready(planPanel(panelOf('team', 'adoption-over-time'), context({ filters: { team: ['payments'], tool: ['copilot'], language: [], ide: [] } }, 'team'), catalog));
    expect(plan.requests).toEqual([
      { role: 'current', refIndex: 0, path: '/api/v1/metrics/adoption_rate?from=2026-07-17&to=2026-08-15&granularity=week&team=payments&tool=copilot' },
      { role: 'org', refIndex: 0, path: '/api/v1/metrics/adoption_rate?from=2026-07-17&to=2026-08-15&granularity=week&tool=copilot' },
    ]);
  });

  it('blocks a panel whose metric the server does not have yet, or that needs a team', () => {
    expect(planPanel(panelOf('rollout-overview', 'efficiency-gain'), context(), catalog)).toEqual({ status: 'blocked', reason: 'metric-unavailable', metric: 'estimated_efficiency_gain' });
    expect(planPanel(panelOf('team', 'active-users'), context({}, 'team'), catalog)).toEqual({ status: 'blocked', reason: 'needs-team' });
    expect(planPanel(panelOf('ai-impact', 'before-after'), context(), catalog)).toEqual({ status: 'blocked', reason: 'needs-team' });
    expect(planPanel(panelOf('usage-and-acceptance', 'acceptance-by-model'), context(), new Map([['acceptance_rate', info('acceptance_rate', 'ratio', ['team'])]]))).toEqual({
      status: 'blocked',
      reason: 'parameter-unsupported',
      metric: 'acceptance_rate',
      parameter: 'groupBy=model',
    });
  });

  it('asks the analyses endpoint for analysis panels', () => {
    const plan = ready(planPanel(panelOf('ai-impact', 'share-vs-defects'), context({ filters: { team: ['payments'], tool: [], language: [], ide: [] } }), catalog));
    expect(plan.requests.map((request) => request.path)).toEqual([
      '/api/v1/analysis/correlation?x=ai_code_share&y=defect_density&unit=team-week&from=2026-07-17&to=2026-08-15&team=payments',
    ]);
  });

  it('passes an analysis only the filters every metric it runs takes, and names the others', () => {
    const filters = { team: [], tool: ['cursor'], language: [], ide: ['vscode'] };
    const correlation = ready(planPanel(panelOf('ai-impact', 'share-vs-defects'), context({ filters }), catalog));
    expect(correlation.requests.map((request) => request.path)).toEqual(['/api/v1/analysis/correlation?x=ai_code_share&y=defect_density&unit=team-week&from=2026-07-17&to=2026-08-15']);
    expect(correlation.ignoredFilters).toEqual([
      { metric: 'defect_density', filters: ['tool', 'ide'] },
      { metric: 'ai_code_share', filters: ['ide'] },
    ]);
    // cohorts bin developers by AI code share, which takes the tool but not the IDE
    const cohorts = ready(planPanel(panelOf('ai-impact', 'cohort-cycle-time'), context({ filters }), catalog));
    expect(cohorts.requests.map((request) => request.path)).toEqual(['/api/v1/analysis/cohorts?outcome=pr_cycle_time&unit=developer&from=2026-07-17&to=2026-08-15&tool=cursor']);
    expect(cohorts.ignoredFilters).toEqual([
      { metric: 'pr_cycle_time', filters: ['ide'] },
      { metric: 'ai_code_share', filters: ['ide'] },
    ]);
  });
});

const metricResponse = (metric: string, unit: string, series: MetricResponse['series'], granularity = 'week'): MetricResponse => ({ metric, unit, from: '', to: '', granularity, series });
const context: BuildContext = { locale: 'en', role: 'viewer', minGroupSize: 5, unitOf: (metric) => catalog.get(metric)?.unit ?? '' };

describe('buildPanelView', () => {
  it('turns totals of two ranges into a KPI with its previous value', () => {
    const panel = panelOf('usage-and-acceptance', 'acceptance-rate');
    const plan = ready(planPanel(panel, { view: view(), today, scope: 'org' }, catalog));
    const [current, previous] = plan.requests;
    const result = buildPanelView(panel, plan, [
      { request: current!, body: metricResponse('acceptance_rate', 'ratio', [{ group: {}, points: [{ period: 'total', value: 0.31, numerator: 31, denominator: 100 }] }], 'total') },
      { request: previous!, body: metricResponse('acceptance_rate', 'ratio', [{ group: {}, points: [{ period: 'total', value: 0.25, numerator: 25, denominator: 100 }] }], 'total') },
    ], context);
    expect(result).toMatchObject({ status: 'ready', content: { type: 'kpi', unit: 'ratio', value: 0.31, previous: 0.25, better: 'higher', comparison: { kind: 'previous-days', days: 30 } } });
  });

  it('computes dormant seats as activated minus active, for both ranges', () => {
    const panel = panelOf('usage-and-acceptance', 'dormant-seats');
    const plan = ready(planPanel(panel, { view: view(), today, scope: 'org' }, catalog));
    const total = (value: number) => metricResponse('x', 'people', [{ group: {}, points: [{ period: 'total', value }] }], 'total');
    const values: Record<string, number> = { '0:current': 40, '0:previous': 35, '1:current': 31, '1:previous': 30 };
    const answers = plan.requests.map((request) => ({ request, body: total(values[`${request.refIndex}:${request.role}`] ?? 0) }));
    expect(buildPanelView(panel, plan, answers, context)).toMatchObject({ content: { value: 9, previous: 5 } });
  });

  it('says a panel is empty when no data came back, naming its metrics', () => {
    const panel = panelOf('usage-and-acceptance', 'active-users-over-time');
    const plan = ready(planPanel(panel, { view: view(), today, scope: 'org' }, catalog));
    const empty = metricResponse('active_users', 'people', [{ group: {}, points: [{ period: '2026-W30', value: 0 }, { period: '2026-W31', value: 0 }] }]);
    expect(buildPanelView(panel, plan, plan.requests.map((request) => ({ request, body: empty })), context)).toEqual({ status: 'empty', metrics: ['active_users', 'engaged_users'] });
  });

  it('judges each metric by its own unit: a ratio with no value beside counts of zero is an empty panel', () => {
    const panel = panelOf('rollout-overview', 'rollout-timeline');
    const plan = ready(planPanel(panel, { view: view(), today, scope: 'org' }, catalog));
    const units: Record<string, [string, number | null]> = {
      adoption_rate: ['ratio', null],
      lines_changed: ['lines', 0],
      requirement_throughput: ['items', 0],
      defect_density: ['defects/KLOC', null],
    };
    const answers = plan.requests.map((request) => {
      const id = panel.metrics[request.refIndex]!.id;
      const [unit, value] = units[id]!;
      return { request, body: metricResponse(id, unit, [{ group: {}, points: [{ period: '2026-W30', value }, { period: '2026-W31', value }] }]) };
    });
    expect(buildPanelView(panel, plan, answers, context)).toEqual({ status: 'empty', metrics: ['adoption_rate', 'lines_changed', 'requirement_throughput', 'defect_density'] });
  });

  it('draws team series that open the team page, and the org as a reference', () => {
    const panel = panelOf('team', 'adoption-over-time');
    const plan = ready(planPanel(panel, { view: view({ filters: { team: ['payments'], tool: [], language: [], ide: [] } }), today, scope: 'team' }, catalog));
    const points = (value: number) => [{ period: '2026-W30', value }, { period: '2026-W31', value: value + 0.1 }];
    const result = buildPanelView(
      panel,
      plan,
      plan.requests.map((request) => ({ request, body: metricResponse('adoption_rate', 'ratio', [{ group: {}, points: points(request.role === 'org' ? 0.4 : 0.2) }]) })),
      { ...context, team: 'payments' },
    );
    if (result.status !== 'ready' || result.content.type !== 'time-series') throw new Error('expected a time series');
    expect(result.content.chart.series.map((series) => [series.name, series.reference ?? false])).toEqual([
      ['payments', false],
      ['Whole org', true],
    ]);
    expect(result.table?.rows.map((row) => [row.label, ...row.values])).toEqual([
      ['2026-W30', 0.2, 0.4],
      ['2026-W31', 0.30000000000000004, 0.5],
    ]);
  });

  it('sorts and cuts group tables, and hides per-person figures of small groups from viewers', () => {
    const panel = panelOf('usage-and-acceptance', 'teams-lagging');
    const plan = ready(planPanel(panel, { view: view(), today, scope: 'org' }, catalog));
    const byTeam = (values: Record<string, number | null>) =>
      metricResponse('x', 'ratio', Object.entries(values).map(([team, value]) => ({ group: { team }, points: [{ period: 'total', value }] })), 'total');
    const answers = plan.requests.map((request) => ({ request, body: byTeam(request.refIndex === 0 ? { payments: 0.6, search: 0.2, infra: null } : { payments: 3, search: 5, infra: 1 }) }));
    const result = buildPanelView(panel, plan, answers, context);
    if (result.status !== 'ready') throw new Error('expected rows');
    expect(result.table?.rows.map((row) => [row.label, row.team, row.values[0]])).toEqual([
      ['search', 'search', 0.2],
      ['payments', 'payments', 0.6],
      ['infra', 'infra', null],
    ]);

    const members = panelOf('team', 'members');
    const membersPlan = ready(planPanel(members, { view: view({ filters: { team: ['payments'], tool: [], language: [], ide: [] } }), today, scope: 'team' }, catalog));
    const people = (count: number) => metricResponse('x', 'people', Array.from({ length: count }, (_unused, index) => ({ group: { developer: `email:dev${index}` }, points: [{ period: 'total', value: 1 }] })), 'total');
    const few = membersPlan.requests.map((request) => ({ request, body: people(3) }));
    expect(buildPanelView(members, membersPlan, few, context)).toEqual({ status: 'hidden', minGroupSize: 5 });
    expect(buildPanelView(members, membersPlan, few, { ...context, role: 'admin' })).toMatchObject({ status: 'ready', privacyNote: 5 });
    const enough = membersPlan.requests.map((request) => ({ request, body: people(5) }));
    const shown = buildPanelView(members, membersPlan, enough, context);
    if (shown.status !== 'ready') throw new Error('expected members');
    expect(shown.table?.rows[0]?.label).toBe('dev0');
    expect(buildPanelView(members, membersPlan, enough, context)).toMatchObject({ status: 'ready' });
    expect(buildPanelView(members, membersPlan, enough, context)).not.toHaveProperty('privacyNote');
    // the API withheld the figures (a viewer below the minimum): hidden, not "no data"
    const withheld = membersPlan.requests.map((request) => ({ request, body: { ...people(0), suppressed: { reason: 'privacy' as const, minGroupSize: 7 } } }));
    expect(buildPanelView(members, membersPlan, withheld, context)).toEqual({ status: 'hidden', minGroupSize: 7 });
  });
});

describe('correlationSummary', () => {
  const result: CorrelationResult = {
    unitLabel: 'team-week',
    x: { metric: 'ai_code_share', name: 'AI code share', unit: 'ratio' },
    y: { metric: 'defect_density', name: 'Defect density', unit: 'defects/KLOC' },
    n: 42,
    pearson: { r: -0.21, ci: [-0.48, 0.09], pValue: 0.18 },
    spearman: { rho: -0.2, pValue: 0.2 },
    ols: { slope: -0.5, intercept: 0.8 },
    points: [],
  };

  it('says r, its interval and n in plain words, with the caution', () => {
    expect(correlationSummary(result, 'en', 'team-week')).toEqual([
      'Across 42 team-weeks, AI code share and Defect density show a weak negative relationship (r = -0.21, 95 % interval -0.48 to 0.09).',
      'The interval includes zero, so the data cannot rule out no relationship at all.',
      'Correlation is not causation: teams that use AI more may differ in other ways too.',
    ]);
    expect(correlationSummary({ ...result, pearson: { r: 0.62, ci: [0.4, 0.78], pValue: 0.001 } }, 'zh-CN', 'team-week')[0]).toBe(
      '在 42 个团队-周中，AI 代码占比与缺陷密度呈强正相关关系（r = 0.62，95% 区间 0.40 至 0.78）。',
    );
  });
});
