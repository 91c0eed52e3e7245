import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DiskSpool } from './disk-spool';

const directories: string[] = [];
afterEach(() => {
  for (const directory of directories.splice(0)) rmSync(directory, { recursive: true, force: true });
});

function spoolDir(): string {
  const directory = path.join(mkdtempSync(path.join(tmpdir(), 'uplift-spool-')), 'spool');
  directories.push(path.dirname(directory));
  return directory;
}

const line = (index: number) => JSON.stringify({ id: `event-${index}`, type: 'chat.turn', data: { mode: 'ask' } });
const lines = (from: number, to: number) => Array.from({ length: to - from }, (_, offset) => line(from + offset));

/** Everything a fresh instance can drain, in order, acknowledging as it goes. */
async function drainAll(directory: string): Promise<string[]> {
  const spool = new DiskSpool({ directory });
  const lease = await spool.lease();
  if (!lease) throw new Error('no lease');
  const drained: string[] = [];
  for (let chunk = await lease.next({ maxEvents: 1000, maxBytes: 1 << 20 }); chunk; chunk = await lease.next({ maxEvents: 1000, maxBytes: 1 << 20 })) {
    drained.push(...chunk.lines);
    await chunk.ack();
  }
  await lease.release();
  return drained;
}

describe('DiskSpool', () => {
  it('keeps events across a restart, oldest first, and forgets them once acknowledged', async () => {
    const directory = spoolDir();
    const before = new DiskSpool({ directory, segmentMaxEvents: 3 });
    await before.append(lines(0, 5));
    await before.append(lines(5, 7));
    await before.close();

    expect(await drainAll(directory)).toEqual(lines(0, 7));
    expect(await new DiskSpool({ directory }).stats()).toEqual({ events: 0, bytes: 0, droppedEvents: 0 });
    expect(readdirSync(directory).filter((name) => !name.endsWith('.lock'))).toEqual([]);
  });

  it('hands out chunks within the limits and keeps the rest of a segment for later', async () => {
    const directory = spoolDir();
    const spool = new DiskSpool({ directory });
    await spool.append(lines(0, 10));
    const lease = (await spool.lease())!;
    const first = (await lease.next({ maxEvents: 4, maxBytes: 1 << 20 }))!;
    expect(first.lines).toEqual(lines(0, 4));
    await first.ack();
    const second = (await lease.next({ maxEvents: 100, maxBytes: line(0).length * 3 + 3 }))!;
    expect(second.lines).toEqual(lines(4, 7));
    // not acknowledged (the send failed): the same events come back next time
    await lease.release();
    await spool.close();
    expect(await drainAll(directory)).toEqual(lines(4, 10));
  });

  it('drops the oldest events beyond maxEvents, and counts them', async () => {
    const directory = spoolDir();
    const dropped: number[] = [];
    const spool = new DiskSpool({ directory, maxEvents: 10, segmentMaxEvents: 4 });
    spool.onDropped((count) => dropped.push(count));
    for (let batch = 0; batch < 5; batch += 1) await spool.append(lines(batch * 5, batch * 5 + 5));

    const stats = await spool.stats();
    expect(stats.events).toBe(10);
    expect(stats.droppedEvents).toBe(15);
    expect(dropped.reduce((sum, count) => sum + count, 0)).toBe(15);
    await spool.close();
    expect(await drainAll(directory)).toEqual(lines(15, 25));
  });

  it('drops the oldest events beyond maxBytes', async () => {
    const directory = spoolDir();
    const lineBytes = line(10).length + 1;
    const spool = new DiskSpool({ directory, maxBytes: lineBytes * 6, segmentMaxEvents: 5 });
    await spool.append(lines(10, 30));
    const stats = await spool.stats();
    expect(stats.bytes).toBeLessThanOrEqual(lineBytes * 6);
    expect(stats.events).toBe(6);
    expect(stats.droppedEvents).toBe(14);
    await spool.close();
    expect(await drainAll(directory)).toEqual(lines(24, 30));
  });

  it('seals a segment left open by a process that died, without its half-written last line', async () => {
    const directory = spoolDir();
    mkdirSync(directory, { recursive: true });
    // pid 2^22 + 1 is above Linux's pid_max: no such process.
    writeFileSync(path.join(directory, '0001700000000-4194305-deadbeef-000001.open'), `${line(1)}\n${line(2)}\n{"id":"cut sh`);
    expect(await drainAll(directory)).toEqual([line(1), line(2)]);
  });

  it('leaves the open segment of a live process alone until that process seals it', async () => {
    const directory = spoolDir();
    const writer = new DiskSpool({ directory });
    await writer.append(lines(0, 2));
    expect(await drainAll(directory)).toEqual([]);
    await writer.close();
    expect(await drainAll(directory)).toEqual(lines(0, 2));
  });

  it('lets one instance drain at a time, and takes over a lock left by a dead process', async () => {
    const directory = spoolDir();
    const first = new DiskSpool({ directory });
    const second = new DiskSpool({ directory });
    await first.append(lines(0, 1));
    const lease = await first.lease();
    expect(lease).toBeDefined();
    expect(await second.lease()).toBeUndefined();
    await lease!.release();
    const secondLease = await second.lease();
    expect(secondLease).toBeDefined();
    await secondLease!.release();

    writeFileSync(path.join(directory, 'drain.lock'), '4194305 deadbeef\n');
    expect(await second.lease()).toBeDefined();
  });
});
