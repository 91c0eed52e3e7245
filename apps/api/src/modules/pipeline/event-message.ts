import { EVENT_COLUMNS, type EventRow } from '@uplift/clickhouse';
import { EVENT_TYPES } from '@uplift/events';
import { partitionForKey, type ProducerMessage } from '@uplift/kafka';

/**
 * The message format on `uplift.events.v1`: validated events as their `events` rows, JSON-encoded, one row
 * per line. Version 1 carried one row per message; a version 2 message carries the rows of one org that
 * share a partition (a Kafka record costs the client far more than its bytes), and a version 1 message
 * reads as a version 2 message of one line.
 */
export const EVENT_MESSAGE_VERSION = '2';

/** Rows of one message stop growing past this (a broker refuses a record batch over message.max.bytes, 1 MiB by default). */
export const MAX_EVENT_MESSAGE_BYTES = 256 * 1024;

/** The partition key of an event: `org:developer`, so one developer's events stay in one partition, in order. */
export const eventKey = (row: EventRow): string => `${row.org_id}:${row.person_id || row.repo || row.id}`;

/**
 * The messages of one write: each row goes to its key's partition, as if it were a message of its own keyed
 * `org:developer`, and the rows of one org bound for one partition share a message, in their order.
 */
export function toEventMessages(rows: readonly EventRow[], partitionCount: number): ProducerMessage[] {
  const groups = new Map<string, { org: string; partition: number; lines: string[]; bytes: number }[]>();
  for (const row of rows) {
    const partition = partitionForKey(eventKey(row), partitionCount);
    const line = JSON.stringify(row);
    const group = `${partition}\u0000${row.org_id}`;
    const messages = groups.get(group) ?? [];
    if (messages.length === 0) groups.set(group, messages);
    let current = messages.at(-1);
    if (!current || current.bytes + line.length > MAX_EVENT_MESSAGE_BYTES) {
      current = { org: row.org_id, partition, lines: [], bytes: 0 };
      messages.push(current);
    }
    current.lines.push(line);
    current.bytes += line.length + 1;
  }
  const messages: ProducerMessage[] = [];
  for (const group of groups.values()) {
    for (const { org, partition, lines } of group) {
      messages.push({
        key: org,
        partition,
        value: lines.join('\n'),
        headers: { 'uplift-message': EVENT_MESSAGE_VERSION, 'uplift-org': org },
      });
    }
  }
  return messages;
}

/** The lines of a message: its rows (version 2), or its one row (version 1). */
export function eventMessageLines(value: Buffer | null): (Buffer | null)[] {
  if (value === null) return [null];
  const lines: Buffer[] = [];
  let start = 0;
  for (;;) {
    const end = value.indexOf(0x0a, start);
    if (end === -1) {
      lines.push(value.subarray(start));
      return lines;
    }
    lines.push(value.subarray(start, end));
    start = end + 1;
  }
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
