import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import {
  compressionStreamGzip,
  createUpliftClient,
  UUID_V7_PATTERN,
  type Rejection,
  type UpliftClientOptions,
  type UpliftSdkError,
  type UpliftWarning,
} from '../src/index';
import { createNodeClient, DiskSpool, zlibGzip } from '../src/node/index';
import { acceptAll, startLoopbackServer, type LoopbackServer, type Reply } from './support/loopback-server';

// Delivery against a real HTTP server on loopback that answers what each case needs (429, 503, 413, …).

const servers: LoopbackServer[] = [];
const directories: string[] = [];

afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
  for (const directory of directories.splice(0)) rmSync(directory, { recursive: true, force: true });
});

async function server(reply: (request: Parameters<typeof acceptAll>[0], index: number) => Reply = acceptAll): Promise<LoopbackServer> {
  const started = await startLoopbackServer(reply);
  servers.push(started);
  return started;
}

function tempDir(): string {
  const directory = mkdtempSync(path.join(tmpdir(), 'uplift-sdk-delivery-'));
  directories.push(directory);
  return directory;
}

type Recorded = { errors: UpliftSdkError[]; warnings: UpliftWarning[]; rejections: Rejection[] };

function client(url: string, options: Partial<UpliftClientOptions> = {}) {
  const recorded: Recorded = { errors: [], warnings: [], rejections: [] };
  const uplift = createUpliftClient({
    url,
    ingestKey: 'upl_ik_test',
    source: { tool: 'copilot', ide: 'vscode' },
    actor: { email: 'ann@example.com' },
    flushIntervalMs: 60_000,
    onError: (error) => recorded.errors.push(error),
    onWarning: (warning) => recorded.warnings.push(warning),
    onRejected: (rejections) => recorded.rejections.push(...rejections),
    ...options,
  });
  return { uplift, recorded };
}

const shown = (index: number) => ({ suggestionId: `s-${index}`, lines: 1, chars: 10 });

describe('batching', () => {
  it('sends at most 1000 events per request', async () => {
    const collector = await server();
    const { uplift } = client(collector.url);
    for (let index = 0; index < 2500; index += 1) uplift.completionShown(shown(index));
    const result = await uplift.flush();

    expect(collector.requests.map((request) => request.events.length)).toEqual([1000, 1000, 500]);
    expect(result).toMatchObject({ accepted: 2500, rejected: 0, failed: 0, pending: 0 });
    const ids = collector.requests.flatMap((request) => request.events.map((event) => event['id'] as string));
    expect(new Set(ids).size).toBe(2500);
    for (const id of ids) expect(id).toMatch(UUID_V7_PATTERN);
  });

  it('keeps every request body under maxBatchBytes', async () => {
    const collector = await server();
    const { uplift } = client(collector.url, { maxBatchBytes: 2000, gzipThresholdBytes: Infinity });
    for (let index = 0; index < 40; index += 1) uplift.completionShown(shown(index));
    await uplift.flush();

    expect(collector.requests.length).toBeGreaterThan(3);
    for (const request of collector.requests) expect(request.wireBytes).toBeLessThanOrEqual(2000);
    expect(collector.requests.flatMap((request) => request.events)).toHaveLength(40);
  });

  it('sends on its own after flushIntervalMs, and as soon as a batch is full', async () => {
    const collector = await server();
    const { uplift } = client(collector.url, { flushIntervalMs: 50, maxBatchEvents: 3 });
    uplift.completionShown(shown(1));
    await waitFor(() => collector.requests.length === 1);
    expect(collector.requests[0]!.events).toHaveLength(1);

    const { uplift: full } = client(collector.url, { flushIntervalMs: 60_000, maxBatchEvents: 3 });
    for (let index = 0; index < 3; index += 1) full.completionShown(shown(index));
    await waitFor(() => collector.requests.length === 2);
    expect(collector.requests[1]!.events).toHaveLength(3);
  });

  it('gzips bodies above the threshold, with zlib on Node and CompressionStream in browsers', async () => {
    const collector = await server();
    for (const compress of [zlibGzip, compressionStreamGzip()!]) {
      const { uplift } = client(collector.url, { compress, gzipThresholdBytes: 1024 });
      uplift.completionShown(shown(0));
      await uplift.flush();
      for (let index = 0; index < 50; index += 1) uplift.completionShown(shown(index));
      await uplift.flush();
    }
    const [smallZlib, bigZlib, smallStream, bigStream] = collector.requests;
    expect(smallZlib!.headers['content-encoding']).toBeUndefined();
    expect(smallStream!.headers['content-encoding']).toBeUndefined();
    for (const big of [bigZlib!, bigStream!]) {
      expect(big.headers['content-encoding']).toBe('gzip');
      expect(big.events).toHaveLength(50);
      expect(big.wireBytes).toBeLessThan(JSON.stringify({ events: big.events }).length / 3);
    }
    const gzipped = await compressionStreamGzip()!(new TextEncoder().encode('hello'));
    expect(gunzipSync(gzipped).toString()).toBe('hello');
  });
});

describe('retries', () => {
  it('waits as long as a 429 Retry-After (seconds) asks before sending again', async () => {
    const collector = await server((request, index) =>
      index === 0 ? { status: 429, headers: { 'retry-after': '1' }, body: { message: 'busy' } } : acceptAll(request),
    );
    const { uplift } = client(collector.url, { retry: { baseDelayMs: 1 } });
    uplift.completionShown(shown(1));
    const result = await uplift.flush();

    expect(result.accepted).toBe(1);
    expect(collector.requests).toHaveLength(2);
    const waited = collector.requests[1]!.at - collector.requests[0]!.at;
    expect(waited).toBeGreaterThanOrEqual(990);
    expect(waited).toBeLessThan(2500);
    expect(collector.requests[1]!.events).toEqual(collector.requests[0]!.events);
  });

  it('honours a 503 Retry-After given as an HTTP date', async () => {
    const now = Date.parse('2026-03-02T10:00:00Z');
    const collector = await server((request, index) =>
      index === 0 ? { status: 503, headers: { 'retry-after': 'Mon, 02 Mar 2026 10:00:42 GMT' } } : acceptAll(request),
    );
    const waits: number[] = [];
    const { uplift } = client(collector.url, { now: () => now, sleep: async (ms) => void waits.push(ms) });
    uplift.completionShown(shown(1), { time: new Date() });
    await uplift.flush();
    expect(waits).toEqual([42_000]);
    expect(collector.requests).toHaveLength(2);
  });

  it('backs off exponentially with full jitter on 5xx: each wait is the random draw of a doubling ceiling', async () => {
    const collector = await server((request, index) => (index < 4 ? { status: index % 2 ? 500 : 502 } : acceptAll(request)));
    const draws = [0.999999, 0.5, 0.25, 0.999999];
    const waits: number[] = [];
    const { uplift } = client(collector.url, {
      retry: { baseDelayMs: 100, maxDelayMs: 500, maxAttempts: 5 },
      random: () => draws.shift()!,
      sleep: async (ms) => void waits.push(ms),
    });
    uplift.completionShown(shown(1));
    const result = await uplift.flush();

    // Ceilings 100, 200, 400, 500 (capped): draws 0.999999·100, 0.5·200, 0.25·400, 0.999999·500.
    expect(waits).toEqual([99, 100, 100, 499]);
    expect(collector.requests).toHaveLength(5);
    expect(result.accepted).toBe(1);
  });

  it('retries network errors, then keeps the events for a later flush when no spool is configured', async () => {
    const closed = await server();
    await closed.close();
    const waits: number[] = [];
    const { uplift, recorded } = client(closed.url, { retry: { maxAttempts: 3 }, sleep: async (ms) => void waits.push(ms) });
    uplift.completionShown(shown(1));
    const offline = await uplift.flush();
    expect(offline).toMatchObject({ accepted: 0, pending: 1 });
    expect(waits).toHaveLength(2);
    expect(recorded.warnings.map((warning) => warning.code)).toEqual(['OFFLINE']);
  });

  it('never retries a 400, 401 or 415: the batch is reported as refused', async () => {
    for (const status of [400, 401, 415]) {
      const collector = await server(() => ({ status, body: { statusCode: status, code: 'X', message: `status ${status}` } }));
      const { uplift, recorded } = client(collector.url);
      uplift.completionShown(shown(1));
      uplift.completionShown(shown(2));
      const result = await uplift.flush();
      expect(collector.requests).toHaveLength(1);
      expect(result).toMatchObject({ accepted: 0, failed: 2, pending: 0 });
      expect(recorded.errors).toHaveLength(1);
      expect(recorded.errors[0]).toMatchObject({ code: 'BATCH_REFUSED', status });
      expect(recorded.errors[0]!.message).toContain(`status ${status}`);
      expect(recorded.errors[0]!.events.map((event) => event.type)).toEqual(['completion.shown', 'completion.shown']);
    }
  });

  it('splits a 413 batch in half once: halves that fit are sent, a half still too large is refused', async () => {
    const limit = (max: number) => (request: Parameters<typeof acceptAll>[0]) =>
      request.events.length > max ? { status: 413, body: { message: 'too large' } } : acceptAll(request);
    const fits = await server(limit(3));
    const first = client(fits.url);
    for (let index = 0; index < 6; index += 1) first.uplift.completionShown(shown(index));
    expect(await first.uplift.flush()).toMatchObject({ accepted: 6, failed: 0 });
    expect(fits.requests.map((request) => request.events.length)).toEqual([6, 3, 3]);

    const tooLarge = await server(limit(2));
    const second = client(tooLarge.url);
    for (let index = 0; index < 6; index += 1) second.uplift.completionShown(shown(index));
    expect(await second.uplift.flush()).toMatchObject({ accepted: 0, failed: 6 });
    expect(tooLarge.requests.map((request) => request.events.length)).toEqual([6, 3, 3]);
    expect(second.recorded.errors.map((error) => [error.code, error.status, error.events.length])).toEqual([
      ['BATCH_REFUSED', 413, 3],
      ['BATCH_REFUSED', 413, 3],
    ]);
  });
});

describe('rejections and failures', () => {
  it('hands events refused in a 200 back to the caller with their errors, and never sends them again', async () => {
    const collector = await server((request) => ({
      status: 200,
      body: {
        accepted: request.events.length - 1,
        rejected: [{ index: 1, id: request.events[1]!['id'], errors: [{ path: 'data.lines', message: 'expected a non-negative integer', value: -1 }] }],
      },
    }));
    const { uplift, recorded } = client(collector.url);
    uplift.completionShown(shown(0));
    const badId = uplift.completionShown({ suggestionId: 's-bad', lines: -1, chars: 1 });
    uplift.completionShown(shown(2));
    const result = await uplift.flush();
    await uplift.flush();

    expect(result).toMatchObject({ accepted: 2, rejected: 1 });
    expect(collector.requests).toHaveLength(1);
    expect(recorded.rejections).toEqual([
      {
        id: badId,
        event: expect.objectContaining({ id: badId, type: 'completion.shown', data: { suggestionId: 's-bad', lines: -1, chars: 1 } }),
        errors: [{ path: 'data.lines', message: 'expected a non-negative integer', value: -1 }],
      },
    ]);
  });

  it('never throws from track(): unserialisable data, oversized events and calls after shutdown are reported', async () => {
    const collector = await server();
    const { uplift, recorded } = client(collector.url, { maxBatchBytes: 1000 });
    const circular: Record<string, unknown> = { suggestionId: 'x', lines: 1, chars: 1 };
    circular['self'] = circular;
    expect(() => uplift.completionShown(circular as never)).not.toThrow();
    expect(uplift.completionShown({ suggestionId: 'x'.repeat(2000), lines: 1, chars: 1 })).toBeUndefined();
    expect(uplift.track(undefined as never)).toBeUndefined();
    await uplift.shutdown();
    expect(uplift.completionShown(shown(1))).toBeUndefined();

    expect(recorded.errors.map((error) => error.code)).toEqual(['INTERNAL', 'EVENT_TOO_LARGE', 'INTERNAL']);
    expect(recorded.warnings.map((warning) => warning.code)).toEqual(['CLOSED']);
    expect(collector.requests).toHaveLength(0);
  });

  it('spools what it cannot send, drops the oldest beyond the spool bound with a counted warning, and sends the spool first', async () => {
    let down = true;
    const collector = await server((request) => (down ? { status: 503, body: { message: 'store unavailable' } } : acceptAll(request)));
    const directory = tempDir();
    const warnings: UpliftWarning[] = [];
    const options = {
      url: collector.url,
      ingestKey: 'upl_ik_test',
      source: { tool: 'copilot' },
      actor: { email: 'ann@example.com' },
      flushIntervalMs: 60_000,
      retry: { maxAttempts: 1 },
      spool: { directory, maxEvents: 3 },
      onWarning: (warning: UpliftWarning) => warnings.push(warning),
    };
    const offline = createNodeClient(options);
    const ids = Array.from({ length: 5 }, (_, index) => offline.completionShown(shown(index)));
    expect(await offline.shutdown()).toMatchObject({ accepted: 0, spooled: 5 });
    expect(warnings.filter((warning) => warning.code === 'SPOOL_FULL')).toEqual([expect.objectContaining({ events: 2 })]);

    down = false;
    const sentBefore = collector.requests.length;
    const online = createNodeClient(options);
    const later = online.completionShown(shown(99));
    expect(await online.shutdown()).toMatchObject({ accepted: 4, spooled: 0 });
    const delivered = collector.requests.slice(sentBefore).flatMap((request) => request.events.map((event) => event['id']));
    expect(delivered).toEqual([ids[2], ids[3], ids[4], later]);
  });

  it('shutdown() stops at its deadline and spools what is left', async () => {
    // A server that accepts requests and never answers.
    const silent = await startSilentServer();
    const directory = tempDir();
    const uplift = createNodeClient({
      url: silent.url,
      ingestKey: 'upl_ik_test',
      source: { tool: 'copilot' },
      actor: { email: 'ann@example.com' },
      flushIntervalMs: 60_000,
      spool: { directory },
    });
    uplift.completionShown(shown(1));
    uplift.completionShown(shown(2));
    const started = Date.now();
    const result = await uplift.shutdown({ timeoutMs: 300 });
    expect(Date.now() - started).toBeLessThan(2000);
    expect(result.spooled).toBe(2);
    expect(await new DiskSpool({ directory }).stats()).toMatchObject({ events: 2 });
    await silent.close();
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

async function startSilentServer(): Promise<{ url: string; close: () => Promise<void> }> {
  const silent = createServer(() => undefined);
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  const address = silent.address() as { port: number };
  return {
    url: `http://127.0.0.1:${address.port}`,
    close: () =>
      new Promise<void>((resolve) => {
        silent.closeAllConnections();
        silent.close(() => resolve());
      }),
  };
}
