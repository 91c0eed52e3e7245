import { Tables } from '@uplift/clickhouse';

/**
 * The SQL of `npm run seed:demo`. Events are generated inside ClickHouse: small plan tables written from JS
 * (days, developers, teams, repos) are expanded by INSERT … SELECT into contract-valid `events` rows, typed
 * columns and the `data` JSON built from the same expressions, exactly as the collector would have stored them.
 *
 * Every random draw is a hash of the seed and the draw's identity (`cityHash64({seed}, developer, day, n, 'salt')`),
 * never `rand()`: the same seed gives the same rows. Values reach the SQL only as typed parameters ({seed:UInt64},
 * {org:String}, {now:DateTime64(3, 'UTC')}, {from:Date}, {to:Date} and the ground-truth effect sizes); the constants in
 * the text are the generator's model (tool names, shares, medians).
 *
 * The `seed_demo_*` tables are the generator's scratch space, not schema: Memory tables created at the start of a
 * run and dropped at its end (and at the start of the next run, should one have died half-way).
 */

export const SEED_TABLES = {
  days: 'seed_demo_days',
  developers: 'seed_demo_developers',
  teams: 'seed_demo_teams',
  repos: 'seed_demo_repos',
  devDays: 'seed_demo_dev_days',
  teamDays: 'seed_demo_team_days',
  prs: 'seed_demo_prs',
  deploys: 'seed_demo_deploys',
  deployCommits: 'seed_demo_deploy_commits',
  workItems: 'seed_demo_work_items',
  /** the smaller event families gather here, then go to `events` in one insert (one part per month, not seven) */
  stagedEvents: 'seed_demo_events',
} as const;

/** Plan tables filled from JS (JSONEachRow), with their columns. */
export const PLAN_TABLE_DDL: Record<'days' | 'developers' | 'teams' | 'repos', string> = {
  days: `CREATE TABLE ${SEED_TABLES.days} (
    day Date, day_index UInt32, day_start DateTime64(3, 'UTC'), is_workday UInt8, activity Float64,
    week String, quarter String, survey UInt8
  ) ENGINE = Memory`,
  developers: `CREATE TABLE ${SEED_TABLES.developers} (
    dev UInt32, email String, login String, git_email UInt8, hire_day Date, team_a UInt16, team_b UInt16, move_day Date,
    language String, productivity Float64, intensity Float64, adoption_day Date, tool String, ide String,
    ide_version String, tool2 String, tool2_day Date
  ) ENGINE = Memory`,
  teams: `CREATE TABLE ${SEED_TABLES.teams} (
    team UInt16, name String, department String, project_key String, repos Array(String), repo_languages Array(String),
    productivity Float64, cycle_factor Float64, defect_factor Float64, incident_factor Float64,
    member_emails Array(String), size UInt32
  ) ENGINE = Memory`,
  repos: `CREATE TABLE ${SEED_TABLES.repos} (
    repo String, team UInt16, language String, deploy_rate Float64, number_base UInt32
  ) ENGINE = Memory`,
};

export function dropSeedTablesSql(): string[] {
  return Object.values(SEED_TABLES).map((table) => `DROP TABLE IF EXISTS ${table}`);
}

// ---------------------------------------------------------------------------------------------------------------
// Deterministic random draws. Each takes the SQL of the draw's identity (columns and a salt literal).

const SEED = '{seed:UInt64}';
const hash = (keys: string) => `cityHash64(${SEED}, ${keys})`;
/** uniform in [0, 1) */
const uniform = (keys: string) => `(${hash(keys)} / 18446744073709551616.)`;
/** standard normal (Box–Muller over two uniforms) */
const normal = (keys: string) => `(sqrt(-2. * log(1. - ${uniform(`${keys}, 'n1'`)})) * cos(2. * pi() * ${uniform(`${keys}, 'n2'`)}))`;
/** lognormal with the given median */
const lognormal = (median: string, sigma: number, keys: string) => `(${median} * exp(${sigma} * ${normal(keys)}))`;
/** Poisson(λ) by inverse transform over the terms up to λ + 6√λ + 6 (the rest of the mass is negligible) */
const poisson = (lambda: string, keys: string) => {
  const positive = `greatest(${lambda}, 1e-9)`;
  return `arrayCount(cdf_ -> cdf_ < ${uniform(keys)}, arrayCumSum(arrayMap(k_ -> exp(k_ * log(${positive}) - ${positive} - lgamma(k_ + 1)), range(0, toUInt32(ceil(${positive} + 6. * sqrt(${positive}) + 6.))))))`;
};
/** a time in local working hours (about 09:15–18:45, busiest early afternoon) of the day that starts at `dayStart` */
const workTime = (dayStart: string, keys: string) =>
  `(${dayStart} + toIntervalMillisecond(toInt64((9.25 + 9.5 * (${uniform(`${keys}, 'w1'`)} + ${uniform(`${keys}, 'w2'`)}) / 2.) * 3600000.)))`;
const hours = (value: string) => `toIntervalMillisecond(toInt64((${value}) * 3600000.))`;
const hex16 = (value: string) => `leftPad(lower(hex(${value})), 16, '0')`;
/** a 40-hex-digit commit SHA */
const sha40 = (keys: string) => `substring(concat(${hex16(hash(`${keys}, 's1'`))}, ${hex16(hash(`${keys}, 's2'`))}, ${hex16(hash(`${keys}, 's3'`))}), 1, 40)`;
/**
 * A UUID with the version 4 layout (version nibble 4, variant 10xx), as the contract requires: two hashes as the
 * high and low halves, bits set, read as a UUID (4× faster than formatting and parsing its text).
 */
const eventId = (keys: string) => {
  const high = `bitOr(bitAnd(${hash(`${keys}, 'id1'`)}, 0xFFFFFFFFFFFF0FFF), 0x4000)`;
  const low = `bitOr(bitAnd(${hash(`${keys}, 'id2'`)}, 0x3FFFFFFFFFFFFFFF), 0x8000000000000000)`;
  return `reinterpretAsUUID(concat(reinterpretAsFixedString(${high}), reinterpretAsFixedString(${low})))`;
};
/** received by the collector a moment after it happened */
const receivedAt = (time: string, keys: string) => `(${time} + toIntervalMillisecond(150 + ${hash(`${keys}, 'recv'`)} % 20000))`;
/** RFC 3339 in UTC with milliseconds, as the contract normalises timestamps (`new Date(…).toISOString()`) */
const isoTime = (time: string) =>
  `concat(formatDateTime(${time}, '%Y-%m-%dT%H:%i:%S', 'UTC'), '.', leftPad(toString(toUnixTimestamp64Milli(${time}) % 1000), 3, '0'), 'Z')`;

type JsonKind = 'string' | 'number' | 'boolean' | 'json';
/** key, SQL value, how it is written, and (optional fields) the condition under which it is present */
type JsonField = readonly [key: string, value: string, kind: JsonKind, when?: string];

/**
 * A JSON object in the key order the contract's schemas give it (what `JSON.stringify` of a validated event's
 * `data` produces): required fields first-to-last as declared, optional ones only when present.
 */
function jsonObject(fields: readonly JsonField[]): string {
  if (fields.length === 0) return `'{}'`;
  if (fields[0]![3] !== undefined) throw new Error('the first field of a JSON object must always be present');
  const render = ([, value, kind]: JsonField) =>
    kind === 'string' ? `toJSONString(${value})` : kind === 'number' ? `toString(${value})` : kind === 'boolean' ? `if(${value}, 'true', 'false')` : value;
  const parts = fields.map((field, index) => {
    const text = `'${index === 0 ? '{' : ','}"${field[0]}":', ${render(field)}`;
    return field[3] === undefined ? text : `if(${field[3]}, concat(${text}), '')`;
  });
  return `concat(${parts.join(', ')}, '}')`;
}

/**
 * Wraps a family's SELECT (columns named like `events` columns) into the insert; nothing later than `now`. The
 * big family writes to `events`; the others to the staging copy (same structure), flushed once at the end.
 */
function insertEvents(columns: readonly string[], select: string, table: string = SEED_TABLES.stagedEvents): string {
  const list = columns.join(', ');
  return `INSERT INTO ${table} (${list})\nSELECT ${list} FROM (\n${select}\n) WHERE time <= {now:DateTime64(3, 'UTC')}`;
}

/** The staging copy of `events` (Memory: inserts into it create no parts). */
export const CREATE_STAGED_EVENTS_SQL = `CREATE TABLE ${SEED_TABLES.stagedEvents} AS ${Tables.events} ENGINE = Memory`;
export const FLUSH_STAGED_EVENTS_SQL = `INSERT INTO ${Tables.events} SELECT * FROM ${SEED_TABLES.stagedEvents}`;

const ACTOR_COLUMNS = ['actor_email', 'actor_login', 'person_id'] as const;
const ENVELOPE = ['org_id', 'id', 'type', 'time', 'received_at', 'tool', 'tool_version', 'ide', 'ide_version', 'repo', 'language', 'branch', 'model', 'context_team', 'data'] as const;

/** Model names by tool and by half of the period (tools upgrade their models). */
const completionModel = (tool: string, late: string) =>
  `multiIf(${tool} = 'copilot', if(${late}, 'gpt-4.1-mini', 'gpt-4o-mini'), ${tool} = 'lingma', if(${late}, 'qwen3-coder', 'qwen2.5-coder'), ${tool} = 'cursor', 'cursor-tab', 'claude-sonnet-4')`;
const chatModel = (tool: string, late: string) =>
  `multiIf(${tool} = 'copilot', if(${late}, 'claude-sonnet-4', 'gpt-4.1'), ${tool} = 'lingma', if(${late}, 'qwen3-coder-plus', 'qwen-max'), ${tool} = 'cursor', 'claude-sonnet-4', if(${late}, 'claude-opus-4', 'claude-sonnet-4'))`;
const toolVersion = (tool: string, dayIndex: string) =>
  `multiIf(${tool} = 'copilot', concat('1.', toString(290 + intDiv(${dayIndex}, 14)), '.0'), ${tool} = 'lingma', concat('2.', toString(1 + intDiv(${dayIndex}, 60)), '.', toString(intDiv(${dayIndex}, 12) % 5)), ${tool} = 'cursor', concat('1.', toString(intDiv(${dayIndex}, 45)), '.', toString(intDiv(${dayIndex}, 9) % 5)), concat('1.0.', toString(30 + intDiv(${dayIndex}, 7))))`;

// ---------------------------------------------------------------------------------------------------------------
// Derived plan tables (whole period, built once).

/**
 * One row per developer and day on which they work: their team that day (membership history), the team's
 * repos, and their AI use that day: aiLevel = intensity × a ramp over the weeks after adoption × a learning curve.
 */
export const CREATE_DEV_DAYS_SQL = `CREATE TABLE ${SEED_TABLES.devDays} ENGINE = Memory AS
SELECT d.dev AS dev, days.day AS day, days.day_index AS day_index, days.day_start AS day_start, days.week AS week,
  days.is_workday AS is_workday, d.email AS email, d.login AS login, d.git_email AS git_email,
  if(days.day >= d.move_day, d.team_b, d.team_a) AS team, t.name AS team_name, t.repos AS repos, t.repo_languages AS repo_languages,
  t.project_key AS project_key, t.productivity AS team_productivity, t.cycle_factor AS cycle_factor, d.language AS language, d.productivity AS productivity,
  d.intensity AS intensity, d.tool AS tool, d.ide AS ide, d.ide_version AS ide_version,
  if(days.day >= d.tool2_day, d.tool2, '') AS tool2,
  ${toolVersion('d.tool', 'days.day_index')} AS tool_version,
  ${completionModel('d.tool', 'days.day_index >= {late_day:UInt32}')} AS completion_model,
  t.repos[1 + ${hash("d.dev, days.day, 'ide-repo'")} % length(t.repos)] AS ide_repo,
  if(days.day >= d.adoption_day,
     d.intensity * least(1., (toFloat64(days.day - d.adoption_day) + 1.) / {ramp_days:Float64})
       * (0.85 + 0.15 * least(1., toFloat64(days.day - d.adoption_day) / {learning_days:Float64})),
     0.) AS ai_level,
  ai_level > 0 AND ${uniform("d.dev, days.day, 'ai-on'")} < 0.6 + 0.35 * d.intensity AS ai_on,
  days.day_index >= {late_day:UInt32} AS late
FROM ${SEED_TABLES.developers} AS d
CROSS JOIN ${SEED_TABLES.days} AS days
INNER JOIN ${SEED_TABLES.teams} AS t ON t.team = if(days.day >= d.move_day, d.team_b, d.team_a)
WHERE days.day >= d.hire_day AND ${uniform("d.dev, days.day, 'present'")} < days.activity`;

/** Per team and day: how many of its people worked and their mean AI level (drives requirement lead time). */
export const CREATE_TEAM_DAYS_SQL = `CREATE TABLE ${SEED_TABLES.teamDays} ENGINE = Memory AS
SELECT team, day, count() AS present, avg(ai_level) AS ai_level FROM ${SEED_TABLES.devDays} GROUP BY team, day`;

/**
 * Pull requests: each developer-day opens Poisson(basePrRate × productivity × team × weekly noise ×
 * (1 + prUplift × aiLevel)) PRs (half on a weekend day); coding and review time shrink with aiLevel. Dependabot
 * adds dependency bumps. PR numbers run per repo in order of creation.
 */
export const CREATE_PRS_SQL = `CREATE TABLE ${SEED_TABLES.prs} ENGINE = Memory AS
SELECT *,
  toUInt32(100 + cityHash64(repo) % 900) + row_number() OVER (PARTITION BY repo ORDER BY created_at, pr_key) AS number,
  concat(if(is_bot = 1, 'dependabot/', 'feature/'), lower(project_key), '-', toString(number)) AS branch,
  ${sha40("pr_key, 'merge'")} AS merge_sha
FROM (
  SELECT pr_key, toUInt8(0) AS is_bot, dev, day, email, login, git_email, team_name, project_key, repo, repo_language,
    ai_tool, ai_level, ai_share, created_at, first_commit_at, first_review_at, merged_at, closed_at, outcome,
    n_commits, lines_added, lines_deleted, labels, ai_assisted, title
  FROM (
    SELECT *,
      ${hash("dev, day, pr_index, 'pr'")} AS pr_key,
      1 + ${hash("dev, day, pr_index, 'repo'")} % length(repos) AS repo_slot,
      repos[repo_slot] AS repo,
      repo_languages[repo_slot] AS repo_language,
      if(ai_level > 0, if(tool2 != '' AND ${uniform("pr_key, 'tool2'")} < 0.35, tool2, tool), '') AS ai_tool,
      if(ai_level > 0,
         least(0.95, ai_level * multiIf(ai_tool = 'copilot', {share_copilot:Float64}, ai_tool = 'lingma', {share_lingma:Float64},
           ai_tool = 'cursor', {share_cursor:Float64}, {share_claude_code:Float64}) * exp(0.35 * ${normal("pr_key, 'share'")} - 0.06)),
         0.) AS ai_share,
      ${workTime('day_start', "pr_key, 'created'")} AS created_at,
      1. - {cycle_reduction:Float64} * ai_level AS speedup,
      created_at - ${hours(`${lognormal('14.', 0.8, "pr_key, 'coding'")} * cycle_factor * speedup`)} AS first_commit_at,
      created_at + ${hours(lognormal('3.5', 1.0, "pr_key, 'pickup'"))} AS first_review_at,
      first_review_at + ${hours(`${lognormal('9.', 0.9, "pr_key, 'review'")} * cycle_factor * speedup`)} AS merged_at,
      created_at + ${hours(lognormal('30.', 0.8, "pr_key, 'close'"))} AS closed_at,
      multiIf(${uniform("pr_key, 'outcome'")} < 0.9, 'merged', ${uniform("pr_key, 'outcome'")} < 0.96, 'closed', 'open') AS outcome,
      toUInt32(1 + ${poisson('1.6', "pr_key, 'commits'")}) AS n_commits,
      toInt64(greatest(3, least(2500, round(${lognormal('110.', 0.9, "pr_key, 'lines'")})))) AS lines_added,
      toInt64(round(lines_added * (0.1 + 0.5 * ${uniform("pr_key, 'deleted'")}))) AS lines_deleted,
      arrayConcat(
        [['feature', 'feature', 'feature', 'bug', 'bug', 'refactor', 'chore', 'test'][1 + ${hash("pr_key, 'label'")} % 8]],
        if(ai_share > 0.2 AND ${uniform("pr_key, 'ai-label'")} < 0.45,
           [multiIf(ai_tool = 'claude-code', 'claude-code-assisted', ai_tool = 'copilot', 'copilot', 'ai-assisted')], [])) AS labels,
      toUInt8(ai_share > 0 AND ${uniform("pr_key, 'ai-flag'")} < 0.6) AS ai_assisted,
      concat(['Add', 'Fix', 'Refactor', 'Update', 'Remove', 'Speed up', 'Document', 'Test'][1 + ${hash("pr_key, 'verb'")} % 8], ' ',
        ['checkout flow', 'retry logic', 'cache layer', 'API client', 'feature flag', 'metrics export', 'error handling',
         'database migration', 'search ranking', 'config loader', 'auth middleware', 'batch job'][1 + ${hash("pr_key, 'noun'")} % 12]) AS title
    FROM ${SEED_TABLES.devDays}
    ARRAY JOIN range(toUInt32(${poisson(
      `{base_pr_rate:Float64} * productivity * team_productivity * if(is_workday = 1, 1., 0.5) * (1. + {pr_uplift:Float64} * ai_level)
        * exp(0.12 * ${normal("team, week, 'team-week'")} - 0.0072)`,
      "dev, day, 'prs'",
    )})) AS pr_index
  )
  UNION ALL
  SELECT pr_key, toUInt8(1) AS is_bot, toUInt32(0) AS dev, day, '' AS email, 'dependabot[bot]' AS login, toUInt8(0) AS git_email,
    '' AS team_name, project_key, repo, repo_language, '' AS ai_tool, 0. AS ai_level, 0. AS ai_share,
    created_at, first_commit_at, first_review_at, merged_at, closed_at, outcome, n_commits, lines_added, lines_deleted,
    labels, ai_assisted, title
  FROM (
    SELECT ${hash("r.repo, days.day, 'dependabot'")} AS pr_key, days.day AS day, t.project_key AS project_key, r.repo AS repo,
      r.language AS repo_language,
      days.day_start + ${hours(`2. + 3. * ${uniform("pr_key, 'created'")}`)} AS created_at, created_at AS first_commit_at,
      created_at + ${hours(lognormal('20.', 0.8, "pr_key, 'pickup'"))} AS first_review_at,
      first_review_at + ${hours(lognormal('2.', 0.8, "pr_key, 'review'"))} AS merged_at,
      created_at + ${hours(lognormal('96.', 0.5, "pr_key, 'close'"))} AS closed_at,
      if(${uniform("pr_key, 'outcome'")} < 0.85, 'merged', 'closed') AS outcome, toUInt32(1) AS n_commits,
      toInt64(4 + ${hash("pr_key, 'lines'")} % 40) AS lines_added, toInt64(2 + ${hash("pr_key, 'deleted'")} % 30) AS lines_deleted,
      ['dependencies'] AS labels, toUInt8(0) AS ai_assisted,
      concat('Bump ', ['lodash', 'jackson-databind', 'golang.org/x/net', 'requests', 'spring-boot', 'react'][1 + ${hash("pr_key, 'dep'")} % 6]) AS title
    FROM ${SEED_TABLES.repos} AS r
    CROSS JOIN ${SEED_TABLES.days} AS days
    INNER JOIN ${SEED_TABLES.teams} AS t ON t.team = r.team
    WHERE toDayOfWeek(days.day) = 1 AND ${uniform("r.repo, days.day, 'dependabot-week'")} < 0.45
  )
)`;

/** Deployments: Poisson(deployRate) production and Poisson(1.5) staging deployments per repo and working day. */
export const CREATE_DEPLOYS_SQL = `CREATE TABLE ${SEED_TABLES.deploys} ENGINE = Memory AS
SELECT *,
  concat('deploy-', substring(${hex16(hash("deploy_key, 'id'"))}, 1, 12)) AS deployment_id,
  if(environment = 'production', ${uniform("deploy_key, 'status'")} >= 0.07, ${uniform("deploy_key, 'status'")} >= 0.1) AS succeeded,
  finished_at - ${hours(`${lognormal('0.14', 0.4, "deploy_key, 'duration'")}`)} AS started_at
FROM (
  SELECT ${hash("r.repo, days.day, environment, deploy_index, 'deploy'")} AS deploy_key, r.repo AS repo, r.team AS team, t.name AS team_name,
    t.incident_factor AS incident_factor, days.day AS day, environment,
    days.day_start + ${hours(`if(environment = 'production', 13. + 6. * ${uniform("deploy_key, 'hour'")}, 10. + 8. * ${uniform("deploy_key, 'hour'")})`)} AS finished_at
  FROM ${SEED_TABLES.repos} AS r
  CROSS JOIN ${SEED_TABLES.days} AS days
  INNER JOIN ${SEED_TABLES.teams} AS t ON t.team = r.team
  ARRAY JOIN ['production', 'staging'] AS environment
  ARRAY JOIN range(toUInt32(${poisson("if(environment = 'production', r.deploy_rate, 1.5)", "r.repo, days.day, environment, 'deploys'")})) AS deploy_index
  WHERE days.is_workday = 1
)`;

/**
 * The commits each successful production deployment shipped: the merge commits of the PRs merged into its repo
 * since the previous one (each PR goes out with the first successful production deployment ≥ 10 minutes after
 * its merge).
 */
export const CREATE_DEPLOY_COMMITS_SQL = `CREATE TABLE ${SEED_TABLES.deployCommits} ENGINE = Memory AS
SELECT deployment_id, arrayMap(pair -> pair.2, arraySort(pair -> pair.1, groupArray((merged_at, merge_sha)))) AS commits
FROM (
  SELECT p.repo AS repo, p.merged_at AS merged_at, p.merge_sha AS merge_sha, p.merged_at + toIntervalMinute(10) AS ready_at
  FROM ${SEED_TABLES.prs} AS p WHERE p.outcome = 'merged'
) AS p
ASOF INNER JOIN (
  SELECT repo, deployment_id, started_at FROM ${SEED_TABLES.deploys} WHERE environment = 'production' AND succeeded
) AS d ON p.repo = d.repo AND d.started_at >= p.ready_at
GROUP BY deployment_id`;

/** A bug is found a few days after its PR merged, and filed on a working day (one found at a weekend on Monday). */
const BUG_FOUND_AT = `(p.merged_at + ${hours(`24. * ${lognormal('3.', 0.7, "item_hash, 'found'")}`)})`;
const BUG_FILED_AT = `(${BUG_FOUND_AT} + toIntervalDay(multiIf(toDayOfWeek(${BUG_FOUND_AT}, 0, {tz:String}) = 6, 2, toDayOfWeek(${BUG_FOUND_AT}, 0, {tz:String}) = 7, 1, 0)))`;

/**
 * Work items, numbered per team project (`PAY-1234`): bugs found after merged PRs (Poisson(KLOC × base density ×
 * team factor × (1 + aiLineDefectEffect × AI share of the PR))), requirements and tasks per team and working day.
 */
export const CREATE_WORK_ITEMS_SQL = `CREATE TABLE ${SEED_TABLES.workItems} ENGINE = Memory AS
SELECT *, concat(project_key, '-', toString(100 + row_number() OVER (PARTITION BY project_key ORDER BY created_at, item_hash))) AS item_key
FROM (
  SELECT ${hash("p.pr_key, bug_index, 'bug'")} AS item_hash, 'bug' AS kind, t.project_key AS project_key, t.name AS team_name, p.repo AS repo,
    toDate(p.merged_at) AS day, ${BUG_FILED_AT} AS created_at,
    if(${uniform("item_hash, 'fixed'")} < 0.85, created_at + ${hours(`24. * ${lognormal('3.', 0.9, "item_hash, 'fix'")}`)}, NULL) AS resolved_at,
    ['minor', 'minor', 'minor', 'major', 'major', 'critical'][1 + ${hash("item_hash, 'severity'")} % 6] AS severity,
    t.member_emails[1 + ${hash("item_hash, 'reporter'")} % length(t.member_emails)] AS reporter,
    t.member_emails[1 + ${hash("item_hash, 'assignee'")} % length(t.member_emails)] AS assignee
  FROM ${SEED_TABLES.prs} AS p
  INNER JOIN ${SEED_TABLES.teams} AS t ON t.project_key = p.project_key
  ARRAY JOIN range(toUInt32(${poisson(
    `p.lines_added / 1000. * {base_defects_per_kloc:Float64} * t.defect_factor * (1. + {ai_line_defect_effect:Float64} * p.ai_share)`,
    "p.pr_key, 'bugs'",
  )})) AS bug_index
  WHERE p.outcome = 'merged' AND p.is_bot = 0
  UNION ALL
  SELECT ${hash("t.team, days.day, kind, item_index, 'item'")} AS item_hash, kind, t.project_key AS project_key, t.name AS team_name,
    t.repos[1 + ${hash("item_hash, 'repo'")} % length(t.repos)] AS repo, days.day AS day,
    ${workTime('days.day_start', "item_hash, 'created'")} AS created_at,
    if(${uniform("item_hash, 'done'")} < 0.9,
       created_at + ${hours(`24. * if(kind = 'requirement',
         ${lognormal('9.', 0.7, "item_hash, 'lead'")} * (1. - {requirement_lead_time_reduction:Float64} * ifNull(td.ai_level, 0.)),
         ${lognormal('2.5', 0.8, "item_hash, 'lead'")})`)}, NULL) AS resolved_at,
    '' AS severity,
    t.member_emails[1 + ${hash("item_hash, 'reporter'")} % length(t.member_emails)] AS reporter,
    t.member_emails[1 + ${hash("item_hash, 'assignee'")} % length(t.member_emails)] AS assignee
  FROM ${SEED_TABLES.teams} AS t
  CROSS JOIN ${SEED_TABLES.days} AS days
  LEFT JOIN ${SEED_TABLES.teamDays} AS td ON td.team = t.team AND td.day = days.day
  ARRAY JOIN ['requirement', 'task'] AS kind
  ARRAY JOIN range(toUInt32(${poisson("t.size * if(kind = 'requirement', 0.04, 0.1)", "t.team, days.day, kind, 'items'")})) AS item_index
  WHERE days.is_workday = 1
)`;

/** The derived plan tables, in build order. */
export const DERIVED_PLAN_SQL: readonly { table: string; sql: string }[] = [
  { table: SEED_TABLES.devDays, sql: CREATE_DEV_DAYS_SQL },
  { table: SEED_TABLES.teamDays, sql: CREATE_TEAM_DAYS_SQL },
  { table: SEED_TABLES.prs, sql: CREATE_PRS_SQL },
  { table: SEED_TABLES.deploys, sql: CREATE_DEPLOYS_SQL },
  { table: SEED_TABLES.deployCommits, sql: CREATE_DEPLOY_COMMITS_SQL },
  { table: SEED_TABLES.workItems, sql: CREATE_WORK_ITEMS_SQL },
];

// ---------------------------------------------------------------------------------------------------------------
// Event families: each INSERT covers the days [{from:Date}, {to:Date}].

const IDE_ACTOR = `email AS actor_email, '' AS actor_login, concat('email:', email) AS person_id`;

/** completion.shown, then completion.accepted or .rejected (or nothing: ignored) for each suggestion. */
export const COMPLETIONS_SQL = insertEvents(
  [...ENVELOPE, ...ACTOR_COLUMNS, 'suggestion_id', 'lines', 'chars', 'latency_ms', 'data_kind'],
  `SELECT {org:String} AS org_id, ${eventId('s_key, stage')} AS id,
    multiIf(stage = 0, 'completion.shown', stage = 1, 'completion.accepted', 'completion.rejected') AS type,
    shown_at + toIntervalMillisecond(if(stage = 0, 0, toInt64(400 + ${hash("s_key, 'decide'")} % 6000))) AS time,
    ${receivedAt('time', 's_key, stage')} AS received_at, ${IDE_ACTOR},
    tool, tool_version, ide, ide_version, ide_repo AS repo, language, '' AS branch, completion_model AS model, team_name AS context_team,
    concat('s-', ${hex16('s_key')}) AS suggestion_id,
    if(stage = 1, accepted_lines, if(stage = 0, shown_lines, 0)) AS lines,
    if(stage = 1, accepted_chars, if(stage = 0, shown_chars, 0)) AS chars,
    if(stage = 0, latency, NULL) AS latency_ms,
    if(stage = 0, kind, '') AS data_kind,
    multiIf(
      stage = 0, ${jsonObject([
        ['suggestionId', 'suggestion_id', 'string'],
        ['lines', 'shown_lines', 'number'],
        ['chars', 'shown_chars', 'number'],
        ['latencyMs', 'latency', 'number'],
        ['trigger', 'trigger', 'string'],
        ['kind', 'kind', 'string'],
      ])},
      stage = 1, ${jsonObject([
        ['suggestionId', 'suggestion_id', 'string'],
        ['lines', 'accepted_lines', 'number'],
        ['chars', 'accepted_chars', 'number'],
      ])},
      ${jsonObject([['suggestionId', 'suggestion_id', 'string']])}) AS data
  FROM (
    SELECT *, arrayJoin(if(outcome = 0, [0], [0, outcome])) AS stage
    FROM (
      SELECT dev, day, email, tool, tool_version, ide, ide_version, language, team_name, completion_model, ide_repo,
        ${hash("dev, day, n, 'suggestion'")} AS s_key,
        ${workTime('day_start', "s_key, 'shown'")} AS shown_at,
        if(tool IN ('copilot', 'cursor') AND ${uniform("s_key, 'kind'")} < 0.18 OR tool = 'lingma' AND ${uniform("s_key, 'kind'")} < 0.08, 'next_edit', 'inline') AS kind,
        if(${uniform("s_key, 'trigger'")} < 0.9, 'auto', 'manual') AS trigger,
        toInt64(least(40, 1 + floor(-log(1. - ${uniform("s_key, 'lines'")}) * 2.2))) AS shown_lines,
        shown_lines * toInt64(18 + ${hash("s_key, 'chars'")} % 40) AS shown_chars,
        toInt64(round(${lognormal("multiIf(tool = 'lingma', 230., tool = 'cursor', 190., 270.)", 0.45, "s_key, 'latency'")} * if(kind = 'next_edit', 1.6, 1.))) AS latency,
        multiIf(tool = 'copilot', 0.3, tool = 'lingma', 0.27, 0.36) * (0.8 + 0.4 * intensity) * (0.9 + 0.15 * least(1., ai_level / intensity))
          * if(kind = 'next_edit', 1.2, 1.) AS accept_probability,
        multiIf(${uniform("s_key, 'accept'")} < accept_probability, 1, ${uniform("s_key, 'reject'")} < 0.55, 2, 0) AS outcome,
        if(${uniform("s_key, 'partial'")} < 0.85, shown_lines, toInt64(ceil(shown_lines * ${uniform("s_key, 'part'")}))) AS accepted_lines,
        toInt64(round(shown_chars * accepted_lines / shown_lines)) AS accepted_chars
      FROM (SELECT * FROM ${SEED_TABLES.devDays} WHERE ai_on AND day BETWEEN {from:Date} AND {to:Date})
      ARRAY JOIN range(toUInt32(if(ide = 'cli', 0, greatest(0, round(
        150. * pow(ai_level, 0.7) * multiIf(tool = 'cursor', 1.25, tool = 'lingma', 0.95, 1.) * exp(0.35 * ${normal("dev, day, 'ide-day'")} - 0.06)))))) AS n
    )
  )`,
  Tables.events,
);

/**
 * Chat turns with likes/dislikes and applied code, agent sessions with their edits, and one usage.cost per
 * developer-day: the IDE assistant's, or claude-code's for the people who also use it.
 */
export const CHAT_AGENT_COST_SQL = insertEvents(
  [...ENVELOPE, ...ACTOR_COLUMNS, 'lines', 'chars', 'data_status', 'data_decision', 'data_mode', 'data_rating', 'lines_added', 'input_tokens', 'output_tokens', 'cost_usd'],
  `SELECT {org:String} AS org_id, ${eventId('item_key, stage')} AS id,
    multiIf(family = 'chat', ['chat.turn', 'chat.feedback', 'chat.applied'][stage + 1], family = 'agent', if(stage = 0, 'agent.session', 'agent.edit'), 'usage.cost') AS type,
    started + toIntervalMillisecond(toInt64(stage) * (20000 + toInt64(${hash("item_key, stage, 'gap'")} % 40000))) AS time,
    ${receivedAt('time', 'item_key, stage')} AS received_at, ${IDE_ACTOR},
    event_tool AS tool, ${toolVersion('event_tool', 'day_index')} AS tool_version, event_ide AS ide, if(event_ide = 'cli', '', ide_version) AS ide_version,
    repo, language, '' AS branch, model, team_name AS context_team,
    if(type = 'chat.applied', applied_lines, if(type = 'agent.edit', edit_lines, 0)) AS lines,
    if(type = 'chat.applied', applied_lines * 34, 0) AS chars,
    if(type = 'agent.session', status, '') AS data_status,
    if(type = 'agent.edit', decision, '') AS data_decision,
    if(type = 'chat.turn', mode, '') AS data_mode,
    if(type = 'chat.feedback', rating, '') AS data_rating,
    if(type = 'agent.session', session_lines, 0) AS lines_added,
    if(type IN ('chat.turn', 'usage.cost'), input_tokens, 0) AS input_tokens,
    if(type IN ('chat.turn', 'usage.cost'), output_tokens, 0) AS output_tokens,
    if(type = 'usage.cost', cost, 0.) AS cost_usd,
    multiIf(
      type = 'chat.turn', ${jsonObject([
        ['conversationId', 'conversation', 'string'],
        ['mode', 'mode', 'string'],
        ['intent', 'intent', 'string'],
        ['inputTokens', 'input_tokens', 'number'],
        ['outputTokens', 'output_tokens', 'number'],
      ])},
      type = 'chat.feedback', ${jsonObject([
        ['conversationId', 'conversation', 'string'],
        ['rating', 'rating', 'string'],
      ])},
      type = 'chat.applied', ${jsonObject([
        ['lines', 'applied_lines', 'number'],
        ['chars', 'applied_lines * 34', 'number'],
      ])},
      type = 'agent.session', ${jsonObject([
        ['sessionId', 'session', 'string'],
        ['status', 'status', 'string'],
        ['durationMs', 'duration', 'number'],
        ['filesChanged', 'files', 'number'],
        ['linesAdded', 'session_lines', 'number'],
        ['linesRemoved', 'session_removed', 'number'],
      ])},
      type = 'agent.edit', ${jsonObject([
        ['sessionId', 'session', 'string'],
        ['decision', 'decision', 'string'],
        ['lines', 'edit_lines', 'number'],
      ])},
      ${jsonObject([
        ['model', 'model', 'string'],
        ['inputTokens', 'input_tokens', 'number'],
        ['outputTokens', 'output_tokens', 'number'],
        ['costUsd', 'cost', 'number'],
      ])}) AS data
  FROM (
    SELECT *,
      arrayJoin(multiIf(
        family = 'chat', arrayConcat([0], if(has_feedback, [1], []), if(has_applied, [2], [])),
        family = 'agent', range(toUInt32(1 + edits)),
        [0])) AS stage,
      ${hash("item_key, stage, 'edit'")} AS edit_key,
      if(${uniform("edit_key, 'decision'")} < 0.72, 'accepted', 'rejected') AS decision,
      toInt64(1 + floor(-log(1. - ${uniform("edit_key, 'lines'")}) * 12.)) AS edit_lines
    FROM (
      SELECT *,
        ${hash("dev, day, family, n, 'item'")} AS item_key,
        if(tool2 != '' AND (family = 'agent' AND ${uniform("item_key, 'tool2'")} < 0.7 OR family = 'chat' AND ${uniform("item_key, 'tool2'")} < 0.3
          OR family = 'cost' AND n = 1), tool2, tool) AS event_tool,
        if(event_tool = tool, ide, 'cli') AS event_ide,
        if(family = 'cost', day_start + toIntervalHour(20) + toIntervalMillisecond(toInt64(n) * 1000), ${workTime('day_start', "item_key, 'at'")}) AS started,
        concat('conv-', substring(${hex16(hash("dev, day, intDiv(n, 3), 'conversation'"))}, 1, 12)) AS conversation,
        multiIf(event_tool = 'claude-code', ['agent', 'agent', 'edit', 'ask'][1 + ${hash("item_key, 'mode'")} % 4],
          ['ask', 'ask', 'ask', 'edit', 'edit', 'agent', 'ask', 'ask'][1 + ${hash("item_key, 'mode'")} % 8]) AS mode,
        ['explain', 'generate_tests', 'fix_bug', 'refactor', 'write_code', 'document'][1 + ${hash("item_key, 'intent'")} % 6] AS intent,
        ${uniform("item_key, 'feedback'")} < 0.18 AS has_feedback,
        if(${uniform("item_key, 'like'")} < 0.72 + 0.12 * intensity, 'like', 'dislike') AS rating,
        ${uniform("item_key, 'applied'")} < if(mode = 'ask', 0.12, 0.4) AS has_applied,
        toInt64(1 + floor(-log(1. - ${uniform("item_key, 'applied-lines'")}) * 9.)) AS applied_lines,
        concat('ses-', substring(${hex16(hash("item_key, 'session'"))}, 1, 12)) AS session,
        multiIf(${uniform("item_key, 'status'")} < 0.78, 'completed', ${uniform("item_key, 'status'")} < 0.86, 'failed', 'cancelled') AS status,
        toInt64(round(${lognormal('360000.', 0.8, "item_key, 'duration'")})) AS duration,
        toInt64(1 + floor(-log(1. - ${uniform("item_key, 'files'")}) * 3.)) AS files,
        toInt64(round(${lognormal('60.', 0.9, "item_key, 'session-lines'")})) AS session_lines,
        toInt64(round(session_lines * 0.3 * ${uniform("item_key, 'removed'")})) AS session_removed,
        toUInt32(${poisson('2.', "item_key, 'edits'")}) AS edits,
        ${chatModel('event_tool', 'late')} AS model,
        multiIf(event_tool = 'claude-code', 5., event_tool = 'cursor', 2.5, 1.) * ai_level AS daily_volume,
        toInt64(round(if(family = 'cost', ${lognormal('400000.', 0.6, "item_key, 'in'")} * daily_volume, ${lognormal('1800.', 0.7, "item_key, 'in'")}))) AS input_tokens,
        toInt64(round(if(family = 'cost', ${lognormal('40000.', 0.6, "item_key, 'out'")} * daily_volume, ${lognormal('600.', 0.7, "item_key, 'out'")}))) AS output_tokens,
        round(multiIf(event_tool = 'claude-code', (input_tokens * 3. + output_tokens * 15.) / 1e6, event_tool = 'cursor', (input_tokens * 2. + output_tokens * 10.) / 1e6,
          event_tool = 'lingma', (input_tokens * 0.4 + output_tokens * 1.2) / 1e6, (input_tokens * 1. + output_tokens * 4.) / 1e6) + 0.001, 4) AS cost
      FROM (
        SELECT dev, day, day_index, day_start, email, tool, tool2, ide, ide_version, language, team_name, late, intensity, ai_level,
          repos[1 + ${hash("dev, day, 'ide-repo'")} % length(repos)] AS repo, family, n
        FROM (SELECT * FROM ${SEED_TABLES.devDays} WHERE ai_on AND day BETWEEN {from:Date} AND {to:Date})
        ARRAY JOIN ['chat', 'agent', 'cost'] AS family
        ARRAY JOIN range(toUInt32(multiIf(
          family = 'chat', ${poisson(`6. * ai_level * multiIf(tool = 'claude-code', 1.6, tool = 'cursor', 1.3, 1.)`, "dev, day, 'chats'")},
          family = 'agent', ${poisson(`ai_level * (multiIf(tool = 'claude-code', 2.5, tool = 'cursor', 1.6, 0.25) + if(tool2 != '', 1.5, 0.))`, "dev, day, 'agents'")},
          if(tool2 != '', 2, 1)))) AS n
      )
    )
  )`,
);

/** assistant.activated once per developer and tool (on adoption, and when a second tool arrives). */
export const ACTIVATIONS_SQL = insertEvents(
  [...ENVELOPE, ...ACTOR_COLUMNS],
  `SELECT {org:String} AS org_id, ${eventId("d.dev, activated_tool, 'activated'")} AS id, 'assistant.activated' AS type,
    ${workTime('days.day_start', "d.dev, activated_tool, 'activated'")} AS time, ${receivedAt('time', "d.dev, activated_tool, 'activated'")} AS received_at,
    d.email AS actor_email, '' AS actor_login, concat('email:', d.email) AS person_id,
    activated_tool AS tool, ${toolVersion('activated_tool', 'days.day_index')} AS tool_version,
    if(activated_tool = d.tool, d.ide, 'cli') AS ide, if(activated_tool = d.tool AND d.ide != 'cli', d.ide_version, '') AS ide_version,
    '' AS repo, d.language AS language, '' AS branch, '' AS model,
    t.name AS context_team, '{}' AS data
  FROM ${SEED_TABLES.developers} AS d
  ARRAY JOIN [d.tool, d.tool2] AS activated_tool, [d.adoption_day, d.tool2_day] AS activated_day
  INNER JOIN ${SEED_TABLES.days} AS days ON days.day = activated_day
  INNER JOIN ${SEED_TABLES.teams} AS t ON t.team = if(activated_day >= d.move_day, d.team_b, d.team_a)
  WHERE activated_tool != '' AND activated_day BETWEEN {from:Date} AND {to:Date}`,
);

/** Quarterly AI pulse survey: satisfaction (1–5) and hours saved per week, from people who have used AI ≥ 3 weeks. */
export const SURVEYS_SQL = insertEvents(
  [...ENVELOPE, ...ACTOR_COLUMNS, 'question', 'score'],
  `SELECT {org:String} AS org_id, ${eventId("d.dev, days.day, question, 'survey'")} AS id, 'survey.response' AS type,
    days.day_start + ${hours(`9. + 60. * ${uniform("d.dev, days.day, 'answered'")}`)} + toIntervalSecond(if(question = 'satisfaction', 0, 40)) AS time,
    ${receivedAt('time', "d.dev, days.day, question, 'survey'")} AS received_at,
    d.email AS actor_email, '' AS actor_login, concat('email:', d.email) AS person_id,
    'survey' AS tool, '' AS tool_version, '' AS ide, '' AS ide_version, '' AS repo, '' AS language, '' AS branch, '' AS model,
    t.name AS context_team, question,
    d.intensity * least(1., (toFloat64(days.day - d.adoption_day) + 1.) / {ramp_days:Float64}) AS level,
    if(question = 'satisfaction',
       greatest(1., least(5., round(3.1 + 1.3 * level + 0.8 * ${normal("d.dev, days.day, 'satisfaction'")}))),
       round(2. * greatest(0., 4. * level + 1.2 * ${normal("d.dev, days.day, 'saved'")})) / 2.) AS score,
    ${jsonObject([
      ['surveyId', "concat('ai-pulse-', days.quarter)", 'string'],
      ['question', 'question', 'string'],
      ['score', 'score', 'number'],
    ])} AS data
  FROM ${SEED_TABLES.developers} AS d
  CROSS JOIN (SELECT * FROM ${SEED_TABLES.days} WHERE survey = 1 AND day BETWEEN {from:Date} AND {to:Date}) AS days
  INNER JOIN ${SEED_TABLES.teams} AS t ON t.team = if(days.day >= d.move_day, d.team_b, d.team_a)
  ARRAY JOIN ['satisfaction', 'time_saved_hours'] AS question
  WHERE days.day >= d.adoption_day + 21
    AND ${uniform("d.dev, days.day, 'responds'")} < 0.6`,
);

/** The commits of each PR (with AI attribution for adopters), its merge commit, and the CI builds they trigger. */
export const COMMITS_AND_BUILDS_SQL = insertEvents(
  [...ENVELOPE, ...ACTOR_COLUMNS, 'sha', 'is_merge', 'lines_added', 'lines_deleted', 'ai_lines_added', 'data_status', 'pipeline'],
  `SELECT {org:String} AS org_id, ${eventId("pr_key, commit_index, is_build, 'commit'")} AS id,
    if(is_build, 'build.finished', 'commit') AS type,
    committed_at + if(is_build, ${hours(`(240000. + ${lognormal('420000.', 0.5, "pr_key, commit_index, 'build'")}) / 3600000.`)}, toIntervalMillisecond(0)) AS time,
    ${receivedAt('time', "pr_key, commit_index, is_build, 'commit'")} AS received_at,
    if(is_build, '', if(git_email = 1 AND NOT is_bot, email, '')) AS actor_email,
    if(is_build, '', login) AS actor_login,
    if(is_build, '', if(git_email = 1 AND NOT is_bot, concat('email:', email), concat('login:', login))) AS person_id,
    if(is_build, 'ci', 'git') AS tool, if(is_build, '', '0.4.2') AS tool_version, '' AS ide, '' AS ide_version,
    repo, repo_language AS language, if(is_build, '', commit_branch) AS branch, '' AS model, if(is_bot, '', team_name) AS context_team,
    if(is_build, '', sha) AS sha, toUInt8(is_merge AND NOT is_build) AS is_merge,
    if(is_build, 0, commit_lines) AS lines_added, if(is_build, 0, commit_deleted) AS lines_deleted,
    if(is_build OR NOT has_attribution, 0, ai_lines) AS ai_lines_added,
    if(is_build, build_status, '') AS data_status, if(is_build, pipeline_name, '') AS pipeline,
    if(is_build,
      ${jsonObject([
        ['repo', 'repo', 'string'],
        ['pipeline', 'pipeline_name', 'string'],
        ['status', 'build_status', 'string'],
        ['durationMs', `toInt64(round(${lognormal('420000.', 0.5, "pr_key, commit_index, 'build'")}))`, 'number'],
      ])},
      ${jsonObject([
        ['sha', 'sha', 'string'],
        ['repo', 'repo', 'string'],
        ['linesAdded', 'commit_lines', 'number'],
        ['linesDeleted', 'commit_deleted', 'number'],
        ['filesChanged', 'files', 'number'],
        ['branch', 'commit_branch', 'string'],
        ['isMerge', 'is_merge', 'boolean'],
        ['aiLinesAdded', 'ai_lines', 'number', 'has_attribution'],
        ['aiAttribution', `concat('{"method":', toJSONString(multiIf(ai_tool = 'claude-code', 'trailer', ai_tool = 'cursor', 'agent-trace', 'ide')), ',"tools":', toJSONString([ai_tool]), '}')`, 'json', 'has_attribution AND ai_lines > 0'],
      ])}) AS data
  FROM (
    SELECT *, arrayJoin([false, true]) AS is_build,
      if(${uniform("pr_key, commit_index, 'ci'")} < 0.87, 'success', if(${uniform("pr_key, commit_index, 'ci-fail'")} < 0.85, 'failure', 'cancelled')) AS build_status,
      if(is_merge, 'main', 'ci') AS pipeline_name
    FROM (
      SELECT *, commit_index,
        commit_index = n_commits AS is_merge,
        if(is_merge, merge_sha, ${sha40('pr_key, commit_index')}) AS sha,
        if(is_merge, merged_at, first_commit_at + toIntervalMillisecond(toInt64(toFloat64(toUnixTimestamp64Milli(created_at) - toUnixTimestamp64Milli(first_commit_at)) * commit_index / n_commits))) AS committed_at,
        if(is_merge, 'main', branch) AS commit_branch,
        if(is_merge, lines_added, intDiv(lines_added, n_commits) + toInt64(commit_index < lines_added % n_commits)) AS commit_lines,
        if(is_merge, lines_deleted, intDiv(lines_deleted, n_commits) + toInt64(commit_index < lines_deleted % n_commits)) AS commit_deleted,
        toInt64(1 + intDiv(commit_lines, 40) + ${hash("pr_key, commit_index, 'files'")} % 3) AS files,
        NOT is_merge AND ai_tool != '' AS has_attribution,
        toInt64(least(toFloat64(commit_lines), round(commit_lines * ai_share * (0.7 + 0.6 * ${uniform("pr_key, commit_index, 'ai-lines'")})))) AS ai_lines
      FROM ${SEED_TABLES.prs}
      ARRAY JOIN range(toUInt32(n_commits + if(outcome = 'merged' AND ${uniform("pr_key, 'merge-commit'")} < 0.6, 1, 0))) AS commit_index
      WHERE day BETWEEN {from:Date} AND {to:Date}
    )
  )`,
);

/** pull_request.opened, then .merged (with its commits and merge commit) or .closed. */
export const PULL_REQUESTS_SQL = insertEvents(
  [...ENVELOPE, ...ACTOR_COLUMNS, 'pr_number', 'lines_added', 'lines_deleted', 'labels', 'ai_assisted', 'created_at', 'first_commit_at', 'first_review_at', 'merge_commit_sha', 'commits'],
  `SELECT {org:String} AS org_id, ${eventId("pr_key, stage, 'pull-request'")} AS id,
    ['pull_request.opened', 'pull_request.merged', 'pull_request.closed'][stage + 1] AS type,
    [created_at, merged_at, closed_at][stage + 1] AS time,
    ${receivedAt('time', "pr_key, stage, 'pull-request'")} AS received_at,
    if(git_email = 1 AND NOT is_bot, email, '') AS actor_email, login AS actor_login,
    if(git_email = 1 AND NOT is_bot, concat('email:', email), concat('login:', login)) AS person_id,
    'github' AS tool, '' AS tool_version, '' AS ide, '' AS ide_version, repo, repo_language AS language, branch, '' AS model,
    if(is_bot, '', team_name) AS context_team,
    number AS pr_number,
    if(stage = 2, 0, lines_added) AS lines_added, if(stage = 2, 0, lines_deleted) AS lines_deleted,
    if(stage = 2, [], labels) AS labels, toUInt8(stage != 2 AND ai_assisted) AS ai_assisted,
    if(stage = 1, created_at, NULL) AS created_at, if(stage = 1, first_commit_at, NULL) AS first_commit_at,
    if(stage = 1, first_review_at, NULL) AS first_review_at, if(stage = 1, merge_sha, '') AS merge_commit_sha,
    if(stage = 1, commit_shas, []) AS commits,
    multiIf(
      stage = 0, ${jsonObject([
        ['repo', 'repo', 'string'],
        ['number', 'number', 'number'],
        ['title', 'title', 'string'],
        ['linesAdded', 'lines_added', 'number'],
        ['linesDeleted', 'lines_deleted', 'number'],
        ['labels', 'toJSONString(labels)', 'json'],
        ['aiAssisted', 'ai_assisted', 'boolean', 'ai_assisted'],
      ])},
      stage = 1, ${jsonObject([
        ['repo', 'repo', 'string'],
        ['number', 'number', 'number'],
        ['createdAt', isoTime('created_at'), 'string'],
        ['mergedAt', isoTime('merged_at'), 'string'],
        ['firstCommitAt', isoTime('first_commit_at'), 'string'],
        ['firstReviewAt', isoTime('first_review_at'), 'string'],
        ['mergeCommitSha', 'merge_sha', 'string'],
        ['commits', 'toJSONString(commit_shas)', 'json'],
        ['linesAdded', 'lines_added', 'number'],
        ['linesDeleted', 'lines_deleted', 'number'],
        ['labels', 'toJSONString(labels)', 'json'],
        ['aiAssisted', 'ai_assisted', 'boolean', 'ai_assisted'],
      ])},
      ${jsonObject([
        ['repo', 'repo', 'string'],
        ['number', 'number', 'number'],
      ])}) AS data
  FROM (
    SELECT *, arrayJoin(multiIf(outcome = 'merged', [0, 1], outcome = 'closed', [0, 2], [0])) AS stage,
      arrayMap(commit_index -> ${sha40('pr_key, commit_index')}, range(n_commits)) AS commit_shas
    FROM ${SEED_TABLES.prs}
    WHERE day BETWEEN {from:Date} AND {to:Date}
  )`,
);

/**
 * deployment.finished for production and staging (production successes list the commits they shipped), the
 * release bot's version-bump commit before half of the production deployments, and incidents: a successful
 * production deployment causes one with probability 8.5 % × the team's incident factor.
 */
export const DEPLOYMENTS_AND_INCIDENTS_SQL = insertEvents(
  [...ENVELOPE, ...ACTOR_COLUMNS, 'sha', 'lines_added', 'lines_deleted', 'deployment_id', 'environment', 'data_status', 'commit_sha', 'started_at', 'commits', 'pipeline', 'incident_id', 'severity', 'data_team'],
  `SELECT {org:String} AS org_id, ${eventId("deploy_key, stage, 'deployment'")} AS id,
    ['deployment.finished', 'commit', 'incident.opened', 'incident.resolved'][stage + 1] AS type,
    [finished_at, started_at - toIntervalMinute(3), opened_at, resolved_at][stage + 1] AS time,
    ${receivedAt('time', "deploy_key, stage, 'deployment'")} AS received_at,
    '' AS actor_email, if(stage = 1, 'release-bot[bot]', '') AS actor_login, if(stage = 1, 'login:release-bot[bot]', '') AS person_id,
    ['ci', 'git', 'pagerduty', 'pagerduty'][stage + 1] AS tool, if(stage = 1, '0.4.2', '') AS tool_version, '' AS ide, '' AS ide_version,
    repo, '' AS language, if(stage = 1, 'main', '') AS branch, '' AS model, if(stage = 1, '', team_name) AS context_team,
    if(stage = 1, release_sha, '') AS sha, if(stage = 1, 2, 0) AS lines_added, if(stage = 1, 2, 0) AS lines_deleted,
    multiIf(stage = 0, deployment_id, stage = 2 AND linked, deployment_id, '') AS deployment_id,
    if(stage = 0, environment, '') AS environment, if(stage = 0, status, '') AS data_status,
    if(stage = 0, commit_sha, '') AS commit_sha, if(stage = 0, started_at, NULL) AS started_at,
    if(stage = 0, shipped, []) AS commits, if(stage = 0, pipeline_name, '') AS pipeline,
    if(stage >= 2, incident_id, '') AS incident_id, if(stage = 2, incident_severity, '') AS severity, if(stage = 2, team_name, '') AS data_team,
    multiIf(
      stage = 0, ${jsonObject([
        ['deploymentId', 'deployment_id', 'string'],
        ['repo', 'repo', 'string'],
        ['environment', 'environment', 'string'],
        ['status', 'status', 'string'],
        ['commitSha', 'commit_sha', 'string'],
        ['startedAt', isoTime('started_at'), 'string'],
        ['commits', 'toJSONString(shipped)', 'json', 'notEmpty(shipped)'],
        ['pipeline', 'pipeline_name', 'string'],
      ])},
      stage = 1, ${jsonObject([
        ['sha', 'release_sha', 'string'],
        ['repo', 'repo', 'string'],
        ['linesAdded', '2', 'number'],
        ['linesDeleted', '2', 'number'],
        ['filesChanged', '1', 'number'],
        ['branch', "'main'", 'string'],
        ['isMerge', 'false', 'boolean'],
      ])},
      stage = 2, ${jsonObject([
        ['incidentId', 'incident_id', 'string'],
        ['repo', 'repo', 'string'],
        ['deploymentId', 'deployment_id', 'string', 'linked'],
        ['severity', 'incident_severity', 'string'],
        ['team', 'team_name', 'string'],
      ])},
      ${jsonObject([['incidentId', 'incident_id', 'string']])}) AS data
  FROM (
    SELECT *,
      arrayJoin(arrayConcat([0], if(release, [1], []), if(incident, [2, 3], []))) AS stage
    FROM (
      SELECT d.*, if(d.succeeded, 'success', 'failure') AS status,
        if(d.environment = 'production' AND d.succeeded, c.commits, []) AS shipped,
        if(notEmpty(shipped), shipped[-1], ${sha40("d.deploy_key, 'head'")}) AS commit_sha,
        concat('deploy-', d.environment) AS pipeline_name,
        d.environment = 'production' AND d.succeeded AND ${uniform("d.deploy_key, 'release'")} < 0.5 AS release,
        ${sha40("d.deploy_key, 'release'")} AS release_sha,
        d.environment = 'production' AND d.succeeded AND ${uniform("d.deploy_key, 'incident'")} < 0.085 * d.incident_factor AS incident,
        concat('INC-', upper(substring(${hex16(hash("d.deploy_key, 'incident-id'"))}, 1, 8))) AS incident_id,
        ${uniform("d.deploy_key, 'linked'")} < 0.85 AS linked,
        ['sev1', 'sev2', 'sev2', 'sev3', 'sev3', 'sev3', 'sev3', 'sev3'][1 + ${hash("d.deploy_key, 'severity'")} % 8] AS incident_severity,
        d.finished_at + ${hours(lognormal('5.', 1.2, "d.deploy_key, 'opened'"))} AS opened_at,
        opened_at + ${hours(lognormal('2.5', 1.0, "d.deploy_key, 'resolved'"))} AS resolved_at
      FROM ${SEED_TABLES.deploys} AS d
      LEFT JOIN ${SEED_TABLES.deployCommits} AS c ON c.deployment_id = d.deployment_id
      WHERE d.day BETWEEN {from:Date} AND {to:Date}
    )
  )`,
);

/** work_item.created and, for those done, work_item.resolved. */
export const WORK_ITEMS_SQL = insertEvents(
  [...ENVELOPE, ...ACTOR_COLUMNS, 'item_key', 'data_kind', 'data_team', 'severity', 'created_at'],
  `SELECT {org:String} AS org_id, ${eventId("item_hash, stage, 'work-item'")} AS id,
    if(stage = 0, 'work_item.created', 'work_item.resolved') AS type,
    if(stage = 0, created_at, assumeNotNull(resolved_at)) AS time,
    ${receivedAt('time', "item_hash, stage, 'work-item'")} AS received_at,
    if(stage = 0, reporter, assignee) AS actor_email, '' AS actor_login, concat('email:', actor_email) AS person_id,
    'jira' AS tool, '' AS tool_version, '' AS ide, '' AS ide_version, repo, '' AS language, '' AS branch, '' AS model,
    '' AS context_team, item_key, kind AS data_kind, team_name AS data_team, if(stage = 0, severity, '') AS severity,
    if(stage = 1, created_at, NULL) AS created_at,
    if(stage = 0,
      ${jsonObject([
        ['key', 'item_key', 'string'],
        ['kind', 'kind', 'string'],
        ['team', 'team_name', 'string'],
        ['repo', 'repo', 'string'],
        ['severity', 'severity', 'string', "severity != ''"],
      ])},
      ${jsonObject([
        ['key', 'item_key', 'string'],
        ['kind', 'kind', 'string'],
        ['createdAt', isoTime('created_at'), 'string'],
        ['team', 'team_name', 'string'],
        ['repo', 'repo', 'string'],
      ])}) AS data
  FROM (
    SELECT *, arrayJoin(if(resolved_at IS NULL, [0], [0, 1])) AS stage
    FROM ${SEED_TABLES.workItems}
    WHERE toDate(created_at) BETWEEN {from:Date} AND {to:Date}
  )`,
);

/** Completions, the bulk of the events: inserted month by month (memory stays bounded, the bar moves). */
export const MONTHLY_EVENT_FAMILIES: readonly { label: string; sql: string }[] = [
  { label: 'completions', sql: COMPLETIONS_SQL },
];

/**
 * Everything else is small (a few hundred thousand rows at most): one insert per family for the whole period,
 * since each insert has a fixed cost (a new part in every month it touches).
 */
export const PERIOD_EVENT_FAMILIES: readonly { label: string; sql: string }[] = [
  { label: 'chat, agents, cost', sql: CHAT_AGENT_COST_SQL },
  { label: 'commits, builds', sql: COMMITS_AND_BUILDS_SQL },
  { label: 'pull requests', sql: PULL_REQUESTS_SQL },
  { label: 'deployments, incidents', sql: DEPLOYMENTS_AND_INCIDENTS_SQL },
  { label: 'work items', sql: WORK_ITEMS_SQL },
  { label: 'activations', sql: ACTIVATIONS_SQL },
  { label: 'surveys', sql: SURVEYS_SQL },
];

/** The monthly partitions holding the org's events, and whether any other org has rows in them. */
export const ORG_PARTITIONS_SQL = `SELECT _partition_id AS partition, countIf(org_id != {org:String}) AS others
FROM ${Tables.events} GROUP BY partition HAVING countIf(org_id = {org:String}) > 0 ORDER BY partition`;

/**
 * Removing an org's events before a re-run: a partition that holds only this org is dropped whole (instant);
 * elsewhere its rows are deleted by a mutation that the statement waits for. ALTER takes the partition id as
 * a literal, not a parameter: it comes from ORG_PARTITIONS_SQL and must be a YYYYMM number.
 */
export function dropOrgPartitionSql(partition: string): string {
  if (!/^\d{6}$/.test(partition)) throw new Error(`unexpected partition id "${partition}" of ${Tables.events}`);
  return `ALTER TABLE ${Tables.events} DROP PARTITION ID '${partition}'`;
}

export function deleteOrgEventsInPartitionSql(partition: string): string {
  if (!/^\d{6}$/.test(partition)) throw new Error(`unexpected partition id "${partition}" of ${Tables.events}`);
  return `ALTER TABLE ${Tables.events} DELETE IN PARTITION ID '${partition}' WHERE org_id = {org:String}`;
}

export const STOP_EVENT_MERGES_SQL = `SYSTEM STOP MERGES ${Tables.events}`;
export const START_EVENT_MERGES_SQL = `SYSTEM START MERGES ${Tables.events}`;

export const COUNT_ORG_EVENTS_SQL = `SELECT count() AS events FROM ${Tables.events} WHERE org_id = {org:String}`;
