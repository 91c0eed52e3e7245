import { randomUUID } from 'node:crypto';
import { queryRows, Tables, type UpliftClickHouse } from '@uplift/clickhouse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryIncidentDeployments, queryPreviousDeployments, queryPullRequestLeadTimes } from '../src';
import { deliveryEvents, replayedDeliveryEvents } from './delivery-fixture';
import { insertRows, metricRunner, openTestStore } from './metric-test-support';

/**
 * pr_cycle_time, requirement_*, defects, defect_density and the DORA metrics (deployments,
 * lead_time_for_changes, change_failure_rate, recovery_time) with their row-level queries, against real chDB.
 * Labels (pay#1, D1, I1, R-1, B-1, K1 …) are those of delivery-fixture.ts; expected values are computed by hand
 * beside each assertion. Weeks (UTC): W27 = 06-29…07-05, W28 = 07-06…07-12, W29 = 07-13…07-19.
 */

const ORG = `org-${randomUUID()}`;
const OTHER_ORG = `org-${randomUUID()}`;
const JULY = { from: '2026-06-29', to: '2026-07-19' };
const SHANGHAI = { timeZone: 'Asia/Shanghai' };
let clickHouse: UpliftClickHouse;
let closeStore: () => Promise<void>;
const { metric, onlySeries, values, groupedValues } = metricRunner(() => clickHouse, ORG);

beforeAll(async () => {
  ({ clickHouse, close: closeStore } = await openTestStore('delivery-metrics'));
  const events = deliveryEvents(ORG);
  await insertRows(clickHouse, events);
  await insertRows(clickHouse, deliveryEvents(OTHER_ORG)); // the same activity in another org: never shows up
  await insertRows(clickHouse, replayedDeliveryEvents(events)); // a later batch re-sending pay#1, D1, I1, B-3
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

describe('pr_cycle_time', () => {
  it('is the lower median of merged − (first commit, else created) in hours', async () => {
    // W28: pay#2 12 h (created → merged), pay#3 37 h, pay#1 48 h (first commit → merged), search#1 192 h; the bot's
    // PR and pay#2's later report do not count: [12, 37, 48, 192] → the 2nd smallest, 37
    // W29: search#2 2 h, tools#1 6 h 0 min 30 s, tools#2 48 h → 6.0083 h. W27: no merge, null
    const [w27, w28, w29] = await values('pr_cycle_time', JULY);
    expect([w27, w28]).toEqual([null, 37]);
    expect(w29).toBeCloseTo(21_630 / 3600, 12);
    const byRepo = await groupedValues('pr_cycle_time', { ...JULY, granularity: 'total', groupBy: 'repo' });
    // acme/pay [12, 37, 48] → 37; acme/search [2, 192] → 2; acme/tools [6.0083, 48] → 6.0083
    expect(byRepo.map(([repo]) => repo)).toEqual(['acme/pay', 'acme/search', 'acme/tools']);
    expect(byRepo[0]?.[1]).toEqual([37]);
    expect(byRepo[1]?.[1]).toEqual([2]);
    expect((byRepo[2]?.[1] as number[])[0]).toBeCloseTo(21_630 / 3600, 12);
  });
});

describe('work items', () => {
  it('requirement_throughput: requirements resolved, each key once', async () => {
    // W28 R-1, R-2 (R-2's second resolution in W29 does not count; T-1 is a task; the bot's R-9 excluded); W29 R-3
    expect(await values('requirement_throughput', JULY)).toEqual([0, 2, 1]);
    // their own team: R-1 payments, R-2 search, R-3 none
    expect(await groupedValues('requirement_throughput', { ...JULY, granularity: 'total', groupBy: 'team' })).toEqual([
      ['payments', [1]],
      ['search', [1]],
      ['unassigned', [1]],
    ]);
  });

  it('requirement_lead_time: lower median of resolved − created in days', async () => {
    // created 06-01 (its work_item.created, before the range), resolved 07-07: 36 d; R-2: createdAt 07-06,
    // resolved 07-08 12:00: 2.5 d → W28 [2.5, 36] → 2.5. R-3's creation is unknown: W29 null
    expect(await values('requirement_lead_time', JULY)).toEqual([null, 2.5, null]);
    expect(await groupedValues('requirement_lead_time', { ...JULY, granularity: 'total', groupBy: 'team' })).toEqual([
      ['payments', [36]],
      ['search', [2.5]],
      ['unassigned', [null]],
    ]);
  });

  it('defects: bugs created, each key once, by their own team', async () => {
    // W27 B-4 (Sunday 23:30 UTC); W28 B-1 (twice), B-2; W29 B-3; the bot's B-9 excluded
    expect(await values('defects', JULY)).toEqual([1, 2, 1]);
    // Shanghai: B-4 is Monday 07:30 of W28
    expect(await values('defects', JULY, SHANGHAI)).toEqual([0, 3, 1]);
    // B-2 was filed by carol (context team search) but has no team of its own: unassigned
    expect(await groupedValues('defects', { ...JULY, granularity: 'total', groupBy: 'team' })).toEqual([
      ['payments', [2]],
      ['search', [1]],
      ['unassigned', [1]],
    ]);
    expect(await values('defects', { ...JULY, granularity: 'total', repo: 'acme/search' })).toEqual([2]);
  });

  it('defects across the ISO week-year boundary', async () => {
    const response = await metric('defects', { from: '2026-12-28', to: '2027-01-10', granularity: 'week' });
    // B-5 (2026-12-31) and B-6 (2027-01-01) in 2026-W53, B-7 (2027-01-04) in 2027-W01
    expect(onlySeries(response)).toEqual([
      { period: '2026-W53', value: 2 },
      { period: '2027-W01', value: 1 },
    ]);
  });

  it('defect_density: defects ÷ KLOC added in the same bucket and group', async () => {
    // W27 B-4 ÷ no lines: null; W28 B-1, B-2 ÷ (K1 1000 once + K2 500 + K4 250) / 1000 = 2 ÷ 1.75 (the merge K3 and the
    // bot's K6 excluded); W29 B-3 ÷ K5, which adds 0 lines: null
    const response = await metric('defect_density', JULY);
    expect(onlySeries(response)).toEqual([
      { period: '2026-W27', value: null, numerator: 1, denominator: 0 },
      { period: '2026-W28', value: 2 / 1.75, numerator: 2, denominator: 1.75 },
      { period: '2026-W29', value: null, numerator: 1, denominator: 0 },
    ]);
    // payments B-1, B-3 ÷ 1.5; search B-4 ÷ 0.25; unassigned B-2 ÷ dave's 0 lines
    expect(await groupedValues('defect_density', { ...JULY, granularity: 'total', groupBy: 'team' })).toEqual([
      ['payments', [2 / 1.5]],
      ['search', [4]],
      ['unassigned', [null]],
    ]);
    // acme/pay B-1, B-3 ÷ 1.5; acme/search B-2, B-4 ÷ 0.25; acme/tools nothing ÷ 0
    expect(await groupedValues('defect_density', { ...JULY, granularity: 'total', groupBy: 'repo' })).toEqual([
      ['acme/pay', [2 / 1.5]],
      ['acme/search', [8]],
      ['acme/tools', [null]],
    ]);
  });
});

describe('deployments', () => {
  it('counts successful production deployments once per deploymentId, at their last finish', async () => {
    // W27 d7; W28 d1 (reported twice), d2 (two repos, Production capitalised); W29 d5 (received two days late:
    // its finish time decides), d6. d3 is staging, d4 failed
    expect(await values('deployments', JULY)).toEqual([1, 2, 2]);
    // Shanghai: d7 (Sunday 23:30 UTC) is Monday of W28
    expect(await values('deployments', JULY, SHANGHAI)).toEqual([0, 3, 2]);
    // d2 counts once, for its last part (acme/search, team search)
    expect(await groupedValues('deployments', { ...JULY, granularity: 'total', groupBy: 'repo' })).toEqual([
      ['acme/pay', [2]],
      ['acme/search', [1]],
      ['acme/tools', [2]],
    ]);
    expect(await groupedValues('deployments', { ...JULY, granularity: 'total', groupBy: 'team' })).toEqual([
      ['payments', [2]],
      ['search', [1]],
      ['unassigned', [2]],
    ]);
  });
});

describe('lead_time_for_changes', () => {
  it("is DevLake's lower median cycle time of PRs deployed in the bucket, in hours", async () => {
    // minutes = coding + created → merged + deploy, each part ceil(Δ / 1 min) and 0 when unknown or negative
    // W28 d1: pay#1 1440 + 1440 + 180 = 3060; pay#3 0 + 2220 + (D1 finished before the merge: 0) = 2220
    //     d2: pay#2 0 + 720 + 2160 = 2880; pay#4 (merged 06-01) 0 + 1440 + 53880 = 55320; search#1 1440 + 10080 + 720 = 12240
    //     [2220, 2880, 3060, 12240, 55320] → 3060 min = 51 h
    // W29 d5: tools#1 0 + 361 + 1800 = 2161; tools#2 1440 + 1440 + 720 = 3600 (d5 started before d6) → 2161 min
    // W27: d7 ships no PR: null. The bot's PR (deployed by D2a) never counts
    const [w27, w28, w29] = await values('lead_time_for_changes', JULY);
    expect([w27, w28]).toEqual([null, 51]);
    expect(w29).toBeCloseTo(2161 / 60, 12);
    // acme/pay [2220, 2880, 3060, 55320] → 2880 = 48 h; acme/search 12240 = 204 h; acme/tools [2161, 3600]
    const byRepo = await groupedValues('lead_time_for_changes', { ...JULY, granularity: 'total', groupBy: 'repo' });
    expect(byRepo.slice(0, 2)).toEqual([
      ['acme/pay', [48]],
      ['acme/search', [204]],
    ]);
    expect((byRepo[2]?.[1] as number[])[0]).toBeCloseTo(2161 / 60, 12);
    // the same buckets in Shanghai (every deployment finishes at 12:00 UTC = 20:00 local)
    expect((await values('lead_time_for_changes', JULY, SHANGHAI)).slice(0, 2)).toEqual([null, 51]);
  });

  it('exposes the per-PR parts through queryPullRequestLeadTimes', async () => {
    const leadTimes = await queryPullRequestLeadTimes(clickHouse.client, { orgId: ORG, ...JULY });
    const summary = leadTimes.map((pr) => [
      `${pr.repo}#${pr.number}`,
      pr.codingMinutes,
      pr.pickupMinutes,
      pr.reviewMinutes,
      pr.deployMinutes,
      pr.cycleMinutes,
      pr.deployment?.deploymentId ?? null,
    ]);
    // merged in the range, by merge time (pay#4, merged 06-01, is outside; the bot's PR never appears)
    expect(summary).toEqual([
      ['acme/pay#2', null, null, null, 2160, 2880, 'd2'],
      ['acme/pay#1', 1440, 60, 1380, 180, 3060, 'd1'],
      ['acme/pay#3', null, null, null, null, 2220, 'd1'],
      ['acme/search#1', 1440, null, null, 720, 12240, 'd2'],
      ['acme/tools#1', null, null, null, 1800, 2161, 'd5'],
      ['acme/tools#2', 1440, null, null, 720, 3600, 'd5'],
      ['acme/search#2', null, null, null, null, 120, null],
    ]);
    expect(leadTimes[1]).toMatchObject({
      createdAt: '2026-07-06T09:00:00.000Z',
      mergedAt: '2026-07-07T09:00:00.000Z',
      firstCommitAt: '2026-07-05T09:00:00.000Z',
      firstReviewAt: '2026-07-06T10:00:00.000Z',
      mergeCommitSha: 'a0000001',
      deployment: { deploymentId: 'd1', repo: 'acme/pay', finishedAt: '2026-07-07T12:00:00.000Z' },
    });
    // search#1 shipped by d2's acme/search part, finished at 12:00
    expect(leadTimes[3]?.deployment).toMatchObject({ repo: 'acme/search', finishedAt: '2026-07-08T12:00:00.000Z' });
  });
});

describe('change_failure_rate', () => {
  it('divides deployments with an incident by deployments', async () => {
    // incidents: I1 (acme/pay, 07-07 15:00) → d1, acme/pay's latest before it; I2 names d2; I4 (no repo, 07-16) →
    // d6, the org's latest; I3 (acme/tools, 07-14 11:00) has none (d4 failed, d5 finished at 12:00); I5 names the
    // staging d3, which is no production deployment. W27 d7: 0 ÷ 1; W28 d1, d2: 2 ÷ 2; W29 d6 of d5, d6: 1 ÷ 2
    const response = await metric('change_failure_rate', JULY);
    expect(onlySeries(response)).toEqual([
      { period: '2026-W27', value: 0, numerator: 0, denominator: 1 },
      { period: '2026-W28', value: 1, numerator: 2, denominator: 2 },
      { period: '2026-W29', value: 0.5, numerator: 1, denominator: 2 },
    ]);
    // Shanghai: d7 joins W28 (2 ÷ 3) and W27 has no deployment (null)
    expect(await values('change_failure_rate', JULY, SHANGHAI)).toEqual([null, 2 / 3, 0.5]);
    // by the deployment's team: payments d7, d1; search d2; unassigned d5, d6
    expect(await groupedValues('change_failure_rate', { ...JULY, granularity: 'total', groupBy: 'team' })).toEqual([
      ['payments', [0.5]],
      ['search', [1]],
      ['unassigned', [0.5]],
    ]);
    // a filter that matches nothing: a zero denominator is null
    const none = await metric('change_failure_rate', { ...JULY, granularity: 'total', repo: 'acme/none' });
    expect(onlySeries(none)).toEqual([{ period: 'total', value: null, numerator: 0, denominator: 0 }]);
  });

  it('links incidents through queryIncidentDeployments', async () => {
    const links = await queryIncidentDeployments(clickHouse.client, { orgId: ORG, ...JULY });
    expect(links.map((link) => [link.incidentId, link.deploymentId, link.linkedBy])).toEqual([
      ['i1', 'd1', 'time'],
      ['i2', 'd2', 'deploymentId'],
      ['i5', 'd3', 'deploymentId'],
      ['i3', null, null],
      ['i4', 'd6', 'time'],
    ]);
    expect(links[0]).toEqual({ incidentId: 'i1', openedAt: '2026-07-07T15:00:00.000Z', repo: 'acme/pay', deploymentId: 'd1', linkedBy: 'time' });
  });
});

describe('recovery_time', () => {
  it("is the lower median of resolved − the deployment's finish, in hours", async () => {
    // W28: I1 resolved 07-07 18:00 − d1 12:00 = 6 h (its second resolution ignored); I2 07-09 12:00 − d2's last
    // part 07-08 12:00 = 24 h → [6, 24] → 6. I3 and I5 have no production deployment; I4 is resolved on 07-20
    expect(await values('recovery_time', JULY)).toEqual([null, 6, null]);
    // with W30: I4 07-20 01:00 − d6 07-15 01:00 = 120 h → [6, 24, 120] → 24
    expect(await values('recovery_time', { from: '2026-06-29', to: '2026-07-26', granularity: 'total' })).toEqual([24]);
    // by the incident's own team and repo: I1 payments / acme/pay, I2 no team / acme/search
    expect(await groupedValues('recovery_time', { ...JULY, granularity: 'total', groupBy: 'team' })).toEqual([
      ['payments', [6]],
      ['unassigned', [24]],
    ]);
    expect(await groupedValues('recovery_time', { ...JULY, granularity: 'total', groupBy: 'repo' })).toEqual([
      ['acme/pay', [6]],
      ['acme/search', [24]],
    ]);
  });
});

describe('queryPreviousDeployments', () => {
  it('chains successful deployments per pipeline, repo and environment', async () => {
    const chain = await queryPreviousDeployments(clickHouse.client, { orgId: ORG, ...JULY });
    const previousOf = (deploymentId: string, repo: string) =>
      chain
        .filter((deployment) => deployment.deploymentId === deploymentId && deployment.repo === repo)
        .map((deployment) => deployment.previous?.deploymentId ?? null);
    expect(chain).toHaveLength(9); // D7, D1, D1', D2a, D2b, D3, D4, D5, D6
    expect(previousOf('d7', 'acme/pay')).toEqual([null]); // the first of acme/pay's production series
    expect(previousOf('d2', 'acme/pay')).toEqual(['d1']);
    expect(previousOf('d2', 'acme/search')).toEqual([null]);
    expect(previousOf('d3', 'acme/pay')).toEqual([null]); // staging is its own series
    expect(previousOf('d4', 'acme/tools')).toEqual([null]); // a failure has no previous deployment
    expect(previousOf('d5', 'acme/tools')).toEqual([null]); // d4 failed
    expect(previousOf('d6', 'acme/tools')).toEqual(['d5']);
    expect(chain.find((deployment) => deployment.deploymentId === 'd2' && deployment.repo === 'acme/pay')).toMatchObject({
      environment: 'production', // sent as Production
      status: 'success',
      commitSha: 'a0000009',
      commits: ['a0000002', 'a0000004'],
      startedAt: '2026-07-08T09:00:00.000Z',
      finishedAt: '2026-07-08T10:00:00.000Z',
    });
  });
});
