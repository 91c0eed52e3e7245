import type { Dimension } from './conventions';

/**
 * The semantic layer: sources and metrics are data; `build-sql.ts` is the one place that turns them into SQL.
 * Every SQL fragment here is a constant of the definition — values from a request only ever reach ClickHouse
 * as typed parameters (`{name:Type}`).
 */

export type SourceId =
  | 'assistant_activity'
  | 'engagement'
  | 'completions'
  | 'shown_completions'
  | 'agent_edits'
  | 'chat_feedback'
  | 'token_usage'
  | 'usage_costs'
  | 'commits'
  | 'merged_pull_requests';

/** A named, deduplicated set of event rows that metrics aggregate. */
export type SourceDefinition = {
  id: SourceId;
  description: string;
  /** Event types; `prefix.*` matches every type starting with `prefix.`. */
  eventTypes: readonly string[];
  /** Extra row predicate over `events` columns, applied before deduplication. */
  where?: string;
  /**
   * One row per distinct value of these columns. `['id']` keeps one copy of each event; any other key keeps the
   * earliest row by (time, id), so a commit, PR or suggestion reported twice lands in the bucket it was first seen.
   */
  dedupBy: readonly string[];
  /** `events` columns the metric expressions read. */
  fields: readonly string[];
};

export type MetricId =
  | 'active_users'
  | 'engaged_users'
  | 'acceptance_rate'
  | 'agent_edit_acceptance_rate'
  | 'chat_like_rate'
  | 'ai_code_share'
  | 'ai_cost'
  | 'tokens'
  | 'completion_latency'
  | 'commits'
  | 'lines_changed'
  | 'pr_throughput';

export type MetricUnit = 'people' | 'ratio' | 'USD' | 'tokens' | 'ms' | 'commits' | 'lines' | 'PRs';

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

export type CountMetricDefinition = MetricBase & { kind: 'count'; value: string };
export type StatisticMetricDefinition = MetricBase & { kind: 'statistic'; value: string };
export type RatioMetricDefinition = MetricBase & { kind: 'ratio'; numerator: string; denominator: string };

export type MetricDefinition = CountMetricDefinition | StatisticMetricDefinition | RatioMetricDefinition;
