import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Spool, SpoolChunk, SpoolLease, SpoolStats } from '../core/spool';

export type DiskSpoolOptions = {
  /** Created when missing. One directory per collector and key: spooled events are sent with that key. */
  directory: string;
  /** Bound on the bytes of all segments; the oldest events are dropped beyond it. Default 64 MiB. */
  maxBytes?: number;
  /** Bound on the number of spooled events; the oldest are dropped beyond it. Default 100000. */
  maxEvents?: number;
  /** A segment is sealed (and becomes sendable by any process) at this many events. Default 1000. */
  segmentMaxEvents?: number;
  /** …or at this many bytes. Default 1 MiB. */
  segmentMaxBytes?: number;
  /** A drain lock older than this (or held by a dead process) is taken over. Default 60000. */
  lockStaleMs?: number;
};

type Segment = {
  name: string;
  /** `<ms>-<pid>-<token>-<seq>`: names sort oldest first. */
  base: string;
  pid: number;
  token: string;
  sealed: boolean;
  events: number;
  bytes: number;
};

type OpenSegment = { base: string; events: number; bytes: number };

// <13-digit ms>-<pid>-<instance token>-<6-digit sequence>, then `.open` while a process appends to it,
// `-n<events>.jsonl` once sealed.
const SEGMENT_NAME = /^(\d{13})-(\d+)-([0-9a-f]+)-(\d{6})(?:-n(\d+))?\.(open|jsonl)$/;
const LOCK_FILE = 'drain.lock';

/**
 * A bounded, append-only JSONL spool on disk. Each process appends to its own open segment and seals it
 * (a rename) when full, when it drains or when it closes; only sealed segments are sent or trimmed, so a
 * reader never sees a half-written line. A lock file lets one process at a time drain the directory.
 * Segments left open by a process that died are sealed by the next one that drains.
 */
export class DiskSpool implements Spool {
  private readonly directory: string;
  private readonly maxBytes: number;
  private readonly maxEvents: number;
  private readonly segmentMaxEvents: number;
  private readonly segmentMaxBytes: number;
  private readonly lockStaleMs: number;
  private readonly token = randomBytes(4).toString('hex');
  private readonly dropListeners = new Set<(droppedEvents: number) => void>();
  private sequence = 0;
  private open: OpenSegment | undefined;
  private droppedEvents = 0;
  private holdsLock = false;
  private operations: Promise<unknown> = Promise.resolve();

  constructor(options: DiskSpoolOptions) {
    this.directory = path.resolve(options.directory);
    this.maxBytes = options.maxBytes ?? 64 * 1024 * 1024;
    this.maxEvents = options.maxEvents ?? 100_000;
    this.segmentMaxEvents = Math.max(1, Math.min(options.segmentMaxEvents ?? 1000, 1000));
    this.segmentMaxBytes = options.segmentMaxBytes ?? 1024 * 1024;
    this.lockStaleMs = options.lockStaleMs ?? 60_000;
  }

  onDropped(listener: (droppedEvents: number) => void): void {
    this.dropListeners.add(listener);
  }

  append(lines: string[]): Promise<void> {
    return this.exclusive(async () => {
      if (lines.length === 0) return;
      await fs.mkdir(this.directory, { recursive: true });
      let index = 0;
      while (index < lines.length) {
        const segment = this.openSegment();
        let text = '';
        while (index < lines.length && segment.events < this.segmentMaxEvents && (segment.events === 0 || segment.bytes < this.segmentMaxBytes)) {
          const line = `${(lines[index] ?? '').replace(/\n/g, ' ')}\n`;
          text += line;
          segment.events += 1;
          segment.bytes += Buffer.byteLength(line);
          index += 1;
        }
        await fs.appendFile(this.openPath(segment), text);
        if (segment.events >= this.segmentMaxEvents || segment.bytes >= this.segmentMaxBytes) await this.sealOwn();
      }
      await this.enforceBounds();
    });
  }

  lease(): Promise<SpoolLease | undefined> {
    return this.exclusive(async () => {
      await fs.mkdir(this.directory, { recursive: true });
      if (!(await this.acquireLock())) return undefined;
      await this.sealOwn();
      await this.sealAbandoned();
      const lease: SpoolLease = {
        next: (limits) => this.exclusive(() => this.nextChunk(limits)),
        release: () => this.exclusive(() => this.releaseLock()),
      };
      return lease;
    });
  }

  stats(): Promise<SpoolStats> {
    return this.exclusive(async () => {
      const segments = await this.list();
      return {
        events: segments.reduce((sum, segment) => sum + segment.events, 0),
        bytes: segments.reduce((sum, segment) => sum + segment.bytes, 0),
        droppedEvents: this.droppedEvents,
      };
    });
  }

  close(): Promise<void> {
    return this.exclusive(async () => {
      await this.sealOwn();
      await this.releaseLock();
    });
  }

  // Every operation runs alone: appends, trims and drains of one instance never interleave.
  private exclusive<Result>(operation: () => Promise<Result>): Promise<Result> {
    const run = this.operations.then(operation);
    this.operations = run.catch(() => undefined);
    return run;
  }

  private openSegment(): OpenSegment {
    if (!this.open) {
      this.sequence += 1;
      const base = `${String(Date.now()).padStart(13, '0')}-${process.pid}-${this.token}-${String(this.sequence).padStart(6, '0')}`;
      this.open = { base, events: 0, bytes: 0 };
    }
    return this.open;
  }

  private openPath(segment: { base: string }): string {
    return path.join(this.directory, `${segment.base}.open`);
  }

  private sealedPath(base: string, events: number): string {
    return path.join(this.directory, `${base}-n${events}.jsonl`);
  }

  /** Makes this instance's open segment sendable. */
  private async sealOwn(): Promise<void> {
    const segment = this.open;
    this.open = undefined;
    if (!segment || segment.events === 0) return;
    await fs.rename(this.openPath(segment), this.sealedPath(segment.base, segment.events));
  }

  /** Seals open segments of processes that are gone, dropping a line cut short by a crash. */
  private async sealAbandoned(): Promise<void> {
    for (const segment of await this.list()) {
      if (segment.sealed || segment.token === this.token || isProcessAlive(segment.pid)) continue;
      const file = path.join(this.directory, segment.name);
      const text = await readIfExists(file);
      if (text === undefined) continue;
      const complete = text.endsWith('\n') ? text : text.slice(0, text.lastIndexOf('\n') + 1);
      const events = countLines(complete);
      if (events === 0) {
        await unlinkIfExists(file);
        continue;
      }
      if (complete !== text) await fs.writeFile(file, complete);
      await fs.rename(file, this.sealedPath(segment.base, events)).catch(ignoreMissing);
    }
  }

  private async nextChunk(limits: { maxEvents: number; maxBytes: number }): Promise<SpoolChunk | undefined> {
    await this.touchLock();
    for (const segment of await this.list()) {
      if (!segment.sealed) continue;
      const file = path.join(this.directory, segment.name);
      const text = await readIfExists(file);
      if (text === undefined) continue; // trimmed or sent by someone else meanwhile
      const lines = text.split('\n').filter((line) => line.length > 0);
      if (lines.length === 0) {
        await unlinkIfExists(file);
        continue;
      }
      let count = 0;
      let bytes = 0;
      for (const line of lines) {
        if (count >= limits.maxEvents) break;
        const size = Buffer.byteLength(line) + 1;
        if (count > 0 && bytes + size > limits.maxBytes) break;
        bytes += size;
        count += 1;
      }
      const taken = lines.slice(0, count);
      const rest = lines.slice(count);
      return {
        lines: taken,
        ack: () => this.exclusive(() => (rest.length === 0 ? unlinkIfExists(file) : this.rewrite(file, segment.base, rest))),
      };
    }
    return undefined;
  }

  /** Replaces a sealed segment by one holding only `lines` (written aside, then renamed: never half-written). */
  private async rewrite(file: string, base: string, lines: string[]): Promise<void> {
    const temporary = path.join(this.directory, `${base}.${this.token}.tmp`);
    await fs.writeFile(temporary, lines.map((line) => `${line}\n`).join(''));
    await fs.rename(temporary, this.sealedPath(base, lines.length));
    if (file !== this.sealedPath(base, lines.length)) await unlinkIfExists(file);
  }

  /** Drops the oldest events until the spool is within its bounds, and says how many. */
  private async enforceBounds(): Promise<void> {
    let segments = await this.list();
    let events = segments.reduce((sum, segment) => sum + segment.events, 0);
    let bytes = segments.reduce((sum, segment) => sum + segment.bytes, 0);
    if (events <= this.maxEvents && bytes <= this.maxBytes) return;
    // Only sealed segments are trimmed: seal our own so the newest events count as droppable too.
    await this.sealOwn();
    segments = await this.list();
    let dropped = 0;
    for (const segment of segments) {
      const excessEvents = events - this.maxEvents;
      const excessBytes = bytes - this.maxBytes;
      if (excessEvents <= 0 && excessBytes <= 0) break;
      if (!segment.sealed) continue;
      const file = path.join(this.directory, segment.name);
      if (excessEvents >= segment.events || excessBytes >= segment.bytes) {
        await unlinkIfExists(file);
        dropped += segment.events;
        events -= segment.events;
        bytes -= segment.bytes;
        continue;
      }
      const text = await readIfExists(file);
      if (text === undefined) continue;
      const lines = text.split('\n').filter((line) => line.length > 0);
      let cut = Math.max(0, excessEvents);
      let cutBytes = lines.slice(0, cut).reduce((sum, line) => sum + Buffer.byteLength(line) + 1, 0);
      for (const line of lines.slice(cut)) {
        if (cutBytes >= excessBytes) break;
        cutBytes += Buffer.byteLength(line) + 1;
        cut += 1;
      }
      await this.rewrite(file, segment.base, lines.slice(cut));
      dropped += cut;
      events -= cut;
      bytes -= cutBytes;
    }
    if (dropped > 0) {
      this.droppedEvents += dropped;
      for (const listener of this.dropListeners) listener(dropped);
    }
  }

  private async list(): Promise<Segment[]> {
    let names: string[];
    try {
      names = await fs.readdir(this.directory);
    } catch (error: unknown) {
      if (isMissing(error)) return [];
      throw error;
    }
    const segments: Segment[] = [];
    for (const name of names.sort()) {
      const match = SEGMENT_NAME.exec(name);
      if (!match) continue;
      const [, ms, pid, token = '', sequence, count, kind] = match;
      const base = `${ms}-${pid}-${token}-${sequence}`;
      const file = path.join(this.directory, name);
      const stat = await fs.stat(file).catch(() => undefined);
      if (!stat) continue;
      let events: number;
      if (kind === 'jsonl') events = Number(count);
      else if (this.open && this.open.base === base) events = this.open.events;
      else events = countLines((await readIfExists(file)) ?? '');
      segments.push({ name, base, pid: Number(pid), token, sealed: kind === 'jsonl', events, bytes: stat.size });
    }
    return segments;
  }

  private lockPath(): string {
    return path.join(this.directory, LOCK_FILE);
  }

  private async acquireLock(): Promise<boolean> {
    if (this.holdsLock) return true;
    for (let attempt = 0; attempt < 2; attempt += 1) {
      try {
        const handle = await fs.open(this.lockPath(), 'wx');
        await handle.writeFile(`${process.pid} ${this.token}\n`);
        await handle.close();
        this.holdsLock = true;
        return true;
      } catch (error: unknown) {
        if ((error as { code?: string }).code !== 'EEXIST') throw error;
        if (!(await this.lockIsStale())) return false;
        await unlinkIfExists(this.lockPath());
      }
    }
    return false;
  }

  private async lockIsStale(): Promise<boolean> {
    const text = await readIfExists(this.lockPath());
    const stat = await fs.stat(this.lockPath()).catch(() => undefined);
    if (text === undefined || !stat) return true;
    const pid = Number(text.split(' ')[0]);
    if (!Number.isInteger(pid) || !isProcessAlive(pid)) return true;
    return Date.now() - stat.mtimeMs > this.lockStaleMs;
  }

  private async touchLock(): Promise<void> {
    const now = new Date();
    await fs.utimes(this.lockPath(), now, now).catch(() => undefined);
  }

  private async releaseLock(): Promise<void> {
    if (!this.holdsLock) return;
    this.holdsLock = false;
    await unlinkIfExists(this.lockPath());
  }
}

function isProcessAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error: unknown) {
    return (error as { code?: string }).code === 'EPERM'; // exists, owned by someone else
  }
}

function countLines(text: string): number {
  let count = 0;
  for (const line of text.split('\n')) if (line.length > 0) count += 1;
  return count;
}

function isMissing(error: unknown): boolean {
  return (error as { code?: string }).code === 'ENOENT';
}

function ignoreMissing(error: unknown): void {
  if (!isMissing(error)) throw error;
}

async function readIfExists(file: string): Promise<string | undefined> {
  try {
    return await fs.readFile(file, 'utf8');
  } catch (error: unknown) {
    if (isMissing(error)) return undefined;
    throw error;
  }
}

async function unlinkIfExists(file: string): Promise<void> {
  await fs.unlink(file).catch(ignoreMissing);
}
