import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DashboardValidationError, loadDashboard, loadDashboards, parseDashboard } from './load-dashboards';
import { METRIC_IDS } from './metric-catalog';

const COMMITTED_DIR = path.join(__dirname, '..', '..', '..', 'dashboards');

type Json = Record<string, unknown>;

function kpi(id: string, x: number, y = 0, extra: Json = {}): Json {
  return { id, kind: 'kpi', title: { en: id, 'zh-CN': id }, metric: 'active_users', layout: { x, y, w: 3, h: 2 }, ...extra };
}

function dashboard(id: string, panels: Json[], extra: Json = {}): Json {
  return { id, title: 'dashboard.test.title', description: { en: 'Test', 'zh-CN': '测试' }, panels, ...extra };
}

/** The message of the DashboardValidationError thrown by `run`. */
function errorOf(run: () => unknown): string {
  try {
    run();
  } catch (error: unknown) {
    expect(error).toBeInstanceOf(DashboardValidationError);
    return (error as Error).message;
  }
  throw new Error('expected a DashboardValidationError');
}

const validate = (json: Json, file = 'dashboards/usage.json') => parseDashboard(JSON.stringify(json), file);

describe('committed dashboards', () => {
  it('all validate, in navigation order', () => {
    const dashboards = loadDashboards(COMMITTED_DIR);
    expect(dashboards.map((entry) => entry.id)).toEqual(['rollout-overview', 'usage-and-acceptance', 'ai-impact', 'team']);
  });

  it('reference only catalog metrics and cover the four audiences', () => {
    const dashboards = loadDashboards(COMMITTED_DIR);
    const metricIds = new Set(dashboards.flatMap((entry) => entry.panels.flatMap((panel) => panel.metrics.map((metric) => metric.id))));
    for (const id of metricIds) expect(METRIC_IDS).toContain(id);
    const team = dashboards.find((entry) => entry.id === 'team');
    expect(team?.scope).toBe('team');
    const kinds = new Set(dashboards.flatMap((entry) => entry.panels.map((panel) => panel.kind)));
    expect([...kinds].sort()).toEqual(['area', 'bar', 'cohort-bars', 'heatmap', 'kpi', 'line', 'scatter', 'stacked-bar', 'table']);
  });
});

describe('parseDashboard', () => {
  it('fills defaults and serves every panel metric as { id, params }', () => {
    const parsed = validate(
      dashboard('usage', [
        kpi('a', 0),
        { ...kpi('b', 3), metric: { id: 'acceptance_rate', params: { basis: 'lines' } } },
      ]),
    );
    expect(parsed).toMatchObject({
      id: 'usage',
      order: 100,
      scope: 'org',
      filters: ['team', 'tool', 'language', 'ide'],
      defaults: { preset: 'last-90-days', granularity: 'week' },
    });
    expect(parsed.panels[0]?.metrics).toEqual([{ id: 'active_users', params: {} }]);
    expect(parsed.panels[1]?.metrics).toEqual([{ id: 'acceptance_rate', params: { basis: 'lines' } }]);
    expect(parsed.panels[0]).not.toHaveProperty('metric');
  });

  it('names the file and the field of an unknown chart kind', () => {
    const panels = [kpi('a', 0), kpi('b', 3), kpi('c', 6), { ...kpi('d', 9), kind: 'pie' }];
    expect(errorOf(() => validate(dashboard('usage', panels)))).toBe(
      'dashboards/usage.json: panels[3].kind must be one of kpi, line, area, bar, stacked-bar, heatmap, scatter, cohort-bars, table (got "pie")',
    );
  });

  it('rejects an id that differs from the file name', () => {
    expect(errorOf(() => validate(dashboard('usage-2', [kpi('a', 0)])))).toBe(
      'dashboards/usage.json: id must equal the file name "usage" (got "usage-2")',
    );
  });

  it('rejects unknown metrics, parameters and parameter values', () => {
    const message = errorOf(() =>
      validate(
        dashboard('usage', [
          { ...kpi('a', 0), metric: 'happiness' },
          { ...kpi('b', 3), metric: { id: 'acceptance_rate', params: { basis: 'words' } } },
          { ...kpi('c', 6), metric: { id: 'acceptance_rate', params: { stat: 'p95' } } },
          { ...kpi('d', 9), metric: { id: 'commits', params: { basis: 'lines' } } },
        ]),
      ),
    );
    const lines = message.split('\n');
    expect(lines[0]).toMatch(/^dashboards\/usage\.json: panels\[0\]\.metric must be one of active_users, engaged_users, .*estimated_efficiency_gain \(got "happiness"\)$/);
    expect(lines.slice(1)).toEqual([
      'dashboards/usage.json: panels[1].metric.params.basis must be one of count, lines, chars (got "words")',
      'dashboards/usage.json: panels[2].metric.params.stat is not a parameter of acceptance_rate (its parameters: basis, kind)',
      'dashboards/usage.json: panels[3].metric.params.basis is not a parameter of commits (it takes none)',
    ]);
  });

  it('names missing, mistyped and unknown fields', () => {
    const { title: _title, ...untitled } = dashboard('usage', [{ ...kpi('a', 0), layout: { x: 0, y: 0, w: '3', h: 2 }, colour: 'red' }]);
    expect(errorOf(() => validate(untitled)).split('\n')).toEqual([
      'dashboards/usage.json: title is required',
      'dashboards/usage.json: panels[0].layout.w must be a number (got "3")',
      'dashboards/usage.json: panels[0].colour is not a known field',
    ]);
  });

  it('explains texts: an i18n key or an object with every language', () => {
    const message = errorOf(() =>
      validate(dashboard('usage', [{ ...kpi('a', 0), title: 'Active users', description: { en: 'Only English' } }])),
    );
    expect(message.split('\n')).toEqual([
      'dashboards/usage.json: panels[0].title must be an i18n key like "dashboard.usage.title" or an object { "en": "…", "zh-CN": "…" } (got "Active users")',
      'dashboards/usage.json: panels[0].description["zh-CN"] is required',
    ]);
  });

  it('checks the grid: panels fit 12 columns, do not overlap, and are listed in reading order', () => {
    const message = errorOf(() =>
      validate(
        dashboard('usage', [
          kpi('a', 0),
          { ...kpi('b', 10), layout: { x: 10, y: 0, w: 3, h: 2 } },
          kpi('c', 2, 1),
          kpi('d', 0, 4),
          kpi('e', 6, 2),
        ]),
      ),
    );
    expect(message.split('\n')).toEqual([
      'dashboards/usage.json: panels[1].layout.w must fit the 12-column grid (x 10 + w 3 > 12)',
      'dashboards/usage.json: panels[2].layout overlaps panels[0] ("a")',
      'dashboards/usage.json: panels[4].layout places this panel before panels[3]: list panels in reading order (by y, then x), which is also the keyboard order',
    ]);
  });

  it('checks what each kind needs', () => {
    const base = { title: { en: 'x', 'zh-CN': 'x' }, layout: { x: 0, y: 0, w: 12, h: 4 } };
    const cases: [Json, string][] = [
      [{ id: 'p', kind: 'heatmap', metric: 'active_users', ...base }, 'panels[0].groupBy is required for a heatmap panel (its rows)'],
      [{ id: 'p', kind: 'scatter', metric: 'ai_code_share', ...base }, 'panels[0].analysis must be "correlation" for a scatter panel (got null)'],
      [
        { id: 'p', kind: 'scatter', analysis: 'correlation', units: 'team-week', metric: 'ai_code_share', ...base },
        'panels[0].metric must name exactly 2 metrics for a correlation: x (usage) then y (outcome) (got 1)',
      ],
      [
        { id: 'p', kind: 'cohort-bars', analysis: 'cohorts', units: 'team-week', metric: 'pr_cycle_time', ...base },
        'panels[0].units must be one of developer, team-month, pull-request for a cohorts analysis (got "team-week")',
      ],
      [{ id: 'p', kind: 'line', analysis: 'cohorts', units: 'developer', metric: 'pr_cycle_time', ...base }, 'panels[0].analysis is drawn by a scatter (correlation) or cohort-bars (cohorts, before-after) panel, not line'],
      [{ id: 'p', kind: 'line', ...base }, 'panels[0].metric is required (or metrics, a list of metrics)'],
      [{ id: 'p', kind: 'line', metric: 'commits', groupBy: 'ide', ...base }, 'panels[0].groupBy ide is not a dimension of commits (metric); use one of team, developer, repo, language, tool'],
      [{ id: 'p', kind: 'line', metric: 'commits', granularity: 'total', ...base }, 'panels[0].granularity cannot be "total" for a line panel: it draws periods'],
      [{ id: 'p', kind: 'bar', metric: 'commits', drillDown: 'team', ...base }, 'panels[0].drillDown needs groupBy "team" (or a team-week correlation): there must be teams to click'],
      [{ id: 'p', kind: 'kpi', metric: 'commits', compare: 'org', ...base }, 'panels[0].compare needs a team page: set the dashboard\'s scope to "team"'],
      [{ id: 'p', kind: 'kpi', metric: 'commits', value: 'latest-period', ...base }, 'panels[0].granularity must be day, week, month or quarter when value is "latest-period"'],
      [{ id: 'p', kind: 'table', metrics: ['commits'], groupBy: 'team', sort: { by: 'pr_throughput', order: 'asc' }, ...base }, 'panels[0].sort.by must be "group" or one of the panel\'s metrics (got "pr_throughput")'],
    ];
    for (const [panel, expected] of cases) {
      expect(errorOf(() => validate(dashboard('usage', [panel]))).split('\n')).toContain(`dashboards/usage.json: ${expected}`);
    }
  });

  it('rejects duplicate panel ids and text that is not JSON', () => {
    expect(errorOf(() => validate(dashboard('usage', [kpi('a', 0), kpi('a', 3)])))).toBe(
      'dashboards/usage.json: panels[1].id "a" is already the id of panels[0]',
    );
    expect(errorOf(() => parseDashboard('{ "id": ', 'dashboards/usage.json'))).toMatch(/^dashboards\/usage\.json: is not valid JSON \(.+\)$/);
  });
});

describe('loadDashboards', () => {
  let root: string | undefined;
  afterEach(() => {
    if (root) rmSync(root, { recursive: true, force: true });
    root = undefined;
  });

  function folderWith(files: Record<string, string>): string {
    root = mkdtempSync(path.join(tmpdir(), 'uplift-dashboards-'));
    const dir = path.join(root, 'dashboards');
    mkdirSync(dir);
    for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
    return dir;
  }

  it('adds a dashboard for every file, sorted by order then id, ignoring other files', () => {
    const dir = folderWith({
      'b.json': JSON.stringify(dashboard('b', [kpi('a', 0)])),
      'a.json': JSON.stringify(dashboard('a', [kpi('a', 0)])),
      'first.json': JSON.stringify(dashboard('first', [kpi('a', 0)], { order: 1 })),
      'README.md': '# not a dashboard',
    });
    expect(loadDashboards(dir).map((entry) => entry.id)).toEqual(['first', 'a', 'b']);
  });

  it('reports the problems of every bad file at once', () => {
    const dir = folderWith({
      'good.json': JSON.stringify(dashboard('good', [kpi('a', 0)])),
      'usage.json': JSON.stringify(dashboard('usage', [{ ...kpi('a', 0), kind: 'pie' }])),
      'zz.json': '[]',
    });
    const error = (() => {
      try {
        loadDashboards(dir);
      } catch (caught: unknown) {
        return caught as DashboardValidationError;
      }
      throw new Error('expected an error');
    })();
    expect(error.issues.map((issue) => [issue.file, issue.field])).toEqual([
      ['dashboards/usage.json', 'panels[0].kind'],
      ['dashboards/zz.json', ''],
    ]);
    expect(error.message.split('\n')[1]).toBe('dashboards/zz.json: must be an object (got a list)');
  });

  it('loads one dashboard by id, and never reads outside the folder', () => {
    const dir = folderWith({ 'usage.json': JSON.stringify(dashboard('usage', [kpi('a', 0)])) });
    expect(loadDashboard(dir, 'usage')?.id).toBe('usage');
    expect(loadDashboard(dir, 'missing')).toBeUndefined();
    expect(loadDashboard(dir, '../dashboards/usage')).toBeUndefined();
  });
});
