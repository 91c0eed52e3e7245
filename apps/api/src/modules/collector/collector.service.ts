import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { EventRow, RejectedEventRow, UpliftClickHouse } from '@uplift/clickhouse';
import { toClickHouseDateTime, toEventRow } from '@uplift/clickhouse';
import { validateEvent, type FieldError } from '@uplift/events';
import { APP_CONFIG, type AppConfig } from '../../config/config';
import { Telemetry } from '../observability/telemetry';
import { CLICKHOUSE } from '../storage/storage.module';
import { ClickHouseSink } from './clickhouse-sink';
import { GroupCommitWriter } from './group-commit-writer';

export type RejectedEvent = { index: number; id?: string; errors: FieldError[] };
export type IngestResult = { accepted: number; rejected: RejectedEvent[] };

const MAX_PAYLOAD_CHARS_KEPT = 64 * 1024;

@Injectable()
export class CollectorService implements OnModuleDestroy {
  private readonly writer: GroupCommitWriter;

  constructor(
    @Inject(CLICKHOUSE) clickhouse: UpliftClickHouse,
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly telemetry: Telemetry,
  ) {
    this.writer = new GroupCommitWriter(new ClickHouseSink(clickhouse), {
      maxBatchRows: 100_000,
      maxPendingRows: config.maxPendingEvents,
      onWrite: ({ rows, seconds, ok }) => {
        telemetry.storageWrites.inc(1, { outcome: ok ? 'ok' : 'failed' });
        telemetry.storageWriteSeconds.observe(seconds);
        if (ok) telemetry.storageWriteRows.inc(rows);
        telemetry.pendingEvents.set(this.writer.getStats().pendingRows);
      },
    });
  }

  /**
   * Validates each event on its own: the valid ones are written even when others are rejected.
   * Resolves only once every accepted event is durable; throws (nothing accepted) when the write fails.
   */
  async ingest(orgId: string, events: unknown[]): Promise<IngestResult> {
    const receivedAt = new Date();
    const requestId = randomUUID();
    const receivedAtText = toClickHouseDateTime(receivedAt);
    const rows: EventRow[] = [];
    const rejectedRows: RejectedEventRow[] = [];
    const rejected: RejectedEvent[] = [];
    const idsInRequest = new Set<string>();
    let accepted = 0;

    events.forEach((input, index) => {
      const result = validateEvent(input, { now: receivedAt });
      if (result.ok) {
        accepted += 1;
        // A repeated id within one request is acknowledged but written once.
        if (idsInRequest.has(result.event.id)) return;
        idsInRequest.add(result.event.id);
        rows.push(toEventRow(orgId, result.event, receivedAtText));
        return;
      }
      const rejection: RejectedEvent = result.id === undefined ? { index, errors: result.errors } : { index, id: result.id, errors: result.errors };
      rejected.push(rejection);
      rejectedRows.push({
        org_id: orgId,
        received_at: receivedAtText,
        request_id: requestId,
        event_index: index,
        event_id: result.id ?? '',
        event_type: typeof (input as { type?: unknown })?.type === 'string' ? String((input as { type: string }).type) : '',
        payload: truncate(safeStringify(input), MAX_PAYLOAD_CHARS_KEPT),
        errors: JSON.stringify(result.errors),
      });
    });

    await this.writer.write({ events: rows, rejected: rejectedRows });
    this.telemetry.eventsAccepted.inc(accepted);
    for (const row of rejectedRows) this.telemetry.eventsRejected.inc(1, { type: row.event_type || 'unknown' });
    return { accepted, rejected };
  }

  getWriterStats() {
    return this.writer.getStats();
  }

  async onModuleDestroy(): Promise<void> {
    await this.writer.drain();
  }
}

function safeStringify(value: unknown): string {
  try {
    return JSON.stringify(value) ?? 'undefined';
  } catch {
    return String(value);
  }
}

function truncate(text: string, maxChars: number): string {
  return text.length <= maxChars ? text : `${text.slice(0, maxChars)}…(truncated, ${text.length} chars)`;
}
