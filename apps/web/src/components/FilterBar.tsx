import { useEffect, useState } from 'react';
import type { DashboardDefinition } from '../api/types';
import { useI18n } from '../i18n/I18nProvider';
import { PRESETS, type Preset } from '../state/date-ranges';
import { isDate } from '../state/dates';
import { navigate } from '../state/navigation';
import { PAGE_GRANULARITIES, type FilterName, type PageGranularity, type ViewState } from '../state/view-state';
import { usePage } from './page-context';
import { useDimensionValues } from './useDimensionValues';

const ALL_LABELS = { tool: 'filters.allTools', language: 'filters.allLanguages', ide: 'filters.allIdes' } as const;

/** Date range, granularity and the page's filters. Every change is a new URL (Back undoes it). */
export function FilterBar({ definition }: { definition: DashboardDefinition }) {
  const page = usePage();
  const { t } = useI18n();
  const { viewState, view } = page;
  const update = (patch: Partial<ViewState>) => navigate({ ...viewState, ...patch });
  const catalog = page.catalog.status === 'ready' ? page.catalog.catalog : null;
  const shows = (name: FilterName) => definition.filters.includes(name);

  return (
    <form className="filters" role="search" aria-label={t('filters.label')} onSubmit={(event) => event.preventDefault()}>
      <label className="field">
        <span className="field-label">{t('filters.range')}</span>
        <select
          id="filter-preset"
          value={view.preset}
          onChange={(event) => {
            const preset = event.target.value as Preset;
            update(preset === 'custom' ? { preset, from: view.range.from, to: view.range.to } : { preset, from: undefined, to: undefined });
          }}
        >
          {PRESETS.map((preset) => (
            <option key={preset} value={preset}>
              {t(`preset.${preset}`)}
            </option>
          ))}
        </select>
      </label>
      {view.preset === 'custom' ? <CustomRange from={view.range.from} to={view.range.to} onChange={(from, to) => update({ preset: 'custom', from, to })} /> : null}
      <label className="field">
        <span className="field-label">{t('filters.granularity')}</span>
        <select id="filter-granularity" value={view.granularity} onChange={(event) => update({ granularity: event.target.value as PageGranularity })}>
          {PAGE_GRANULARITIES.map((granularity) => (
            <option key={granularity} value={granularity}>
              {t(`granularity.${granularity}`)}
            </option>
          ))}
        </select>
      </label>
      {shows('team') ? definition.scope === 'team' ? <TeamSelect /> : <TeamsPicker /> : null}
      {(['tool', 'language', 'ide'] as const).filter(shows).map((name) => (
        <SingleFilter key={name} name={name} allLabel={t(ALL_LABELS[name])} catalogReady={catalog !== null} />
      ))}
      <button
        type="button"
        className="button button-quiet"
        onClick={() => navigate({ teams: definition.scope === 'team' ? viewState.teams : [], ...(viewState.dashboard ? { dashboard: viewState.dashboard } : {}), ...(viewState.lang ? { lang: viewState.lang } : {}) })}
      >
        {t('filters.reset')}
      </button>
    </form>
  );
}

function CustomRange({ from, to, onChange }: { from: string; to: string; onChange: (from: string, to: string) => void }) {
  const { t } = useI18n();
  const [draft, setDraft] = useState({ from, to });
  useEffect(() => setDraft({ from, to }), [from, to]);
  const invalid = !isDate(draft.from) || !isDate(draft.to) || draft.from > draft.to;
  const change = (next: { from: string; to: string }) => {
    setDraft(next);
    if (isDate(next.from) && isDate(next.to) && next.from <= next.to) onChange(next.from, next.to);
  };
  return (
    <>
      <label className="field">
        <span className="field-label">{t('filters.from')}</span>
        <input id="filter-from" type="date" value={draft.from} max={draft.to} aria-invalid={invalid} onChange={(event) => change({ ...draft, from: event.target.value })} />
      </label>
      <label className="field">
        <span className="field-label">{t('filters.to')}</span>
        <input id="filter-to" type="date" value={draft.to} min={draft.from} aria-invalid={invalid} onChange={(event) => change({ ...draft, to: event.target.value })} />
      </label>
      {invalid ? (
        <p className="field-error" role="alert">
          {t('filters.invalidRange')}
        </p>
      ) : null}
    </>
  );
}

function withSelected(values: string[], selected: readonly string[]): string[] {
  return [...new Set([...values, ...selected])].sort((a, b) => a.localeCompare(b));
}

function SingleFilter({ name, allLabel, catalogReady }: { name: 'tool' | 'language' | 'ide'; allLabel: string; catalogReady: boolean }) {
  const page = usePage();
  const { t } = useI18n();
  const values = useDimensionValues(name, page.view.range, page.catalog.status === 'ready' ? page.catalog.catalog : null);
  const selected = page.viewState[name];
  return (
    <label className="field">
      <span className="field-label">{t(`filters.${name}`)}</span>
      <select id={`filter-${name}`} value={selected ?? ''} disabled={!catalogReady} onChange={(event) => navigate({ ...page.viewState, [name]: event.target.value || undefined })}>
        <option value="">{allLabel}</option>
        {withSelected(values, selected ? [selected] : []).map((value) => (
          <option key={value} value={value}>
            {value}
          </option>
        ))}
      </select>
    </label>
  );
}

function TeamSelect() {
  const page = usePage();
  const { t } = useI18n();
  const values = useDimensionValues('team', page.view.range, page.catalog.status === 'ready' ? page.catalog.catalog : null);
  const selected = page.viewState.teams[0];
  return (
    <label className="field">
      <span className="field-label">{t('filters.team')}</span>
      <select id="filter-team" value={selected ?? ''} onChange={(event) => navigate({ ...page.viewState, teams: event.target.value ? [event.target.value] : [] })}>
        <option value="" disabled>
          {t('filters.chooseTeam')}
        </option>
        {withSelected(values, selected ? [selected] : []).map((value) => (
          <option key={value} value={value}>
            {value}
          </option>
        ))}
      </select>
    </label>
  );
}

/** Several teams: a disclosure with checkboxes (native details/summary, so it works with the keyboard). */
function TeamsPicker() {
  const page = usePage();
  const { t } = useI18n();
  const values = useDimensionValues('team', page.view.range, page.catalog.status === 'ready' ? page.catalog.catalog : null);
  const selected = page.viewState.teams;
  const toggle = (team: string, checked: boolean) =>
    navigate({ ...page.viewState, teams: checked ? [...selected, team] : selected.filter((entry) => entry !== team) });
  const options = withSelected(values, selected);
  return (
    <div className="field">
      <span className="field-label" id="filter-teams-label">
        {t('filters.teams')}
      </span>
      <details className="multiselect">
        <summary aria-describedby="filter-teams-label">
          {selected.length === 0 ? t('filters.allTeams') : selected.length === 1 ? selected[0] : t('filters.teamsSelected', { count: selected.length })}
        </summary>
        <div className="multiselect-menu">
          {options.length === 0 ? <p className="muted">{t('filters.noValues')}</p> : null}
          {options.map((team) => (
            <label key={team} className="checkbox">
              <input type="checkbox" checked={selected.includes(team)} onChange={(event) => toggle(team, event.target.checked)} />
              {team}
            </label>
          ))}
          {selected.length > 0 ? (
            <button type="button" className="button button-quiet button-small" onClick={() => navigate({ ...page.viewState, teams: [] })}>
              {t('filters.clearTeams')}
            </button>
          ) : null}
        </div>
      </details>
    </div>
  );
}
