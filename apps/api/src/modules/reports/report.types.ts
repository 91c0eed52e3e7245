/**
 * The quarterly efficiency report as data. The service assembles it; every renderer (PDF, XLSX, CSV) is a pure
 * function of this object, so the figures are the same in every format.
 */

export type ReportFormat = 'pdf' | 'xlsx' | 'csv';

export type ReportScope =
  | { kind: 'org'; label: string; teams: null }
  | { kind: 'department'; name: string; label: string; teams: string[] }
  | { kind: 'team'; name: string; label: string; teams: string[] };

/** How a value reads and which number format its spreadsheet cell gets. */
export type ValueFormat = 'percent' | 'integer' | 'decimal' | 'currency';

export type SummaryRow = {
  key: string;
  label: string;
  unit: string;
  format: ValueFormat;
  /** The metrics API request that gives these values (`/api/v1/metrics/<metric>?<query>`); null when derived. */
  source: { metric: string; query: string; field: 'value' | 'denominator' } | null;
  /** How a derived row is computed, e.g. "ai_cost ÷ active_users". */
  derivation: string | null;
  /** One value per report quarter, oldest first (the last one is the requested quarter). */
  values: (number | null)[];
  current: number | null;
  previousQuarter: number | null;
  sameQuarterLastYear: number | null;
  qoq: number | null;
  yoy: number | null;
  /** Why the row has no value for this scope (e.g. seats are org-wide only). */
  note: string | null;
};

export type TrendSeries = { key: string; name: string; unit: string; format: ValueFormat; points: { period: string; value: number | null }[] };

export type ReportPhase = { name: string; startDate: string; targetShare: number };

export type ReportChart = {
  id: 'rollout' | 'adoption' | 'acceptance' | 'outcomes';
  title: string;
  /** Week labels (`2026-W27`) of the quarter, in order. */
  periods: string[];
  series: TrendSeries[];
  phases: ReportPhase[];
};

export type CohortFinding =
  | {
      status: 'ok';
      outcome: { metric: string; name: string; unit: string };
      statistic: string;
      unitsWithoutExposure: number;
      cohorts: { cohort: string; n: number; estimate: number | null; low: number | null; high: number | null; suppressed: string | null }[];
    }
  | { status: 'refused'; message: string };

export type CorrelationFinding =
  | {
      status: 'ok';
      x: { metric: string; name: string; unit: string };
      y: { metric: string; name: string; unit: string };
      unitLabel: string;
      n: number;
      r: number;
      low: number;
      high: number;
      pValue: number;
      rho: number;
      slope: number;
      caution: string;
    }
  | { status: 'refused'; message: string; caution: string };

export type TeamMetric = { key: string; label: string; format: ValueFormat; metric: string; query: string };

export type TeamRow = {
  team: string;
  activeDevelopers: number;
  /** Set when the team has fewer active developers than the org's privacy minimum: values are hidden. */
  suppressed: string | null;
  values: Record<string, number | null>;
};

export type CoverageSourceRow = { source: string; commits: number; attributedCommits: number; share: number | null };

export type ReportCoverage = {
  commits: number;
  attributedCommits: number;
  attributedShare: number | null;
  bySource: CoverageSourceRow[];
  teamsWithoutData: string[];
  missingSources: string[];
};

export type MethodologyEntry = { id: string; name: string; unit: string; definition: string };

export type QuarterlyReport = {
  org: { id: string; name: string; slug: string; timeZone: string; privacyMinGroupSize: number };
  quarter: string;
  range: { from: string; to: string };
  /** The five quarters of the summary, oldest first, ending with `quarter`. */
  quarters: string[];
  scope: ReportScope;
  generatedAt: string;
  hasData: boolean;
  summary: SummaryRow[];
  charts: ReportChart[];
  findings: { sentences: string[]; cohorts: CohortFinding; correlation: CorrelationFinding };
  teamMetrics: TeamMetric[];
  teams: TeamRow[];
  coverage: ReportCoverage;
  methodology: MethodologyEntry[];
};
