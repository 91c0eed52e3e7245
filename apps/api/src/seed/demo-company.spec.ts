import { describe, expect, it } from 'vitest';
import { addDays, buildCalendar, isoWeekLabel, isPublicHoliday, zonedMidnightUtcMs } from './demo-calendar';
import { GROUND_TRUTH, SeededRandom, adoptedShare, buildDemoCompany, stableUuid, teamOn, type DemoOptions } from './demo-company';

const DEFAULTS: DemoOptions = {
  seed: 42,
  developers: 300,
  teams: 20,
  months: 18,
  orgSlug: 'demo',
  timeZone: 'Asia/Shanghai',
  endDate: '2026-11-21',
};

/** Share adopted on the last day of each phase (the day before the next one starts; the period's end for GA). */
function phaseEndShares(options: DemoOptions): number[] {
  const company = buildDemoCompany(options);
  return company.phases.map((_, index) => {
    const next = company.phases[index + 1];
    return adoptedShare(company, next ? addDays(next.startDate, -1) : company.endDate);
  });
}

describe('SeededRandom', () => {
  it('repeats its stream for a seed and differs between seeds', () => {
    const draw = (seed: string) => {
      const random = new SeededRandom(seed);
      return Array.from({ length: 5 }, () => random.next());
    };
    expect(draw('a')).toEqual(draw('a'));
    expect(draw('a')).not.toEqual(draw('b'));
    for (const value of draw('c')) expect(value >= 0 && value < 1).toBe(true);
  });

  it('draws standard normals with mean ≈ 0 and deviation ≈ 1', () => {
    const random = new SeededRandom('normal');
    const values = Array.from({ length: 20_000 }, () => random.normal());
    const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
    const variance = values.reduce((sum, value) => sum + (value - mean) ** 2, 0) / values.length;
    expect(Math.abs(mean)).toBeLessThan(0.03);
    expect(Math.abs(Math.sqrt(variance) - 1)).toBeLessThan(0.03);
  });
});

describe('buildDemoCompany', () => {
  it('builds the same company from the same options, and another from another seed', () => {
    const first = buildDemoCompany(DEFAULTS);
    expect(buildDemoCompany(DEFAULTS)).toEqual(first);
    const other = buildDemoCompany({ ...DEFAULTS, seed: 43 });
    expect(other.developers.map((developer) => developer.name)).not.toEqual(first.developers.map((developer) => developer.name));
    expect(other.developers.map((developer) => developer.adoption?.date ?? null)).not.toEqual(
      first.developers.map((developer) => developer.adoption?.date ?? null),
    );
  });

  it('has the requested people in teams of three departments, each with repos and a unique project key', () => {
    const company = buildDemoCompany(DEFAULTS);
    expect(company.developers).toHaveLength(300);
    expect(company.teams).toHaveLength(20);
    expect(company.departments).toEqual(['Commerce', 'Platform', 'Data']);
    expect(new Set(company.teams.map((team) => team.name)).size).toBe(20);
    expect(new Set(company.teams.map((team) => team.projectKey)).size).toBe(20);
    for (const team of company.teams) {
      expect(team.repos.length).toBeGreaterThanOrEqual(2);
      for (const repo of team.repos) expect(repo.name).toMatch(/^demo\/[a-z-]+-[a-z]+$/);
      expect(company.developers.filter((developer) => developer.memberships[0]!.team === team.index).length).toBeGreaterThanOrEqual(3);
    }
    expect(new Set(company.developers.map((developer) => developer.email)).size).toBe(300);
    expect(new Set(company.developers.map((developer) => developer.login)).size).toBe(300);
    for (const developer of company.developers) expect(developer.email).toMatch(/^[a-z0-9.]+@demo\.example$/);
    expect(company.bots.map((bot) => bot.login)).toEqual(['dependabot[bot]', 'release-bot[bot]']);
  });

  it('gives a few people a git login without email, a few a team move, a few a later start', () => {
    const company = buildDemoCompany(DEFAULTS);
    const loginOnly = company.developers.filter((developer) => !developer.gitSendsEmail);
    expect(loginOnly.length).toBe(24);
    const movers = company.developers.filter((developer) => developer.memberships.length === 2);
    expect(movers.length).toBe(6);
    for (const mover of movers) {
      const [before, after] = mover.memberships;
      expect(before!.endDate).toBe(addDays(after!.startDate, -1));
      expect(before!.team).not.toBe(after!.team);
      expect(teamOn(mover, before!.endDate!)).toBe(before!.team);
      expect(teamOn(mover, after!.startDate)).toBe(after!.team);
    }
    const hires = company.developers.filter((developer) => developer.hireDate > company.startDate);
    expect(hires.length).toBe(15);
    for (const hire of hires) {
      expect(hire.memberships[0]!.startDate).toBe(hire.hireDate);
      if (hire.adoption) expect(hire.adoption.date > hire.hireDate).toBe(true);
    }
  });

  it('stages the rollout: pilot 10 %, promotion 50 %, general availability 76 % of developers', () => {
    const company = buildDemoCompany(DEFAULTS);
    expect(company.phases.map(({ name, targetShare }) => ({ name, targetShare }))).toEqual([
      { name: 'Pilot', targetShare: 0.1 },
      { name: 'Promotion', targetShare: 0.5 },
      { name: 'General availability', targetShare: 0.76 },
    ]);
    expect(company.phases.map((phase) => phase.startDate)).toEqual([...company.phases.map((phase) => phase.startDate)].sort());
    expect(adoptedShare(company, addDays(company.phases[0]!.startDate, -1))).toBe(0);
    const [pilot, promotion, general] = phaseEndShares(DEFAULTS);
    expect(pilot).toBeCloseTo(0.1, 2);
    expect(Math.abs(promotion! - 0.5)).toBeLessThanOrEqual(0.02);
    expect(Math.abs(general! - 0.76)).toBeLessThanOrEqual(0.01);
    // a small company reaches the same shares
    const small = phaseEndShares({ ...DEFAULTS, developers: 40, teams: 4, months: 3 });
    expect(small.map((share) => Math.round(share * 40))).toEqual([4, 20, 30]);
  });

  it('adopts teams in waves, so some teams adopt while others have not yet (before/after comparisons)', () => {
    const company = buildDemoCompany(DEFAULTS);
    const firstAdoption = company.teams.map((team) => {
      const dates = company.developers
        .filter((developer) => developer.memberships[0]!.team === team.index && developer.adoption)
        .map((developer) => developer.adoption!.date)
        .sort();
      return dates[0] ?? null;
    });
    expect(new Set(firstAdoption).size).toBeGreaterThan(8);
  });

  it('gives adopters a tool, an IDE that fits it and a seat from before their activation', () => {
    const company = buildDemoCompany(DEFAULTS);
    const tools = new Set<string>();
    for (const developer of company.developers) {
      if (!developer.adoption) {
        expect(developer.tool).toBeNull();
        expect(developer.intensity).toBeGreaterThan(0); // a trait; it only acts after adoption
        continue;
      }
      tools.add(developer.tool!);
      if (developer.tool === 'cursor') expect(developer.ide).toBe('cursor');
      if (developer.tool === 'claude-code') expect(developer.ide).toBe('cli');
      const seat = developer.seats.find((candidate) => candidate.tool === developer.tool)!;
      expect(seat.startDate < developer.adoption.date).toBe(true);
      if (developer.secondTool) expect(developer.seats.some((candidate) => candidate.tool === 'claude-code')).toBe(true);
    }
    expect([...tools].sort()).toEqual(['claude-code', 'copilot', 'cursor', 'lingma']);
    // some seats are never activated: seat utilisation below 1
    expect(company.developers.some((developer) => !developer.adoption && developer.seats.length > 0)).toBe(true);
  });

  it('correlates productivity mildly with AI intensity, as documented', () => {
    const company = buildDemoCompany(DEFAULTS);
    const xs = company.developers.map((developer) => developer.intensity);
    const ys = company.developers.map((developer) => Math.log(developer.productivity));
    const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
    const [mx, my] = [mean(xs), mean(ys)];
    const covariance = mean(xs.map((x, index) => (x - mx) * (ys[index]! - my)));
    const correlation = covariance / Math.sqrt(mean(xs.map((x) => (x - mx) ** 2)) * mean(ys.map((y) => (y - my) ** 2)));
    expect(correlation).toBeGreaterThan(GROUND_TRUTH.productivityIntensityCorrelation - 0.15);
    expect(correlation).toBeLessThan(GROUND_TRUTH.productivityIntensityCorrelation + 0.15);
  });

  it('refuses unusable sizes', () => {
    expect(() => buildDemoCompany({ ...DEFAULTS, developers: 5 })).toThrow('--developers');
    expect(() => buildDemoCompany({ ...DEFAULTS, teams: 200 })).toThrow('--teams');
    expect(() => buildDemoCompany({ ...DEFAULTS, months: 1 })).toThrow('--months');
  });
});

describe('demo calendar', () => {
  it('cuts days at local midnight', () => {
    expect(zonedMidnightUtcMs('2026-03-01', 'Asia/Shanghai')).toBe(Date.UTC(2026, 1, 28, 16));
    expect(zonedMidnightUtcMs('2026-03-01', 'UTC')).toBe(Date.UTC(2026, 2, 1));
    // daylight saving: New York is UTC−4 in July, UTC−5 in January
    expect(zonedMidnightUtcMs('2026-07-01', 'America/New_York')).toBe(Date.UTC(2026, 6, 1, 4));
    expect(zonedMidnightUtcMs('2026-01-15', 'America/New_York')).toBe(Date.UTC(2026, 0, 15, 5));
  });

  it('labels ISO weeks across the year boundary', () => {
    expect(isoWeekLabel('2025-12-29')).toBe('2026-W01');
    expect(isoWeekLabel('2026-12-31')).toBe('2026-W53');
    expect(isoWeekLabel('2027-01-01')).toBe('2026-W53');
    expect(isoWeekLabel('2026-07-01')).toBe('2026-W27');
  });

  it('knows weekends and public holidays, and makes them quiet', () => {
    expect(isPublicHoliday('2026-10-03', 'Asia/Shanghai')).toBe(true);
    expect(isPublicHoliday('2026-02-17', 'Asia/Shanghai')).toBe(true);
    expect(isPublicHoliday('2026-10-03', 'UTC')).toBe(false);
    expect(isPublicHoliday('2026-12-25', 'UTC')).toBe(true);
    const days = buildCalendar('2026-09-28', '2026-10-09', 'Asia/Shanghai');
    const byDate = new Map(days.map((day) => [day.date, day]));
    expect(byDate.get('2026-09-28')!.isWorkday).toBe(true);
    expect(byDate.get('2026-10-01')!.isWorkday).toBe(false);
    expect(byDate.get('2026-10-01')!.activity).toBeLessThan(0.1);
    expect(byDate.get('2026-10-08')!.activity).toBeGreaterThan(0.8);
    expect(days.map((day) => day.index)).toEqual(days.map((_, index) => index));
  });
});

describe('stableUuid', () => {
  it('is a version 4 UUID that depends only on its parts', () => {
    expect(stableUuid('org', 1)).toBe(stableUuid('org', 1));
    expect(stableUuid('org', 1)).not.toBe(stableUuid('org', 2));
    expect(stableUuid('org', 1)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
