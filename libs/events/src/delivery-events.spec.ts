import { describe, expect, it } from 'vitest';
import { validateEvent, type ValidationResult } from './validate';

// Uplift's optional extensions of the delivery events (see docs/events.md, "What Uplift adds to the contract").

const now = new Date('2026-07-01T12:00:00.000Z');

function deployment(data: Record<string, unknown>): unknown {
  return {
    id: '0190c3e4-1234-7abc-8def-0123456789ab',
    type: 'deployment.finished',
    time: '2026-07-01T10:00:00Z',
    source: { tool: 'ci' },
    data: { deploymentId: 'd-1', repo: 'shop/api', environment: 'production', status: 'success', commitSha: 'a1b2c3d4e5', ...data },
  };
}

function incident(data: Record<string, unknown>): unknown {
  return {
    id: '0190c3e4-1234-7abc-8def-0123456789ac',
    type: 'incident.opened',
    time: '2026-07-01T11:00:00Z',
    source: { tool: 'pagerduty' },
    data: { incidentId: 'i-1', ...data },
  };
}

function dataOf(result: ValidationResult): Record<string, unknown> {
  if (!result.ok) throw new Error(`rejected: ${JSON.stringify(result.errors)}`);
  return result.event.data as Record<string, unknown>;
}

function errorsOf(result: ValidationResult) {
  if (result.ok) throw new Error('accepted');
  return result.errors.map(({ path, message }) => ({ path, message }));
}

describe('deployment.finished extensions', () => {
  it('keeps deployments without commits or pipeline valid (both optional)', () => {
    expect(dataOf(validateEvent(deployment({}), { now }))).not.toHaveProperty('commits');
  });

  it('accepts the shipped commits as lower-cased hex SHAs and a pipeline name', () => {
    const data = dataOf(validateEvent(deployment({ commits: ['ABCDEF1', 'a1b2c3d4e5f6'], pipeline: ' deploy-prod ' }), { now }));
    expect(data).toMatchObject({ commits: ['abcdef1', 'a1b2c3d4e5f6'], pipeline: 'deploy-prod' });
  });

  it('rejects commits that are not SHAs, naming the element', () => {
    expect(errorsOf(validateEvent(deployment({ commits: ['abcdef1', 'main'] }), { now }))).toEqual([
      { path: 'data.commits.1', message: 'must be a hex commit SHA of 7 to 64 characters' },
    ]);
    expect(errorsOf(validateEvent(deployment({ commits: 'abcdef1' }), { now }))).toEqual([
      { path: 'data.commits', message: 'expected an array of commit SHAs' },
    ]);
  });

  it('treats a blank pipeline as absent', () => {
    expect(dataOf(validateEvent(deployment({ pipeline: '  ' }), { now }))).not.toHaveProperty('pipeline');
  });
});

describe('incident.opened extension', () => {
  it('accepts an optional team', () => {
    expect(dataOf(validateEvent(incident({ team: 'payments' }), { now }))).toMatchObject({ team: 'payments' });
    expect(dataOf(validateEvent(incident({}), { now }))).toEqual({ incidentId: 'i-1' });
  });

  it('rejects a team that is not a string', () => {
    expect(errorsOf(validateEvent(incident({ team: 7 }), { now }))).toEqual([{ path: 'data.team', message: expect.any(String) }]);
  });
});
