import { createHash } from 'node:crypto';
import { addDays, addMonths, buildCalendar, daysBetween, type DemoDay } from './demo-calendar';

/**
 * The demo company as a pure model: departments, teams, repositories, people with their aliases, team moves,
 * seats and the staged AI rollout, drawn from a seeded PRNG. The same options give the same company; the events
 * themselves are generated inside ClickHouse from this plan (demo-events.queries.ts).
 */

export type DemoOptions = {
  seed: number;
  developers: number;
  teams: number;
  months: number;
  orgSlug: string;
  timeZone: string;
  /** last day of the period (YYYY-MM-DD in the org's zone); the period is the `months` months ending here */
  endDate: string;
};

export type ToolName = 'copilot' | 'lingma' | 'cursor' | 'claude-code';
export type PhaseKey = 'pilot' | 'promotion' | 'general';

export type DemoRepo = { name: string; team: number; language: string; deployRate: number };

export type DemoTeam = {
  index: number;
  name: string;
  department: string;
  /** tracker project key, e.g. `PAY` for `PAY-123` */
  projectKey: string;
  repos: DemoRepo[];
  /** multiplies everyone's PR rate (lognormal around 1) */
  productivity: number;
  /** multiplies coding and review time */
  cycleFactor: number;
  /** multiplies defects per KLOC */
  defectFactor: number;
  /** multiplies incidents per deployment */
  incidentFactor: number;
};

export type DemoMembership = { team: number; startDate: string; endDate: string | null };
export type DemoSeat = { tool: ToolName; startDate: string };

export type DemoDeveloper = {
  index: number;
  name: string;
  email: string;
  login: string;
  /** false for the few people whose git events carry only their login (the directory links it to their email) */
  gitSendsEmail: boolean;
  hireDate: string;
  memberships: DemoMembership[];
  language: string;
  /** lognormal multiplier of the PR rate; mildly correlated with `intensity` (keen people adopt harder) */
  productivity: number;
  /** how heavily the developer uses AI once adopted, 0 (never) … 1 */
  intensity: number;
  adoption: { phase: PhaseKey; date: string } | null;
  tool: ToolName | null;
  ide: string;
  /** claude-code next to the IDE assistant, from a date */
  secondTool: { tool: ToolName; date: string } | null;
  seats: DemoSeat[];
};

export type DemoBot = { name: string; login: string };
export type DemoPhase = { key: PhaseKey; name: string; startDate: string; targetShare: number };

export type DemoCompany = {
  options: DemoOptions;
  startDate: string;
  endDate: string;
  departments: string[];
  teams: DemoTeam[];
  developers: DemoDeveloper[];
  bots: DemoBot[];
  phases: DemoPhase[];
  days: DemoDay[];
};

/**
 * The effects built into the generator (the "truth" the analyses should recover, within their uncertainty).
 * `aiLevel` is a developer's AI use on a day: intensity × a 6-week ramp after adoption × a learning curve.
 */
export const GROUND_TRUTH = {
  /** PRs opened per working day by a developer at productivity 1 */
  basePrRate: 0.7,
  /** PR rate × (1 + prRateUplift × aiLevel): a full-intensity user opens 13 % more PRs */
  prRateUplift: 0.13,
  /** coding and review time × (1 − cycleTimeReduction × aiLevel) */
  cycleTimeReduction: 0.15,
  /** defects per KLOC × (1 + aiLineDefectEffect × AI share of the PR's lines): −4 % per 10 points of AI code, −10 % at 25 % */
  aiLineDefectEffect: -0.4,
  /** defects per 1000 lines of merged PRs before AI: ≈ 0.54 per committed KLOC (the case study's 0.54 ‰), as 10 % of PRs never merge */
  baseDefectsPerKloc: 0.6,
  /** requirement lead time × (1 − requirementLeadTimeReduction × team's mean aiLevel) */
  requirementLeadTimeReduction: 0.08,
  /** correlation of a developer's baseline productivity with their AI intensity (selection, not effect) */
  productivityIntensityCorrelation: 0.3,
  /** AI share of lines a full-intensity user's commits reach, per tool */
  toolAiShare: { copilot: 0.55, lingma: 0.5, cursor: 0.65, 'claude-code': 0.7 } satisfies Record<ToolName, number>,
  /** days from adoption to full use, and the learning curve's extra 15 % over the first 180 days */
  rampDays: 42,
  learningDays: 180,
  /** rollout targets: share of developers adopted by the end of each phase */
  phaseShares: { pilot: 0.1, promotion: 0.5, general: 0.76 } satisfies Record<PhaseKey, number>,
} as const;

const DEPARTMENTS: { name: string; teams: string[]; repoSuffixes: string[]; languages: string[] }[] = [
  {
    name: 'Commerce',
    teams: ['checkout', 'payments', 'catalog', 'search', 'pricing', 'orders', 'promotions'],
    repoSuffixes: ['api', 'web', 'worker'],
    languages: ['java', 'typescript', 'kotlin'],
  },
  {
    name: 'Platform',
    teams: ['identity', 'infrastructure', 'observability', 'developer-experience', 'api-gateway', 'mobile-platform', 'messaging'],
    repoSuffixes: ['service', 'operator', 'sdk'],
    languages: ['go', 'kotlin', 'typescript'],
  },
  {
    name: 'Data',
    teams: ['data-platform', 'analytics', 'ml-platform', 'recommendations', 'reporting', 'experimentation'],
    repoSuffixes: ['pipelines', 'service', 'notebooks'],
    languages: ['python', 'java', 'sql'],
  },
];

const FIRST_NAMES = [
  'Wei', 'Fang', 'Jing', 'Lei', 'Min', 'Tao', 'Yan', 'Hui', 'Jun', 'Ling', 'Xin', 'Hao', 'Yu', 'Qing', 'Ning', 'Bo',
  'Chen', 'Lan', 'Ming', 'Rui', 'Ying', 'Kai', 'Jie', 'Xiu', 'Peng', 'Dong', 'Shan', 'Yun', 'Zhen', 'Li',
  'Anna', 'David', 'Maria', 'Kevin', 'Sofia', 'Lucas', 'Emma', 'Omar', 'Priya', 'Daniel', 'Aiko', 'Mateo', 'Nora', 'Ivan',
];
const LAST_NAMES = [
  'Wang', 'Li', 'Zhang', 'Liu', 'Chen', 'Yang', 'Huang', 'Zhao', 'Wu', 'Zhou', 'Xu', 'Sun', 'Ma', 'Zhu', 'Hu', 'Guo',
  'He', 'Lin', 'Luo', 'Gao', 'Zheng', 'Liang', 'Xie', 'Song', 'Tang', 'Han', 'Feng', 'Deng', 'Cao', 'Peng',
  'Smith', 'Garcia', 'Kim', 'Patel', 'Novak', 'Tanaka', 'Silva', 'Khan', 'Berg', 'Rossi',
];

export const DEMO_BOTS: readonly DemoBot[] = [
  { name: 'Dependabot', login: 'dependabot[bot]' },
  { name: 'Release Bot', login: 'release-bot[bot]' },
];

export const PHASE_NAMES: Record<PhaseKey, string> = {
  pilot: 'Pilot',
  promotion: 'Promotion',
  general: 'General availability',
};

/** A small, fast, well-mixed PRNG (sfc32) seeded through a string hash: the same seed, the same stream. */
export class SeededRandom {
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  private spareNormal: number | null = null;

  constructor(seed: string) {
    const digest = createHash('sha256').update(seed).digest();
    this.a = digest.readUInt32LE(0);
    this.b = digest.readUInt32LE(4);
    this.c = digest.readUInt32LE(8);
    this.d = digest.readUInt32LE(12);
    for (let warmUp = 0; warmUp < 12; warmUp += 1) this.next();
  }

  /** uniform in [0, 1) */
  next(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return (t >>> 0) / 4294967296;
  }

  int(maxExclusive: number): number {
    return Math.floor(this.next() * maxExclusive);
  }

  pick<Item>(items: readonly Item[]): Item {
    return items[this.int(items.length)]!;
  }

  /** standard normal (Box–Muller) */
  normal(): number {
    if (this.spareNormal !== null) {
      const spare = this.spareNormal;
      this.spareNormal = null;
      return spare;
    }
    const radius = Math.sqrt(-2 * Math.log(1 - this.next()));
    const angle = 2 * Math.PI * this.next();
    this.spareNormal = radius * Math.sin(angle);
    return radius * Math.cos(angle);
  }

  lognormal(sigma: number): number {
    return Math.exp(sigma * this.normal() - (sigma * sigma) / 2);
  }

  shuffle<Item>(items: readonly Item[]): Item[] {
    const copy = [...items];
    for (let index = copy.length - 1; index > 0; index -= 1) {
      const other = this.int(index + 1);
      [copy[index], copy[other]] = [copy[other]!, copy[index]!];
    }
    return copy;
  }
}

/** A UUID (version 4 layout) derived from SHA-256 of the parts: stable ids for directory rows across runs. */
export function stableUuid(...parts: (string | number)[]): string {
  const bytes = createHash('sha256').update(parts.join(':')).digest().subarray(0, 16);
  bytes.writeUInt8(0x40 | (bytes.readUInt8(6) & 0x0f), 6);
  bytes.writeUInt8(0x80 | (bytes.readUInt8(8) & 0x3f), 8);
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

const clamp = (value: number, low: number, high: number) => Math.min(high, Math.max(low, value));

/** Team names for `count` teams, dealt round-robin over the departments (a suffix once a list runs out). */
function teamPlan(count: number): { name: string; department: (typeof DEPARTMENTS)[number] }[] {
  const plan: { name: string; department: (typeof DEPARTMENTS)[number] }[] = [];
  for (let index = 0; index < count; index += 1) {
    const department = DEPARTMENTS[index % DEPARTMENTS.length]!;
    const round = Math.floor(index / DEPARTMENTS.length);
    const base = department.teams[round % department.teams.length]!;
    const cycle = Math.floor(round / department.teams.length);
    plan.push({ name: cycle === 0 ? base : `${base}-${cycle + 1}`, department });
  }
  return plan;
}

function projectKey(name: string, taken: Set<string>): string {
  const letters = name.replace(/[^a-z]/g, '').toUpperCase();
  for (const candidate of [letters.slice(0, 3), letters.slice(0, 2) + letters.at(-1), letters.slice(0, 4)]) {
    if (candidate.length >= 2 && !taken.has(candidate)) {
      taken.add(candidate);
      return candidate;
    }
  }
  for (let suffix = 2; ; suffix += 1) {
    const candidate = `${letters.slice(0, 3)}${suffix}`;
    if (!taken.has(candidate)) {
      taken.add(candidate);
      return candidate;
    }
  }
}

function ideFor(tool: ToolName | null, language: string, random: SeededRandom): string {
  if (tool === 'cursor') return 'cursor';
  if (tool === 'claude-code') return 'cli';
  if (language === 'java' || language === 'kotlin') return random.next() < 0.85 ? 'jetbrains' : 'vscode';
  return random.next() < 0.8 ? 'vscode' : 'jetbrains';
}

function toolFor(phase: PhaseKey, random: SeededRandom): ToolName {
  const draw = random.next();
  if (phase === 'pilot') return draw < 0.5 ? 'copilot' : 'lingma';
  if (phase === 'promotion') return draw < 0.45 ? 'copilot' : draw < 0.9 ? 'lingma' : 'cursor';
  return draw < 0.35 ? 'copilot' : draw < 0.7 ? 'lingma' : draw < 0.88 ? 'cursor' : 'claude-code';
}

/** Builds the whole company. Pure: depends only on the options. */
export function buildDemoCompany(options: DemoOptions): DemoCompany {
  if (!Number.isInteger(options.developers) || options.developers < 10) throw new Error('--developers must be an integer ≥ 10');
  if (!Number.isInteger(options.teams) || options.teams < 1 || options.teams > options.developers / 3) {
    throw new Error('--teams must be an integer from 1 to a third of the developers');
  }
  if (!Number.isInteger(options.months) || options.months < 2 || options.months > 36) throw new Error('--months must be an integer from 2 to 36');
  const random = new SeededRandom(`uplift-demo:${options.seed}`);
  const endDate = options.endDate;
  const startDate = addDays(addMonths(endDate, -options.months), 1);
  const periodDays = daysBetween(startDate, endDate) + 1;
  const dayAt = (share: number) => addDays(startDate, Math.round(share * (periodDays - 1)));
  const domain = `${options.orgSlug}.example`;

  // Teams and their repositories.
  const keys = new Set<string>();
  const teams: DemoTeam[] = teamPlan(options.teams).map(({ name, department }, index) => {
    const repoCount = 2 + random.int(2);
    const repos = department.repoSuffixes.slice(0, repoCount).map((suffix, repoIndex) => ({
      name: `${options.orgSlug}/${name}-${suffix}`,
      team: index,
      language: repoIndex === 0 ? random.pick(department.languages) : department.languages[repoIndex % department.languages.length]!,
      deployRate: clamp(0.55 * random.lognormal(0.4), 0.15, 1.6),
    }));
    return {
      index,
      name,
      department: department.name,
      projectKey: projectKey(name, keys),
      repos,
      productivity: random.lognormal(0.15),
      cycleFactor: random.lognormal(0.2),
      defectFactor: random.lognormal(0.25),
      incidentFactor: random.lognormal(0.3),
    };
  });

  // Team sizes: skewed, at least three people each.
  const weights = teams.map(() => random.lognormal(0.35));
  const totalWeight = weights.reduce((sum, weight) => sum + weight, 0);
  const sizes = weights.map((weight) => Math.max(3, Math.floor((weight / totalWeight) * options.developers)));
  for (let index = 0; sizes.reduce((sum, size) => sum + size, 0) < options.developers; index = (index + 1) % teams.length) sizes[index]! += 1;
  for (let index = 0; sizes.reduce((sum, size) => sum + size, 0) > options.developers; index = (index + 1) % teams.length) {
    if (sizes[index]! > 3) sizes[index]! -= 1;
  }
  const homeTeams = sizes.flatMap((size, team) => Array.from({ length: size }, () => team));

  // People: unique names, emails and logins.
  const usedNames = new Set<string>();
  const usedLogins = new Set<string>();
  const developers: DemoDeveloper[] = homeTeams.map((team, index) => {
    let first = random.pick(FIRST_NAMES);
    let last = random.pick(LAST_NAMES);
    for (let attempt = 0; usedNames.has(`${first} ${last}`) && attempt < 20; attempt += 1) {
      first = random.pick(FIRST_NAMES);
      last = random.pick(LAST_NAMES);
    }
    let name = `${first} ${last}`;
    for (let suffix = 2; usedNames.has(name); suffix += 1) name = `${first} ${last} ${suffix}`;
    usedNames.add(name);
    const emailLocal = name.toLowerCase().replace(/ (\d+)$/, '$1').replace(/ /g, '.');
    let login = `${first[0]}${last}`.toLowerCase();
    for (let suffix = 2; usedLogins.has(login); suffix += 1) login = `${first[0]}${last}${suffix}`.toLowerCase();
    usedLogins.add(login);
    const teamRepos = teams[team]!.repos;
    const language = random.next() < 0.7 ? teamRepos[0]!.language : random.pick(teamRepos).language;
    return {
      index,
      name,
      email: `${emailLocal}@${domain}`,
      login,
      gitSendsEmail: true,
      hireDate: startDate,
      memberships: [{ team, startDate, endDate: null }],
      language,
      productivity: 1,
      intensity: 0,
      adoption: null,
      tool: null,
      ide: ideFor(null, language, random),
      secondTool: null,
      seats: [],
    };
  });

  // A few aliases (git events by login only), hires during the period and team moves.
  const shuffled = random.shuffle(developers);
  const aliasCount = Math.max(2, Math.round(options.developers * 0.08));
  for (const developer of shuffled.slice(0, aliasCount)) developer.gitSendsEmail = false;
  const hires = shuffled.slice(aliasCount, aliasCount + Math.max(1, Math.round(options.developers * 0.05)));
  for (const developer of hires) {
    developer.hireDate = dayAt(0.1 + 0.75 * random.next());
    developer.memberships[0]!.startDate = developer.hireDate;
  }
  const moverCount = teams.length > 1 ? Math.max(2, Math.round(options.developers * 0.02)) : 0;
  for (const developer of shuffled.slice(aliasCount + hires.length, aliasCount + hires.length + moverCount)) {
    const from = developer.memberships[0]!;
    const moveDate = dayAt(0.25 + 0.5 * random.next());
    let to = random.int(teams.length - 1);
    if (to >= from.team) to += 1;
    from.endDate = addDays(moveDate, -1);
    developer.memberships.push({ team: to, startDate: moveDate, endDate: null });
  }

  // Personal traits: AI intensity and a baseline productivity that is mildly correlated with it.
  const correlation = GROUND_TRUTH.productivityIntensityCorrelation;
  const keenness = new Map<number, number>();
  for (const developer of developers) {
    const keen = random.normal();
    keenness.set(developer.index, keen);
    const own = random.normal();
    developer.productivity = Math.exp(0.22 * (correlation * keen + Math.sqrt(1 - correlation * correlation) * own) - 0.0242);
    developer.intensity = clamp(0.58 + 0.2 * keen, 0.15, 1);
  }

  // The staged rollout: pilot volunteers from a few keen teams, team waves in promotion, the rest at GA.
  const phases: DemoPhase[] = [
    { key: 'pilot', name: PHASE_NAMES.pilot, startDate: dayAt(0.35), targetShare: GROUND_TRUTH.phaseShares.pilot },
    { key: 'promotion', name: PHASE_NAMES.promotion, startDate: dayAt(0.52), targetShare: GROUND_TRUTH.phaseShares.promotion },
    { key: 'general', name: PHASE_NAMES.general, startDate: dayAt(0.68), targetShare: GROUND_TRUTH.phaseShares.general },
  ];
  const target = (share: number) => Math.round(share * options.developers);
  const teamOrder = random.shuffle(teams.map((team) => team.index));
  const membersOf = (team: number) => developers.filter((developer) => developer.memberships[0]!.team === team);
  const adopted = new Set<number>();
  const adopt = (developer: DemoDeveloper, phase: PhaseKey, date: string) => {
    const start = date < developer.hireDate ? addDays(developer.hireDate, 5 + random.int(10)) : date;
    const tool = toolFor(phase, random);
    developer.adoption = { phase, date: start };
    developer.tool = tool;
    developer.ide = ideFor(tool, developer.language, random);
    if (phase === 'pilot') developer.intensity = clamp(developer.intensity + 0.12, 0.15, 1);
    adopted.add(developer.index);
  };
  const phaseLength = (phase: number) =>
    phase < phases.length - 1 ? daysBetween(phases[phase]!.startDate, phases[phase + 1]!.startDate) : daysBetween(phases[phase]!.startDate, endDate) + 1;

  // Pilot: the keenest people of the first teams in the rollout order.
  const pilotCandidates: DemoDeveloper[] = [];
  for (const team of teamOrder) {
    if (pilotCandidates.length >= target(GROUND_TRUTH.phaseShares.pilot) * 1.6) break;
    pilotCandidates.push(...membersOf(team));
  }
  pilotCandidates.sort((left, right) => keenness.get(right.index)! - keenness.get(left.index)! || left.index - right.index);
  for (const developer of pilotCandidates.slice(0, target(GROUND_TRUTH.phaseShares.pilot))) {
    adopt(developer, 'pilot', addDays(phases[0]!.startDate, random.int(Math.max(1, Math.min(10, phaseLength(0) / 3)))));
  }
  // Promotion: whole teams in waves across the phase, 85 % of each team, until half the company.
  const promotionTeams = teamOrder.map((team) => membersOf(team).filter((developer) => !adopted.has(developer.index)));
  let wave = 0;
  for (const members of promotionTeams) {
    if (adopted.size >= target(GROUND_TRUTH.phaseShares.promotion)) break;
    const waveStart = addDays(phases[1]!.startDate, Math.round(Math.min(1, wave / Math.max(1, teams.length * 0.6)) * phaseLength(1) * 0.75));
    wave += 1;
    for (const developer of members) {
      if (adopted.size >= target(GROUND_TRUTH.phaseShares.promotion)) break;
      if (random.next() < 0.85) adopt(developer, 'promotion', addDays(waveStart, random.int(Math.max(1, Math.min(14, Math.round(phaseLength(1) * 0.2))))));
    }
  }
  // General availability: everyone else in rollout order over the first weeks, until 76 %.
  const remaining = teamOrder.flatMap((team) => random.shuffle(membersOf(team).filter((developer) => !adopted.has(developer.index))));
  const generalSpread = Math.max(1, Math.min(45, Math.round(phaseLength(2) * 0.5)));
  for (const developer of remaining) {
    if (adopted.size >= target(GROUND_TRUTH.phaseShares.general)) break;
    adopt(developer, 'general', addDays(phases[2]!.startDate, random.int(generalSpread)));
  }

  // Seats: assigned a few days before activation; some GA seats are never used; a second tool for a few.
  for (const developer of developers) {
    if (developer.adoption && developer.tool) {
      developer.seats.push({ tool: developer.tool, startDate: addDays(developer.adoption.date, -(2 + random.int(8))) });
      if (developer.tool !== 'claude-code' && developer.adoption.phase !== 'pilot' && random.next() < 0.12) {
        const date = addDays(phases[2]!.startDate, 20 + random.int(Math.max(1, Math.round(phaseLength(2) * 0.5))));
        if (date <= endDate && date > developer.adoption.date) {
          developer.secondTool = { tool: 'claude-code', date };
          developer.seats.push({ tool: 'claude-code', startDate: addDays(date, -2) });
        }
      }
    } else if (random.next() < 0.08) {
      developer.seats.push({ tool: random.next() < 0.5 ? 'copilot' : 'lingma', startDate: phases[2]!.startDate });
    }
  }

  return {
    options,
    startDate,
    endDate,
    departments: DEPARTMENTS.slice(0, Math.min(DEPARTMENTS.length, teams.length)).map((department) => department.name),
    teams,
    developers,
    bots: [...DEMO_BOTS],
    phases,
    days: buildCalendar(startDate, endDate, options.timeZone),
  };
}

/** Share of developers adopted on or before `date` (the rollout figure the phases aim at). */
export function adoptedShare(company: DemoCompany, date: string): number {
  const adopted = company.developers.filter((developer) => developer.adoption && developer.adoption.date <= date).length;
  return adopted / company.developers.length;
}

/** The team a developer belongs to on `date` (membership history), or null before they joined. */
export function teamOn(developer: DemoDeveloper, date: string): number | null {
  const membership = developer.memberships.find((candidate) => candidate.startDate <= date && (candidate.endDate === null || candidate.endDate >= date));
  return membership ? membership.team : null;
}
