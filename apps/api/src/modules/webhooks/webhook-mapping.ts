import { WebhookPayloadError } from './webhooks.exception';

export type WorkItemKind = 'requirement' | 'task' | 'bug';
export const WORK_ITEM_KINDS = ['requirement', 'task', 'bug'] as const;

/** Per-webhook overrides (JSON in `webhooks.mapping`); names are compared case-insensitively. */
export type WebhookMapping = {
  /** GitHub / GitLab issue labels → kind. Default: a `bug` label → bug, anything else → requirement. */
  labelKinds?: Record<string, WorkItemKind>;
  /** Jira issue types → kind, on top of the defaults (Bug → bug, Story/Epic → requirement, Task/Sub-task → task). */
  issueTypeKinds?: Record<string, WorkItemKind>;
};

/** A contract event as the mappers build it (validated afterwards by CollectorService like any other). */
export type MappedEvent = {
  id: string;
  type: string;
  time: string;
  actor?: { email?: string; login?: string; externalId?: string };
  source: { tool: string };
  context?: { repo?: string };
  data: Record<string, unknown>;
};

export type MapOutcome = { events: MappedEvent[] } | { ignored: true; reason: string };

export type WebhookHeaders = Record<string, string | string[] | undefined>;

export const ignored = (reason: string): MapOutcome => ({ ignored: true, reason });

export function header(headers: WebhookHeaders, name: string): string | undefined {
  const value = headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

/** Typed reads of a provider payload; a missing or mistyped required field is a 400 naming its path. */
export class PayloadReader {
  constructor(private readonly payload: unknown) {
    if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) {
      throw new WebhookPayloadError('body', 'expected a JSON object');
    }
  }

  value(fieldPath: string): unknown {
    let current: unknown = this.payload;
    for (const key of fieldPath.split('.')) {
      if (typeof current !== 'object' || current === null) return undefined;
      current = (current as Record<string, unknown>)[key];
    }
    return current;
  }

  string(fieldPath: string): string {
    const value = this.value(fieldPath);
    if (typeof value === 'number') return String(value);
    if (typeof value !== 'string' || value.trim() === '') throw new WebhookPayloadError(fieldPath, 'expected a non-empty string');
    return value.trim();
  }

  optionalString(fieldPath: string): string | undefined {
    const value = this.value(fieldPath);
    if (typeof value === 'number') return String(value);
    return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
  }

  positiveInt(fieldPath: string): number {
    const value = this.value(fieldPath);
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) throw new WebhookPayloadError(fieldPath, 'expected a positive integer');
    return value;
  }

  optionalCount(fieldPath: string): number | undefined {
    const value = this.value(fieldPath);
    return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : undefined;
  }

  /** A timestamp in any of the providers' formats, as RFC 3339 UTC. */
  time(fieldPath: string): string {
    const value = this.value(fieldPath);
    const normalized = normalizeTime(value);
    if (!normalized) throw new WebhookPayloadError(fieldPath, 'expected a timestamp');
    return normalized;
  }

  optionalTime(fieldPath: string): string | undefined {
    return normalizeTime(this.value(fieldPath));
  }

  /** Names of an array of objects (`labels[].name`); absent → []. */
  names(fieldPath: string, key: string): string[] {
    const value = this.value(fieldPath);
    if (!Array.isArray(value)) return [];
    return value
      .map((item) => (typeof item === 'string' ? item : (item as Record<string, unknown> | null)?.[key]))
      .filter((name): name is string => typeof name === 'string' && name.trim() !== '')
      .map((name) => name.trim());
  }
}

/**
 * GitHub: `2019-05-15T15:20:33Z`; GitLab: that, or `2013-12-03 17:23:34 UTC` / `2021-04-28 21:50:00 +0200`;
 * Jira: `2024-03-12T10:15:30.000+0000`; epoch milliseconds (Jira `timestamp`).
 */
export function normalizeTime(value: unknown): string | undefined {
  let date: Date | undefined;
  if (typeof value === 'number' && Number.isFinite(value)) date = new Date(value);
  if (typeof value === 'string' && value.trim() !== '') {
    const text = value
      .trim()
      .replace(/^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2}(?:\.\d+)?)/, '$1T$2')
      .replace(/\s*UTC$/, 'Z')
      .replace(/\s*([+-]\d{2}):?(\d{2})$/, '$1:$2');
    if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(text)) date = new Date(text);
  }
  return date && !Number.isNaN(date.getTime()) ? date.toISOString() : undefined;
}

/** The kind of a GitHub / GitLab issue from its labels: bug wins over task over requirement. */
export function kindOfLabels(labels: string[], mapping: WebhookMapping): WorkItemKind {
  const byLabel = lowerCaseKeys(mapping.labelKinds ?? {});
  const kinds = labels.map((label) => byLabel.get(label.toLowerCase()) ?? (label.toLowerCase() === 'bug' ? 'bug' : undefined));
  if (kinds.includes('bug')) return 'bug';
  if (kinds.includes('task')) return 'task';
  return 'requirement';
}

export function lowerCaseKeys<Value>(record: Record<string, Value>): Map<string, Value> {
  return new Map(Object.entries(record).map(([key, value]) => [key.trim().toLowerCase(), value]));
}

/** Drops undefined values so absent optional fields stay absent. */
export function compact<Record_ extends Record<string, unknown>>(record: Record_): Record_ {
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined)) as Record_;
}
