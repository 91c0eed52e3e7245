import { describe, expect, it } from 'vitest';
import { parseViewState, resolveView, serializeViewState, teamViewState } from './view-state';

const defaults = { dashboard: 'rollout-overview', preset: 'last-90-days', granularity: 'week' } as const;

describe('view state in the URL', () => {
  it('round-trips every part of the view', () => {
    const search = 'dashboard=team&preset=custom&from=2026-07-01&to=2026-09-30&granularity=month&team=payments&team=search&tool=copilot&language=go&ide=vscode&lang=zh-CN';
    const state = parseViewState(search);
    expect(state).toEqual({
      dashboard: 'team',
      preset: 'custom',
      from: '2026-07-01',
      to: '2026-09-30',
      granularity: 'month',
      teams: ['payments', 'search'],
      tool: 'copilot',
      language: 'go',
      ide: 'vscode',
      lang: 'zh-CN',
    });
    expect(serializeViewState(state)).toBe(search);
  });

  it('drops malformed values instead of failing', () => {
    expect(parseViewState('?dashboard=../x&preset=forever&from=2026-02-30&to=2026-03-01&granularity=hour&lang=fr&team=&tool=%20')).toEqual({ teams: [] });
    expect(parseViewState('from=2026-09-01&to=2026-08-01')).toEqual({ teams: [] });
    expect(parseViewState('team=a,b&team=a')).toEqual({ teams: ['a', 'b'] });
  });

  it('treats from/to without a preset as a custom range, and writes dates only for custom ranges', () => {
    expect(parseViewState('from=2026-07-01&to=2026-07-31')).toMatchObject({ preset: 'custom', from: '2026-07-01', to: '2026-07-31' });
    expect(serializeViewState({ teams: [], preset: 'last-30-days', from: '2026-07-01', to: '2026-07-31' })).toBe('preset=last-30-days');
  });

  it('resolves presets against the org today and fills the dashboard defaults', () => {
    expect(resolveView({ teams: [] }, defaults, '2026-08-15')).toEqual({
      dashboard: 'rollout-overview',
      preset: 'last-90-days',
      range: { from: '2026-05-18', to: '2026-08-15' },
      granularity: 'week',
      filters: { team: [], tool: [], language: [], ide: [] },
    });
    const custom = resolveView(parseViewState('preset=custom&from=2026-01-01&to=2026-01-31&tool=cursor'), defaults, '2026-08-15');
    expect(custom).toMatchObject({ preset: 'custom', range: { from: '2026-01-01', to: '2026-01-31' }, filters: { tool: ['cursor'] } });
  });

  it('opens a team page keeping range, granularity and language', () => {
    const state = parseViewState('dashboard=usage-and-acceptance&preset=last-30-days&granularity=day&team=a&lang=zh-CN');
    expect(serializeViewState(teamViewState(state, 'payments'))).toBe('dashboard=team&preset=last-30-days&granularity=day&team=payments&lang=zh-CN');
  });
});
