/** Table names, in one place; DDL lives only in migrations/clickhouse. */
export const Tables = {
  events: 'events',
  rejectedEvents: 'rejected_events',
  schemaMigrations: 'schema_migrations',
} as const;

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
