/**
 * A small Prometheus registry: counters, gauges and histograms with labels, rendered in the text
 * exposition format. Enough for Uplift's own signals without another dependency.
 */
type Labels = Record<string, string>;

const labelKey = (labels: Labels) =>
  Object.keys(labels)
    .sort()
    .map((name) => `${name}="${labels[name]!.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`)
    .join(',');

abstract class Metric {
  constructor(
    readonly name: string,
    readonly help: string,
    readonly type: 'counter' | 'gauge' | 'histogram',
  ) {}
  abstract lines(): string[];
  render(): string {
    return [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} ${this.type}`, ...this.lines()].join('\n');
  }
}

export class Counter extends Metric {
  private readonly values = new Map<string, number>();
  constructor(name: string, help: string) {
    super(name, help, 'counter');
  }
  inc(amount = 1, labels: Labels = {}): void {
    const key = labelKey(labels);
    this.values.set(key, (this.values.get(key) ?? 0) + amount);
  }
  get(labels: Labels = {}): number {
    return this.values.get(labelKey(labels)) ?? 0;
  }
  lines(): string[] {
    if (this.values.size === 0) return [`${this.name} 0`];
    return [...this.values].map(([key, value]) => `${this.name}${key ? `{${key}}` : ''} ${value}`);
  }
}

export class Gauge extends Metric {
  private readonly values = new Map<string, number>();
  constructor(name: string, help: string) {
    super(name, help, 'gauge');
  }
  set(value: number, labels: Labels = {}): void {
    this.values.set(labelKey(labels), value);
  }
  lines(): string[] {
    return [...this.values].map(([key, value]) => `${this.name}${key ? `{${key}}` : ''} ${value}`);
  }
}

export class Histogram extends Metric {
  private readonly series = new Map<string, { buckets: number[]; sum: number; count: number }>();
  constructor(
    name: string,
    help: string,
    private readonly bounds: readonly number[],
  ) {
    super(name, help, 'histogram');
  }
  observe(value: number, labels: Labels = {}): void {
    const key = labelKey(labels);
    const entry = this.series.get(key) ?? { buckets: this.bounds.map(() => 0), sum: 0, count: 0 };
    this.bounds.forEach((bound, index) => {
      if (value <= bound) entry.buckets[index]! += 1;
    });
    entry.sum += value;
    entry.count += 1;
    this.series.set(key, entry);
  }
  lines(): string[] {
    const lines: string[] = [];
    for (const [key, entry] of this.series) {
      const withLabel = (extra: string) => `{${[key, extra].filter(Boolean).join(',')}}`;
      this.bounds.forEach((bound, index) => lines.push(`${this.name}_bucket${withLabel(`le="${bound}"`)} ${entry.buckets[index]}`));
      lines.push(`${this.name}_bucket${withLabel('le="+Inf"')} ${entry.count}`);
      lines.push(`${this.name}_sum${key ? `{${key}}` : ''} ${entry.sum}`);
      lines.push(`${this.name}_count${key ? `{${key}}` : ''} ${entry.count}`);
    }
    return lines;
  }
}

const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** Every signal Uplift exposes at GET /metrics. */
export class Telemetry {
  readonly eventsAccepted = new Counter('uplift_events_accepted_total', 'Events accepted by the collector (durable when counted).');
  readonly eventsRejected = new Counter('uplift_events_rejected_total', 'Events the collector rejected, by event type.');
  readonly ingestRequests = new Counter('uplift_ingest_requests_total', 'POST /v1/events requests by HTTP status.');
  readonly storageWrites = new Counter('uplift_storage_writes_total', 'Group-commit writes to the durable store, by outcome.');
  readonly storageWriteSeconds = new Histogram('uplift_storage_write_seconds', 'Duration of one durable write (ClickHouse insert or Kafka produce).', LATENCY_BUCKETS);
  readonly storageWriteRows = new Counter('uplift_storage_write_rows_total', 'Rows written to the durable store.');
  readonly pendingEvents = new Gauge('uplift_collector_pending_events', 'Events waiting for the durable store.');
  readonly produceSeconds = new Histogram('uplift_kafka_produce_seconds', 'Time until the Kafka broker acknowledged a produce.', LATENCY_BUCKETS);
  readonly consumerBatches = new Counter('uplift_ingest_batches_total', 'Kafka batches written to ClickHouse by the ingest role, by outcome.');
  readonly consumerInsertSeconds = new Histogram('uplift_ingest_insert_seconds', 'ClickHouse insert time of one consumed batch.', LATENCY_BUCKETS);
  readonly consumerLag = new Gauge('uplift_ingest_consumer_lag', 'Messages behind the partition high watermark, by partition.');
  readonly dlqMessages = new Counter('uplift_ingest_dlq_messages_total', 'Messages sent to the dead-letter topic, by reason.');

  private readonly started = Date.now();
  private readonly all: Metric[] = [
    this.eventsAccepted,
    this.eventsRejected,
    this.ingestRequests,
    this.storageWrites,
    this.storageWriteSeconds,
    this.storageWriteRows,
    this.pendingEvents,
    this.produceSeconds,
    this.consumerBatches,
    this.consumerInsertSeconds,
    this.consumerLag,
    this.dlqMessages,
  ];

  render(): string {
    const memory = process.memoryUsage();
    const process_ = [
      '# HELP uplift_process_uptime_seconds Seconds since the process started.',
      '# TYPE uplift_process_uptime_seconds gauge',
      `uplift_process_uptime_seconds ${(Date.now() - this.started) / 1000}`,
      '# HELP uplift_process_resident_memory_bytes Resident memory of the process.',
      '# TYPE uplift_process_resident_memory_bytes gauge',
      `uplift_process_resident_memory_bytes ${memory.rss}`,
    ];
    return `${[...this.all.map((metric) => metric.render()), ...process_].join('\n')}\n`;
  }
}
