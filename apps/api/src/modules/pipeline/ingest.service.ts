import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { insertEventRows, type EventRow, type UpliftClickHouse } from '@uplift/clickhouse';
import { DLQ_TOPIC, EVENTS_TOPIC, createKafkaBatchConsumer, createKafkaProducer, type BatchConsumer, type ConsumedBatch, type EventLogProducer } from '@uplift/kafka';
import { APP_CONFIG, type AppConfig } from '../../config/config';
import { Telemetry } from '../observability/telemetry';
import { CLICKHOUSE } from '../storage/storage.module';
import { decodeEventMessage, eventMessageLines } from './event-message';

/** How long one chunk's insert is retried before the consumer gives up and the process ends. */
export const INSERT_RETRY_BUDGET_MS = Number(process.env['UPLIFT_INGEST_RETRY_MS'] ?? 120_000);

/** Partitions whose chunks are inserted at once (ClickHouse inserts run off the event loop and overlap). */
export const INGEST_PARTITIONS_CONCURRENTLY = Number(process.env['UPLIFT_INGEST_CONCURRENCY'] ?? 3);

/** How the process ends when the consumer crashes (replaced in tests that observe it). */
export const CRASH_PROCESS = Symbol('CRASH_PROCESS');
export type CrashProcess = (error: unknown) => void;

/**
 * The ingest role: Kafka → ClickHouse. Each chunk is inserted with a deduplication token made of its
 * topic, partition and offset range, so a chunk re-read after a crash is dropped by ClickHouse (the table
 * keeps a dedup window); offsets are committed only after the insert returned. Messages that are not
 * valid event rows go to the dead-letter topic with the reason. Any other error crashes the process:
 * nothing of the failed chunk is committed, and the next consumer re-reads it.
 */
@Injectable()
export class IngestService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Ingest');
  private consumer: BatchConsumer | undefined;
  private dlq: EventLogProducer | undefined;
  private running: Promise<void> | undefined;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLICKHOUSE) private readonly clickhouse: UpliftClickHouse,
    private readonly telemetry: Telemetry,
    @Inject(CRASH_PROCESS) private readonly crash: CrashProcess,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const brokers = this.config.kafkaBrokers;
    if (!brokers) return;
    this.dlq = createKafkaProducer({ brokers, clientId: 'uplift-ingest-dlq', topic: DLQ_TOPIC, lingerMs: 0, sendTimeoutMs: 15_000, logLevel: 'nothing' });
    this.consumer = createKafkaBatchConsumer({
      brokers,
      clientId: 'uplift-ingest',
      groupId: this.config.kafkaIngestGroup,
      topics: [EVENTS_TOPIC],
      maxChunkMessages: 5000,
      partitionsConsumedConcurrently: INGEST_PARTITIONS_CONCURRENTLY,
      maxBytesPerPartition: 8 * 1024 * 1024,
      logLevel: 'nothing',
    });
    this.running = this.consumer.run((batch) => this.handle(batch)).catch((error: unknown) => {
      this.logger.error(`ingest consumer crashed; offsets of the failed chunk were not committed: ${(error as Error).message}`, (error as Error).stack);
      this.crash(error);
    });
    this.logger.log(`consuming ${EVENTS_TOPIC} as group ${this.config.kafkaIngestGroup} from ${brokers.join(',')}`);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.consumer?.stop();
    await this.running;
    await this.dlq?.close();
  }

  /**
   * A ClickHouse that is down for a while delays the chunk instead of losing it: the insert is retried with
   * backoff (same deduplication token, offsets still uncommitted) until INSERT_RETRY_BUDGET_MS, then the
   * error crashes the process.
   */
  private async insertWithRetry(rows: EventRow[], deduplicationToken: string): Promise<void> {
    const deadline = Date.now() + INSERT_RETRY_BUDGET_MS;
    for (let attempt = 1; ; attempt += 1) {
      try {
        await insertEventRows(this.clickhouse, rows, { insert_deduplication_token: deduplicationToken });
        this.telemetry.consumerBatches.inc(1, { outcome: 'ok' });
        return;
      } catch (error) {
        this.telemetry.consumerBatches.inc(1, { outcome: 'failed' });
        const delay = Math.min(10_000, 250 * 2 ** Math.min(attempt, 6));
        if (Date.now() + delay > deadline) throw error;
        this.logger.warn(`insert of ${rows.length} rows failed (attempt ${attempt}), retrying in ${delay} ms: ${(error as Error).message}`);
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
    }
  }

  private async handle(batch: ConsumedBatch): Promise<void> {
    if (batch.messages.length === 0) return;
    const rows: EventRow[] = [];
    const poison: { offset: string; line: number; lines: number; reason: string; value: Buffer | null }[] = [];
    for (const message of batch.messages) {
      const lines = eventMessageLines(message.value);
      lines.forEach((line, index) => {
        const decoded = decodeEventMessage(line);
        if (decoded.ok) rows.push(decoded.row);
        else poison.push({ offset: message.offset, line: index, lines: lines.length, reason: decoded.reason, value: line });
      });
    }
    if (poison.length > 0) {
      await this.dlq!.send(
        poison.map((entry) => ({
          // a line of a message of several rows is named by its index too
          key: `${batch.topic}:${batch.partition}:${entry.offset}${entry.lines > 1 ? `:${entry.line}` : ''}`,
          value: entry.value ?? Buffer.alloc(0),
          headers: {
            reason: entry.reason,
            'source-topic': batch.topic,
            'source-partition': String(batch.partition),
            'source-offset': entry.offset,
            ...(entry.lines > 1 ? { 'source-line': String(entry.line) } : {}),
          },
        })),
      );
      for (const entry of poison) this.telemetry.dlqMessages.inc(1, { reason: entry.reason.split(':')[0]! });
      this.logger.warn(`${poison.length} message(s) of ${batch.topic}/${batch.partition} sent to ${DLQ_TOPIC}: ${poison[0]!.reason}`);
    }
    const first = batch.messages[0]!.offset;
    const last = batch.messages.at(-1)!.offset;
    const started = performance.now();
    await this.insertWithRetry(rows, `${batch.topic}:${batch.partition}:${first}-${last}`);
    this.telemetry.consumerInsertSeconds.observe((performance.now() - started) / 1000);
    this.telemetry.consumerLag.set(Number(BigInt(batch.highWatermark) - BigInt(last) - 1n), { partition: String(batch.partition) });
  }
}
