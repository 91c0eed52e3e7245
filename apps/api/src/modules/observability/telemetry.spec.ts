import { describe, expect, it } from 'vitest';
import { Counter, Histogram, Telemetry } from './telemetry';

describe('Prometheus exposition', () => {
  it('renders counters with escaped labels', () => {
    const counter = new Counter('uplift_x_total', 'X.');
    counter.inc(2, { type: 'commit' });
    counter.inc(1, { type: 'a"b' });
    expect(counter.render()).toBe('# HELP uplift_x_total X.\n# TYPE uplift_x_total counter\nuplift_x_total{type="commit"} 2\nuplift_x_total{type="a\\"b"} 1');
  });

  it('renders cumulative histogram buckets, sum and count', () => {
    const histogram = new Histogram('uplift_t_seconds', 'T.', [0.1, 1]);
    histogram.observe(0.05);
    histogram.observe(0.5);
    histogram.observe(3);
    expect(histogram.lines()).toEqual([
      'uplift_t_seconds_bucket{le="0.1"} 1',
      'uplift_t_seconds_bucket{le="1"} 2',
      'uplift_t_seconds_bucket{le="+Inf"} 3',
      'uplift_t_seconds_sum 3.55',
      'uplift_t_seconds_count 3',
    ]);
  });

  it('exposes every Uplift signal, zero before anything happened', () => {
    const text = new Telemetry().render();
    for (const name of ['uplift_events_accepted_total 0', 'uplift_events_rejected_total 0', 'uplift_ingest_dlq_messages_total 0', '# TYPE uplift_storage_write_seconds histogram', 'uplift_process_uptime_seconds']) {
      expect(text).toContain(name);
    }
  });
});
