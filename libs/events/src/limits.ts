/** Ingest limits of the events v1 contract. */
export const MAX_EVENTS_PER_BATCH = 1000;

/** Largest accepted request body, measured before decompression. */
export const MAX_BODY_BYTES = 5 * 1024 * 1024;

/** An event's `time` may lie at most this many days before the server clock… */
export const MAX_EVENT_AGE_DAYS = 400;

/** …and at most this far after it (client clocks drift). */
export const MAX_CLOCK_SKEW_MS = 60 * 60 * 1000;
