import { backoffDelayMs, DEFAULT_RETRY_POLICY, parseRetryAfterMs, type RetryPolicy } from './backoff';
import { UpliftSdkError, type UpliftWarning } from './errors';
import {
  actorIsOptional,
  type Actor,
  type EventContext,
  type EventDataByType,
  type EventType,
  type Rejection,
  type Source,
  type TrackInput,
  type TrackOptions,
  type UpliftEvent,
} from './event-types';
import type { Spool } from './spool';
import { postEvents, type Compressor, type FetchLike, type PostOutcome } from './transport';
import { uuidv7 } from './uuid';

/** The contract's limits: at most 1000 events and 5 MB per request. */
export const MAX_EVENTS_PER_REQUEST = 1000;
export const MAX_REQUEST_BYTES = 5 * 1024 * 1024;
/** Batches stay under the 5 MB limit with room for the envelope and proxies that count differently. */
export const DEFAULT_MAX_BATCH_BYTES = Math.floor(4.5 * 1024 * 1024);

export type UpliftClientOptions = {
  /** The collector's base URL (the client posts to `<url>/v1/events`). */
  url: string;
  /** An org-scoped ingest key. */
  ingestKey: string;
  /** Default `source` of every event (`tool` is required by the contract). */
  source: Source;
  /** Default `actor` (the signed-in developer). */
  actor?: Actor;
  /** Default `context`. */
  context?: EventContext;
  /** A batch is sent at the latest this long after its first event was tracked. Default 5000. */
  flushIntervalMs?: number;
  /** Events per request, at most 1000 (the default). */
  maxBatchEvents?: number;
  /** Uncompressed bytes per request, at most ~4.5 MB (the default). */
  maxBatchBytes?: number;
  /** Events held in memory; beyond it the oldest go to the spool, or are dropped without one. Default 10000. */
  maxQueueEvents?: number;
  /** Bodies larger than this are gzipped when a compressor is available. Default 16 KiB. */
  gzipThresholdBytes?: number;
  /** A request without a response after this long counts as a network error. Default 30000. */
  requestTimeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  /** Where unsent events wait (the Node client's disk spool). Without one they stay in memory. */
  spool?: Spool;
  /** gzip implementation; the platform `CompressionStream` when absent. */
  compress?: Compressor;
  fetch?: FetchLike;
  /** Injected for tests: jitter source, clock and timer. */
  random?: () => number;
  now?: () => number;
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  onRejected?: (rejections: Rejection[]) => void;
  onError?: (error: UpliftSdkError) => void;
  onWarning?: (warning: UpliftWarning) => void;
  onDelivered?: (delivery: Delivery) => void;
};

/** One 200 response: how many events it accepted and refused. */
export type Delivery = { accepted: number; rejected: number };

/** What one `flush()` or `shutdown()` did with the events it handled. */
export type FlushResult = {
  /** Events the collector accepted (durable on its side). */
  accepted: number;
  /** Events the collector refused in a 200 response (reported through `rejected`). */
  rejected: number;
  /** Events in batches the collector refused as a whole (reported through `error`). */
  failed: number;
  /** Events written to the spool to be sent later. */
  spooled: number;
  /** Events still in memory (no spool, collector unreachable). */
  pending: number;
};

type Listeners = {
  rejected: (rejections: Rejection[]) => void;
  error: (error: UpliftSdkError) => void;
  warning: (warning: UpliftWarning) => void;
  delivered: (delivery: Delivery) => void;
};

type QueuedEvent = { json: string; bytes: number };

type BatchResult = { accepted: number; rejected: number; failed: number; unsent: QueuedEvent[] };

const encoder = new TextEncoder();
const BODY_PREFIX = '{"events":[';
const BODY_SUFFIX = ']}';
const ENVELOPE_BYTES = BODY_PREFIX.length + BODY_SUFFIX.length;

function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}

/** An AbortSignal that aborts when any of the given ones does (AbortSignal.any is not everywhere yet). */
function anySignal(signals: AbortSignal[]): AbortSignal {
  const controller = new AbortController();
  for (const signal of signals) {
    if (signal.aborted) {
      controller.abort();
      break;
    }
    signal.addEventListener('abort', () => controller.abort(), { once: true });
  }
  return controller.signal;
}

function unrefTimer(timer: ReturnType<typeof setTimeout>): void {
  (timer as { unref?: () => void }).unref?.();
}

function emptyResult(): FlushResult {
  return { accepted: 0, rejected: 0, failed: 0, spooled: 0, pending: 0 };
}

/**
 * Batches events, sends them to the collector, retries what may succeed later and spools what could not
 * be sent. No public method throws: problems are reported through `on('error' | 'warning' | 'rejected')`.
 */
export class UpliftClient {
  private readonly endpoint: string;
  private readonly retry: RetryPolicy;
  private readonly flushIntervalMs: number;
  private readonly maxBatchEvents: number;
  private readonly maxBatchBytes: number;
  private readonly maxQueueEvents: number;
  private readonly gzipThresholdBytes: number;
  private readonly requestTimeoutMs: number;
  private readonly fetch: FetchLike;
  private readonly random: () => number;
  private readonly now: () => number;
  private readonly sleep: (ms: number, signal: AbortSignal) => Promise<void>;
  private readonly listeners: { [Name in keyof Listeners]: Set<Listeners[Name]> } = {
    rejected: new Set(),
    error: new Set(),
    warning: new Set(),
    delivered: new Set(),
  };

  private queue: QueuedEvent[] = [];
  private pump: Promise<unknown> = Promise.resolve();
  private spoolWrites: Promise<unknown> = Promise.resolve();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private flushRequested = false;
  private offlineStreak = 0;
  private closed = false;
  private readonly closing = new AbortController();

  constructor(private readonly options: UpliftClientOptions) {
    this.endpoint = `${options.url.replace(/\/+$/, '')}/v1/events`;
    this.retry = { ...DEFAULT_RETRY_POLICY, ...options.retry };
    this.retry.maxAttempts = Math.max(1, this.retry.maxAttempts);
    this.flushIntervalMs = options.flushIntervalMs ?? 5000;
    this.maxBatchEvents = Math.min(Math.max(1, options.maxBatchEvents ?? MAX_EVENTS_PER_REQUEST), MAX_EVENTS_PER_REQUEST);
    this.maxBatchBytes = Math.min(options.maxBatchBytes ?? DEFAULT_MAX_BATCH_BYTES, MAX_REQUEST_BYTES);
    this.maxQueueEvents = Math.max(1, options.maxQueueEvents ?? 10_000);
    this.gzipThresholdBytes = options.gzipThresholdBytes ?? 16 * 1024;
    this.requestTimeoutMs = options.requestTimeoutMs ?? 30_000;
    this.fetch = options.fetch ?? (globalThis.fetch.bind(globalThis) as unknown as FetchLike);
    this.random = options.random ?? Math.random;
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? abortableSleep;
    if (options.onRejected) this.listeners.rejected.add(options.onRejected);
    if (options.onError) this.listeners.error.add(options.onError);
    if (options.onWarning) this.listeners.warning.add(options.onWarning);
    if (options.onDelivered) this.listeners.delivered.add(options.onDelivered);
    options.spool?.onDropped((droppedEvents) =>
      this.warn({ code: 'SPOOL_FULL', message: `spool full: dropped the ${droppedEvents} oldest events`, events: droppedEvents }),
    );
  }

  /** Subscribes to `rejected`, `error`, `warning` or `delivered`; returns the unsubscribe function. */
  on<Name extends keyof Listeners>(name: Name, listener: Listeners[Name]): () => void {
    this.listeners[name].add(listener);
    return () => this.listeners[name].delete(listener);
  }

  /** Builds a contract envelope around `data` and queues it. Returns the event id; never throws. */
  track<Type extends EventType>(input: TrackInput<Type>): string | undefined {
    try {
      if (this.closed) {
        this.warn({ code: 'CLOSED', message: `track() after shutdown(): ${String(input?.type)} ignored`, events: 1 });
        return undefined;
      }
      const event = this.buildEvent(input);
      const json = JSON.stringify(event);
      const bytes = encoder.encode(json).byteLength;
      if (bytes + ENVELOPE_BYTES > this.maxBatchBytes) {
        this.fail(new UpliftSdkError('EVENT_TOO_LARGE', `event ${event.id} is ${bytes} bytes, over the ${this.maxBatchBytes}-byte batch limit`, { events: [event] }));
        return undefined;
      }
      this.queue.push({ json, bytes });
      this.enforceQueueBound();
      this.scheduleFlush();
      return event.id;
    } catch (error: unknown) {
      this.fail(new UpliftSdkError('INTERNAL', `track() failed: ${String(error)}`, { cause: error }));
      return undefined;
    }
  }

  // Typed helpers, one per event type of the contract.
  assistantActivated(options?: TrackOptions) {
    return this.track({ type: 'assistant.activated', data: {}, ...options });
  }
  completionShown(data: EventDataByType['completion.shown'], options?: TrackOptions) {
    return this.track({ type: 'completion.shown', data, ...options });
  }
  completionAccepted(data: EventDataByType['completion.accepted'], options?: TrackOptions) {
    return this.track({ type: 'completion.accepted', data, ...options });
  }
  completionRejected(data: EventDataByType['completion.rejected'], options?: TrackOptions) {
    return this.track({ type: 'completion.rejected', data, ...options });
  }
  chatTurn(data: EventDataByType['chat.turn'], options?: TrackOptions) {
    return this.track({ type: 'chat.turn', data, ...options });
  }
  chatFeedback(data: EventDataByType['chat.feedback'], options?: TrackOptions) {
    return this.track({ type: 'chat.feedback', data, ...options });
  }
  chatApplied(data: EventDataByType['chat.applied'], options?: TrackOptions) {
    return this.track({ type: 'chat.applied', data, ...options });
  }
  agentSession(data: EventDataByType['agent.session'], options?: TrackOptions) {
    return this.track({ type: 'agent.session', data, ...options });
  }
  agentEdit(data: EventDataByType['agent.edit'], options?: TrackOptions) {
    return this.track({ type: 'agent.edit', data, ...options });
  }
  usageCost(data: EventDataByType['usage.cost'], options?: TrackOptions) {
    return this.track({ type: 'usage.cost', data, ...options });
  }
  commit(data: EventDataByType['commit'], options?: TrackOptions) {
    return this.track({ type: 'commit', data, ...options });
  }
  pullRequestOpened(data: EventDataByType['pull_request.opened'], options?: TrackOptions) {
    return this.track({ type: 'pull_request.opened', data, ...options });
  }
  pullRequestMerged(data: EventDataByType['pull_request.merged'], options?: TrackOptions) {
    return this.track({ type: 'pull_request.merged', data, ...options });
  }
  pullRequestClosed(data: EventDataByType['pull_request.closed'], options?: TrackOptions) {
    return this.track({ type: 'pull_request.closed', data, ...options });
  }
  buildFinished(data: EventDataByType['build.finished'], options?: TrackOptions) {
    return this.track({ type: 'build.finished', data, ...options });
  }
  deploymentFinished(data: EventDataByType['deployment.finished'], options?: TrackOptions) {
    return this.track({ type: 'deployment.finished', data, ...options });
  }
  workItemCreated(data: EventDataByType['work_item.created'], options?: TrackOptions) {
    return this.track({ type: 'work_item.created', data, ...options });
  }
  workItemResolved(data: EventDataByType['work_item.resolved'], options?: TrackOptions) {
    return this.track({ type: 'work_item.resolved', data, ...options });
  }
  incidentOpened(data: EventDataByType['incident.opened'], options?: TrackOptions) {
    return this.track({ type: 'incident.opened', data, ...options });
  }
  incidentResolved(data: EventDataByType['incident.resolved'], options?: TrackOptions) {
    return this.track({ type: 'incident.resolved', data, ...options });
  }
  surveyResponse(data: EventDataByType['survey.response'], options?: TrackOptions) {
    return this.track({ type: 'survey.response', data, ...options });
  }

  /** Events waiting in memory. */
  get pendingEvents(): number {
    return this.queue.length;
  }

  /**
   * Sends spooled events, then everything queued. Resolves when each was delivered, refused, spooled or
   * (without a spool) kept for the next flush. `signal` ends it early: unsent events stay queued.
   */
  flush(options: { signal?: AbortSignal } = {}): Promise<FlushResult> {
    const run = this.pump.then(() => this.runFlush(options.signal));
    this.pump = run.catch(() => undefined);
    return run;
  }

  /**
   * Stops the timer and flushes within `timeoutMs` (default 5000); what is left goes to the spool (or is
   * reported as dropped without one). Later `track()` calls are ignored.
   */
  async shutdown(options: { timeoutMs?: number } = {}): Promise<FlushResult> {
    const timeoutMs = options.timeoutMs ?? 5000;
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const deadline = setTimeout(() => this.closing.abort(), timeoutMs);
    try {
      const result = await this.flush();
      const leftover = this.queue.splice(0);
      if (leftover.length > 0) {
        const spooled = await this.toSpool(leftover);
        result.spooled += spooled;
        if (spooled < leftover.length) {
          this.warn({ code: 'DROPPED_ON_SHUTDOWN', message: `${leftover.length - spooled} events were not sent before shutdown`, events: leftover.length - spooled });
        }
      }
      await this.spoolWrites;
      result.pending = 0;
      return result;
    } finally {
      clearTimeout(deadline);
      await this.options.spool?.close().catch((error: unknown) => this.fail(new UpliftSdkError('SPOOL_FAILED', `closing the spool failed: ${String(error)}`, { cause: error })));
    }
  }

  private buildEvent<Type extends EventType>(input: TrackInput<Type>): UpliftEvent {
    const defaults = this.options;
    const actor = { ...defaults.actor, ...input.actor };
    const context = { ...defaults.context, ...input.context };
    const event: Record<string, unknown> = {
      id: input.id ?? uuidv7(),
      type: input.type,
      time: toTimestamp(input.time ?? this.now()),
    };
    if (Object.keys(actor).length > 0 || !actorIsOptional(input.type)) event['actor'] = actor;
    event['source'] = { ...defaults.source, ...input.source };
    if (Object.keys(context).length > 0) event['context'] = context;
    event['data'] = input.data;
    return event as UpliftEvent;
  }

  private scheduleFlush(): void {
    if (this.closed) return;
    const full = this.queue.length >= this.maxBatchEvents || this.queuedBytes() + ENVELOPE_BYTES >= this.maxBatchBytes;
    if (full) {
      if (this.flushRequested) return;
      this.flushRequested = true;
      if (this.timer) clearTimeout(this.timer);
      this.timer = undefined;
      void this.pump.then(() => {
        this.flushRequested = false;
        return this.flush();
      });
      return;
    }
    if (!this.timer) this.startTimer(this.flushIntervalMs);
  }

  private startTimer(delayMs: number): void {
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.flush();
    }, delayMs);
    unrefTimer(this.timer);
  }

  private queuedBytes(): number {
    let total = 0;
    for (const item of this.queue) total += item.bytes + 1;
    return total;
  }

  private enforceQueueBound(): void {
    const excess = this.queue.length - this.maxQueueEvents;
    if (excess <= 0) return;
    const oldest = this.queue.splice(0, excess);
    if (this.options.spool) {
      this.spoolWrites = this.spoolWrites.then(() => this.toSpool(oldest));
      return;
    }
    this.warn({ code: 'QUEUE_FULL', message: `queue full: dropped the ${excess} oldest events`, events: excess });
  }

  private async runFlush(external: AbortSignal | undefined): Promise<FlushResult> {
    const result = emptyResult();
    const signal = anySignal(external ? [external, this.closing.signal] : [this.closing.signal]);
    try {
      await this.spoolWrites;
      let online = await this.drainSpool(signal, result);
      while (online && this.queue.length > 0 && !signal.aborted) {
        const batch = this.takeBatch();
        const sent = await this.sendBatch(batch, signal, true);
        addCounts(result, sent);
        if (sent.unsent.length > 0) {
          this.queue.unshift(...sent.unsent);
          online = false;
        }
      }
      if (!online && !signal.aborted) {
        this.offlineStreak += 1;
        this.reportOffline();
        // Unsent events go to the spool at once: they survive a crash, and the next flush sends them first.
        if (this.options.spool && this.queue.length > 0) result.spooled += await this.toSpool(this.queue.splice(0));
      } else if (online) {
        this.offlineStreak = 0;
      }
    } catch (error: unknown) {
      this.fail(new UpliftSdkError('INTERNAL', `flush failed: ${String(error)}`, { cause: error }));
    }
    result.pending = this.queue.length;
    this.rescheduleAfterFlush();
    return result;
  }

  private rescheduleAfterFlush(): void {
    if (this.closed || this.timer) return;
    if (this.offlineStreak > 0) {
      // Offline: come back later with growing pauses, whether the events wait in memory or in the spool.
      const delay = Math.min(this.retry.maxDelayMs, this.flushIntervalMs * 2 ** Math.min(this.offlineStreak - 1, 10));
      this.startTimer(Math.max(delay, this.flushIntervalMs));
      return;
    }
    if (this.queue.length > 0) this.startTimer(this.flushIntervalMs);
  }

  private reportOffline(): void {
    const where = this.options.spool ? 'spooled' : 'kept in memory';
    this.warn({ code: 'OFFLINE', message: `collector unreachable after ${this.retry.maxAttempts} attempts: events ${where} for a later flush` });
  }

  /** Sends the spool's oldest events first. Returns false when the collector could not be reached. */
  private async drainSpool(signal: AbortSignal, result: FlushResult): Promise<boolean> {
    const spool = this.options.spool;
    if (!spool) return true;
    let lease;
    try {
      lease = await spool.lease();
    } catch (error: unknown) {
      this.fail(new UpliftSdkError('SPOOL_FAILED', `reading the spool failed: ${String(error)}`, { cause: error }));
      return true;
    }
    if (!lease) return true; // another process is draining it
    try {
      while (!signal.aborted) {
        const chunk = await lease.next({ maxEvents: this.maxBatchEvents, maxBytes: this.maxBatchBytes - ENVELOPE_BYTES });
        if (!chunk) return true;
        const batch = this.fromSpoolLines(chunk.lines);
        const sent = batch.length > 0 ? await this.sendBatch(batch, signal, true) : { accepted: 0, rejected: 0, failed: 0, unsent: [] };
        addCounts(result, sent);
        if (sent.unsent.length === batch.length && batch.length > 0) return false;
        await chunk.ack();
        if (sent.unsent.length > 0) {
          // Half of a split batch went through: keep only the rest.
          await spool.append(sent.unsent.map((item) => item.json));
          return false;
        }
      }
      return false;
    } catch (error: unknown) {
      this.fail(new UpliftSdkError('SPOOL_FAILED', `draining the spool failed: ${String(error)}`, { cause: error }));
      return true;
    } finally {
      await lease.release().catch(() => undefined);
    }
  }

  private fromSpoolLines(lines: string[]): QueuedEvent[] {
    const batch: QueuedEvent[] = [];
    let corrupt = 0;
    for (const line of lines) {
      try {
        JSON.parse(line);
        batch.push({ json: line, bytes: encoder.encode(line).byteLength });
      } catch {
        corrupt += 1;
      }
    }
    if (corrupt > 0) this.warn({ code: 'SPOOL_CORRUPT', message: `skipped ${corrupt} unreadable spooled events`, events: corrupt });
    return batch;
  }

  private takeBatch(): QueuedEvent[] {
    let bytes = ENVELOPE_BYTES;
    let count = 0;
    for (const item of this.queue) {
      if (count >= this.maxBatchEvents) break;
      const added = item.bytes + (count > 0 ? 1 : 0);
      if (count > 0 && bytes + added > this.maxBatchBytes) break;
      bytes += added;
      count += 1;
    }
    return this.queue.splice(0, count);
  }

  /** Posts one batch with retries. `unsent` holds what may still succeed later. */
  private async sendBatch(batch: QueuedEvent[], signal: AbortSignal, allowSplit: boolean): Promise<BatchResult> {
    const body = encoder.encode(`${BODY_PREFIX}${batch.map((item) => item.json).join(',')}${BODY_SUFFIX}`);
    const compress = this.options.compress;
    for (let attempt = 0; attempt < this.retry.maxAttempts; attempt += 1) {
      const outcome = await postEvents({
        fetch: this.fetch,
        endpoint: this.endpoint,
        ingestKey: this.options.ingestKey,
        body,
        gzip: compress,
        gzipThresholdBytes: this.gzipThresholdBytes,
        signal,
        requestTimeoutMs: this.requestTimeoutMs,
      });
      if (outcome.kind === 'aborted') return unsentResult(batch);
      if (outcome.kind === 'ok') return this.delivered(batch, outcome.body);
      if (outcome.kind === 'http' && outcome.status === 413 && allowSplit && batch.length > 1) {
        // Too large is about size, not content: each half gets one more chance, unsplit.
        const middle = Math.ceil(batch.length / 2);
        const first = await this.sendBatch(batch.slice(0, middle), signal, false);
        const second = await this.sendBatch(batch.slice(middle), signal, false);
        return {
          accepted: first.accepted + second.accepted,
          rejected: first.rejected + second.rejected,
          failed: first.failed + second.failed,
          unsent: [...first.unsent, ...second.unsent],
        };
      }
      if (outcome.kind === 'http' && !isRetryableStatus(outcome.status)) {
        this.fail(new UpliftSdkError('BATCH_REFUSED', `the collector refused a batch of ${batch.length} events: ${outcome.message}`, { status: outcome.status, events: parseEvents(batch) }));
        return { accepted: 0, rejected: 0, failed: batch.length, unsent: [] };
      }
      if (attempt + 1 >= this.retry.maxAttempts) break;
      await this.sleep(this.retryDelayMs(outcome, attempt), signal);
      if (signal.aborted) return unsentResult(batch);
    }
    return unsentResult(batch);
  }

  private retryDelayMs(outcome: PostOutcome, attempt: number): number {
    if (outcome.kind === 'http' && (outcome.status === 429 || outcome.status === 503)) {
      const asked = parseRetryAfterMs(outcome.retryAfter, this.now());
      if (asked !== undefined) return Math.min(asked, this.retry.maxRetryAfterMs);
    }
    return backoffDelayMs(attempt, this.retry, this.random);
  }

  private delivered(batch: QueuedEvent[], body: { accepted: number; rejected: { index: number; id?: string; errors: Rejection['errors'] }[] }): BatchResult {
    const rejections: Rejection[] = [];
    for (const refused of body.rejected) {
      const item = batch[refused.index];
      if (!item) continue;
      const rejection: Rejection = { event: JSON.parse(item.json) as UpliftEvent, errors: refused.errors ?? [] };
      if (refused.id !== undefined) rejection.id = refused.id;
      rejections.push(rejection);
    }
    if (rejections.length > 0) this.emit('rejected', rejections);
    this.emit('delivered', { accepted: body.accepted, rejected: rejections.length });
    return { accepted: body.accepted, rejected: rejections.length, failed: 0, unsent: [] };
  }

  /** Writes events to the spool; returns how many it took (0 without a spool or when writing fails). */
  private async toSpool(items: QueuedEvent[]): Promise<number> {
    const spool = this.options.spool;
    if (!spool || items.length === 0) return 0;
    try {
      await spool.append(items.map((item) => item.json));
      return items.length;
    } catch (error: unknown) {
      this.fail(new UpliftSdkError('SPOOL_FAILED', `writing ${items.length} events to the spool failed: ${String(error)}`, { cause: error, events: parseEvents(items) }));
      return 0;
    }
  }

  private emit<Name extends keyof Listeners>(name: Name, payload: Parameters<Listeners[Name]>[0]): void {
    for (const listener of this.listeners[name]) {
      try {
        (listener as (value: typeof payload) => void)(payload);
      } catch {
        // a listener's own failure must not break delivery
      }
    }
  }

  private fail(error: UpliftSdkError): void {
    this.emit('error', error);
  }

  private warn(warning: UpliftWarning): void {
    this.emit('warning', warning);
  }
}

/**
 * 429, 503 (both with Retry-After), other 5xx and 408 may succeed later; so may a 200 whose body could not
 * be read (re-sending is harmless: ids make it idempotent). Any other status will not.
 */
function isRetryableStatus(status: number): boolean {
  return status === 200 || status === 408 || status === 429 || status >= 500;
}

function unsentResult(batch: QueuedEvent[]): BatchResult {
  return { accepted: 0, rejected: 0, failed: 0, unsent: batch };
}

function addCounts(result: FlushResult, sent: BatchResult): void {
  result.accepted += sent.accepted;
  result.rejected += sent.rejected;
  result.failed += sent.failed;
}

function parseEvents(items: QueuedEvent[]): UpliftEvent[] {
  return items.map((item) => JSON.parse(item.json) as UpliftEvent);
}

function toTimestamp(time: Date | string | number): string {
  if (typeof time === 'string') return time;
  return (typeof time === 'number' ? new Date(time) : time).toISOString();
}
