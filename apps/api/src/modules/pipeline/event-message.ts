import { EVENT_COLUMNS, type EventRow } from '@uplift/clickhouse';
import { EVENT_TYPES } from '@uplift/events';
import type { ProducerMessage } from '@uplift/kafka';

/** The message format on `uplift.events.v1`: one validated event as its `events` row, JSON-encoded. */
export const EVENT_MESSAGE_VERSION = '1';

/** Keyed `org:developer` so one developer's events stay in one partition, in order. */
export function toEventMessage(row: EventRow): ProducerMessage {
  return {
    key: `${row.org_id}:${row.person_id || row.repo || row.id}`,
    value: JSON.stringify(row),
    headers: { 'uplift-message': EVENT_MESSAGE_VERSION, 'uplift-org': row.org_id },
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const TIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{3}$/;
const KNOWN_TYPES = new Set<string>(EVENT_TYPES);

export type DecodedMessage = { ok: true; row: EventRow } | { ok: false; reason: string };

/**
 * Checks what the ingest role needs before inserting: JSON, the row's identity fields and every column as
 * the right kind of value. The collector validated the event itself; this guards against other producers
 * and corruption, so one bad message goes to the dead-letter topic instead of failing a whole insert.
 */
export function decodeEventMessage(value: Buffer | null): DecodedMessage {
  if (value === null) return { ok: false, reason: 'empty message (tombstone)' };
  let parsed: unknown;
  try {
    parsed = JSON.parse(value.toString('utf8'));
  } catch (error) {
    return { ok: false, reason: `not JSON: ${(error as Error).message}` };
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return { ok: false, reason: 'not a JSON object' };
  const row = parsed as Record<string, unknown>;
  if (typeof row['org_id'] !== 'string' || row['org_id'] === '') return { ok: false, reason: 'org_id: missing' };
  if (typeof row['id'] !== 'string' || !UUID.test(row['id'])) return { ok: false, reason: `id: not a UUID (${JSON.stringify(row['id'])})` };
  if (typeof row['type'] !== 'string' || !KNOWN_TYPES.has(row['type'])) return { ok: false, reason: `type: unknown (${JSON.stringify(row['type'])})` };
  for (const column of ['time', 'received_at'] as const) {
    if (typeof row[column] !== 'string' || !TIME.test(row[column] as string)) return { ok: false, reason: `${column}: not a ClickHouse DateTime64(3) text` };
  }
  for (const column of EVENT_COLUMNS) {
    const cell = row[column];
    if (cell === undefined || cell === null) continue; // optional typed columns take their default
    if (typeof cell === 'object' && !Array.isArray(cell)) return { ok: false, reason: `${column}: unexpected object` };
  }
  return { ok: true, row: row as unknown as EventRow };
}
