/** Table names, in one place; DDL lives only in migrations/clickhouse. */
export const Tables = {
  events: 'events',
  rejectedEvents: 'rejected_events',
  schemaMigrations: 'schema_migrations',
  directorySnapshots: 'directory_snapshots',
  directoryIdentities: 'directory_identities',
  directoryPeople: 'directory_people',
  directoryMemberships: 'directory_memberships',
  directorySeats: 'directory_seats',
  directoryRepos: 'directory_repos',
  directoryTeams: 'directory_teams',
  eventsDailyRollup: 'events_daily_rollup',
  rollupBuilds: 'rollup_builds',
  rollupMarks: 'rollup_marks',
  eventsDailyResolved: 'events_daily_resolved',
  rollupResolutions: 'rollup_resolutions',
  eventsDailyPeople: 'events_daily_people',
} as const;

/** The end date stored for an open-ended membership or seat (ClickHouse's largest Date). */
export const OPEN_END_DATE = '2149-06-06';

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
