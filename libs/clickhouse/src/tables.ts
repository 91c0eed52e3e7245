/** Table names, in one place; DDL lives only in migrations/clickhouse. */
export const Tables = {
  events: 'events',
  rejectedEvents: 'rejected_events',
  schemaMigrations: 'schema_migrations',
} as const;

/** A row of `events` as inserted (MATERIALIZED columns are computed by ClickHouse). */
export type EventRow = {
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
  /** the event's `data` object as JSON text */
  data: string;
};

/** A row of `rejected_events`. */
export type RejectedEventRow = {
  org_id: string;
  received_at: string;
  request_id: string;
  event_index: number;
  event_id: string;
  event_type: string;
  payload: string;
  errors: string;
};

/** Formats a Date as ClickHouse DateTime64(3, 'UTC') text. */
export function toClickHouseDateTime(date: Date): string {
  return date.toISOString().replace('T', ' ').replace('Z', '');
}
