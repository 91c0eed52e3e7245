import { CLICKHOUSE_MIGRATIONS_DIR, createClickHouse, insertEventRows, runMigrations, toEventRow, type EventRow } from '@uplift/clickhouse';
import { validateEvent } from '@uplift/events';

/**
 * The storage ceiling of a benchmark: the bodies it posts, validated and inserted straight into embedded
 * ClickHouse in 10,000-row blocks, in this process, with no HTTP and no broker. Uplift cannot beat this on the
 * same machine; the rate counts insert time only. Runs for `seconds`.
 */
export async function measureEngineCeiling(
  dataDir: string,
  args: { seconds: number; eventsPerRequest: number; body: (eventsPerRequest: number, requestNumber: number) => string },
): Promise<{ rate: number; msPerBlock: number }> {
  const clickhouse = createClickHouse({ kind: 'embedded', dataDir });
  try {
    await runMigrations(clickhouse.client, CLICKHOUSE_MIGRATIONS_DIR);
    const deadline = performance.now() + args.seconds * 1000;
    let rows = 0;
    let insertMs = 0;
    let blocks = 0;
    let requestNumber = 0;
    while (performance.now() < deadline) {
      const block: EventRow[] = [];
      for (let request = 0; request < 10_000 / args.eventsPerRequest; request += 1) {
        const body = JSON.parse(args.body(args.eventsPerRequest, requestNumber++)) as { events: unknown[] };
        for (const input of body.events) {
          const result = validateEvent(input, { now: new Date() });
          if (result.ok) block.push(toEventRow('bench-org', result.event, new Date()));
        }
      }
      const started = performance.now();
      await insertEventRows(clickhouse, block);
      insertMs += performance.now() - started;
      rows += block.length;
      blocks += 1;
    }
    return { rate: rows / (insertMs / 1000), msPerBlock: insertMs / blocks };
  } finally {
    await clickhouse.close();
  }
}
