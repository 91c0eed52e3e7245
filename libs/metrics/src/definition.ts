import type { Dimension } from './conventions';

/**
 * The semantic layer: sources and metrics are data; `build-sql.ts` is the one place that turns them into SQL.
 * Every SQL fragment here is a constant of the definition — values from a request only ever reach ClickHouse
 * as typed parameters (`{name:Type}`).
 */

export type SourceId =
  | 'assistant_activity'
  | 'assistant_activations'
  | 'assistant_requests'
  | 'engagement'
  | 'developer_activity'
  | 'completions'
  | 'shown_completions'
  | 'agent_edits'
  | 'chat_feedback'
  | 'token_usage'
  | 'usage_costs'
  | 'commits'
  | 'contributions'
  | 'merged_pull_requests'
  | 'merged_pull_request_cycles'
  | 'merged_pull_requests_with_ai_signal'
  | 'resolved_requirements'
  | 'created_bugs'
  | 'bugs_and_commits'
  | 'production_deployments'
  | 'production_deployments_with_incidents'
  | 'deployed_pull_requests'
  | 'recovered_incidents'
  | 'survey_responses';

/** A named, deduplicated set of event rows that metrics aggregate. */
export type SourceDefinition = {
  id: SourceId;
  description: string;
  /** Event types; `prefix.*` matches every type starting with `prefix.`. */
  eventTypes: readonly string[];
  /** Extra row predicate over `events` columns, applied before deduplication. */
  where?: string;
  /**
   * One row per distinct value of these columns (or `computed` names). `['id']` keeps one copy of each event;
   * any other key keeps the earliest row by (time, id) — or the latest, see `keep` — so a commit, PR or
   * suggestion reported twice lands in the bucket it was first seen.
   */
  dedupBy: readonly string[];
  /** Which copy of a dedup key counts; default `earliest`. */
  keep?: 'earliest' | 'latest';
  /** `events` columns the metric expressions read. */
  fields: readonly string[];
  /** Columns computed per row, selected as `<expression> AS <name>` (constant SQL, typed parameters only). */
  computed?: Readonly<Record<string, string>>;
  /**
   * The rows the source reads instead of the `events` table: a parenthesised subquery (see `delivery-relations.ts`)
   * exposing the columns the builder reads (org_id, id, type, time, actor_login, the dedup key, fields, dimensions).
   */
  from?: string;
  /** The team of a row; default TEAM_EXPRESSION (work items and incidents have their own, see conventions). */
  teamExpression?: string;
  /**
   * `daily`: pre-aggregated per day into the daily rollup (rollups/rollup-sql.ts), deduplicated within each day
   * of the org's zone. Only for sources read from `events` whose metrics' fields are in the rollup's grain.
   */
  rollup?: 'daily';
};

export type MetricId =
  | 'active_users'
  | 'seat_utilization'
  | 'engaged_users'
  | 'activated_users'
  | 'adoption_rate'
  | 'acceptance_rate'
  | 'agent_edit_acceptance_rate'
  | 'chat_like_rate'
  | 'ai_code_share'
  | 'ai_assisted_pr_share'
  | 'request_mix'
  | 'ai_cost'
  | 'tokens'
  | 'completion_latency'
  | 'commits'
  | 'lines_changed'
  | 'pr_throughput'
  | 'pr_throughput_per_developer'
  | 'pr_cycle_time'
  | 'requirement_throughput'
  | 'requirement_lead_time'
  | 'deployments'
  | 'lead_time_for_changes'
  | 'change_failure_rate'
  | 'recovery_time'
  | 'defects'
  | 'defect_density'
  | 'satisfaction'
  | 'time_saved_hours'
  | 'estimated_efficiency_gain';

export type MetricUnit =
  | 'people'
  | 'ratio'
  | 'USD'
  | 'tokens'
  | 'ms'
  | 'commits'
  | 'lines'
  | 'PRs'
  | 'PRs/person'
  | 'hours'
  | 'days'
  | 'items'
  | 'deployments'
  | 'defects'
  | 'defects/KLOC'
  | 'hours/person/week';

/**
 * `count`: an additive value (a count, a sum, distinct people); an empty bucket is 0.
 * `ratio`: Σ numerator ÷ Σ denominator over the bucket; an empty or zero denominator is null.
 * `statistic`: a value computed from the bucket's rows (a quantile); an empty bucket is null.
 */
export type MetricKind = 'count' | 'ratio' | 'statistic';

export type MetricParamName = 'basis' | 'kind' | 'stat';

/** Aggregate expressions that replace the metric's own for one parameter value. */
export type MetricVariant = { value?: string; numerator?: string; denominator?: string };

export type MetricParamDefinition = {
  name: MetricParamName;
  description: string;
  values: readonly string[];
  /** Absent: the parameter is optional and, when omitted, does not restrict or change the metric. */
  default?: string;
  /** Per value: the expressions it selects (the default value uses the metric's own expressions). */
  variants?: Readonly<Record<string, MetricVariant>>;
  /** Row predicate added to the source when the parameter is given; it reads the value as `{<name>:String}`. */
  sourceWhere?: string;
};

type MetricBase = {
  id: MetricId;
  name: string;
  unit: MetricUnit;
  description: string;
  source: SourceId;
  /** Dimensions the metric can be grouped by; filters are allowed on the same ones (except `developer`). */
  dimensions: readonly Dimension[];
  params: readonly MetricParamDefinition[];
};

/** The key a split metric adds to each series' group object (`{ "kind": "chat" }`). */
export type SeriesKey = 'kind';

/**
 * A ratio reported as one series per value (request_mix: one per request kind): each value has its own
 * numerator over the metric's shared denominator, so the values of one bucket add up to 1.
 */
export type SeriesSplit = { key: SeriesKey; values: readonly { value: string; numerator: string }[] };

export type CountMetricDefinition = MetricBase & {
  kind: 'count';
  value: string;
  /**
   * Cumulative: a period's value aggregates every row up to the period's end, however long before `from`
   * (activated_users). The source is then read without a lower time bound.
   */
  cumulative?: boolean;
};
export type StatisticMetricDefinition = MetricBase & { kind: 'statistic'; value: string };
export type RatioMetricDefinition = MetricBase & {
  kind: 'ratio';
  numerator: string;
  denominator: string;
  series?: SeriesSplit;
};

export type MetricDefinition = CountMetricDefinition | StatisticMetricDefinition | RatioMetricDefinition;
