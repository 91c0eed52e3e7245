/** The event log: every accepted event, keyed by `org:developer` so each developer's events stay ordered. */
export const EVENTS_TOPIC = 'uplift.events.v1';
/** Messages the ingest consumer could not turn into rows, kept for inspection. */
export const DLQ_TOPIC = 'uplift.events.dlq';
