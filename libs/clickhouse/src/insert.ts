import { Readable } from 'node:stream';
import type { ClickHouseSettings } from '@clickhouse/client';
import type { UpliftClickHouse } from './client';
import { EVENT_COLUMNS, toCompactEventLines, type EventRow } from './event-row';
import { Tables } from './tables';

/**
 * Inserts `events` rows as one block. Embedded chDB takes the payload through its raw insert (the
 * engine parses the bytes directly, twice as fast as the client's SQL-text path); a server takes the
 * same JSONCompactEachRow payload over HTTP. The promise resolves once the block is written.
 */
export async function insertEventRows(
  clickhouse: UpliftClickHouse,
  rows: readonly EventRow[],
  settings: ClickHouseSettings = {},
): Promise<void> {
  if (rows.length === 0) return;
  const payload = toCompactEventLines(rows);
  // Collapsing duplicates while inserting costs a third of the insert; metrics deduplicate at query time.
  settings = { optimize_on_insert: 0, ...settings };
  if (clickhouse.rawInsert) {
    await clickhouse.rawInsert({ table: Tables.events, columns: EVENT_COLUMNS, payload, settings });
  } else {
    await clickhouse.client.insert({
      table: Tables.events,
      columns: [...EVENT_COLUMNS],
      values: Readable.from([payload]),
      format: 'JSONCompactEachRow',
      clickhouse_settings: settings,
    });
  }
  await markEventsWritten(clickhouse, spansOf(rows));
}

/** A span covering every possible event time: marks a change to all of an org's days. */
export const WHOLE_HISTORY = { first: '1970-01-01 00:00:00.000', last: '2149-06-06 00:00:00.000' } as const;

/** The span of event times one write touched in one org. */
export type WrittenSpan = { orgId: string; firstTime: string; lastTime: string };

function spansOf(rows: readonly EventRow[]): WrittenSpan[] {
  const spans = new Map<string, WrittenSpan>();
  for (const row of rows) {
    const span = spans.get(row.org_id);
    if (!span) spans.set(row.org_id, { orgId: row.org_id, firstTime: row.time, lastTime: row.time });
    else {
      // 'YYYY-MM-DD hh:mm:ss.sss' text sorts as time does
      if (row.time < span.firstTime) span.firstTime = row.time;
      if (row.time > span.lastTime) span.lastTime = row.time;
    }
  }
  return [...spans.values()];
}

/**
 * Records, after events are written, which days of which orgs changed: the daily rollups of those days are read
 * from `events` until they are rebuilt (libs/metrics rollups). Whatever writes `events` calls this after the
 * write (insertEventRows does), so a day is never served from a rollup older than its events.
 */
export async function markEventsWritten(clickhouse: Pick<UpliftClickHouse, 'client'>, spans: readonly WrittenSpan[]): Promise<void> {
  if (spans.length === 0) return;
  await clickhouse.client.insert({
    table: Tables.rollupMarks,
    columns: ['org_id', 'first_time', 'last_time'],
    values: spans.map((span) => [span.orgId, span.firstTime, span.lastTime]),
    format: 'JSONCompactEachRow',
  });
}
