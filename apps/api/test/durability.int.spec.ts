import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { createClickHouse } from '@uplift/clickhouse';
import { postEvents } from './support/http';
import { startChildServer, type ChildServer } from './support/child-server';
import { createDataDir, removeDataDir } from './support/test-server';

/**
 * An ack means durable: start the real server process, stream batches at it, `kill -9` it while
 * requests are in flight, restart it, and find every acknowledged event on disk.
 */
describe('durable acknowledgement (standalone)', () => {
  const dataDir = createDataDir('durability');
  let server: ChildServer | undefined;

  afterAll(() => {
    server?.process.kill('SIGKILL');
    removeDataDir(dataDir);
  });

  it('keeps every acked event across a kill -9, and prints generated credentials only on the first start', async () => {
    server = await startChildServer({ UPLIFT_DATA_DIR: dataDir });
    const firstOutput = server.output();
    const adminToken = /admin API token : (upl_at_\S+)/.exec(firstOutput)?.[1];
    const ingestKey = /ingest key {6}: (upl_ik_\S+)/.exec(firstOutput)?.[1];
    expect(adminToken, firstOutput).toBeDefined();
    expect(ingestKey, firstOutput).toBeDefined();

    const ackedIds: string[] = [];
    const sentIds: string[] = [];
    let failedRequests = 0;
    const baseUrl = server.baseUrl;
    const batch = () =>
      Array.from({ length: 100 }, () => {
        const id = randomUUID();
        sentIds.push(id);
        return {
          id,
          type: 'chat.turn',
          time: new Date().toISOString(),
          actor: { email: `dev-${id.slice(0, 8)}@example.com` },
          source: { tool: 'claude-code' },
          data: { mode: 'agent' },
        };
      });

    // Four clients keep sending until the process dies under them.
    let killed = false;
    const client = async () => {
      while (!killed) {
        const events = batch();
        try {
          const response = await postEvents(baseUrl, ingestKey, { events });
          if (response.status === 200 && !killed) {
            expect(response.body.accepted).toBe(100);
            ackedIds.push(...events.map((event) => event.id as string));
          } else if (response.status === 200) {
            // Acked at the moment of the kill: still must be durable.
            ackedIds.push(...events.map((event) => event.id as string));
          }
        } catch {
          failedRequests += 1; // connection reset by the kill: not acked, so no promise was made
        }
      }
    };
    const clients = Array.from({ length: 4 }, client);
    while (ackedIds.length < 3000) await new Promise((resolve) => setTimeout(resolve, 20));
    server.process.kill('SIGKILL');
    killed = true;
    await server.exited;
    await Promise.all(clients);
    expect(ackedIds.length).toBeGreaterThanOrEqual(3000);

    // Restart on the same data: no new credentials are printed, the old ones still work.
    server = await startChildServer({ UPLIFT_DATA_DIR: dataDir });
    expect(server.output()).not.toContain('shown once');
    const afterRestart = await fetch(`${server.baseUrl}/api/v1/metrics`, { headers: { authorization: `Bearer ${adminToken}` } });
    expect(afterRestart.status).toBe(200);
    server.process.kill('SIGTERM');
    // Nest runs its shutdown hooks (drain the writer, close chDB), then re-raises the signal.
    expect(await server.exited).toEqual({ code: null, signal: 'SIGTERM' });

    // Read the data directory directly with the engine, now that no server owns it.
    const clickhouse = createClickHouse({ kind: 'embedded', dataDir });
    try {
      const result = await clickhouse.client.query({
        query: 'SELECT count() AS found, uniqExact(id) AS distinct_ids FROM events WHERE id IN {ids:Array(UUID)}',
        query_params: { ids: ackedIds },
        format: 'JSONEachRow',
      });
      const [row] = await result.json<{ found: string | number; distinct_ids: string | number }>();
      expect(Number(row!.distinct_ids)).toBe(ackedIds.length);
      const everything = await clickhouse.client.query({ query: 'SELECT count() AS stored FROM events', format: 'JSONEachRow' });
      const [stored] = await everything.json<{ stored: string | number }>();
      // Events of requests cut off by the kill may or may not be there; nothing beyond what was sent is.
      expect(Number(stored!.stored)).toBeLessThanOrEqual(sentIds.length);
      console.log(`durability: ${ackedIds.length} acked events all found after kill -9; ${failedRequests} requests cut off`);
    } finally {
      await clickhouse.close();
    }
  });
});
