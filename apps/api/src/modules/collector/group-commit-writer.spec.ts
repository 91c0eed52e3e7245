import type { EventRow, RejectedEventRow } from '@uplift/clickhouse';
import { describe, expect, it } from 'vitest';
import { CollectorOverloadedError, StorageUnavailableError } from './collector.exception';
import { GroupCommitWriter, type BatchSink, type WriteBatch } from './group-commit-writer';

/** One call of the sink, settled by the test. */
type SinkCall = { batch: WriteBatch; succeed: () => void; fail: (error: Error) => void };

/** A sink whose writes stay in flight until the test settles them, so the writer's queueing can be observed. */
class ControlledSink implements BatchSink {
  readonly calls: SinkCall[] = [];

  write(batch: WriteBatch): Promise<void> {
    return new Promise<void>((resolve, reject) => this.calls.push({ batch, succeed: resolve, fail: reject }));
  }

  /**
   * Waits until the sink has been called `count` times in total. The writer is driven only by
   * setImmediate and promise callbacks, so a call that has not come after many loop turns never will:
   * fail with the count seen instead of hanging.
   */
  async calledTimes(count: number): Promise<void> {
    for (let turn = 0; turn < 100 && this.calls.length < count; turn += 1) await letTheLoopTurn(1);
    if (this.calls.length < count) throw new Error(`the sink was called ${this.calls.length} times, expected ${count}`);
  }

  /** The event ids of every call, in call order. */
  eventIdsPerCall(): string[][] {
    return this.calls.map((call) => call.batch.events.map((row) => row.id));
  }
}

/** Observes a promise without awaiting it: `state()` tells whether it has settled yet. */
function track(promise: Promise<void>): { state: () => 'pending' | 'resolved' | 'rejected'; settled: Promise<unknown> } {
  let state: 'pending' | 'resolved' | 'rejected' = 'pending';
  const settled = promise.then(
    () => {
      state = 'resolved';
    },
    (error: unknown) => {
      state = 'rejected';
      return error;
    },
  );
  return { state: () => state, settled };
}

/** The error a write was refused with; fails (rather than hangs) when the write was queued instead. */
async function refusal(write: Promise<void>): Promise<unknown> {
  let outcome: { error: unknown } | undefined;
  write.then(
    () => undefined,
    (error: unknown) => {
      outcome = { error };
    },
  );
  await letTheLoopTurn();
  if (!outcome) throw new Error('the write was not refused');
  return outcome.error;
}

/** Lets every ready callback run (microtasks and the writer's setImmediate), several turns deep. */
async function letTheLoopTurn(turns = 5): Promise<void> {
  for (let turn = 0; turn < turns; turn += 1) await new Promise<void>((resolve) => setImmediate(resolve));
}

function eventRow(id: string): EventRow {
  return {
    org_id: 'org-1',
    id,
    type: 'chat.turn',
    time: '2025-01-01 00:00:00.000',
    received_at: '2025-01-01 00:00:00.000',
    actor_email: 'ann@example.com',
    actor_login: '',
    actor_external_id: '',
    person_id: 'ann@example.com',
    context_team: '',
    tool: 'copilot',
    tool_version: '',
    ide: '',
    ide_version: '',
    repo: '',
    language: '',
    branch: '',
    model: '',
    data: '{}',
    suggestion_id: '',
    lines: 0,
    chars: 0,
    latency_ms: null,
    data_kind: '',
    data_status: '',
    data_decision: '',
    data_mode: '',
    data_rating: '',
    sha: '',
    is_merge: 0,
    lines_added: 0,
    lines_deleted: 0,
    ai_lines_added: 0,
    pr_number: 0,
    ai_assisted: 0,
    input_tokens: 0,
    output_tokens: 0,
    cost_usd: 0,
  };
}

function rejectedRow(eventId: string): RejectedEventRow {
  return {
    org_id: 'org-1',
    received_at: '2025-01-01 00:00:00.000',
    request_id: '00000000-0000-4000-8000-000000000000',
    event_index: 0,
    event_id: eventId,
    event_type: 'chat.turn',
    payload: '{}',
    errors: '[]',
  };
}

/** A request of `count` events with ids `<label>-0 … <label>-(count-1)`. */
function request(label: string, count: number): WriteBatch {
  return { events: Array.from({ length: count }, (_, index) => eventRow(`${label}-${index}`)), rejected: [] };
}

const roomy = { maxBatchRows: 1000, maxPendingRows: 10_000 };

describe('GroupCommitWriter', () => {
  it('puts requests of one turn into one write, in arrival order, rejected rows included', async () => {
    const sink = new ControlledSink();
    const writer = new GroupCommitWriter(sink, roomy);
    const first = track(writer.write(request('a', 2)));
    const second = track(writer.write({ events: [eventRow('b-0')], rejected: [rejectedRow('bad-1'), rejectedRow('bad-2')] }));
    await sink.calledTimes(1);
    await letTheLoopTurn();
    expect(sink.calls).toHaveLength(1);
    expect(sink.eventIdsPerCall()).toEqual([['a-0', 'a-1', 'b-0']]);
    expect(sink.calls[0]!.batch.rejected.map((row) => row.event_id)).toEqual(['bad-1', 'bad-2']);
    expect(first.state()).toBe('pending');
    expect(second.state()).toBe('pending');
    sink.calls[0]!.succeed();
    await Promise.all([first.settled, second.settled]);
    expect(first.state()).toBe('resolved');
    expect(second.state()).toBe('resolved');
    expect(writer.getStats()).toEqual({ writes: 1, rowsWritten: 5, failedWrites: 0, pendingRows: 0 });
  });

  it('groups requests that arrive during a write into the next write, each settling only after its own write', async () => {
    const sink = new ControlledSink();
    const writer = new GroupCommitWriter(sink, roomy);
    const first = track(writer.write(request('a', 1)));
    await sink.calledTimes(1);

    // Three requests arrive while the first write is in flight.
    const second = track(writer.write(request('b', 2)));
    const third = track(writer.write(request('c', 1)));
    const fourth = track(writer.write(request('d', 3)));
    await letTheLoopTurn();
    expect(sink.calls).toHaveLength(1);
    expect([first.state(), second.state(), third.state(), fourth.state()]).toEqual(['pending', 'pending', 'pending', 'pending']);
    expect(writer.getStats().pendingRows).toBe(7);

    sink.calls[0]!.succeed();
    await first.settled;
    await sink.calledTimes(2);
    await letTheLoopTurn();
    expect(first.state()).toBe('resolved');
    // The three waiting requests share the second write, in arrival order, and are not acked before it returns.
    expect(sink.eventIdsPerCall()).toEqual([['a-0'], ['b-0', 'b-1', 'c-0', 'd-0', 'd-1', 'd-2']]);
    expect([second.state(), third.state(), fourth.state()]).toEqual(['pending', 'pending', 'pending']);
    expect(writer.getStats().pendingRows).toBe(6);

    sink.calls[1]!.succeed();
    await Promise.all([second.settled, third.settled, fourth.settled]);
    expect([second.state(), third.state(), fourth.state()]).toEqual(['resolved', 'resolved', 'resolved']);
    expect(sink.calls).toHaveLength(2);
    expect(writer.getStats()).toEqual({ writes: 2, rowsWritten: 7, failedWrites: 0, pendingRows: 0 });
  });

  it('rejects every request of a failed write with StorageUnavailableError, and later writes still succeed', async () => {
    const sink = new ControlledSink();
    const writer = new GroupCommitWriter(sink, roomy);
    const first = writer.write(request('a', 2));
    const second = writer.write(request('b', 1));
    const firstOutcome = first.catch((error: unknown) => error);
    const secondOutcome = second.catch((error: unknown) => error);
    await sink.calledTimes(1);
    const cause = new Error('disk full');
    sink.calls[0]!.fail(cause);

    const [firstError, secondError] = await Promise.all([firstOutcome, secondOutcome]);
    for (const error of [firstError, secondError]) {
      expect(error).toBeInstanceOf(StorageUnavailableError);
      const storageError = error as StorageUnavailableError;
      expect(storageError.code).toBe('STORAGE_UNAVAILABLE');
      expect(storageError.getStatus()).toBe(503);
      expect(storageError.headers).toEqual({ 'retry-after': '1' });
      expect(storageError.cause).toBe(cause);
    }
    expect(writer.getStats()).toEqual({ writes: 0, rowsWritten: 0, failedWrites: 1, pendingRows: 0 });

    const later = track(writer.write(request('c', 4)));
    await sink.calledTimes(2);
    expect(sink.eventIdsPerCall()[1]).toEqual(['c-0', 'c-1', 'c-2', 'c-3']);
    sink.calls[1]!.succeed();
    await later.settled;
    expect(later.state()).toBe('resolved');
    expect(writer.getStats()).toEqual({ writes: 1, rowsWritten: 4, failedWrites: 1, pendingRows: 0 });
  });

  it('refuses a request past maxPendingRows with 429 and Retry-After, and accepts one that fits', async () => {
    const sink = new ControlledSink();
    const writer = new GroupCommitWriter(sink, { maxBatchRows: 1000, maxPendingRows: 10 });
    const inFlight = track(writer.write(request('a', 6)));
    await sink.calledTimes(1);
    // Rows of the write in flight still count as pending: 6 + 5 > 10.
    expect(writer.getStats().pendingRows).toBe(6);

    const refused = await refusal(writer.write(request('too-many', 5)));
    expect(refused).toBeInstanceOf(CollectorOverloadedError);
    const overloaded = refused as CollectorOverloadedError;
    expect(overloaded.code).toBe('OVERLOADED');
    expect(overloaded.getStatus()).toBe(429);
    expect(overloaded.headers).toEqual({ 'retry-after': '1' });
    expect(writer.getStats().pendingRows).toBe(6);

    // 6 + 4 = 10 is exactly the limit: accepted.
    const fits = track(writer.write(request('fits', 4)));
    expect(writer.getStats().pendingRows).toBe(10);
    sink.calls[0]!.succeed();
    await sink.calledTimes(2);
    sink.calls[1]!.succeed();
    await Promise.all([inFlight.settled, fits.settled]);
    expect([inFlight.state(), fits.state()]).toEqual(['resolved', 'resolved']);
    // The refused request never reached the sink.
    expect(sink.eventIdsPerCall().flat()).toEqual(['a-0', 'a-1', 'a-2', 'a-3', 'a-4', 'a-5', 'fits-0', 'fits-1', 'fits-2', 'fits-3']);
    expect(writer.getStats()).toEqual({ writes: 2, rowsWritten: 10, failedWrites: 0, pendingRows: 0 });
  });

  it('accepts one request larger than maxPendingRows when nothing is pending, so it is never refused forever', async () => {
    const sink = new ControlledSink();
    const writer = new GroupCommitWriter(sink, { maxBatchRows: 1000, maxPendingRows: 10 });
    const large = track(writer.write(request('large', 12)));
    await sink.calledTimes(1);
    expect(sink.calls[0]!.batch.events).toHaveLength(12);
    sink.calls[0]!.succeed();
    await large.settled;
    expect(large.state()).toBe('resolved');
  });

  it('splits a backlog larger than maxBatchRows into several writes without splitting a request', async () => {
    const sink = new ControlledSink();
    const writer = new GroupCommitWriter(sink, { maxBatchRows: 5, maxPendingRows: 10_000 });
    const requests = [request('a', 3), request('b', 3), request('c', 2), request('d', 8), request('e', 1)].map((batch) =>
      track(writer.write(batch)),
    );
    for (let write = 1; write <= 4; write += 1) {
      await sink.calledTimes(write);
      await letTheLoopTurn();
      // One write at a time: the next starts only after this one returned.
      expect(sink.calls).toHaveLength(write);
      sink.calls[write - 1]!.succeed();
    }
    await Promise.all(requests.map((tracked) => tracked.settled));
    expect(requests.map((tracked) => tracked.state())).toEqual(['resolved', 'resolved', 'resolved', 'resolved', 'resolved']);
    expect(sink.eventIdsPerCall()).toEqual([
      ['a-0', 'a-1', 'a-2'],
      ['b-0', 'b-1', 'b-2', 'c-0', 'c-1'],
      // A request larger than maxBatchRows goes whole, alone.
      ['d-0', 'd-1', 'd-2', 'd-3', 'd-4', 'd-5', 'd-6', 'd-7'],
      ['e-0'],
    ]);
    expect(writer.getStats()).toEqual({ writes: 4, rowsWritten: 17, failedWrites: 0, pendingRows: 0 });
  });

  it('settles a request only with the write that holds its rows when a backlog is split', async () => {
    const sink = new ControlledSink();
    const writer = new GroupCommitWriter(sink, { maxBatchRows: 2, maxPendingRows: 10_000 });
    const first = track(writer.write(request('a', 2)));
    const second = track(writer.write(request('b', 2)));
    await sink.calledTimes(1);
    sink.calls[0]!.succeed();
    await first.settled;
    await sink.calledTimes(2);
    await letTheLoopTurn();
    expect(first.state()).toBe('resolved');
    expect(second.state()).toBe('pending');
    sink.calls[1]!.fail(new Error('connection reset'));
    await second.settled;
    expect(second.state()).toBe('rejected');
    expect(writer.getStats()).toEqual({ writes: 1, rowsWritten: 2, failedWrites: 1, pendingRows: 0 });
  });

  it('drain() writes what is queued, then refuses new writes with 503', async () => {
    const sink = new ControlledSink();
    const writer = new GroupCommitWriter(sink, { maxBatchRows: 3, maxPendingRows: 10_000 });
    const queued = [request('a', 2), request('b', 2), request('c', 1)].map((batch) => track(writer.write(batch)));
    await sink.calledTimes(1);
    const drained = track(writer.drain());

    // Requests after drain() began are refused even though earlier ones are still being written.
    const refusedDuringDrain = await refusal(writer.write(request('late', 1)));
    expect(refusedDuringDrain).toBeInstanceOf(StorageUnavailableError);

    sink.calls[0]!.succeed();
    await sink.calledTimes(2);
    await letTheLoopTurn();
    expect(drained.state()).toBe('pending');
    sink.calls[1]!.succeed();
    await drained.settled;
    expect(drained.state()).toBe('resolved');
    await Promise.all(queued.map((tracked) => tracked.settled));
    expect(queued.map((tracked) => tracked.state())).toEqual(['resolved', 'resolved', 'resolved']);
    expect(sink.eventIdsPerCall()).toEqual([['a-0', 'a-1'], ['b-0', 'b-1', 'c-0']]);

    const afterDrain = await refusal(writer.write(request('after', 1)));
    expect(afterDrain).toBeInstanceOf(StorageUnavailableError);
    expect((afterDrain as StorageUnavailableError).getStatus()).toBe(503);
    expect((afterDrain as StorageUnavailableError).code).toBe('STORAGE_UNAVAILABLE');
    await letTheLoopTurn();
    expect(sink.calls).toHaveLength(2);
    expect(writer.getStats()).toEqual({ writes: 2, rowsWritten: 5, failedWrites: 0, pendingRows: 0 });
  });

  it('drain() on an idle writer returns at once and still closes it', async () => {
    const sink = new ControlledSink();
    const writer = new GroupCommitWriter(sink, roomy);
    await writer.drain();
    expect(await refusal(writer.write(request('a', 1)))).toBeInstanceOf(StorageUnavailableError);
    expect(sink.calls).toHaveLength(0);
  });

  it('resolves an empty batch at once without a write', async () => {
    const sink = new ControlledSink();
    const writer = new GroupCommitWriter(sink, roomy);
    const empty = track(writer.write({ events: [], rejected: [] }));
    await letTheLoopTurn();
    expect(empty.state()).toBe('resolved');
    expect(sink.calls).toHaveLength(0);
    expect(writer.getStats()).toEqual({ writes: 0, rowsWritten: 0, failedWrites: 0, pendingRows: 0 });
  });

  it('counts writes, rows and failures across successes and failures', async () => {
    const sink = new ControlledSink();
    const writer = new GroupCommitWriter(sink, roomy);
    expect(writer.getStats()).toEqual({ writes: 0, rowsWritten: 0, failedWrites: 0, pendingRows: 0 });

    const outcomes: Promise<unknown>[] = [];
    const plan: { rows: number; succeeds: boolean }[] = [
      { rows: 3, succeeds: true },
      { rows: 2, succeeds: false },
      { rows: 4, succeeds: true },
      { rows: 1, succeeds: false },
    ];
    for (const [index, step] of plan.entries()) {
      outcomes.push(writer.write(request(`r${index}`, step.rows)).catch((error: unknown) => error));
      await sink.calledTimes(index + 1);
      expect(writer.getStats().pendingRows).toBe(step.rows);
      const call = sink.calls[index]!;
      if (step.succeeds) call.succeed();
      else call.fail(new Error(`write ${index} failed`));
      await outcomes[index];
    }
    expect(writer.getStats()).toEqual({ writes: 2, rowsWritten: 7, failedWrites: 2, pendingRows: 0 });
  });
});
