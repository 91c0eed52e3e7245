import type { EventRow, RejectedEventRow } from '@uplift/clickhouse';
import { CollectorOverloadedError, StorageUnavailableError } from './collector.exception';

export type WriteBatch = { events: EventRow[]; rejected: RejectedEventRow[] };

/** Where batches become durable: ClickHouse in standalone mode (a Kafka producer in distributed mode). */
export type BatchSink = { write(batch: WriteBatch): Promise<void> };

export type WriteObservation = { rows: number; seconds: number; ok: boolean };

export type GroupCommitOptions = {
  /** Called after every sink write (metrics). */
  onWrite?: (observation: WriteObservation) => void;
  /** Rows per sink write; a larger backlog is written in several writes, in arrival order. */
  maxBatchRows: number;
  /** Rows allowed to wait; past this the writer refuses (429) rather than queue without bound. */
  maxPendingRows: number;
};

type Pending = { batch: WriteBatch; rows: number; resolve: () => void; reject: (error: unknown) => void };

export type GroupCommitStats = { writes: number; rowsWritten: number; failedWrites: number; pendingRows: number };

/**
 * Group commit: requests that arrive while a write is in flight share the next write, and each
 * request's promise settles only when the write that holds its rows has returned. So an ack always
 * means durable, and under load many requests pay for one insert.
 */
export class GroupCommitWriter {
  private queue: Pending[] = [];
  private pendingRows = 0;
  private flushing: Promise<void> | null = null;
  private closed = false;
  private readonly stats = { writes: 0, rowsWritten: 0, failedWrites: 0 };

  constructor(
    private readonly sink: BatchSink,
    private readonly options: GroupCommitOptions,
  ) {}

  write(batch: WriteBatch): Promise<void> {
    const rows = batch.events.length + batch.rejected.length;
    if (rows === 0) return Promise.resolve();
    if (this.closed) return Promise.reject(new StorageUnavailableError(new Error('writer is shutting down')));
    if (this.pendingRows > 0 && this.pendingRows + rows > this.options.maxPendingRows) {
      return Promise.reject(new CollectorOverloadedError(1));
    }
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ batch, rows, resolve, reject });
      this.pendingRows += rows;
      if (!this.flushing) {
        // Start on the next turn of the event loop so requests parsed in this turn join the first write.
        this.flushing = new Promise<void>((started) => setImmediate(started)).then(() => this.flushLoop());
      }
    });
  }

  getStats(): GroupCommitStats {
    return { ...this.stats, pendingRows: this.pendingRows };
  }

  /** Writes what is queued and refuses new batches; used on shutdown. */
  async drain(): Promise<void> {
    this.closed = true;
    while (this.flushing) await this.flushing;
  }

  private async flushLoop(): Promise<void> {
    try {
      while (this.queue.length > 0) {
        const taken = this.takeBatch();
        const merged: WriteBatch = { events: [], rejected: [] };
        let rows = 0;
        for (const pending of taken) {
          for (const row of pending.batch.events) merged.events.push(row);
          for (const row of pending.batch.rejected) merged.rejected.push(row);
          rows += pending.rows;
        }
        const started = performance.now();
        try {
          await this.sink.write(merged);
          this.stats.writes += 1;
          this.stats.rowsWritten += rows;
          this.options.onWrite?.({ rows, seconds: (performance.now() - started) / 1000, ok: true });
          for (const pending of taken) pending.resolve();
        } catch (error) {
          this.stats.failedWrites += 1;
          this.options.onWrite?.({ rows, seconds: (performance.now() - started) / 1000, ok: false });
          const failure = new StorageUnavailableError(error);
          for (const pending of taken) pending.reject(failure);
        } finally {
          this.pendingRows -= rows;
        }
      }
    } finally {
      this.flushing = null;
    }
  }

  private takeBatch(): Pending[] {
    const taken: Pending[] = [];
    let rows = 0;
    while (this.queue.length > 0) {
      const next = this.queue[0]!;
      if (taken.length > 0 && rows + next.rows > this.options.maxBatchRows) break;
      taken.push(this.queue.shift()!);
      rows += next.rows;
    }
    return taken;
  }
}
