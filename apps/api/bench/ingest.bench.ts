import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createClickHouse } from '@uplift/clickhouse';
import { freePort, startChildServer } from '../test/support/child-server';
import { measureEngineCeiling } from './engine-ceiling';
import { eventsBody, percentile, runLoad, type LoadResult } from './load';

/**
 * npm run bench:ingest — concurrent clients post batches of 100 valid events over loopback for a
 * fixed time, first to a bare node:http server that only parses the bodies (the baseline), then to
 * the standalone Uplift server (validation + group-commit into embedded ClickHouse, ack after the
 * insert returned). Afterwards every accepted event is counted on disk.
 */
const SECONDS = Number(process.env['BENCH_SECONDS'] ?? 15);
const CONNECTIONS = Number(process.env['BENCH_CONNECTIONS'] ?? 64);
const EVENTS_PER_REQUEST = 100;
const INGEST_KEY = 'upl_ik_bench-ingest-key-000000000000000000';
const REPO_ROOT = path.resolve(__dirname, '../../..');

function describe(name: string, result: LoadResult): string {
  const rate = result.acceptedEvents / result.seconds;
  return `${name.padEnd(34)} ${Math.round(rate).toLocaleString('en-US').padStart(10)} events/s   p50 ${percentile(result.latenciesMs, 0.5).toFixed(1).padStart(6)} ms   p99 ${percentile(result.latenciesMs, 0.99).toFixed(1).padStart(6)} ms   ${result.requests} requests, ${result.failedRequests} failed`;
}

async function baseline(): Promise<LoadResult> {
  const port = await freePort();
  const child = spawn(process.execPath, ['-r', './tools/register.cjs', 'apps/api/bench/bare-parse-server.ts'], {
    cwd: REPO_ROOT,
    env: { ...process.env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve) => child.stdout?.once('data', () => resolve()));
  try {
    return await runLoad({ port, ingestKey: INGEST_KEY, seconds: SECONDS, connections: CONNECTIONS, eventsPerRequest: EVENTS_PER_REQUEST });
  } finally {
    child.kill('SIGKILL');
  }
}

async function uplift(dataDir: string): Promise<LoadResult> {
  const server = await startChildServer({
    UPLIFT_DATA_DIR: dataDir,
    UPLIFT_INGEST_KEY: INGEST_KEY,
    UPLIFT_ADMIN_TOKEN: 'upl_at_bench-admin-token-00000000000000000',
  });
  const port = Number(new URL(server.baseUrl).port);
  try {
    return await runLoad({ port, ingestKey: INGEST_KEY, seconds: SECONDS, connections: CONNECTIONS, eventsPerRequest: EVENTS_PER_REQUEST });
  } finally {
    server.process.kill('SIGTERM');
    await server.exited;
  }
}

async function countStored(dataDir: string): Promise<number> {
  const clickhouse = createClickHouse({ kind: 'embedded', dataDir });
  try {
    const result = await clickhouse.client.query({ query: 'SELECT count() AS stored FROM events', format: 'JSONEachRow' });
    const [row] = await result.json<{ stored: string | number }>();
    return Number(row?.stored ?? 0);
  } finally {
    await clickhouse.close();
  }
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'uplift-bench-ingest-'));
  try {
    console.log(`bench:ingest — ${CONNECTIONS} keep-alive clients, ${EVENTS_PER_REQUEST} events per request, ${SECONDS} s each, loopback\n`);
    const bare = await baseline();
    console.log(describe('bare node:http (parse only)', bare));
    const engineDir = mkdtempSync(path.join(tmpdir(), 'uplift-bench-engine-'));
    const engine = await measureEngineCeiling(engineDir, { seconds: SECONDS / 2, eventsPerRequest: EVENTS_PER_REQUEST, body: eventsBody }).finally(() => rmSync(engineDir, { recursive: true, force: true }));
    console.log(
      `${'chDB insert alone (no HTTP)'.padEnd(34)} ${Math.round(engine.rate).toLocaleString('en-US').padStart(10)} events/s   ${engine.msPerBlock.toFixed(0)} ms per 10,000-row block (insert time only)`,
    );
    const standalone = await uplift(dataDir);
    console.log(describe('Uplift standalone (durable ack)', standalone));
    const stored = await countStored(dataDir);
    const ratio = standalone.acceptedEvents / standalone.seconds / (bare.acceptedEvents / bare.seconds);
    console.log(`\nUplift / bare-parse ratio: ${(ratio * 100).toFixed(1)} %;  Uplift / chDB-insert-alone ratio: ${((standalone.acceptedEvents / standalone.seconds / engine.rate) * 100).toFixed(1)} %`);
    console.log(`durable check: ${standalone.acceptedEvents.toLocaleString('en-US')} events acked, ${stored.toLocaleString('en-US')} rows on disk after shutdown`);
    if (stored < standalone.acceptedEvents) {
      console.error('FAILED: fewer rows on disk than events acked');
      process.exitCode = 1;
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
