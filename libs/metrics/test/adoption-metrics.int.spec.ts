import { randomUUID } from 'node:crypto';
import { queryRows, Tables, type UpliftClickHouse } from '@uplift/clickhouse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adoptionEvents, replayedAdoptionEvents } from './adoption-fixture';
import { insertRows, metricRunner, openTestStore } from './metric-test-support';

/**
 * activated_users, adoption_rate, pr_throughput_per_developer, ai_assisted_pr_share, request_mix,
 * estimated_efficiency_gain, satisfaction and time_saved_hours against real chDB. Events are numbered as in
 * adoption-fixture.ts (A = activation, U = assistant use, C = commit, P = pull request, S = survey); expected
 * values are computed by hand beside each assertion. Weeks (UTC): W27 = 06-29…07-05, W28 = 07-06…07-12,
 * W29 = 07-13…07-19.
 */

const ORG = `org-${randomUUID()}`;
const OTHER_ORG = `org-${randomUUID()}`;
const JULY = { from: '2026-06-29', to: '2026-07-19' };
const SHANGHAI = { timeZone: 'Asia/Shanghai' };
let clickHouse: UpliftClickHouse;
let closeStore: () => Promise<void>;
const { metric, onlySeries, values, groupedValues } = metricRunner(() => clickHouse, ORG);

beforeAll(async () => {
  ({ clickHouse, close: closeStore } = await openTestStore('adoption-metrics'));
  const events = adoptionEvents(ORG);
  await insertRows(clickHouse, events);
  await insertRows(clickHouse, adoptionEvents(OTHER_ORG)); // the same activity in another org: never shows up
  await insertRows(clickHouse, replayedAdoptionEvents(events)); // a later batch re-sending A1, U7, C3, S1
});

afterAll(async () => {
  await closeStore?.();
});

it('holds un-merged duplicate event ids', async () => {
  const [row] = await queryRows<{ duplicates: number }>(clickHouse.client, {
    query: `SELECT count() - uniqExact(id) AS duplicates FROM ${Tables.events} WHERE org_id = {org:String}`,
    params: { org: ORG },
    comment: 'metrics:test',
  });
  expect(row?.duplicates).toBe(4);
});

describe('activated_users (cumulative)', () => {
  it('counts everyone activated at or before the end of each bucket, from the beginning of history', async () => {
    // W27 ends 07-05 24:00 UTC: alice (A1, March), carol (A4, 07-05 23:30), erin (A7, 2025) = 3; the bot never counts
    // W28: + bob (A2) = 4; W29: bob's second activation (A3) changes nothing; dave (A5, 07-20) is after the range
    expect(await values('activated_users', JULY)).toEqual([3, 4, 4]);
    expect(await values('activated_users', { ...JULY, granularity: 'total' })).toEqual([4]);
    // `from` does not truncate history: a one-week range still sees the March and 2025 activations
    expect(await values('activated_users', { from: '2026-07-13', to: '2026-07-19', granularity: 'total' })).toEqual([4]);
  });

  it("ends buckets in the org's time zone", async () => {
    // Shanghai: W27 ends 07-05 16:00 UTC, before carol's 23:30 UTC activation (07-06 07:30 local): alice, erin
    expect(await values('activated_users', JULY, SHANGHAI)).toEqual([2, 4, 4]);
    const days = { from: '2026-07-05', to: '2026-07-06', granularity: 'day' };
    expect(await values('activated_users', days)).toEqual([3, 3]);
    expect(await values('activated_users', days, SHANGHAI)).toEqual([2, 3]);
  });

  it('labels ISO week-years across New Year', async () => {
    // erin activated Monday 2025-12-29, the first day of 2026-W01
    const response = await metric('activated_users', { from: '2025-12-22', to: '2026-01-11', granularity: 'week' });
    expect(onlySeries(response)).toEqual([
      { period: '2025-W52', value: 0 },
      { period: '2026-W01', value: 1 },
      { period: '2026-W02', value: 1 },
    ]);
  });

  it('groups and filters', async () => {
    // payments: alice from the start, bob from W28; search: carol and erin; dave's activation is after the range
    expect(await groupedValues('activated_users', { ...JULY, groupBy: 'team' })).toEqual([
      ['payments', [1, 2, 2]],
      ['search', [2, 2, 2]],
    ]);
    // copilot: alice and erin
    expect(await values('activated_users', { ...JULY, granularity: 'total', tool: 'copilot' })).toEqual([2]);
  });
});

describe('adoption_rate', () => {
  it('divides developers both active and contributing by contributors', async () => {
    // W27 active alice (U1), bob (U3), carol (A4); contributors bob (C1), carol (C2): 2 ÷ 2
    // W28 active bob (A2), alice (U5), dave (U6, U7); contributors alice (C3, P1), bob (C4, C5, P2), carol (P3): 2 ÷ 3
    // W29 active bob (A3); contributors alice (P1' is an event of its own), carol (P4, P5), dave (P6): 0 ÷ 3 = 0
    const response = await metric('adoption_rate', JULY);
    expect(onlySeries(response)).toEqual([
      { period: '2026-W27', value: 1, numerator: 2, denominator: 2 },
      { period: '2026-W28', value: 2 / 3, numerator: 2, denominator: 3 },
      { period: '2026-W29', value: 0, numerator: 0, denominator: 3 },
    ]);
    // the whole range: alice, bob, carol, dave are all both
    expect(await values('adoption_rate', { ...JULY, granularity: 'total' })).toEqual([1]);
  });

  it('moves the Sunday-night events to W28 in Asia/Shanghai', async () => {
    // W27 active alice, bob; contributor bob: 1 ÷ 1. W28 carol's A4 and C2 join: alice, bob, carol both: 3 ÷ 3
    expect(await values('adoption_rate', JULY, SHANGHAI)).toEqual([1, 1, 0]);
  });

  it('is null without contributors, per team', async () => {
    // payments W27 bob ÷ bob; W28 alice, bob ÷ alice, bob; W29 bob active only, alice contributes only: 0 ÷ 1
    // search W27 carol both; W28, W29 carol contributes only
    // unassigned (dave) W27 nothing; W28 active only: 0 ÷ 0 is null; W29 contributes only (P6)
    expect(await groupedValues('adoption_rate', { ...JULY, groupBy: 'team' })).toEqual([
      ['payments', [1, 1, 0]],
      ['search', [1, 0, 0]],
      ['unassigned', [null, null, 0]],
    ]);
  });
});

describe('pr_throughput_per_developer', () => {
  it('divides merged PRs (each once, in its first bucket) by contributors', async () => {
    // W27 no merge ÷ bob, carol; W28 acme/pay#10, #12 ÷ alice, bob, carol (the bot's #11 does not count);
    // W29 search#20, #21, tools#30 (acme/pay#10 again is not counted twice) ÷ alice (P1'), carol, dave
    const response = await metric('pr_throughput_per_developer', JULY);
    expect(onlySeries(response)).toEqual([
      { period: '2026-W27', value: 0, numerator: 0, denominator: 2 },
      { period: '2026-W28', value: 2 / 3, numerator: 2, denominator: 3 },
      { period: '2026-W29', value: 1, numerator: 3, denominator: 3 },
    ]);
    // 5 merged PRs ÷ alice, bob, carol, dave
    expect(await values('pr_throughput_per_developer', { ...JULY, granularity: 'total' })).toEqual([5 / 4]);
    // acme/pay #10, #12 ÷ alice, bob; acme/search #20, #21 ÷ carol; acme/tools #30 ÷ dave
    expect(await groupedValues('pr_throughput_per_developer', { ...JULY, granularity: 'total', groupBy: 'repo' })).toEqual([
      ['acme/pay', [1]],
      ['acme/search', [2]],
      ['acme/tools', [1]],
    ]);
  });
});

describe('ai_assisted_pr_share', () => {
  it('counts aiAssisted, AI labels (case-insensitive, opened or merged) and AI commits of the same repo', async () => {
    // W28 acme/pay#10 (label AI-Assisted), #12 (its commit c0ffee1 has 5 AI lines): 2 ÷ 2
    // W29 search#20 (aiAssisted on its opened event), tools#30 (label Copilot); search#21 has none — its commit
    // deadbee1 has AI lines only in acme/pay: 2 ÷ 3. No merges in W27: null
    const response = await metric('ai_assisted_pr_share', JULY);
    expect(onlySeries(response)).toEqual([
      { period: '2026-W27', value: null, numerator: 0, denominator: 0 },
      { period: '2026-W28', value: 1, numerator: 2, denominator: 2 },
      { period: '2026-W29', value: 2 / 3, numerator: 2, denominator: 3 },
    ]);
    expect(await groupedValues('ai_assisted_pr_share', { ...JULY, granularity: 'total', groupBy: 'team' })).toEqual([
      ['payments', [1]],
      ['search', [0.5]],
      ['unassigned', [1]],
    ]);
  });

  it("uses the org's AI label list", async () => {
    // only ai-assisted: tools#30's Copilot label no longer counts
    expect(await values('ai_assisted_pr_share', JULY, { aiPrLabels: ['AI-assisted'] })).toEqual([null, 1, 1 / 3]);
    // no labels: acme/pay#10 loses its only signal
    expect(await values('ai_assisted_pr_share', JULY, { aiPrLabels: [] })).toEqual([null, 1 / 2, 1 / 3]);
  });
});

describe('request_mix', () => {
  it('gives one series per kind, each suggestion once', async () => {
    // W27 completion s1 (shown twice), chat U3 (the bot's s9 does not count): ½, ½, 0
    // W28 completion s2, chat U6, agent U7 (re-sent): ⅓ each; W29 nothing: null
    const response = await metric('request_mix', JULY);
    expect(response.series.map((series) => [series.group, series.points.map((point) => [point.numerator, point.denominator])])).toEqual([
      [{ kind: 'completion' }, [[1, 2], [1, 3], [0, 0]]],
      [{ kind: 'chat' }, [[1, 2], [1, 3], [0, 0]]],
      [{ kind: 'agent' }, [[0, 2], [1, 3], [0, 0]]],
    ]);
    expect(response.series[2]?.points.map((point) => point.value)).toEqual([0, 1 / 3, null]);
  });

  it('keys grouped series by group and kind', async () => {
    // payments: W27 alice s1 + bob's chat; W28 alice s2. unassigned: W28 dave's chat and agent session
    expect(await groupedValues('request_mix', { from: '2026-06-29', to: '2026-07-12', groupBy: 'team' })).toEqual([
      ['payments/completion', [1 / 2, 1]],
      ['payments/chat', [1 / 2, 0]],
      ['payments/agent', [0, 0]],
      ['unassigned/completion', [null, 0]],
      ['unassigned/chat', [null, 1 / 2]],
      ['unassigned/agent', [null, 1 / 2]],
    ]);
    const grouped = await metric('request_mix', { ...JULY, granularity: 'total', groupBy: 'team', team: 'payments' });
    expect(grouped.series.map((series) => series.group)).toEqual([
      { team: 'payments', kind: 'completion' },
      { team: 'payments', kind: 'chat' },
      { team: 'payments', kind: 'agent' },
    ]);
  });
});

describe('estimated_efficiency_gain', () => {
  it('is codingTimeShare × ai_code_share', async () => {
    // non-merge commits: C1 10 (5 AI), C2 20, C3 30 (15 AI, re-sent), C4 40, C5 10 (10 AI); the bot's C6 excluded
    // W27 0.32 × 5 ÷ 30; W28 0.32 × 25 ÷ 80 = 0.1; W29 no commits: null
    const [w27, w28, w29] = await values('estimated_efficiency_gain', JULY);
    expect(w27).toBeCloseTo((0.32 * 5) / 30, 12);
    expect(w28).toBeCloseTo(0.1, 12);
    expect(w29).toBeNull();
    const [total] = onlySeries(await metric('estimated_efficiency_gain', { ...JULY, granularity: 'total' }));
    expect(total?.denominator).toBe(110);
    expect(total?.numerator).toBeCloseTo(0.32 * 30, 12);
    expect(total?.value).toBeCloseTo((0.32 * 30) / 110, 12);
    // the org's own coding time share
    const [half] = await values('estimated_efficiency_gain', { ...JULY, granularity: 'total' }, { codingTimeShare: 0.5 });
    expect(half).toBeCloseTo(15 / 110, 12);
  });
});

describe('survey metrics', () => {
  it('satisfaction: share of scores ≥ 4', async () => {
    // W27 alice 5 (re-sent), bob 4, carol 2 (Sunday night): 2 ÷ 3; W28 dave 3: 0 ÷ 1; the bot's 5 excluded
    const response = await metric('satisfaction', JULY);
    expect(onlySeries(response)).toEqual([
      { period: '2026-W27', value: 2 / 3, numerator: 2, denominator: 3 },
      { period: '2026-W28', value: 0, numerator: 0, denominator: 1 },
      { period: '2026-W29', value: null, numerator: 0, denominator: 0 },
    ]);
    // Shanghai: carol's answer moves to W28
    expect(await values('satisfaction', JULY, SHANGHAI)).toEqual([1, 0, null]);
    expect(await groupedValues('satisfaction', { ...JULY, granularity: 'total', groupBy: 'team' })).toEqual([
      ['payments', [1]],
      ['search', [0]],
      ['unassigned', [0]],
    ]);
  });

  it('time_saved_hours: mean score, other questions ignored', async () => {
    // W27 (4 + 2) ÷ 2; W28 carol 6 (alice's nps 9 is another question); W29 none
    expect(await values('time_saved_hours', JULY)).toEqual([3, 6, null]);
    expect(await values('time_saved_hours', { ...JULY, granularity: 'total' })).toEqual([4]);
  });
});
