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

/** The typed fields of `data` that metrics read, one column each (0 / '' when the event has none). */
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
};

/** A row of `events` exactly as inserted. */
export type EventRow = EventEnvelopeRow & EventTypedColumns;

/** Column order of `events` inserts (JSONCompactEachRow rows follow it). */
export const EVENT_COLUMNS = [
  'org_id', 'id', 'type', 'time', 'received_at', 'actor_email', 'actor_login', 'actor_external_id', 'person_id',
  'context_team', 'tool', 'tool_version', 'ide', 'ide_version', 'repo', 'language', 'branch', 'model', 'data',
  'suggestion_id', 'lines', 'chars', 'latency_ms', 'data_kind', 'data_status', 'data_decision', 'data_mode',
  'data_rating', 'sha', 'is_merge', 'lines_added', 'lines_deleted', 'ai_lines_added', 'pr_number', 'ai_assisted',
  'input_tokens', 'output_tokens', 'cost_usd',
] as const satisfies readonly (keyof EventRow)[];

const text = (value: unknown): string => (typeof value === 'string' ? value : '');
const integer = (value: unknown): number => (typeof value === 'number' && Number.isFinite(value) ? Math.trunc(value) : 0);
const flag = (value: unknown): 0 | 1 => (value === true ? 1 : 0);

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
    payload += `${JSON.stringify(EVENT_COLUMNS.map((column) => row[column]))}\n`;
  }
  return payload;
}
