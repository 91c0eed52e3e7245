import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { DLQ_TOPIC, EVENTS_TOPIC, createKafkaAdmin, createKafkaProducer, ensureTopics, type EventLogProducer } from '@uplift/kafka';
import { randomUUID } from 'node:crypto';
import type { EventRow, RejectedEventRow, UpliftClickHouse } from '@uplift/clickhouse';
import { toClickHouseDateTime, toEventRow } from '@uplift/clickhouse';
import { validateEvent, type FieldError } from '@uplift/events';
import { APP_CONFIG, type AppConfig } from '../../config/config';
import { Telemetry } from '../observability/telemetry';
import { CLICKHOUSE } from '../storage/storage.module';
import { KafkaSink } from '../pipeline/kafka-sink';
import { ClickHouseSink } from './clickhouse-sink';
import { GroupCommitWriter } from './group-commit-writer';

export type RejectedEvent = { index: number; id?: string; errors: FieldError[] };
export type IngestResult = { accepted: number; rejected: RejectedEvent[] };

const MAX_PAYLOAD_CHARS_KEPT = 64 * 1024;

/** Partitions of the event log: the most ingest consumers that can share the work. */
export const EVENT_LOG_PARTITIONS = 6;

@Injectable()
export class CollectorService implements OnModuleDestroy, OnApplicationBootstrap {
  private readonly writer: GroupCommitWriter;
  private readonly producer: EventLogProducer | undefined;

  constructor(
    @Inject(CLICKHOUSE) clickhouse: UpliftClickHouse,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly telemetry: Telemetry,
  ) {
    // With Kafka, an ack means the broker has the events (acks=all); without, the insert returned.
    this.producer = config.kafkaBrokers
      ? createKafkaProducer({ brokers: config.kafkaBrokers, clientId: 'uplift-collector', topic: EVENTS_TOPIC, sendTimeoutMs: 5_000, requestTimeoutMs: 5_000, retries: 2, logLevel: 'nothing' })
      : undefined;
    const sink = this.producer ? new KafkaSink(this.producer, clickhouse, telemetry) : new ClickHouseSink(clickhouse);
    this.writer = new GroupCommitWriter(sink, {
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

  /**
   * Keeps something that never became an event (a webhook payload that cannot be mapped) in the rejected
   * store, with its reasons, so admins see it next to refused events.
   */
  async recordRejected(orgId: string, rejection: { eventType: string; payload: string; errors: FieldError[] }): Promise<void> {
    const row: RejectedEventRow = {
      org_id: orgId,
      received_at: toClickHouseDateTime(new Date()),
      request_id: randomUUID(),
      event_index: 0,
      event_id: '',
      event_type: rejection.eventType,
      payload: truncate(rejection.payload, MAX_PAYLOAD_CHARS_KEPT),
      errors: JSON.stringify(rejection.errors),
    };
    await this.writer.write({ events: [], rejected: [row] });
    this.telemetry.eventsRejected.inc(1, { type: rejection.eventType });
  }

  getWriterStats() {
    return this.writer.getStats();
  }

  /** The event log's topics exist before the first event is produced. */
  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.kafkaBrokers) return;
    const admin = createKafkaAdmin({ brokers: this.config.kafkaBrokers, clientId: 'uplift-collector-admin' });
    try {
      await ensureTopics(admin, [
        { topic: EVENTS_TOPIC, numPartitions: EVENT_LOG_PARTITIONS, replicationFactor: 1 },
        { topic: DLQ_TOPIC, numPartitions: 1, replicationFactor: 1 },
      ]);
    } finally {
      await admin.close();
    }
  }

  async onModuleDestroy(): Promise<void> {
    await this.writer.drain();
    await this.producer?.close();
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
