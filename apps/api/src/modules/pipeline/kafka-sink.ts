import { Tables, type UpliftClickHouse } from '@uplift/clickhouse';
import type { EventLogProducer } from '@uplift/kafka';
import type { BatchSink, WriteBatch } from '../collector/group-commit-writer';
import type { Telemetry } from '../observability/telemetry';
import { toEventMessages } from './event-message';

/**
 * Distributed sink: accepted events go to the event log (Kafka, acks=all) and are durable once the broker
 * acknowledged them; the ingest role writes them to ClickHouse. Rejected events are kept in ClickHouse
 * directly (they are for inspection, not for metrics).
 */
export class KafkaSink implements BatchSink {
  constructor(
    private readonly producer: EventLogProducer,
    private readonly clickhouse: UpliftClickHouse,
    private readonly telemetry: Telemetry,
  ) {}

  async write(batch: WriteBatch): Promise<void> {
    if (batch.rejected.length > 0) {
      await this.clickhouse.client.insert({ table: Tables.rejectedEvents, values: batch.rejected, format: 'JSONEachRow' });
    }
    if (batch.events.length === 0) return;
    const started = performance.now();
    await this.producer.send(toEventMessages(batch.events, await this.producer.partitionCount()));
    this.telemetry.produceSeconds.observe((performance.now() - started) / 1000);
  }
}
