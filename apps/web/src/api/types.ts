import type { DashboardDefinition, DashboardSummary, MetricRef, PanelDefinition } from '@uplift/dashboards';

export type { DashboardDefinition, DashboardSummary, MetricRef, PanelDefinition };
export type { RolloutPhase } from '../charts/annotations';

export type Role = 'admin' | 'viewer';

/** GET/POST /api/v1/session. `privacy` is optional: without it the default minimum group size (5) applies. */
export type Session = {
  org: { id: string; name: string; slug: string; timeZone: string };
  role: Role;
  privacy?: { minGroupSize: number };
};

export type MetricParamInfo = { name: string; description: string; values?: string[]; default?: string; multiple?: boolean };

/** GET /api/v1/metrics: one entry of the catalog. */
export type MetricInfo = { id: string; name: string; unit: string; description: string; params: MetricParamInfo[] };

export type MetricPoint = { period: string; value: number | null; numerator?: number; denominator?: number };
export type MetricSeries = { group: Record<string, string>; points: MetricPoint[] };

/** GET /api/v1/metrics/{id}. `suppressed`: the API withheld per-person figures (a viewer, fewer developers than the privacy minimum). */
export type MetricResponse = { metric: string; unit: string; from: string; to: string; granularity: string; series: MetricSeries[]; suppressed?: { reason: 'privacy'; minGroupSize: number } };

/** A metric as an analysis answer names it. */
export type AnalysisMetric = { metric: string; name?: string; unit?: string };

/** GET /api/v1/analysis/correlation: points of team-weeks are labelled "<team> <week>". */
export type CorrelationResult = {
  unit?: string;
  unitLabel: string;
  x: AnalysisMetric;
  y: AnalysisMetric;
  n: number;
  pearson: { r: number; ci: [number, number]; pValue: number };
  spearman: { rho: number; pValue: number };
  ols: { slope: number; intercept: number };
  points: { x: number; y: number; label?: string; group?: Record<string, string> }[];
  caution?: string;
};

/** GET /api/v1/analysis/cohorts. */
export type CohortsResult = {
  outcome: AnalysisMetric;
  cohorts: { cohort: string; n: number; estimate: number | null; ci: [number, number] | null; suppressed?: string }[];
};

type DidGroups<Value> = { treatedBefore: Value; treatedAfter: Value; controlBefore: Value; controlAfter: Value };

/** GET /api/v1/analysis/before-after: the chosen team against teams that had not adopted yet (difference in differences). */
export type BeforeAfterResult = {
  team: string;
  outcome: AnalysisMetric;
  adoptionDate: string;
  controlTeams?: string[];
  estimate: number;
  ci: [number, number];
  pValue?: number;
  n: DidGroups<number>;
  means: DidGroups<number>;
  caution?: string;
};

/** Every API error: `{ statusCode, code, message, ...details }`. */
export type ApiErrorBody = { statusCode: number; code: string; message: string } & Record<string, unknown>;
