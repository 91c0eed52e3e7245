import { randomUUID } from 'node:crypto';
import { toClickHouseDateTime, toEventRow, type EventRow } from '@uplift/clickhouse';
import { validateEvent } from '@uplift/events';
import { partitionForKey } from '@uplift/kafka';
import { describe, expect, it } from 'vitest';
import { MAX_EVENT_MESSAGE_BYTES, decodeEventMessage, eventKey, eventMessageLines, toEventMessages } from './event-message';

const now = new Date();

function commitRow(orgId: string, developer: number): EventRow {
  const id = randomUUID();
  const result = validateEvent(
    { id, type: 'commit', time: now.toISOString(), actor: { email: `dev${developer}@example.com` }, source: { tool: 'git' }, data: { sha: id.replace(/-/g, ''), repo: 'acme/shop', linesAdded: 1, linesDeleted: 0 } },
    { now },
  );
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return toEventRow(orgId, result.event, toClickHouseDateTime(now));
}

const linesOf = (value: string | Buffer) => eventMessageLines(Buffer.from(value)).map((line) => decodeEventMessage(line));

describe('event messages', () => {
  it('puts each row in its key partition, rows of one org and partition sharing a message in their order', () => {
    const rows = [...Array.from({ length: 40 }, (_, index) => commitRow('org-a', index % 13)), ...Array.from({ length: 10 }, (_, index) => commitRow('org-b', index))];
    const messages = toEventMessages(rows, 6);
    const seen: string[] = [];
    for (const message of messages) {
      const decoded = linesOf(message.value);
      for (const line of decoded) {
        if (!line.ok) throw new Error(line.reason);
        expect(message.partition).toBe(partitionForKey(eventKey(line.row), 6));
        expect(message.key).toBe(line.row.org_id);
        expect(message.headers).toEqual({ 'uplift-message': '2', 'uplift-org': line.row.org_id });
        seen.push(line.row.id);
      }
    }
    expect(messages.length).toBeLessThanOrEqual(12);
    expect(new Set(seen).size).toBe(50);
    // within a partition the rows keep the order they were written in
    for (const message of messages) {
      const ids = linesOf(message.value).map((line) => (line.ok ? line.row.id : ''));
      const positions = ids.map((id) => rows.findIndex((row) => row.id === id));
      expect(positions).toEqual([...positions].sort((left, right) => left - right));
    }
  });

  it('starts another message of the same partition past MAX_EVENT_MESSAGE_BYTES', () => {
    const rows = Array.from({ length: 800 }, () => commitRow('org-a', 1));
    const messages = toEventMessages(rows, 6);
    expect(messages.length).toBeGreaterThan(1);
    for (const message of messages) expect(Buffer.byteLength(message.value)).toBeLessThanOrEqual(MAX_EVENT_MESSAGE_BYTES);
    expect(messages.reduce((sum, message) => sum + eventMessageLines(Buffer.from(message.value)).length, 0)).toBe(800);
  });

  it('reads a version 1 message (one row) as one line, and a bad line alone as poison', () => {
    const row = commitRow('org-a', 1);
    expect(linesOf(JSON.stringify(row))).toEqual([{ ok: true, row }]);
    expect(eventMessageLines(null)).toEqual([null]);
    const mixed = linesOf(`${JSON.stringify(row)}\nnot json`);
    expect(mixed[0]).toEqual({ ok: true, row });
    expect(mixed[1]).toMatchObject({ ok: false, reason: expect.stringMatching(/^not JSON: /) });
  });
});
