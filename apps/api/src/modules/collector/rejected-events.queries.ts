import type { ClickHouseClient } from '@clickhouse/client';
import { Tables, queryRows } from '@uplift/clickhouse';
import type { FieldError } from '@uplift/events';

export type RejectedEventView = {
  receivedAt: string;
  requestId: string;
  index: number;
  id: string | null;
  type: string | null;
  errors: FieldError[];
  payload: string;
};

type RejectedRow = {
  received_at: string;
  request_id: string;
  event_index: number;
  event_id: string;
  event_type: string;
  payload: string;
  errors: string;
};

/** Newest first, optionally before a time (for paging). */
export async function listRejectedEvents(
  client: ClickHouseClient,
  args: { orgId: string; limit: number; before?: string },
): Promise<RejectedEventView[]> {
  const rows = await queryRows<RejectedRow>(client, {
    query: `SELECT received_at, request_id, event_index, event_id, event_type, payload, errors
FROM ${Tables.rejectedEvents}
WHERE org_id = {org:String}
  AND received_at < {before:DateTime64(3, 'UTC')}
ORDER BY received_at DESC, request_id, event_index
LIMIT {limit:UInt32}`,
    params: { org: args.orgId, before: args.before ?? '2200-01-01 00:00:00.000', limit: args.limit },
    comment: 'collector:rejected-events',
  });
  return rows.map((row) => ({
    receivedAt: `${row.received_at.replace(' ', 'T')}Z`,
    requestId: row.request_id,
    index: Number(row.event_index),
    id: row.event_id || null,
    type: row.event_type || null,
    errors: JSON.parse(row.errors) as FieldError[],
    payload: row.payload,
  }));
}
