import type { ClickHouseSettings } from '@clickhouse/client';
import { markEventsWritten, OPEN_END_DATE, queryRows, toClickHouseDateTime, WHOLE_HISTORY, type UpliftClickHouse } from '@uplift/clickhouse';
import type { DataSource, EntityManager, ObjectLiteral, EntityTarget } from 'typeorm';
import { loadDirectoryRows, writeDirectorySnapshot } from '../modules/directory/directory-snapshot';
import { DepartmentEntity } from '../modules/directory/entities/department.entity';
import { IdentityEntity } from '../modules/directory/entities/identity.entity';
import { MembershipEntity } from '../modules/directory/entities/membership.entity';
import { PersonEntity } from '../modules/directory/entities/person.entity';
import { RepoOwnerEntity } from '../modules/directory/entities/repo-owner.entity';
import { RolloutPhaseEntity } from '../modules/directory/entities/rollout-phase.entity';
import { SeatEntity } from '../modules/directory/entities/seat.entity';
import { TeamEntity } from '../modules/directory/entities/team.entity';
import { OrgEntity } from '../modules/orgs/org.entity';
import { DEFAULT_AI_PR_LABELS, DEFAULT_PRIVACY_MIN_GROUP_SIZE, OrgsService } from '../modules/orgs/orgs.service';
import { addDays } from './demo-calendar';
import { GROUND_TRUTH, buildDemoCompany, stableUuid, type DemoCompany, type DemoOptions } from './demo-company';
import {
  COUNT_ORG_EVENTS_SQL,
  CREATE_STAGED_EVENTS_SQL,
  FLUSH_STAGED_EVENTS_SQL,
  DERIVED_PLAN_SQL,
  MONTHLY_EVENT_FAMILIES,
  ORG_PARTITIONS_SQL,
  PERIOD_EVENT_FAMILIES,
  PLAN_TABLE_DDL,
  SEED_TABLES,
  START_EVENT_MERGES_SQL,
  STOP_EVENT_MERGES_SQL,
  deleteOrgEventsInPartitionSql,
  dropOrgPartitionSql,
  dropSeedTablesSql,
} from './demo-events.queries';

export const DEMO_CODING_TIME_SHARE = 0.32;

export type SeedProgress = {
  /** what is being written now */
  stage: string;
  step: number;
  totalSteps: number;
  /** events of the org written so far */
  events: number;
};

export type SeedDemoArgs = {
  clickhouse: UpliftClickHouse;
  dataSource: DataSource;
  options: DemoOptions;
  /** events later than this are not generated (PRs still open, incidents not yet resolved…) */
  now: Date;
  onProgress?: (progress: SeedProgress) => void;
};

export type SeedDemoResult = {
  org: OrgEntity;
  company: DemoCompany;
  events: number;
  /** seconds spent generating events (plan tables and inserts) */
  generationSeconds: number;
  /** CPU seconds this process (ClickHouse included: chDB runs in it) spent on them, all threads together */
  generationCpuSeconds: number;
  totalSeconds: number;
};

/** Settings of the generating statements: the data JSON must read like JSON.stringify's (no escaped `/`). */
const GENERATION_SETTINGS: ClickHouseSettings = {
  output_format_json_escape_forward_slashes: 0,
  optimize_on_insert: 0,
  // A re-run deletes the org's events first: block checksums for insert deduplication would be wasted work.
  insert_deduplicate: 0,
  max_insert_threads: '2',
  join_use_nulls: 0,
  // A family's SELECT names its outputs like `events` columns, some of which are also plan columns
  // (`if(stage = 1, created_at, NULL) AS created_at`): expressions must read the plan column, not the alias.
  prefer_column_name_to_alias: 1,
};

const IDE_VERSIONS: Record<string, (index: number) => string> = {
  vscode: (index) => `1.${96 + (index % 6)}.${index % 3}`,
  jetbrains: (index) => `2025.${1 + (index % 2)}.${index % 4}`,
  cursor: (index) => `1.${2 + (index % 4)}.${index % 5}`,
  cli: () => '',
};

/**
 * Generates the demo company into an org: the directory through TypeORM (one transaction), its ClickHouse
 * snapshot, then the events, month by month, generated inside ClickHouse from plan tables. Re-running replaces
 * the org's events and directory, so the command is idempotent; the same options and `now` give the same rows.
 */
export async function seedDemo(args: SeedDemoArgs): Promise<SeedDemoResult> {
  const started = performance.now();
  const { clickhouse, dataSource, options, now } = args;
  const client = clickhouse.client;
  const company = buildDemoCompany(options);
  const chunks = monthChunks(company.startDate, company.endDate);
  const totalSteps = 3 + DERIVED_PLAN_SQL.length + chunks.length * MONTHLY_EVENT_FAMILIES.length + PERIOD_EVENT_FAMILIES.length;
  let step = 0;
  let events = 0;
  const report = (stage: string) => args.onProgress?.({ stage, step, totalSteps, events });

  report('directory');
  const org = await ensureOrg(dataSource, company);
  await deleteOrgEvents(clickhouse, org.id);
  await writeDirectory(dataSource, org.id, company);
  await writeDirectorySnapshot(client, org.id, await loadDirectoryRows(dataSource.manager, org.id), {
    snapshot: Date.now(),
  });
  step += 1;

  const generationStarted = performance.now();
  const cpuStarted = process.cpuUsage();
  report('plan');
  for (const sql of dropSeedTablesSql()) await client.command({ query: sql });
  await writePlanTables(clickhouse, company);
  step += 1;
  const params = queryParameters(company, org.id, now);
  for (const { table, sql } of DERIVED_PLAN_SQL) {
    report(`plan: ${table.replace('seed_demo_', '').replace(/_/g, ' ')}`);
    await client.command({ query: sql, query_params: params, clickhouse_settings: GENERATION_SETTINGS });
    step += 1;
  }

  const run = async (family: { label: string; sql: string }, range: { from: string; to: string }) => {
    await client.command({
      query: family.sql,
      query_params: { ...params, ...range },
      clickhouse_settings: { ...GENERATION_SETTINGS, log_comment: `seed:demo:${family.label}` },
    });
    step += 1;
  };
  // Bulk load: parts are merged once the data is in (by this process at its end, or by the server), not
  // while every month's insert competes with merges of the previous ones. START comes back in any case.
  await client.command({ query: STOP_EVENT_MERGES_SQL });
  try {
    for (const chunk of chunks) {
      for (const family of MONTHLY_EVENT_FAMILIES) {
        report(`${chunk.from.slice(0, 7)} ${family.label}`);
        await run(family, chunk);
      }
      events = await countEvents(clickhouse, org.id);
    }
    await client.command({ query: CREATE_STAGED_EVENTS_SQL });
    for (const family of PERIOD_EVENT_FAMILIES) {
      report(family.label);
      await run(family, { from: company.startDate, to: company.endDate });
    }
    await client.command({ query: FLUSH_STAGED_EVENTS_SQL, clickhouse_settings: { ...GENERATION_SETTINGS, log_comment: 'seed:demo:flush' } });
    events = await countEvents(clickhouse, org.id);
  } finally {
    // every day of the org changed (events removed and generated): its daily rollups are rebuilt from scratch
    await markEventsWritten(clickhouse, [{ orgId: org.id, firstTime: WHOLE_HISTORY.first, lastTime: WHOLE_HISTORY.last }]);
    await client.command({ query: START_EVENT_MERGES_SQL });
    for (const sql of dropSeedTablesSql()) await client.command({ query: sql });
  }
  const generationSeconds = (performance.now() - generationStarted) / 1000;
  const cpu = process.cpuUsage(cpuStarted);
  step += 1;
  report('done');
  return { org, company, events, generationSeconds, generationCpuSeconds: (cpu.user + cpu.system) / 1e6, totalSeconds: (performance.now() - started) / 1000 };
}

/** Removes the org's events: whole partitions where it is alone, a waited-for mutation elsewhere. */
async function deleteOrgEvents(clickhouse: UpliftClickHouse, orgId: string): Promise<void> {
  const partitions = await queryRows<{ partition: string; others: number }>(clickhouse.client, {
    query: ORG_PARTITIONS_SQL,
    params: { org: orgId },
    comment: 'seed:demo:partitions',
  });
  for (const { partition, others } of partitions) {
    await clickhouse.client.command(
      Number(others) === 0
        ? { query: dropOrgPartitionSql(partition) }
        : { query: deleteOrgEventsInPartitionSql(partition), query_params: { org: orgId }, clickhouse_settings: { mutations_sync: '2' } },
    );
  }
}

async function countEvents(clickhouse: UpliftClickHouse, orgId: string): Promise<number> {
  const [row] = await queryRows<{ events: number }>(clickhouse.client, { query: COUNT_ORG_EVENTS_SQL, params: { org: orgId }, comment: 'seed:demo:count' });
  return Number(row?.events ?? 0);
}

/** Calendar months of the period, the first and last cut to it. */
export function monthChunks(from: string, to: string): { from: string; to: string }[] {
  const chunks: { from: string; to: string }[] = [];
  for (let start = from; start <= to; ) {
    const [year, month] = start.split('-').map(Number) as [number, number];
    const monthEnd = new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);
    const end = monthEnd < to ? monthEnd : to;
    chunks.push({ from: start, to: end });
    start = addDays(end, 1);
  }
  return chunks;
}

/** The typed parameters every generating statement may read: seed, org, clock and the ground-truth effects. */
export function queryParameters(company: DemoCompany, orgId: string, now: Date): Record<string, unknown> {
  return {
    seed: company.options.seed,
    org: orgId,
    tz: company.options.timeZone,
    now: toClickHouseDateTime(now),
    ramp_days: GROUND_TRUTH.rampDays,
    learning_days: GROUND_TRUTH.learningDays,
    late_day: Math.round(company.days.length * 0.6),
    share_copilot: GROUND_TRUTH.toolAiShare.copilot,
    share_lingma: GROUND_TRUTH.toolAiShare.lingma,
    share_cursor: GROUND_TRUTH.toolAiShare.cursor,
    share_claude_code: GROUND_TRUTH.toolAiShare['claude-code'],
    base_pr_rate: GROUND_TRUTH.basePrRate,
    pr_uplift: GROUND_TRUTH.prRateUplift,
    cycle_reduction: GROUND_TRUTH.cycleTimeReduction,
    base_defects_per_kloc: GROUND_TRUTH.baseDefectsPerKloc,
    ai_line_defect_effect: GROUND_TRUTH.aiLineDefectEffect,
    requirement_lead_time_reduction: GROUND_TRUTH.requirementLeadTimeReduction,
  };
}

/** The survey goes out on the first working day from the 10th of each quarter's first month. */
function surveyDays(company: DemoCompany): Set<string> {
  const days = new Set<string>();
  const sent = new Set<string>();
  for (const day of company.days) {
    const month = Number(day.date.slice(5, 7));
    if ((month - 1) % 3 !== 0 || Number(day.date.slice(8)) < 10 || !day.isWorkday || sent.has(day.quarter)) continue;
    sent.add(day.quarter);
    days.add(day.date);
  }
  return days;
}

export async function writePlanTables(clickhouse: UpliftClickHouse, company: DemoCompany): Promise<void> {
  const client = clickhouse.client;
  for (const ddl of Object.values(PLAN_TABLE_DDL)) await client.command({ query: ddl });
  const surveys = surveyDays(company);
  const insert = (table: string, values: Record<string, unknown>[]) => client.insert({ table, values, format: 'JSONEachRow' });
  await insert(
    SEED_TABLES.days,
    company.days.map((day) => ({
      day: day.date,
      day_index: day.index,
      day_start: toClickHouseDateTime(new Date(day.startUtcMs)),
      is_workday: day.isWorkday ? 1 : 0,
      activity: day.activity,
      week: day.week,
      quarter: day.quarter,
      survey: surveys.has(day.date) ? 1 : 0,
    })),
  );
  await insert(
    SEED_TABLES.developers,
    company.developers.map((developer) => {
      const [first, second] = developer.memberships;
      return {
        dev: developer.index,
        email: developer.email,
        login: developer.login,
        git_email: developer.gitSendsEmail ? 1 : 0,
        hire_day: developer.hireDate,
        team_a: first!.team,
        team_b: (second ?? first)!.team,
        move_day: second?.startDate ?? OPEN_END_DATE,
        language: developer.language,
        productivity: developer.productivity,
        intensity: developer.intensity,
        adoption_day: developer.adoption?.date ?? OPEN_END_DATE,
        tool: developer.tool ?? '',
        ide: developer.ide,
        ide_version: (IDE_VERSIONS[developer.ide] ?? IDE_VERSIONS['cli']!)(developer.index),
        tool2: developer.secondTool?.tool ?? '',
        tool2_day: developer.secondTool?.date ?? OPEN_END_DATE,
      };
    }),
  );
  await insert(
    SEED_TABLES.teams,
    company.teams.map((team) => {
      const members = company.developers.filter((developer) => developer.memberships.at(-1)!.team === team.index);
      return {
        team: team.index,
        name: team.name,
        department: team.department,
        project_key: team.projectKey,
        repos: team.repos.map((repo) => repo.name),
        repo_languages: team.repos.map((repo) => repo.language),
        productivity: team.productivity,
        cycle_factor: team.cycleFactor,
        defect_factor: team.defectFactor,
        incident_factor: team.incidentFactor,
        member_emails: members.map((developer) => developer.email),
        size: members.length,
      };
    }),
  );
  await insert(
    SEED_TABLES.repos,
    company.teams.flatMap((team) => team.repos.map((repo) => ({ repo: repo.name, team: team.index, language: repo.language, deploy_rate: repo.deployRate }))),
  );
}

/** Finds or creates the org and applies the demo's settings. */
async function ensureOrg(dataSource: DataSource, company: DemoCompany): Promise<OrgEntity> {
  const orgs = new OrgsService(dataSource.getRepository(OrgEntity));
  const { orgSlug, timeZone } = company.options;
  const existing = await dataSource.getRepository(OrgEntity).findOneBy({ slug: orgSlug });
  const org = existing ?? (await orgs.create({ name: 'Demo Company', slug: orgSlug, timeZone }));
  return orgs.update(org.id, {
    timeZone,
    codingTimeShare: DEMO_CODING_TIME_SHARE,
    aiPrLabels: [...DEFAULT_AI_PR_LABELS],
    privacyMinGroupSize: DEFAULT_PRIVACY_MIN_GROUP_SIZE,
  });
}

/** Inserts in slices: SQLite caps the bound variables of one statement. */
async function insertAll<Entity extends ObjectLiteral>(manager: EntityManager, entity: EntityTarget<Entity>, rows: Entity[]): Promise<void> {
  for (let index = 0; index < rows.length; index += 100) await manager.insert(entity, rows.slice(index, index + 100));
}

/** Replaces the org's directory with the company's, in one transaction. Ids are stable per org and seed. */
async function writeDirectory(dataSource: DataSource, orgId: string, company: DemoCompany): Promise<void> {
  const id = (...parts: (string | number)[]) => stableUuid(orgId, company.options.seed, ...parts);
  const departmentIds = new Map(company.departments.map((name) => [name, id('department', name)]));
  const teamIds = company.teams.map((team) => id('team', team.name));
  const personId = (index: number) => id('person', index);
  const botId = (login: string) => id('bot', login);

  await dataSource.transaction(async (manager) => {
    for (const entity of [IdentityEntity, MembershipEntity, SeatEntity, RepoOwnerEntity, RolloutPhaseEntity, PersonEntity, TeamEntity, DepartmentEntity]) {
      await manager.delete(entity, { orgId });
    }
    await insertAll(
      manager,
      DepartmentEntity,
      company.departments.map((name) => ({ id: departmentIds.get(name)!, orgId, name })),
    );
    await insertAll(
      manager,
      TeamEntity,
      company.teams.map((team) => ({ id: teamIds[team.index]!, orgId, name: team.name, departmentId: departmentIds.get(team.department) ?? null })),
    );
    await insertAll(manager, PersonEntity, [
      ...company.developers.map((developer) => ({ id: personId(developer.index), orgId, name: developer.name, isBot: false })),
      ...company.bots.map((bot) => ({ id: botId(bot.login), orgId, name: bot.name, isBot: true })),
    ]);
    await insertAll(manager, IdentityEntity, [
      ...company.developers.flatMap((developer) => [
        { id: id('identity', developer.index, 'email'), orgId, personId: personId(developer.index), kind: 'email' as const, value: developer.email },
        { id: id('identity', developer.index, 'login'), orgId, personId: personId(developer.index), kind: 'login' as const, value: developer.login },
      ]),
      ...company.bots.map((bot) => ({ id: id('identity', bot.login), orgId, personId: botId(bot.login), kind: 'login' as const, value: bot.login })),
    ]);
    await insertAll(
      manager,
      MembershipEntity,
      company.developers.flatMap((developer) =>
        developer.memberships.map((membership, index) => ({
          id: id('membership', developer.index, index),
          orgId,
          personId: personId(developer.index),
          teamId: teamIds[membership.team]!,
          startDate: membership.startDate,
          endDate: membership.endDate,
        })),
      ),
    );
    await insertAll(
      manager,
      SeatEntity,
      company.developers.flatMap((developer) =>
        developer.seats.map((seat) => ({
          id: id('seat', developer.index, seat.tool),
          orgId,
          personId: personId(developer.index),
          tool: seat.tool,
          startDate: seat.startDate,
          endDate: null,
        })),
      ),
    );
    await insertAll(
      manager,
      RepoOwnerEntity,
      company.teams.flatMap((team) => team.repos.map((repo) => ({ id: id('repo', repo.name), orgId, repo: repo.name, teamId: teamIds[team.index]! }))),
    );
    await insertAll(
      manager,
      RolloutPhaseEntity,
      company.phases.map((phase) => ({ id: id('phase', phase.key), orgId, name: phase.name, startDate: phase.startDate, targetShare: phase.targetShare })),
    );
  });
}
