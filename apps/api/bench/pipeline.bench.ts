import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
// eslint-disable-next-line @nx/enforce-module-boundaries -- the benchmark runs its own development broker
import { startBroker, stopBroker } from '../../../tools/kafka/broker';
import { freePort, startChildServer, type ChildServer } from '../test/support/child-server';
import { postEvents } from '../test/support/http';
import { measureEngineCeiling } from './engine-ceiling';
import { commitsBody, percentile, runLoad, type LoadResult } from './load';

/**
 * npm run bench:pipeline — HTTP → Kafka → ClickHouse on this machine: a real broker on loopback, the
 * collector producing (ack after the broker acknowledged), the ingest role consuming into embedded
 * ClickHouse (one process: chDB belongs to it). Prints the sustained end-to-end rate (events counted in
 * ClickHouse through the metrics API) and freshness (ack → visible in a metric query), beside the
 * standalone figure and the bare-parse baseline measured in the same run with the same load.
 */
const SECONDS = Number(process.env['BENCH_SECONDS'] ?? 15);
const CONNECTIONS = Number(process.env['BENCH_CONNECTIONS'] ?? 64);
const EVENTS_PER_REQUEST = 100;
const KAFKA_PORT = Number(process.env['BENCH_KAFKA_PORT'] ?? 19492);
const INGEST_KEY = 'upl_ik_bench-pipeline-ingest-key-000000000';
const ADMIN_TOKEN = 'upl_at_bench-pipeline-admin-token-00000000';
const REPO_ROOT = path.resolve(__dirname, '../../..');
/** BENCH_ONLY=distributed skips the bare-parse and standalone runs (when tuning the pipeline alone). */
const ONLY = process.env['BENCH_ONLY'];

const load = (port: number) =>
  runLoad({ port, ingestKey: INGEST_KEY, seconds: SECONDS, connections: CONNECTIONS, eventsPerRequest: EVENTS_PER_REQUEST, body: commitsBody });

async function bareParse(): Promise<LoadResult> {
  const port = await freePort();
  const child = spawn(process.execPath, ['-r', './tools/register.cjs', 'apps/api/bench/bare-parse-server.ts'], {
    cwd: REPO_ROOT,
    env: { ...process.env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve) => child.stdout?.once('data', () => resolve()));
  try {
    return await load(port);
  } finally {
    child.kill('SIGKILL');
  }
}

async function commitsVisible(server: ChildServer, repo?: string): Promise<number> {
  const filter = repo ? `&repo=${encodeURIComponent(repo)}` : '';
  const response = await fetch(`${server.baseUrl}/api/v1/metrics/commits?granularity=total${filter}`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
  const body = (await response.json()) as { series: { points: { value: number }[] }[] };
  return body.series[0]?.points[0]?.value ?? 0;
}

/** Posts one marker commit every 500 ms during the load and times ack → visible in the commits metric. */
async function freshnessProbe(server: ChildServer, until: () => boolean): Promise<number[]> {
  const samples: number[] = [];
  while (!until()) {
    const repo = `fresh/${randomUUID()}`;
    const id = randomUUID();
    const event = { id, type: 'commit', time: new Date().toISOString(), actor: { email: 'probe@example.com' }, source: { tool: 'git' }, data: { sha: id.replace(/-/g, ''), repo, linesAdded: 1, linesDeleted: 0 } };
    const response = await postEvents(server.baseUrl, INGEST_KEY, { events: [event] });
    if (response.status !== 200) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      continue;
    }
    const acked = performance.now();
    while (performance.now() - acked < 30_000) {
      if ((await commitsVisible(server, repo)) === 1) {
        samples.push(performance.now() - acked);
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return samples;
}

async function run(env: Record<string, string>, label: string) {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'uplift-bench-pipeline-'));
  const server = await startChildServer({ ...env, UPLIFT_DATA_DIR: dataDir, UPLIFT_INGEST_KEY: INGEST_KEY, UPLIFT_ADMIN_TOKEN: ADMIN_TOKEN, LOG_LEVEL: 'error' });
  try {
    let loadDone = false;
    const started = performance.now();
    const probe = freshnessProbe(server, () => loadDone);
    const result = await load(Number(new URL(server.baseUrl).port));
    loadDone = true;
    const freshness = await probe;
    // Sustained end to end: everything acked (load + probes) visible in ClickHouse.
    const expected = result.acceptedEvents + freshness.length;
    let visible = 0;
    while ((visible = await commitsVisible(server)) < expected && performance.now() - started < (SECONDS + 120) * 1000) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const endToEndSeconds = (performance.now() - started) / 1000;
    return { label, result, freshness, visible, expected, endToEndSeconds };
  } finally {
    server.process.kill('SIGTERM');
    await server.exited;
    rmSync(dataDir, { recursive: true, force: true });
  }
}

function line(name: string, eventsPerSecond: number, rest: string): string {
  return `${name.padEnd(40)} ${Math.round(eventsPerSecond).toLocaleString('en-US').padStart(10)} events/s   ${rest}`;
}

async function main(): Promise<void> {
  console.log(`bench:pipeline — ${CONNECTIONS} clients, ${EVENTS_PER_REQUEST} commit events per request, ${SECONDS} s each, loopback\n`);
  if (ONLY !== 'distributed') {
    const bare = await bareParse();
    console.log(line('bare node:http (parse only)', bare.acceptedEvents / bare.seconds, `p99 ${percentile(bare.latenciesMs, 0.99).toFixed(0)} ms`));
    // the sink's own rate bounds every pipeline that ends in it on this machine
    const engineDir = mkdtempSync(path.join(tmpdir(), 'uplift-bench-engine-'));
    const engine = await measureEngineCeiling(engineDir, { seconds: SECONDS / 2, eventsPerRequest: EVENTS_PER_REQUEST, body: commitsBody }).finally(() => rmSync(engineDir, { recursive: true, force: true }));
    console.log(line('chDB insert alone (no HTTP, no Kafka)', engine.rate, `${engine.msPerBlock.toFixed(0)} ms per 10,000-row block (insert time only): the ceiling`));
  }
  const standalone = ONLY === 'distributed' ? undefined : await run({}, 'standalone');
  const broker = await startBroker({ port: KAFKA_PORT, controllerPort: KAFKA_PORT + 1, fresh: true });
  try {
    const distributed = await run({ KAFKA_BROKERS: broker.brokers }, 'distributed');
    for (const outcome of standalone ? [standalone, distributed] : [distributed]) {
      const name = outcome.label === 'standalone' ? 'Uplift standalone (ack = in ClickHouse)' : 'Uplift HTTP → Kafka → ClickHouse';
      console.log(
        line(
          `${name}, acked`,
          outcome.result.acceptedEvents / outcome.result.seconds,
          `request p50 ${percentile(outcome.result.latenciesMs, 0.5).toFixed(0)} ms, p99 ${percentile(outcome.result.latenciesMs, 0.99).toFixed(0)} ms`,
        ),
      );
      console.log(
        line(
          `${name}, end to end`,
          outcome.visible / outcome.endToEndSeconds,
          `${outcome.visible.toLocaleString('en-US')} of ${outcome.expected.toLocaleString('en-US')} visible; freshness p50 ${percentile(outcome.freshness, 0.5).toFixed(0)} ms, p95 ${percentile(outcome.freshness, 0.95).toFixed(0)} ms (${outcome.freshness.length} probes)`,
        ),
      );
      if (outcome.visible < outcome.expected) {
        console.error(`FAILED: ${outcome.label}: ${outcome.expected - outcome.visible} acked events never became visible`);
        process.exitCode = 1;
      }
    }
  } finally {
    await stopBroker({ port: KAFKA_PORT });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
