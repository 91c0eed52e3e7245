import type { UpliftEvent } from '@uplift/events';
import { toClickHouseDateTime } from './tables';

/** The envelope part of an `events` row. */
export type EventEnvelopeRow = {
  org_id: string;
  id: string;
  type: string;
  /** 'YYYY-MM-DD hh:mm:ss.sss' in UTC */
  time: string;
  received_at: string;
  actor_email: string;
  actor_login: string;
  actor_external_id: string;
  person_id: string;
  context_team: string;
  tool: string;
  tool_version: string;
  ide: string;
  ide_version: string;
  repo: string;
  language: string;
  branch: string;
  model: string;
  /** the event's `data` object as JSON text, unknown fields included */
  data: string;
};

/** The typed fields of `data` that metrics read, one column each (0, '', [] or null when the event has none). */
export type EventTypedColumns = {
  suggestion_id: string;
  lines: number;
  chars: number;
  latency_ms: number | null;
  data_kind: string;
  data_status: string;
  data_decision: string;
  data_mode: string;
  data_rating: string;
  sha: string;
  is_merge: 0 | 1;
  lines_added: number;
  lines_deleted: number;
  ai_lines_added: number;
  pr_number: number;
  ai_assisted: 0 | 1;
  input_tokens: number;
  output_tokens: number;
  cost_usd: number;
  // delivery, DORA and survey fields (migration 0003); timestamps are 'YYYY-MM-DD hh:mm:ss.sss' UTC or null
  created_at: string | null;
  first_commit_at: string | null;
  first_review_at: string | null;
  merge_commit_sha: string;
  /** pull_request.merged.commits, deployment.finished.commits */
  commits: string[];
  labels: string[];
  /** deployment.finished and incident.opened `deploymentId` */
  deployment_id: string;
  /** lower-cased, so `Production` and `production` are one environment */
  environment: string;
  /** deployment.finished `commitSha` */
  commit_sha: string;
  started_at: string | null;
  pipeline: string;
  /** work_item.* `key` */
  item_key: string;
  /** work_item.* and incident.opened `team` (an event's `context.team` stays in context_team) */
  data_team: string;
  severity: string;
  incident_id: string;
  question: string;
  score: number;
};

/** Typed columns added after the first release (migration 0003 onwards). */
type LaterTypedColumn =
  | 'created_at'
  | 'first_commit_at'
  | 'first_review_at'
  | 'merge_commit_sha'
  | 'commits'
  | 'labels'
  | 'deployment_id'
  | 'environment'
  | 'commit_sha'
  | 'started_at'
  | 'pipeline'
  | 'item_key'
  | 'data_team'
  | 'severity'
  | 'incident_id'
  | 'question'
  | 'score';

/**
 * A row of `events` exactly as inserted. `typedEventColumns` fills every column; a hand-built row may leave out
 * the later ones, which are written as null and stored as the column default (NULL, '', 0 or []).
 */
export type EventRow = EventEnvelopeRow &
  Omit<EventTypedColumns, LaterTypedColumn> &
  Partial<Pick<EventTypedColumns, LaterTypedColumn>>;

/** Column order of `events` inserts (JSONCompactEachRow rows follow it). */
export const EVENT_COLUMNS = [
  'org_id', 'id', 'type', 'time', 'received_at', 'actor_email', 'actor_login', 'actor_external_id', 'person_id',
  'context_team', 'tool', 'tool_version', 'ide', 'ide_version', 'repo', 'language', 'branch', 'model', 'data',
  'suggestion_id', 'lines', 'chars', 'latency_ms', 'data_kind', 'data_status', 'data_decision', 'data_mode',
  'data_rating', 'sha', 'is_merge', 'lines_added', 'lines_deleted', 'ai_lines_added', 'pr_number', 'ai_assisted',
  'input_tokens', 'output_tokens', 'cost_usd',
  'created_at', 'first_commit_at', 'first_review_at', 'merge_commit_sha', 'commits', 'labels', 'deployment_id',
  'environment', 'commit_sha', 'started_at', 'pipeline', 'item_key', 'data_team', 'severity', 'incident_id',
  'question', 'score',
] as const satisfies readonly (keyof EventRow)[];

const text = (value: unknown): string => (typeof value === 'string' ? value : '');
const integer = (value: unknown): number => (typeof value === 'number' && Number.isFinite(value) ? Math.trunc(value) : 0);
const flag = (value: unknown): 0 | 1 => (value === true ? 1 : 0);
const number = (value: unknown): number => (typeof value === 'number' && Number.isFinite(value) ? value : 0);
const textList = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
/** A validated RFC 3339 timestamp as DateTime64(3, 'UTC') text; null when absent or unreadable. */
const instant = (value: unknown): string | null => {
  if (typeof value !== 'string') return null;
  const millis = Date.parse(value);
  return Number.isNaN(millis) ? null : toClickHouseDateTime(new Date(millis));
};

/** Derives the typed columns from a (validated) data object. */
export function typedEventColumns(data: Record<string, unknown>): EventTypedColumns {
  return {
    suggestion_id: text(data['suggestionId']),
    lines: integer(data['lines']),
    chars: integer(data['chars']),
    latency_ms: typeof data['latencyMs'] === 'number' ? Math.trunc(data['latencyMs']) : null,
    data_kind: text(data['kind']),
    data_status: text(data['status']),
    data_decision: text(data['decision']),
    data_mode: text(data['mode']),
    data_rating: text(data['rating']),
    sha: text(data['sha']),
    is_merge: flag(data['isMerge']),
    lines_added: integer(data['linesAdded']),
    lines_deleted: integer(data['linesDeleted']),
    ai_lines_added: integer(data['aiLinesAdded']),
    pr_number: integer(data['number']),
    ai_assisted: flag(data['aiAssisted']),
    input_tokens: integer(data['inputTokens']),
    output_tokens: integer(data['outputTokens']),
    cost_usd: typeof data['costUsd'] === 'number' ? data['costUsd'] : 0,
    created_at: instant(data['createdAt']),
    first_commit_at: instant(data['firstCommitAt']),
    first_review_at: instant(data['firstReviewAt']),
    merge_commit_sha: text(data['mergeCommitSha']),
    commits: textList(data['commits']),
    labels: textList(data['labels']),
    deployment_id: text(data['deploymentId']),
    environment: text(data['environment']).toLowerCase(),
    commit_sha: text(data['commitSha']),
    started_at: instant(data['startedAt']),
    pipeline: text(data['pipeline']),
    item_key: text(data['key']),
    data_team: text(data['team']),
    severity: text(data['severity']),
    incident_id: text(data['incidentId']),
    question: text(data['question']),
    score: number(data['score']),
  };
}

type Actor = { email?: string; login?: string; externalId?: string };

/**
 * The developer key of an actor until the directory resolves identities to people:
 * email first (most stable across tools), then login, then external id.
 */
export function personKey(actor: Actor | undefined): string {
  if (!actor) return '';
  if (actor.email) return `email:${actor.email.toLowerCase()}`;
  if (actor.login) return `login:${actor.login}`;
  if (actor.externalId) return `ext:${actor.externalId}`;
  return '';
}

/** Maps a validated event to its `events` row; `data` is kept whole, unknown fields included. */
export function toEventRow(orgId: string, event: UpliftEvent, receivedAt: Date | string): EventRow {
  const actor = (event as { actor?: Actor }).actor;
  const data = event.data as Record<string, unknown>;
  const context = event.context ?? {};
  const dataRepo = typeof data['repo'] === 'string' ? data['repo'] : undefined;
  return {
    org_id: orgId,
    id: event.id,
    type: event.type,
    time: toClickHouseDateTime(new Date(event.time)),
    received_at: typeof receivedAt === 'string' ? receivedAt : toClickHouseDateTime(receivedAt),
    actor_email: actor?.email?.toLowerCase() ?? '',
    actor_login: actor?.login ?? '',
    actor_external_id: actor?.externalId ?? '',
    person_id: personKey(actor),
    context_team: context.team ?? '',
    tool: event.source.tool,
    tool_version: event.source.toolVersion ?? '',
    ide: event.source.ide ?? '',
    ide_version: event.source.ideVersion ?? '',
    repo: dataRepo ?? context.repo ?? '',
    language: context.language ?? '',
    branch: context.branch ?? '',
    model: context.model ?? '',
    data: JSON.stringify(data),
    ...typedEventColumns(data),
  };
}

/** One JSONCompactEachRow line per row, in EVENT_COLUMNS order. */
export function toCompactEventLines(rows: readonly EventRow[]): string {
  let payload = '';
  for (const row of rows) {
    payload += `${JSON.stringify(EVENT_COLUMNS.map((column) => row[column] ?? null))}\n`;
  }
  return payload;
}
