import { z } from 'zod';
import {
  DIMENSIONS,
  FILTERS,
  GRANULARITIES,
  METRIC_IDS,
  METRIC_PARAMS,
  dimensionsOf,
  type MetricId,
} from './metric-catalog';

/** Page kinds a panel can draw. */
export const CHART_KINDS = ['kpi', 'line', 'area', 'bar', 'stacked-bar', 'heatmap', 'scatter', 'cohort-bars', 'table'] as const;
export type ChartKind = (typeof CHART_KINDS)[number];

/** Usage ↔ outcome analyses (metrics.md "Linking usage to outcomes") and the units each one compares. */
export const ANALYSIS_UNITS = {
  correlation: ['team-week', 'developer-month'],
  cohorts: ['developer', 'team-month', 'pull-request'],
  'before-after': ['team'],
} as const;
export type AnalysisKind = keyof typeof ANALYSIS_UNITS;
export const ANALYSES = Object.keys(ANALYSIS_UNITS) as [AnalysisKind, ...AnalysisKind[]];
const ALL_ANALYSIS_UNITS = [...new Set(Object.values(ANALYSIS_UNITS).flat())] as [string, ...string[]];

/** Date-range presets a dashboard may open with (`custom` is what a user picks, not a default). */
export const DATE_PRESETS = ['last-30-days', 'last-90-days', 'this-quarter', 'last-quarter', 'year-to-date'] as const;
export type DatePreset = (typeof DATE_PRESETS)[number];

export const GRID_COLUMNS = 12;

const I18N_KEY = /^[a-z][A-Za-z0-9]*(?:\.[A-Za-z0-9_-]+)+$/;
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

const slugSchema = z.string().regex(SLUG, { error: 'must be lower-case words joined by "-", like "usage-and-acceptance"' });

/** User-visible text: a key of the web app's message files, or the text itself in every shipped language. */
export const textSchema = z.union([
  z.string().regex(I18N_KEY, { error: 'must be an i18n key like "dashboard.usage.title" or an object { "en": "…", "zh-CN": "…" }' }),
  z.strictObject({ en: z.string().min(1), 'zh-CN': z.string().min(1) }),
]);
export type Text = z.infer<typeof textSchema>;

export const metricIdSchema = z.enum(METRIC_IDS);

const fixedFiltersSchema = z.strictObject({
  team: z.array(z.string().min(1)).min(1).optional(),
  tool: z.array(z.string().min(1)).min(1).optional(),
  language: z.array(z.string().min(1)).min(1).optional(),
  ide: z.array(z.string().min(1)).min(1).optional(),
  model: z.array(z.string().min(1)).min(1).optional(),
  repo: z.array(z.string().min(1)).min(1).optional(),
});

const metricRefObjectSchema = z.strictObject({
  id: metricIdSchema,
  /** Metric-specific parameters such as `basis` or `stat`; names and values are checked against the catalog. */
  params: z.record(z.string(), z.string()).optional(),
  /** Series or column label; defaults to the metric's name. */
  label: textSchema.optional(),
  /** Filters that always apply to this metric, on top of the page's filters. */
  filters: fixedFiltersSchema.optional(),
});

/** A metric id, or an object naming the metric with its parameters. */
export const metricRefSchema = z.union([metricIdSchema, metricRefObjectSchema]);
export type MetricRefInput = z.infer<typeof metricRefSchema>;
export type MetricRef = z.infer<typeof metricRefObjectSchema>;

export const layoutSchema = z.strictObject({
  x: z.int().min(0).max(GRID_COLUMNS - 1),
  y: z.int().min(0),
  w: z.int().min(1).max(GRID_COLUMNS),
  h: z.int().min(1).max(24),
});
export type PanelLayout = z.infer<typeof layoutSchema>;

const TIME_SERIES_KINDS: readonly ChartKind[] = ['line', 'area', 'bar', 'stacked-bar'];

const panelObjectSchema = z.strictObject({
  id: slugSchema,
  kind: z.enum(CHART_KINDS),
  title: textSchema,
  description: textSchema.optional(),
  /** One metric … */
  metric: metricRefSchema.optional(),
  /** … or several (series of a chart, columns of a table; x then y of a correlation). */
  metrics: z.array(metricRefSchema).min(1).max(6).optional(),
  /** Draws an analysis of the metric(s) instead of the metric itself (scatter or cohort-bars). */
  analysis: z.enum(ANALYSES).optional(),
  /** What an analysis compares: team-week or developer-month points, developer or pull-request cohorts. */
  units: z.enum(ALL_ANALYSIS_UNITS).optional(),
  groupBy: z.enum(DIMENSIONS).optional(),
  /** Overrides the page's granularity for this panel. */
  granularity: z.enum(GRANULARITIES).optional(),
  /** KPI tiles: the whole range against the previous range (default), or the latest period against the one before. */
  value: z.enum(['range-total', 'latest-period']).optional(),
  /** KPI tiles with two metrics: show the first minus the second. */
  combine: z.enum(['difference']).optional(),
  /** Team pages: draw the whole org beside the selected team. */
  compare: z.enum(['org']).optional(),
  sort: z.strictObject({ by: z.union([z.literal('group'), metricIdSchema]), order: z.enum(['asc', 'desc']) }).optional(),
  limit: z.int().min(1).max(100).optional(),
  annotations: z.literal('rollout-phases').optional(),
  /** Clicking a team opens its team page. */
  drillDown: z.literal('team').optional(),
  layout: layoutSchema,
});
export type PanelInput = z.infer<typeof panelObjectSchema>;

type Ctx = z.core.$RefinementCtx<PanelInput>;

function refIdOf(ref: MetricRefInput): MetricId {
  return typeof ref === 'string' ? ref : ref.id;
}

function checkMetricRef(ref: MetricRefInput, path: (string | number)[], ctx: Ctx): void {
  if (typeof ref === 'string') return;
  const known = METRIC_PARAMS[ref.id] ?? {};
  for (const [name, value] of Object.entries(ref.params ?? {})) {
    const allowed = known[name];
    if (!allowed) {
      const names = Object.keys(known);
      ctx.addIssue({
        code: 'custom',
        path: [...path, 'params', name],
        message: `is not a parameter of ${ref.id} (${names.length ? `its parameters: ${names.join(', ')}` : 'it takes none'})`,
      });
    } else if (!allowed.includes(value)) {
      ctx.addIssue({ code: 'custom', path: [...path, 'params', name], message: `must be one of ${allowed.join(', ')} (got ${JSON.stringify(value)})` });
    }
  }
  for (const dimension of Object.keys(ref.filters ?? {})) {
    if (!(dimensionsOf(ref.id) as readonly string[]).includes(dimension)) {
      ctx.addIssue({ code: 'custom', path: [...path, 'filters', dimension], message: `is not a dimension of ${ref.id}` });
    }
  }
}

function checkPanel(panel: PanelInput, ctx: Ctx): void {
  const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message });
  const refs: { ref: MetricRefInput; path: (string | number)[] }[] = [];
  if (panel.metric !== undefined && panel.metrics !== undefined) issue(['metrics'], 'cannot be given together with metric: use one of them');
  if (panel.metric === undefined && panel.metrics === undefined) issue(['metric'], 'is required (or metrics, a list of metrics)');
  if (panel.metric !== undefined) refs.push({ ref: panel.metric, path: ['metric'] });
  panel.metrics?.forEach((ref, index) => refs.push({ ref, path: ['metrics', index] }));
  for (const { ref, path } of refs) checkMetricRef(ref, path, ctx);

  const isTimeSeries = TIME_SERIES_KINDS.includes(panel.kind) && panel.granularity !== 'total';

  // Analyses are drawn by their own kinds, and only analyses are.
  if (panel.kind === 'scatter' && panel.analysis !== 'correlation') {
    issue(['analysis'], `must be "correlation" for a scatter panel (got ${JSON.stringify(panel.analysis ?? null)})`);
  }
  if (panel.kind === 'cohort-bars' && panel.analysis !== 'cohorts' && panel.analysis !== 'before-after') {
    issue(['analysis'], `must be "cohorts" or "before-after" for a cohort-bars panel (got ${JSON.stringify(panel.analysis ?? null)})`);
  }
  if (panel.analysis !== undefined && panel.kind !== 'scatter' && panel.kind !== 'cohort-bars') {
    issue(['analysis'], `is drawn by a scatter (correlation) or cohort-bars (cohorts, before-after) panel, not ${panel.kind}`);
  }
  if (panel.analysis !== undefined) {
    const allowedUnits: readonly string[] = ANALYSIS_UNITS[panel.analysis];
    if (panel.units === undefined) issue(['units'], `is required for a ${panel.analysis} analysis: one of ${allowedUnits.join(', ')}`);
    else if (!allowedUnits.includes(panel.units)) {
      issue(['units'], `must be one of ${allowedUnits.join(', ')} for a ${panel.analysis} analysis (got ${JSON.stringify(panel.units)})`);
    }
    const expected = panel.analysis === 'correlation' ? 2 : 1;
    if (refs.length !== expected) {
      issue(
        [panel.metrics ? 'metrics' : 'metric'],
        panel.analysis === 'correlation'
          ? `must name exactly 2 metrics for a correlation: x (usage) then y (outcome) (got ${refs.length})`
          : `must name exactly 1 metric for a ${panel.analysis} analysis: the outcome (got ${refs.length})`,
      );
    }
    if (panel.groupBy !== undefined) issue(['groupBy'], 'does not apply to an analysis panel; set units instead');
  } else if (panel.units !== undefined) {
    issue(['units'], 'only applies to an analysis panel');
  }

  if (panel.kind === 'kpi') {
    if (panel.groupBy !== undefined) issue(['groupBy'], 'does not apply to a KPI tile: it shows one number');
    if (panel.combine === 'difference' ? refs.length !== 2 : refs.length !== 1) {
      issue([panel.metrics ? 'metrics' : 'metric'], panel.combine ? 'must name exactly 2 metrics to combine' : 'must name exactly 1 metric for a KPI tile (or 2 with combine)');
    }
    if (panel.value === 'latest-period' && (panel.granularity === undefined || panel.granularity === 'total')) {
      issue(['granularity'], 'must be day, week, month or quarter when value is "latest-period"');
    }
  } else {
    if (panel.value !== undefined) issue(['value'], 'only applies to a KPI tile');
    if (panel.combine !== undefined) issue(['combine'], 'only applies to a KPI tile');
  }
  if ((panel.kind === 'heatmap' || panel.kind === 'table') && panel.groupBy === undefined) {
    issue(['groupBy'], `is required for a ${panel.kind} panel (its rows)`);
  }
  if ((panel.kind === 'heatmap' || panel.kind === 'line' || panel.kind === 'area') && panel.granularity === 'total') {
    issue(['granularity'], `cannot be "total" for a ${panel.kind} panel: it draws periods`);
  }
  if ((panel.sort !== undefined || panel.limit !== undefined) && panel.kind !== 'table' && panel.kind !== 'bar') {
    issue([panel.sort ? 'sort' : 'limit'], 'only applies to table and bar panels');
  }
  if (panel.sort && panel.sort.by !== 'group' && !refs.some(({ ref }) => refIdOf(ref) === panel.sort?.by)) {
    issue(['sort', 'by'], `must be "group" or one of the panel's metrics (got ${JSON.stringify(panel.sort.by)})`);
  }
  if (panel.annotations !== undefined && !isTimeSeries) {
    issue(['annotations'], 'only applies to line, area, bar and stacked-bar panels over time');
  }
  if (panel.groupBy !== undefined) {
    for (const { ref, path } of refs) {
      if (!dimensionsOf(refIdOf(ref)).includes(panel.groupBy)) {
        issue(['groupBy'], `${panel.groupBy} is not a dimension of ${refIdOf(ref)} (${path.join('.')}); use one of ${dimensionsOf(refIdOf(ref)).join(', ')}`);
      }
    }
  }
  if (panel.compare !== undefined && panel.groupBy !== undefined) issue(['compare'], 'cannot be combined with groupBy');
  if (panel.drillDown === 'team') {
    const showsTeams = panel.groupBy === 'team' || (panel.analysis === 'correlation' && panel.units === 'team-week');
    if (!showsTeams) issue(['drillDown'], 'needs groupBy "team" (or a team-week correlation): there must be teams to click');
  }
  if (panel.layout.x + panel.layout.w > GRID_COLUMNS) {
    issue(['layout', 'w'], `must fit the ${GRID_COLUMNS}-column grid (x ${panel.layout.x} + w ${panel.layout.w} > ${GRID_COLUMNS})`);
  }
}

export const panelSchema = panelObjectSchema.superRefine(checkPanel);

const dashboardObjectSchema = z.strictObject({
  /** Path of the JSON Schema, for editors. */
  $schema: z.string().optional(),
  /** Equals the file name without `.json`. */
  id: slugSchema,
  title: textSchema,
  description: textSchema,
  /** Position in the navigation (ascending; then by id). */
  order: z.int().optional(),
  /** `team` pages show one team: they need a team in the URL and draw it against the org. */
  scope: z.enum(['org', 'team']).optional(),
  /** Filter controls the page offers (default: all). */
  filters: z.array(z.enum(FILTERS)).optional(),
  defaults: z.strictObject({ preset: z.enum(DATE_PRESETS).optional(), granularity: z.enum(GRANULARITIES).optional() }).optional(),
  /** In reading order (by layout y, then x): this is also the keyboard order. */
  panels: z.array(panelSchema).min(1),
});
export type DashboardInput = z.infer<typeof dashboardObjectSchema>;

function overlaps(a: PanelLayout, b: PanelLayout): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

function checkDashboard(dashboard: DashboardInput, ctx: z.core.$RefinementCtx<DashboardInput>): void {
  const firstIndexById = new Map<string, number>();
  dashboard.panels.forEach((panel, index) => {
    const first = firstIndexById.get(panel.id);
    if (first !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['panels', index, 'id'], message: `${JSON.stringify(panel.id)} is already the id of panels[${first}]` });
    } else firstIndexById.set(panel.id, index);
    for (let other = 0; other < index; other += 1) {
      const earlier = dashboard.panels[other];
      if (!earlier) continue;
      if (overlaps(earlier.layout, panel.layout)) {
        ctx.addIssue({ code: 'custom', path: ['panels', index, 'layout'], message: `overlaps panels[${other}] (${JSON.stringify(earlier.id)})` });
      }
    }
    const previous = dashboard.panels[index - 1];
    if (previous && (panel.layout.y < previous.layout.y || (panel.layout.y === previous.layout.y && panel.layout.x < previous.layout.x))) {
      ctx.addIssue({
        code: 'custom',
        path: ['panels', index, 'layout'],
        message: `places this panel before panels[${index - 1}]: list panels in reading order (by y, then x), which is also the keyboard order`,
      });
    }
    if (panel.compare !== undefined && dashboard.scope !== 'team') {
      ctx.addIssue({ code: 'custom', path: ['panels', index, 'compare'], message: 'needs a team page: set the dashboard\'s scope to "team"' });
    }
  });
}

export const dashboardSchema = dashboardObjectSchema.superRefine(checkDashboard);
