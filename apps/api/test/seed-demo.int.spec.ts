import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLICKHOUSE_MIGRATIONS_DIR, EVENT_COLUMNS, createClickHouse, queryRows, runMigrations, toEventRow, type UpliftClickHouse } from '@uplift/clickhouse';
import { EVENT_TYPES, validateEvent } from '@uplift/events';
import type { DataSource } from 'typeorm';
import { loadConfig } from '../src/config/config';
import { RolloutPhaseEntity } from '../src/modules/directory/entities/rollout-phase.entity';
import { openMetadataDataSource } from '../src/modules/metadata/data-source';
import { OrgEntity } from '../src/modules/orgs/org.entity';
import { addDays } from '../src/seed/demo-calendar';
import type { DemoOptions } from '../src/seed/demo-company';
import { seedDemo, type SeedDemoResult } from '../src/seed/demo-seed';
import { createDataDir, removeDataDir } from './support/test-server';

// A small company: 40 developers in 4 teams over 3 months, against real chDB and SQLite.
const OPTIONS: DemoOptions = {
  seed: 42,
  developers: 40,
  teams: 4,
  months: 3,
  orgSlug: 'demo',
  timeZone: 'Asia/Shanghai',
  endDate: '2026-11-21',
};
const NOW = new Date('2026-11-21T08:30:00Z'); // 16:30 in Shanghai

type Row = Record<string, unknown>;

describe('npm run seed:demo (seedDemo)', () => {
  let dataDir: string;
  let clickhouse: UpliftClickHouse;
  let dataSource: DataSource;
  let first: SeedDemoResult;
  let firstFingerprint: Row;

  const query = <Result = Row>(sql: string, params: Record<string, unknown> = {}) =>
    queryRows<Result>(clickhouse.client, { query: sql, params, comment: 'test:seed-demo' });
  const fingerprint = async (orgId: string) =>
    // tuple(*): cityHash64(*) is NULL for a row with any NULL column (every row has some), tuple hashing is not
    (await query(`SELECT count() AS events, toString(sum(cityHash64(tuple(*)))) AS hash FROM events WHERE org_id = {org:String}`, { org: orgId }))[0]!;
  const seed = (options: Partial<DemoOptions> = {}) => seedDemo({ clickhouse, dataSource, options: { ...OPTIONS, ...options }, now: NOW });

  beforeAll(async () => {
    dataDir = createDataDir('seed-demo');
    const config = loadConfig({ UPLIFT_DATA_DIR: dataDir });
    clickhouse = createClickHouse(config.clickhouse);
    await runMigrations(clickhouse.client, CLICKHOUSE_MIGRATIONS_DIR);
    dataSource = await openMetadataDataSource(config);
    first = await seed();
    firstFingerprint = await fingerprint(first.org.id);
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await clickhouse?.close();
    if (dataDir) removeDataDir(dataDir);
  });

  it('writes tens of thousands of events of every contract type, none after now, and drops its plan tables', async () => {
    expect(first.events).toBeGreaterThan(30_000);
    expect(Number(firstFingerprint['events'])).toBe(first.events);
    expect(firstFingerprint['hash']).toMatch(/^\d+$/);
    const types = await query<{ type: string; events: number }>(
      'SELECT type, count() AS events FROM events WHERE org_id = {org:String} GROUP BY type ORDER BY type',
      { org: first.org.id },
    );
    expect(types.map((row) => row.type)).toEqual([...EVENT_TYPES].sort());
    const [bounds] = await query<{ latest: string; ids: number; rows: number }>(
      'SELECT max(time) AS latest, uniqExact(id) AS ids, count() AS rows FROM events WHERE org_id = {org:String}',
      { org: first.org.id },
    );
    expect(new Date(`${bounds!.latest.replace(' ', 'T')}Z`).getTime()).toBeLessThanOrEqual(NOW.getTime());
    expect(Number(bounds!.ids)).toBe(Number(bounds!.rows)); // every event id is unique
    const leftovers = await query("SELECT name FROM system.tables WHERE database = currentDatabase() AND name LIKE 'seed_demo_%'");
    expect(leftovers).toEqual([]);
  });

  it('is deterministic and idempotent: the same seed again replaces the org with identical rows', async () => {
    const again = await seed();
    expect(again.org.id).toBe(first.org.id);
    expect(await fingerprint(first.org.id)).toEqual(firstFingerprint);
  });

  it('gives another seed other data in another org, leaving the first org alone', async () => {
    const other = await seed({ seed: 7, orgSlug: 'demo-seven' });
    expect(other.org.id).not.toBe(first.org.id);
    const otherFingerprint = await fingerprint(other.org.id);
    expect(otherFingerprint['hash']).toMatch(/^\d+$/);
    expect(otherFingerprint['hash']).not.toBe(firstFingerprint['hash']);
    expect(await fingerprint(first.org.id)).toEqual(firstFingerprint);
  });

  it('stores rows exactly as the collector would: each sample re-validates and maps back to the same row', async () => {
    const rows = await query(
      `SELECT ${EVENT_COLUMNS.join(', ')} FROM events WHERE org_id = {org:String} AND cityHash64(id) % 7 = 0
       ORDER BY type, id LIMIT 25 BY type`,
      { org: first.org.id },
    );
    expect(rows.length).toBeGreaterThan(EVENT_TYPES.length * 5);
    for (const row of rows) {
      const event = rebuildEvent(row);
      const result = validateEvent(event, { now: new Date(event['time'] as string) });
      expect(result.ok ? [] : result.errors, `${String(row['type'])} ${String(row['data'])}`).toEqual([]);
      if (!result.ok) continue;
      // every typed column agrees with the data JSON, and data is the JSON the collector would have written
      const expected = toEventRow(String(row['org_id']), result.event, String(row['received_at'])) as Row;
      for (const column of EVENT_COLUMNS) {
        expect(row[column] ?? null, `${String(row['type'])}.${column}`).toEqual(expected[column] ?? null);
      }
    }
  });

  it('writes the directory, and every actor of a non-bot event resolves through its identities', async () => {
    const org = await dataSource.getRepository(OrgEntity).findOneByOrFail({ id: first.org.id });
    expect(org).toMatchObject({ slug: 'demo', timeZone: 'Asia/Shanghai', codingTimeShare: 0.32 });
    expect(org.aiPrLabels).toEqual(['ai-assisted', 'claude-code-assisted', 'copilot']);
    const snapshot = `(SELECT max(snapshot) FROM directory_snapshots WHERE org_id = {org:String})`;
    const [people] = await query<{ people: number; bots: number }>(
      `SELECT count() AS people, countIf(is_bot = 1) AS bots FROM directory_people WHERE org_id = {org:String} AND snapshot = ${snapshot}`,
      { org: first.org.id },
    );
    expect(people).toEqual({ people: 42, bots: 2 });
    const [teams] = await query<{ teams: number; repos: number; movers: number }>(
      `SELECT (SELECT count() FROM directory_teams WHERE org_id = {org:String} AND snapshot = ${snapshot}) AS teams,
              (SELECT count() FROM directory_repos WHERE org_id = {org:String} AND snapshot = ${snapshot}) AS repos,
              (SELECT count() FROM (SELECT person_id FROM directory_memberships WHERE org_id = {org:String} AND snapshot = ${snapshot}
                 GROUP BY person_id HAVING count() > 1)) AS movers`,
      { org: first.org.id },
    );
    expect(teams!.teams).toBe(4);
    expect(teams!.repos).toBeGreaterThanOrEqual(8);
    expect(teams!.movers).toBe(2);
    const unresolved = await query(
      `SELECT DISTINCT actor_email, actor_login FROM events
       WHERE org_id = {org:String} AND (actor_email != '' OR actor_login != '') AND NOT endsWith(actor_login, '[bot]')
         AND actor_email NOT IN (SELECT value FROM directory_identities WHERE org_id = {org:String} AND snapshot = ${snapshot} AND kind = 'email')
         AND actor_login NOT IN (SELECT value FROM directory_identities WHERE org_id = {org:String} AND snapshot = ${snapshot} AND kind = 'login')`,
      { org: first.org.id },
    );
    expect(unresolved).toEqual([]);
    // some people reach git by login alone: the directory is what links them to their IDE email
    const [aliases] = await query<{ loginOnly: number }>(
      `SELECT uniqExact(actor_login) AS loginOnly FROM events
       WHERE org_id = {org:String} AND type = 'commit' AND actor_email = '' AND NOT endsWith(actor_login, '[bot]')`,
      { org: first.org.id },
    );
    expect(aliases!.loginOnly).toBeGreaterThan(0);
    const [bots] = await query<{ bots: number }>(
      `SELECT count() AS bots FROM directory_people p
       INNER JOIN directory_identities i ON i.person_id = p.person_id AND i.org_id = p.org_id AND i.snapshot = p.snapshot
       WHERE p.org_id = {org:String} AND p.snapshot = ${snapshot} AND p.is_bot = 1
         AND i.value IN (SELECT DISTINCT actor_login FROM events WHERE org_id = {org:String} AND endsWith(actor_login, '[bot]'))`,
      { org: first.org.id },
    );
    expect(bots!.bots).toBe(2); // dependabot[bot] and release-bot[bot] act, and are flagged
  });

  it('stores the rollout phases, and activations reach ~10 / 50 / 76 % of developers by the end of each', async () => {
    const phases = await dataSource.getRepository(RolloutPhaseEntity).find({ where: { orgId: first.org.id }, order: { startDate: 'ASC' } });
    expect(phases.map(({ name, startDate, targetShare }) => ({ name, startDate, targetShare }))).toEqual(
      first.company.phases.map(({ name, startDate, targetShare }) => ({ name, startDate, targetShare })),
    );
    for (const [index, phase] of phases.entries()) {
      const end = index + 1 < phases.length ? addDays(phases[index + 1]!.startDate, -1) : OPTIONS.endDate;
      const [row] = await query<{ activated: number }>(
        `SELECT uniqExact(person_id) AS activated FROM events
         WHERE org_id = {org:String} AND type = 'assistant.activated' AND toDate(time, 'Asia/Shanghai') <= {end:Date}`,
        { org: first.org.id, end },
      );
      const share = Number(row!.activated) / OPTIONS.developers;
      expect(Math.abs(share - phase.targetShare), `${phase.name}: ${share}`).toBeLessThanOrEqual(0.05);
    }
  });

  it('makes AI usage visible: no AI code before the pilot, a growing share after it', async () => {
    const pilot = first.company.phases[0]!.startDate;
    const [row] = await query<{ before: number; after: number; aiPrs: number }>(
      `SELECT sumIf(ai_lines_added, toDate(time, 'Asia/Shanghai') < {pilot:Date}) AS before,
              sumIf(ai_lines_added, toDate(time, 'Asia/Shanghai') >= {pilot:Date}) / sumIf(lines_added, toDate(time, 'Asia/Shanghai') >= {pilot:Date}) AS after,
              (SELECT countIf(ai_assisted = 1) FROM events WHERE org_id = {org:String} AND type = 'pull_request.merged') AS aiPrs
       FROM events WHERE org_id = {org:String} AND type = 'commit' AND is_merge = 0`,
      { org: first.org.id, pilot },
    );
    expect(Number(row!.before)).toBe(0);
    expect(Number(row!.after)).toBeGreaterThan(0.03);
    expect(Number(row!.aiPrs)).toBeGreaterThan(0);
  });
});

/** The event an emitter would have sent for a stored row: envelope from the columns, data from the JSON. */
function rebuildEvent(row: Row): Row {
  const text = (column: string) => String(row[column] ?? '');
  const present = (entries: [string, string][]) => Object.fromEntries(entries.filter(([, value]) => value !== ''));
  const actor = present([
    ['email', text('actor_email')],
    ['login', text('actor_login')],
    ['externalId', text('actor_external_id')],
  ]);
  const context = present([
    ['repo', text('repo')],
    ['language', text('language')],
    ['branch', text('branch')],
    ['model', text('model')],
    ['team', text('context_team')],
  ]);
  return {
    id: text('id'),
    type: text('type'),
    time: new Date(`${text('time').replace(' ', 'T')}Z`).toISOString(),
    ...(Object.keys(actor).length > 0 ? { actor } : {}),
    source: { tool: text('tool'), ...present([['toolVersion', text('tool_version')], ['ide', text('ide')], ['ideVersion', text('ide_version')]]) },
    ...(Object.keys(context).length > 0 ? { context } : {}),
    data: JSON.parse(text('data')) as unknown,
  };
}
