import { MetricQueryError } from './errors';
import { isValidTimeZone } from './periods';

/** Org settings that change what a metric computes; each reaches ClickHouse as a typed run-time parameter. */
export type MetricSettings = {
  /** IANA zone of the org's buckets and date range (`{tz:String}`); default UTC. */
  timeZone?: string;
  /** Share of working time spent coding, for estimated_efficiency_gain (`{coding_time_share:Float64}`); default 0.32. */
  codingTimeShare?: number;
  /** PR labels that mark AI assistance, for ai_assisted_pr_share (`{ai_pr_labels:Array(String)}`), case-insensitive. */
  aiPrLabels?: readonly string[];
};

export const DEFAULT_METRIC_SETTINGS = {
  timeZone: 'UTC',
  codingTimeShare: 0.32,
  aiPrLabels: ['ai-assisted', 'claude-code-assisted', 'copilot'],
} as const satisfies Required<MetricSettings>;

function invalid(parameter: string, value: unknown, message: string): MetricQueryError {
  return new MetricQueryError('INVALID_PARAMETER', message, { parameter, value });
}

/**
 * The run-time parameters of an org's settings, defaults filled in: `tz`, `coding_time_share`, `ai_pr_labels`
 * (trimmed, lower-cased, blanks dropped). Throws a MetricQueryError naming a setting that is not usable.
 */
export function settingsParameters(settings: MetricSettings = {}): Record<string, unknown> {
  const timeZone = settings.timeZone ?? DEFAULT_METRIC_SETTINGS.timeZone;
  if (!isValidTimeZone(timeZone)) {
    throw invalid('timeZone', timeZone, `timeZone must be an IANA time zone name (got "${timeZone}")`);
  }
  const codingTimeShare = settings.codingTimeShare ?? DEFAULT_METRIC_SETTINGS.codingTimeShare;
  if (!Number.isFinite(codingTimeShare) || codingTimeShare < 0 || codingTimeShare > 1) {
    throw invalid('codingTimeShare', codingTimeShare, `codingTimeShare must be a number from 0 to 1 (got ${String(codingTimeShare)})`);
  }
  const labels = settings.aiPrLabels ?? DEFAULT_METRIC_SETTINGS.aiPrLabels;
  if (!Array.isArray(labels) || labels.some((label) => typeof label !== 'string')) {
    throw invalid('aiPrLabels', labels, 'aiPrLabels must be a list of label names');
  }
  const aiPrLabels = [...new Set(labels.map((label) => label.trim().toLowerCase()).filter((label) => label !== ''))];
  return { tz: timeZone, coding_time_share: codingTimeShare, ai_pr_labels: aiPrLabels };
}
