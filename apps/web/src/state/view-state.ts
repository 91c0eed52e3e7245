import { LOCALES, type Locale } from '../i18n/locales';
import { PAGES, SETTINGS_SECTIONS, type Page, type SettingsSection } from '../settings/sections';
import { PRESETS, presetRange, type DateRange, type Preset } from './date-ranges';
import { isDate, type Granularity } from './dates';

export type PageGranularity = Exclude<Granularity, 'total'>;
export const PAGE_GRANULARITIES: readonly PageGranularity[] = ['day', 'week', 'month', 'quarter'];

export const FILTER_NAMES = ['team', 'tool', 'language', 'ide'] as const;
export type FilterName = (typeof FILTER_NAMES)[number];

/**
 * Everything a view depends on, all of it in the query string so a link reproduces the view. Absent values
 * mean "the dashboard's default". `from`/`to` are only written for a custom range: a preset such as "last 30
 * days" stays relative to the day the link is opened.
 */
export type ViewState = {
  dashboard?: string;
  preset?: Preset;
  from?: string;
  to?: string;
  granularity?: PageGranularity;
  teams: string[];
  tool?: string;
  language?: string;
  ide?: string;
  lang?: Locale;
  /** A page other than the dashboards (admin settings); the dashboard view above is kept for coming back. */
  page?: Page;
  section?: SettingsSection;
};

const SINGLE_FILTERS = ['tool', 'language', 'ide'] as const;

function oneOf<Value extends string>(values: readonly Value[], value: string | null): Value | undefined {
  return value !== null && (values as readonly string[]).includes(value) ? (value as Value) : undefined;
}

function cleanValue(value: string | null): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed.slice(0, 200) : undefined;
}

/** Reads the query string; unknown or malformed values are dropped, never fatal. */
export function parseViewState(search: string): ViewState {
  const params = new URLSearchParams(search);
  const state: ViewState = { teams: [] };
  const dashboard = params.get('dashboard');
  if (dashboard && /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(dashboard)) state.dashboard = dashboard;

  const from = params.get('from');
  const to = params.get('to');
  const preset = oneOf(PRESETS, params.get('preset'));
  if (from && to && isDate(from) && isDate(to) && from <= to && (preset === undefined || preset === 'custom')) {
    state.preset = 'custom';
    state.from = from;
    state.to = to;
  } else if (preset && preset !== 'custom') {
    state.preset = preset;
  }

  const granularity = oneOf(PAGE_GRANULARITIES, params.get('granularity'));
  if (granularity) state.granularity = granularity;
  const teams = params
    .getAll('team')
    .flatMap((value) => value.split(','))
    .map((value) => cleanValue(value))
    .filter((value): value is string => value !== undefined);
  state.teams = [...new Set(teams)];
  for (const name of SINGLE_FILTERS) {
    const value = cleanValue(params.get(name));
    if (value) state[name] = value;
  }
  const lang = oneOf(LOCALES, params.get('lang'));
  if (lang) state.lang = lang;
  const page = oneOf(PAGES, params.get('page'));
  if (page) {
    state.page = page;
    const section = oneOf(SETTINGS_SECTIONS, params.get('section'));
    if (section) state.section = section;
  }
  return state;
}

/** Writes the state in a fixed order, leaving out what is absent. */
export function serializeViewState(state: ViewState): string {
  const params = new URLSearchParams();
  if (state.dashboard) params.set('dashboard', state.dashboard);
  if (state.preset === 'custom' && state.from && state.to) {
    params.set('preset', 'custom');
    params.set('from', state.from);
    params.set('to', state.to);
  } else if (state.preset && state.preset !== 'custom') {
    params.set('preset', state.preset);
  }
  if (state.granularity) params.set('granularity', state.granularity);
  for (const team of state.teams) params.append('team', team);
  for (const name of SINGLE_FILTERS) {
    const value = state[name];
    if (value) params.set(name, value);
  }
  if (state.lang) params.set('lang', state.lang);
  if (state.page) {
    params.set('page', state.page);
    if (state.section) params.set('section', state.section);
  }
  return params.toString();
}

export type ResolvedView = {
  dashboard: string;
  preset: Preset;
  range: DateRange;
  granularity: PageGranularity;
  filters: Record<FilterName, string[]>;
};

/** The concrete view: defaults of the dashboard filled in and the preset turned into dates of `today`. */
export function resolveView(
  state: ViewState,
  defaults: { dashboard: string; preset: Exclude<Preset, 'custom'>; granularity: PageGranularity },
  today: string,
): ResolvedView {
  const preset = state.preset ?? defaults.preset;
  const range = preset === 'custom' && state.from && state.to ? { from: state.from, to: state.to } : presetRange(preset === 'custom' ? defaults.preset : preset, today);
  return {
    dashboard: state.dashboard ?? defaults.dashboard,
    preset: preset === 'custom' && !(state.from && state.to) ? defaults.preset : preset,
    range,
    granularity: state.granularity ?? defaults.granularity,
    filters: {
      team: state.teams,
      tool: state.tool ? [state.tool] : [],
      language: state.language ? [state.language] : [],
      ide: state.ide ? [state.ide] : [],
    },
  };
}

/** The query string of a team's page, keeping the range, granularity and language of the current view. */
export function teamViewState(state: ViewState, team: string): ViewState {
  const { dashboard: _dashboard, teams: _teams, page: _page, section: _section, ...rest } = state;
  return { ...rest, dashboard: 'team', teams: [team] };
}

/** Back to a dashboard from another page, keeping the range, filters and language. */
export function dashboardViewState(state: ViewState, dashboard: string, teams: string[] = state.teams): ViewState {
  const { page: _page, section: _section, ...rest } = state;
  return { ...rest, dashboard, teams };
}

/** A section of the settings page; the dashboard view stays in the URL so the way back keeps it. */
export function settingsViewState(state: ViewState, section?: SettingsSection): ViewState {
  const { section: _section, ...rest } = state;
  return section ? { ...rest, page: 'settings', section } : { ...rest, page: 'settings' };
}
