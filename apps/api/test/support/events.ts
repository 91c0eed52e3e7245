import { randomUUID } from 'node:crypto';

type Json = Record<string, unknown>;

/** Builds a contract-valid event; `overrides` replace envelope fields, `data` the data object. */
export function event(type: string, data: Json, overrides: Json = {}): Json {
  const needsActor = !/^(deployment|incident|build)\./.test(type);
  return {
    id: randomUUID(),
    type,
    time: new Date().toISOString(),
    ...(needsActor ? { actor: { email: 'ann@example.com' } } : {}),
    source: { tool: type.startsWith('commit') || type.startsWith('pull_request') ? 'git' : 'copilot' },
    data,
    ...overrides,
  };
}

/** An ISO timestamp `daysAgo` days before now (inside the 400-day window). */
export function daysAgo(days: number, hourUtc = 12): string {
  const date = new Date();
  date.setUTCDate(date.getUTCDate() - days);
  date.setUTCHours(hourUtc, 0, 0, 0);
  return date.toISOString();
}

export function dateOnly(iso: string): string {
  return iso.slice(0, 10);
}
