import { describe, expect, it } from 'vitest';
import { ApiRequestError } from '../api/client';
import { dashboardViewState, parseViewState, serializeViewState, settingsViewState, teamViewState } from '../state/view-state';
import type { OrgSettings } from './settings-api';
import { fieldErrors, filterPeople, importRowErrors, orgSettingsForm, orgSettingsPatch, parseLabels, personLabel, seatStatus, shareFromPercent } from './settings-logic';

describe('the settings page in the URL', () => {
  it('round-trips page and section after the dashboard view, which stays for the way back', () => {
    const search = 'dashboard=team&preset=last-30-days&team=payments&lang=zh-CN&page=settings&section=seats';
    const state = parseViewState(search);
    expect(state).toMatchObject({ dashboard: 'team', teams: ['payments'], lang: 'zh-CN', page: 'settings', section: 'seats' });
    expect(serializeViewState(state)).toBe(search);
  });

  it('keeps existing dashboard URLs as they were', () => {
    const search = 'dashboard=usage-and-acceptance&preset=custom&from=2026-07-01&to=2026-09-30&granularity=month&tool=copilot';
    const state = parseViewState(search);
    expect(state.page).toBeUndefined();
    expect(state.section).toBeUndefined();
    expect(serializeViewState(state)).toBe(search);
  });

  it('drops unknown pages and sections, and a section without the page', () => {
    expect(parseViewState('page=admin&section=seats')).toEqual({ teams: [] });
    expect(parseViewState('page=settings&section=passwords')).toEqual({ teams: [], page: 'settings' });
    expect(parseViewState('section=seats')).toEqual({ teams: [] });
    expect(serializeViewState({ teams: [], section: 'seats' })).toBe('');
  });

  it('opens a section, and leaves settings for a dashboard or a team keeping range and filters', () => {
    const onDashboard = parseViewState('dashboard=rollout-overview&preset=last-90-days&tool=cursor');
    const onSettings = settingsViewState(onDashboard, 'credentials');
    expect(serializeViewState(onSettings)).toBe('dashboard=rollout-overview&preset=last-90-days&tool=cursor&page=settings&section=credentials');
    expect(serializeViewState(settingsViewState(onSettings))).toBe('dashboard=rollout-overview&preset=last-90-days&tool=cursor&page=settings');
    expect(serializeViewState(dashboardViewState(onSettings, 'ai-impact'))).toBe('dashboard=ai-impact&preset=last-90-days&tool=cursor');
    expect(serializeViewState(teamViewState(onSettings, 'payments'))).toBe('dashboard=team&preset=last-90-days&team=payments&tool=cursor');
  });
});

const saved: OrgSettings = { name: 'Acme', slug: 'acme', timeZone: 'UTC', codingTimeShare: 0.32, aiPrLabels: ['ai-assisted'], privacyMinGroupSize: 5 };

describe('the organisation settings form', () => {
  it('sends only what changed', () => {
    const form = orgSettingsForm(saved);
    expect(orgSettingsPatch(form, saved)).toEqual({ patch: {}, problems: {} });
    const changed = { ...form, timeZone: ' Asia/Shanghai ', privacyMinGroupSize: '3', codingTimeShare: '0.4', aiPrLabels: 'ai-assisted\ncopilot, ai-assisted\n\n' };
    expect(orgSettingsPatch(changed, saved)).toEqual({
      patch: { timeZone: 'Asia/Shanghai', privacyMinGroupSize: 3, codingTimeShare: 0.4, aiPrLabels: ['ai-assisted', 'copilot'] },
      problems: {},
    });
    expect(orgSettingsPatch({ ...form, aiPrLabels: '' }, saved).patch).toEqual({ aiPrLabels: [] });
  });

  it('names the fields the browser can already tell are wrong', () => {
    const form = orgSettingsForm(saved);
    expect(orgSettingsPatch({ ...form, timeZone: ' ', privacyMinGroupSize: '2.5', codingTimeShare: '0' }, saved).problems).toEqual({
      timeZone: 'required',
      privacyMinGroupSize: 'integerRange',
      codingTimeShare: 'shareRange',
    });
    expect(orgSettingsPatch({ ...form, privacyMinGroupSize: '', codingTimeShare: '1.5' }, saved).problems).toEqual({
      privacyMinGroupSize: 'integerRange',
      codingTimeShare: 'shareRange',
    });
  });

  it('reads labels one per line or comma-separated', () => {
    expect(parseLabels(' a ,b\nc\n\na')).toEqual(['a', 'b', 'c']);
  });
});

describe('API errors in forms', () => {
  const refused = new ApiRequestError(400, 'INVALID_REQUEST', 'seats.csv: 2 bad row(s); nothing was imported', {
    statusCode: 400,
    code: 'INVALID_REQUEST',
    message: 'seats.csv: 2 bad row(s); nothing was imported',
    errors: [
      { row: 2, column: 'person', message: 'no person has this email', value: 'x@example.com' },
      { row: 3, column: 'start_date', message: 'must be a date YYYY-MM-DD', value: '2026-13-01' },
    ],
  });

  it('lists the bad rows of a refused import', () => {
    expect(importRowErrors(refused).map((error) => [error.row, error.column])).toEqual([
      [2, 'person'],
      [3, 'start_date'],
    ]);
    expect(importRowErrors(new ApiRequestError(403, 'FORBIDDEN', 'no'))).toEqual([]);
    expect(importRowErrors(new Error('boom'))).toEqual([]);
  });

  it('maps a 400 to messages per field, the first per field winning', () => {
    const invalid = new ApiRequestError(400, 'INVALID_REQUEST', 'targetShare: must be between 0 and 1', {
      statusCode: 400,
      code: 'INVALID_REQUEST',
      message: 'targetShare: must be between 0 and 1',
      errors: [
        { path: 'targetShare', message: 'must be between 0 and 1', value: 2 },
        { path: 'targetShare', message: 'second' },
        { path: 'name', message: 'must not be empty' },
      ],
    });
    expect(fieldErrors(invalid)).toEqual({ targetShare: 'must be between 0 and 1', name: 'must not be empty' });
    expect(fieldErrors(new ApiRequestError(0, 'NETWORK', 'offline'))).toEqual({});
  });
});

describe('seats and people', () => {
  it('tells active, ended and upcoming seats apart, end dates inclusive', () => {
    expect(seatStatus({ startDate: '2026-01-01', endDate: null }, '2026-03-01')).toBe('active');
    expect(seatStatus({ startDate: '2026-01-01', endDate: '2026-03-01' }, '2026-03-01')).toBe('active');
    expect(seatStatus({ startDate: '2026-01-01', endDate: '2026-02-28' }, '2026-03-01')).toBe('ended');
    expect(seatStatus({ startDate: '2026-03-02', endDate: null }, '2026-03-01')).toBe('upcoming');
  });

  const people = [
    { name: 'Zoe', identities: [{ id: '1', kind: 'login', value: 'zoe-gh' }] },
    { name: 'ann', identities: [{ id: '2', kind: 'login', value: 'annie' }, { id: '3', kind: 'email', value: 'Ann@Example.com' }] },
    { name: 'Bot', identities: [] },
  ];

  it('labels a person with the first email, else another identity', () => {
    expect(people.map(personLabel)).toEqual(['Zoe <zoe-gh>', 'ann <Ann@Example.com>', 'Bot']);
  });

  it('finds people by name or any identity, case-insensitively, in name order', () => {
    expect(filterPeople(people, '').map((person) => person.name)).toEqual(['ann', 'Bot', 'Zoe']);
    expect(filterPeople(people, ' example ').map((person) => person.name)).toEqual(['ann']);
    expect(filterPeople(people, 'GH').map((person) => person.name)).toEqual(['Zoe']);
  });

  it('reads a target share typed as a percentage', () => {
    expect(shareFromPercent('50')).toBe(0.5);
    expect(shareFromPercent('12.5')).toBe(0.125);
    expect(shareFromPercent('0')).toBe(0);
    expect(shareFromPercent('100')).toBe(1);
    expect(shareFromPercent('101')).toBeUndefined();
    expect(shareFromPercent('')).toBeUndefined();
    expect(shareFromPercent('ten')).toBeUndefined();
  });
});
