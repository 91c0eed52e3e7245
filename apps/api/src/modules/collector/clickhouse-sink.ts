import { Tables, insertEventRows, type UpliftClickHouse } from '@uplift/clickhouse';
import type { BatchSink, WriteBatch } from './group-commit-writer';

/**
 * Standalone sink: inserts straight into ClickHouse; the insert returning means the rows are on disk.
 * Rejected events go first: if either insert fails the whole request is retried, and a second copy of
 * a rejected payload is harmless where a lost one is not.
 */
export class ClickHouseSink implements BatchSink {
  constructor(private readonly clickhouse: UpliftClickHouse) {}

  async write(batch: WriteBatch): Promise<void> {
    if (batch.rejected.length > 0) {
      await this.clickhouse.client.insert({ table: Tables.rejectedEvents, values: batch.rejected, format: 'JSONEachRow' });
    }
    await insertEventRows(this.clickhouse, batch.events);
  }
}
