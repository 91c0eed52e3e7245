import { insertEventRows, markEventsWritten, queryRows, Tables, type EventRow, type UpliftClickHouse } from '@uplift/clickhouse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildMetricSql,
  findMetric,
  METRICS,
  parseMetricQuery,
  refreshRollups,
  runMetric,
  servedFromRollups,
  SOURCES,
  type MetricResponse,
  type RawMetricQuery,
} from '../src';
import { queryServedDays } from '../src/rollups/served-days';
import { makeEvent, replayOf, type Person } from './metrics-fixture';
import { openTestStore } from './metric-test-support';

/**
 * Every metric from raw events and from the daily rollups, on a random dataset with re-sent events, suggestions
 * reported twice the same day and late events, in UTC and in a zone 8 hours ahead: the answers are equal —
 * while days are unbuilt, half built, built but not resolved, resolved, after writes that make built days stale,
 * and after directory changes (aliases, team moves, a bot flag) that make resolved days stale.
 */

const ORG = 'org-rollups';
const RANGE = { from: '2026-06-01', to: '2026-07-31' };

/** A small deterministic generator (mulberry32), so a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const SEED = Number(process.env['ROLLUP_TEST_SEED'] ?? 20261121);
const next = random(SEED);
const pick = <Value>(values: readonly Value[]): Value => values[Math.floor(next() * values.length)]!;
const between = (low: number, high: number) => low + Math.floor(next() * (high - low + 1));

const PEOPLE: Person[] = [
  ...Array.from({ length: 14 }, (_unused, index) => ({
    email: `dev${index}@example.com`,
    team: index % 5 === 4 ? '' : pick(['payments', 'search', 'platform']),
    language: pick(['typescript', 'go', 'python', 'java']),
    ide: pick(['vscode', 'jetbrains', 'cursor']),
    tool: pick(['copilot', 'lingma', 'cursor', 'claude-code']),
    model: pick(['gpt-4o', 'qwen', 'claude']),
  })),
  { login: 'ci-helper', team: 'platform', language: 'go', ide: 'vscode', tool: 'copilot', model: 'gpt-4o' },
  { login: 'renovate[bot]', team: 'payments', language: 'go', ide: '', tool: 'copilot', model: 'gpt-4o' },
];

/**
 * The org's directory as metrics read it (docs/directory.md), written the way a directory sync writes it: the
 * rows of a new snapshot, then the pointer. dev1 is an alias of dev0; the team-less developers get a team by
 * membership (one of them moves team mid-range); ci-helper is flagged a bot.
 */
type Directory = { identities: [kind: string, value: string, person: string][]; memberships: [person: string, team: string, start: string, end: string][]; bots: string[] };
const FIRST_DIRECTORY: Directory = {
  identities: [
    ['email', 'dev0@example.com', 'p-dev0'],
    ['email', 'dev1@example.com', 'p-dev0'],
    ['email', 'dev4@example.com', 'p-dev4'],
    ['email', 'dev9@example.com', 'p-dev9'],
    ['login', 'ci-helper', 'p-ci'],
  ],
  memberships: [
    ['p-dev4', 'search', '2026-01-01', '2026-06-20'],
    ['p-dev4', 'platform', '2026-06-21', '2149-06-06'],
    ['p-dev9', 'payments', '2026-01-01', '2149-06-06'],
    ['p-dev0', 'payments', '2026-01-01', '2149-06-06'],
  ],
  bots: ['p-ci'],
};
/** The change: dev1 is its own person again, dev14 becomes an alias of dev9, dev9 moves team, ci-helper is a person. */
const SECOND_DIRECTORY: Directory = {
  identities: [
    ['email', 'dev0@example.com', 'p-dev0'],
    ['email', 'dev4@example.com', 'p-dev4'],
    ['email', 'dev9@example.com', 'p-dev9'],
    ['email', 'dev13@example.com', 'p-dev9'],
    ['login', 'ci-helper', 'p-ci'],
  ],
  memberships: [
    ['p-dev4', 'search', '2026-01-01', '2026-06-20'],
    ['p-dev4', 'platform', '2026-06-21', '2149-06-06'],
    ['p-dev9', 'payments', '2026-01-01', '2026-07-01'],
    ['p-dev9', 'search', '2026-07-02', '2149-06-06'],
    ['p-ci', 'platform', '2026-01-01', '2149-06-06'],
  ],
  bots: [],
};

/** An instant on a day of the range, with hours spread so some fall on another civil day 8 hours east. */
function instant(dayOffset: number): string {
  const millis = Date.parse(`${RANGE.from}T00:00:00Z`) + dayOffset * 86_400_000 + between(0, 86_399) * 1000;
  return new Date(millis).toISOString();
}

let suggestion = 0;
function eventsOfDay(dayOffset: number): EventRow[] {
  const rows: EventRow[] = [];
  for (const person of PEOPLE) {
    if (next() < 0.3) continue;
    const e = (type: string, data: Record<string, unknown> = {}, time = instant(dayOffset)) =>
      makeEvent(ORG, person, type, time, data, { tool_version: pick(['1.0', '1.1', '2.0']), repo: pick(['acme/api', 'acme/web', '']) });
    if (dayOffset === 0 || next() < 0.02) rows.push(e('assistant.activated'));
    for (let count = between(0, 6); count > 0; count -= 1) {
      suggestion += 1;
      const suggestionId = `s${suggestion}`;
      const lines = between(1, 20);
      const time = instant(dayOffset);
      const shown = e('completion.shown', { suggestionId, lines, chars: lines * between(10, 60), latencyMs: between(50, 900), kind: pick(['inline', 'next_edit']) }, time);
      rows.push(shown);
      // the same suggestion reported again under a new id the same day: counted once
      if (next() < 0.1) rows.push({ ...shown, id: crypto.randomUUID(), time: shown.time.replace(/\d\d\.\d\d\d$/, '59.999') });
      if (next() < 0.4) rows.push(e('completion.accepted', { suggestionId, lines: between(1, lines), chars: between(5, 200) }, time));
    }
    if (next() < 0.4) rows.push(e('chat.turn', { mode: pick(['ask', 'agent']), inputTokens: between(10, 900), outputTokens: between(10, 400) }));
    if (next() < 0.2) rows.push(e('chat.applied', { lines: between(1, 30), chars: between(10, 900) }));
    if (next() < 0.2) rows.push(e('chat.feedback', { rating: pick(['like', 'dislike']) }));
    if (next() < 0.2) rows.push(e('agent.edit', { sessionId: `g${dayOffset}`, decision: pick(['accepted', 'rejected', 'pending']), lines: between(1, 40) }));
    if (next() < 0.1) rows.push(e('agent.session', { sessionId: `g${dayOffset}`, status: pick(['completed', 'failed']) }));
    if (next() < 0.15) rows.push(e('usage.cost', { model: person.model, inputTokens: between(100, 5000), outputTokens: between(50, 2000), costUsd: between(1, 400) / 100 }));
    if (next() < 0.5) rows.push(e('commit', { repo: 'acme/api', sha: `c${dayOffset}x${rows.length}${person.email ?? person.login}`, linesAdded: between(1, 300), linesDeleted: between(0, 50), aiLinesAdded: between(0, 100) }));
    if (next() < 0.1) rows.push(e('pull_request.merged', { repo: 'acme/api', number: dayOffset * 100 + rows.length, createdAt: instant(Math.max(0, dayOffset - 3)) }));
  }
  return rows;
}

/** The query shapes the dashboards ask, for each metric with its parameter values. */
function queriesOf(metricId: string): RawMetricQuery[] {
  const metric = findMetric(metricId)!;
  const shapes: RawMetricQuery[] = [
    { ...RANGE, granularity: 'week' },
    { ...RANGE, granularity: 'day', groupBy: metric.dimensions.includes('team') ? 'team' : undefined },
    { ...RANGE, granularity: 'month', ...(metric.dimensions.includes('tool_version') ? { groupBy: 'tool_version', language: 'go,typescript' } : {}) },
    { from: '2026-06-10', to: '2026-07-05', granularity: 'total', groupBy: metric.dimensions.includes('developer') ? 'developer' : undefined },
  ];
  const withParams = metric.params.flatMap((param) => param.values.map((value) => ({ [param.name]: value })));
  return [...shapes, ...withParams.map((params) => ({ ...RANGE, granularity: 'week', ...params }))].map((raw) =>
    Object.fromEntries(Object.entries(raw).filter(([, value]) => value !== undefined)),
  ) as RawMetricQuery[];
}

const ZONES = ['UTC', 'Asia/Shanghai'];

describe('daily rollups', () => {
  let store: { clickHouse: UpliftClickHouse; close: () => Promise<void> };
  let zone = 'UTC';
  const timeZoneOf = async (orgId: string) => (orgId === ORG ? zone : null);

  async function answer(metricId: string, raw: RawMetricQuery, rollups: boolean): Promise<MetricResponse> {
    const query = parseMetricQuery(metricId, raw, { today: '2026-09-30' });
    return runMetric(store.clickHouse.client, { orgId: ORG, settings: { timeZone: zone }, query, build: { rollups } });
  }

  /**
   * Every metric served from rollups, every query shape, both ways; returns how many answers were compared.
   * (The other metrics compile to the same SQL either way.)
   */
  async function expectRollupsEqualRaw(): Promise<number> {
    let compared = 0;
    for (const metric of METRICS.filter((candidate) => SOURCES[candidate.source].rollup === 'daily')) {
      for (const raw of queriesOf(metric.id)) {
        const expected = await answer(metric.id, raw, false);
        const actual = await answer(metric.id, raw, true);
        expect(actual, `${metric.id} ${JSON.stringify(raw)} in ${zone}`).toEqual(expected);
        compared += 1;
      }
    }
    return compared;
  }

  let snapshot = 0;
  async function writeDirectory(directory: Directory): Promise<void> {
    snapshot += 1;
    const client = store.clickHouse.client;
    const base = { org_id: ORG, snapshot };
    await client.insert({ table: Tables.directoryIdentities, values: directory.identities.map(([kind, value, person]) => ({ ...base, kind, value, person_id: person })), format: 'JSONEachRow' });
    const people = [...new Set([...directory.identities.map(([, , person]) => person), ...directory.bots])];
    await client.insert({ table: Tables.directoryPeople, values: people.map((person) => ({ ...base, person_id: person, name: person, is_bot: directory.bots.includes(person) ? 1 : 0 })), format: 'JSONEachRow' });
    await client.insert({
      table: Tables.directoryMemberships,
      values: directory.memberships.map(([person, team, start, end]) => ({ ...base, person_id: person, team, department: '', start_date: start, end_date: end })),
      format: 'JSONEachRow',
    });
    await client.insert({ table: Tables.directorySnapshots, values: [{ org_id: ORG, snapshot, synced_at: '2026-09-30 00:00:00.000' }], format: 'JSONEachRow' });
  }

  /** How a query over a fully built span reads it: every day resolved, or some resolved at query time. */
  const servedWithin = (from: string, to: string) => queryServedDays(store.clickHouse.client, { orgId: ORG, timeZone: zone, from, to, fromHistoryStart: false });

  const servedDays = async () =>
    Number((await queryRows<{ days: number }>(store.clickHouse.client, { query: `SELECT uniqExact(day) AS days FROM ${Tables.rollupBuilds} WHERE org_id = {org:String} AND time_zone = {tz:String}`, params: { org: ORG, tz: zone }, comment: 'test:served-days' }))[0]!.days);

  const firstPhase: EventRow[] = [];
  beforeAll(async () => {
    store = await openTestStore('rollups');
    for (let day = 0; day < 45; day += 1) firstPhase.push(...eventsOfDay(day));
    // written the way the collector writes: events, then the marks of the days they touched
    await insertEventRows(store.clickHouse, firstPhase);
    await writeDirectory(FIRST_DIRECTORY);
  });

  afterAll(async () => {
    await store?.close();
  });

  it('serves the usage metrics from rollups, the others from events', () => {
    const served = METRICS.filter((metric) => servedFromRollups(metric, parseMetricQuery(metric.id, { ...RANGE }, { today: '2026-09-30' }))).map((metric) => metric.id);
    expect(served).toEqual([
      'active_users',
      'engaged_users',
      'activated_users',
      'seat_utilization',
      'adoption_rate',
      'acceptance_rate',
      'agent_edit_acceptance_rate',
      'chat_like_rate',
      'request_mix',
      'ai_cost',
      'tokens',
    ]);
    // the distinct-people metrics read the people rows — unless a query reads another column (a tool filter)
    const readsPeople = (metricId: string, raw: RawMetricQuery) => buildMetricSql(parseMetricQuery(metricId, raw, { today: '2026-09-30' })).sql.includes(Tables.eventsDailyPeople);
    expect(served.filter((metricId) => readsPeople(metricId, { ...RANGE }))).toEqual(['active_users', 'engaged_users', 'activated_users', 'seat_utilization']);
    expect(readsPeople('active_users', { ...RANGE, groupBy: 'team' })).toBe(true);
    expect(readsPeople('active_users', { ...RANGE, tool: 'copilot' })).toBe(false);
    // a parameter that narrows the source with its own lookup reads events
    expect(servedFromRollups(findMetric('acceptance_rate')!, parseMetricQuery('acceptance_rate', { ...RANGE, kind: 'inline' }, { today: '2026-09-30' }))).toBe(false);
    expect(Object.values(SOURCES).filter((source) => source.rollup === 'daily' && source.from !== undefined)).toEqual([]);
  });

  for (const timeZone of ZONES) {
    it(`equals raw events before, during and after builds, with duplicates and late events (${timeZone})`, async () => {
      zone = timeZone;
      // nothing built in this zone yet: every day read from events
      expect(await expectRollupsEqualRaw()).toBe(49);

      // built, not yet resolved: the days' grain rows are resolved at query time
      const [built] = await refreshRollups(store.clickHouse.client, { timeZoneOf, chunkDays: 10, resolve: false });
      expect(built).toMatchObject({ orgId: ORG, timeZone, resolved: null });
      expect(built!.built!.days).toBeGreaterThanOrEqual(44);
      expect(await servedDays()).toBeGreaterThanOrEqual(44);
      expect((await servedWithin('2026-06-10', '2026-07-05')).resolvedOnly).toBe(false);
      await expectRollupsEqualRaw();

      // resolved with the directory: a fully built span reads the resolved rollup alone
      const [resolved] = await refreshRollups(store.clickHouse.client, { timeZoneOf, chunkDays: 10 });
      expect(resolved).toMatchObject({ orgId: ORG, built: null, resolved: { days: built!.built!.days, snapshot } });
      expect((await servedWithin('2026-06-10', '2026-07-05')).resolvedOnly).toBe(true);
      await expectRollupsEqualRaw();

      // the directory changes: resolved days are stale at once (read as built, resolved at query time) …
      const developers = async () =>
        (await answer('active_users', { from: '2026-06-10', to: '2026-07-05', granularity: 'total', groupBy: 'developer' }, true)).series.map((series) => series.group['developer']);
      const before = await developers();
      await writeDirectory(timeZone === 'UTC' ? SECOND_DIRECTORY : FIRST_DIRECTORY);
      // (the change shows: ci-helper is a person in the second directory, dev1 its own person again)
      const [withoutCi, withCi] = timeZone === 'UTC' ? [before, await developers()] : [await developers(), before];
      expect(withoutCi).not.toContain('p-ci');
      expect(withCi).toContain('p-ci');
      expect(withCi).toContain('email:dev1@example.com');
      expect(withoutCi).not.toContain('email:dev1@example.com');
      expect((await servedWithin('2026-06-10', '2026-07-05')).params['resolved_days']).toEqual([]);
      await expectRollupsEqualRaw();
      // … until the next refresh resolves every built day again, with nothing rebuilt from events
      const [reresolved] = await refreshRollups(store.clickHouse.client, { timeZoneOf, chunkDays: 10 });
      expect(reresolved).toMatchObject({ built: null, resolved: { days: built!.built!.days, snapshot } });
      expect((await servedWithin('2026-06-10', '2026-07-05')).resolvedOnly).toBe(true);
      await expectRollupsEqualRaw();

      // re-sent events (same ids), late events on built days, and new days: the touched days read from events
      const replays = firstPhase.filter(() => next() < 0.05).map(replayOf);
      const late = [3, 10, 20].flatMap((day) => eventsOfDay(day));
      const newDays = [45, 46, 47].flatMap((day) => eventsOfDay(day));
      await insertEventRows(store.clickHouse, [...replays, ...late, ...newDays]);
      firstPhase.push(...late, ...newDays);
      await expectRollupsEqualRaw();

      await refreshRollups(store.clickHouse.client, { timeZoneOf, chunkDays: 10 });
      await expectRollupsEqualRaw();
    }, 300_000);
  }

  it('reads built days from the rollup, not from events', async () => {
    zone = 'UTC';
    await refreshRollups(store.clickHouse.client, { timeZoneOf });
    const query = { from: '2026-06-05', to: '2026-06-05', granularity: 'day' } as RawMetricQuery;
    const before = await answer('active_users', query, true);
    // an event written behind the rollups' back (no mark): raw sees it, a built day does not
    const stray = makeEvent(ORG, { email: 'stray@example.com', team: 'search', language: 'go', ide: 'vscode', tool: 'copilot', model: 'qwen' }, 'chat.turn', '2026-06-05T12:00:00Z', { inputTokens: 1, outputTokens: 1 });
    await store.clickHouse.client.insert({ table: Tables.events, values: [stray], format: 'JSONEachRow' });
    const raw = await answer('active_users', query, false);
    expect(raw.series[0]!.points[0]!.value).toBe(before.series[0]!.points[0]!.value! + 1);
    expect(await answer('active_users', query, true)).toEqual(before);
    // once the write is marked, the day is read from events again until rebuilt
    await markEventsWritten(store.clickHouse, [{ orgId: ORG, firstTime: stray.time, lastTime: stray.time }]);
    expect(await answer('active_users', query, true)).toEqual(raw);
    // settled at once: the rows of every older build are deleted, the answers stay
    await refreshRollups(store.clickHouse.client, { timeZoneOf, settleMs: 0 });
    expect(await answer('active_users', query, true)).toEqual(raw);
    for (const table of [Tables.eventsDailyRollup, Tables.eventsDailyResolved, Tables.rollupResolutions]) {
      const [kept] = await queryRows<{ builds: number }>(store.clickHouse.client, {
        query: `SELECT max(builds) AS builds FROM (SELECT day, uniqExact(built_at) AS builds FROM ${table} WHERE org_id = {org:String} GROUP BY day)`,
        params: { org: ORG },
        comment: 'test:kept-builds',
      });
      expect(Number(kept!.builds), table).toBe(1);
    }
    expect(await expectRollupsEqualRaw()).toBe(49);
  }, 300_000);
});
