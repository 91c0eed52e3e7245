/**
 * Durable storage for events that could not be sent (the Node client's disk spool). Each line is one
 * serialized event. The client drains it before anything queued in memory, so older events go first.
 */
export type Spool = {
  /** Stores events after those already spooled. */
  append(lines: string[]): Promise<void>;
  /**
   * Exclusive right to send and remove spooled events (other processes sharing the directory skip
   * draining while it is held). `undefined` when another holder has it.
   */
  lease(): Promise<SpoolLease | undefined>;
  /** What is stored now, and how many events were dropped to stay within bounds since this instance opened. */
  stats(): Promise<SpoolStats>;
  /** Called with the number of events dropped (oldest first) whenever the bounds force a drop. */
  onDropped(listener: (droppedEvents: number) => void): void;
  /** Makes everything appended so far visible to other processes and releases what this instance holds. */
  close(): Promise<void>;
};

export type SpoolStats = { events: number; bytes: number; droppedEvents: number };

export type SpoolLease = {
  /** The oldest spooled events within the limits, or `undefined` when the spool is empty. */
  next(limits: { maxEvents: number; maxBytes: number }): Promise<SpoolChunk | undefined>;
  release(): Promise<void>;
};

export type SpoolChunk = {
  lines: string[];
  /** Removes these events from the spool (they were delivered, or refused for good). */
  ack(): Promise<void>;
};
