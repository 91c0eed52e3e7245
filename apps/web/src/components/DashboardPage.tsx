import { useCallback, useEffect, useMemo, useState } from 'react';
import { ApiRequestError, cachedGet, evictCached } from '../api/client';
import type { DashboardDefinition, MetricInfo, RolloutPhase, Session } from '../api/types';
import { formatDate } from '../format';
import { useI18n } from '../i18n/I18nProvider';
import { resolveText } from '../i18n/translate';
import { todayIn } from '../state/dates';
import { navigate, useViewState } from '../state/navigation';
import { resolveView, teamViewState, type PageGranularity } from '../state/view-state';
import { FilterBar } from './FilterBar';
import { PageContext, usePage, type CatalogState, type PageContextValue, type PhasesState } from './page-context';
import { Panel } from './Panel';
import { ErrorState } from './states';
import { TeamLink } from './TeamLink';
import { useDimensionValues } from './useDimensionValues';

const CATALOG_PATH = '/api/v1/metrics';
const PHASES_PATH = '/api/v1/directory/rollout-phases';

function useCatalog(): [CatalogState, () => void] {
  const [attempt, setAttempt] = useState(0);
  const [state, setState] = useState<CatalogState>({ status: 'loading' });
  useEffect(() => {
    let cancelled = false;
    cachedGet<MetricInfo[]>(CATALOG_PATH).then(
      (metrics) => !cancelled && setState({ status: 'ready', catalog: new Map(metrics.map((metric) => [metric.id, metric])) }),
      (error: unknown) => !cancelled && setState({ status: 'error', error }),
    );
    return () => {
      cancelled = true;
    };
  }, [attempt]);
  const reload = useCallback(() => {
    evictCached([CATALOG_PATH]);
    setState({ status: 'loading' });
    setAttempt((value) => value + 1);
  }, []);
  return [state, reload];
}

/** Rollout phases, only for pages that draw them. Not configured yet (404) is a note on the panel, not an error. */
function usePhases(wanted: boolean): PhasesState {
  const [state, setState] = useState<PhasesState>({ status: 'loading' });
  useEffect(() => {
    if (!wanted) return;
    let cancelled = false;
    cachedGet<RolloutPhase[]>(PHASES_PATH).then(
      (phases) => !cancelled && setState({ status: 'ready', phases }),
      () => !cancelled && setState({ status: 'unavailable' }),
    );
    return () => {
      cancelled = true;
    };
  }, [wanted]);
  return state;
}

type DefinitionState = { id: string; definition?: DashboardDefinition; error?: unknown };

export function DashboardPage({ session, dashboardId }: { session: Session; dashboardId: string }) {
  const { locale, t } = useI18n();
  const viewState = useViewState();
  const [attempt, setAttempt] = useState(0);
  const [loaded, setLoaded] = useState<DefinitionState | null>(null);
  const [catalog, reloadCatalog] = useCatalog();
  const path = `/api/v1/dashboards/${encodeURIComponent(dashboardId)}`;

  useEffect(() => {
    let cancelled = false;
    cachedGet<DashboardDefinition>(path).then(
      (definition) => !cancelled && setLoaded({ id: dashboardId, definition }),
      (error: unknown) => !cancelled && setLoaded({ id: dashboardId, error }),
    );
    return () => {
      cancelled = true;
    };
  }, [path, dashboardId, attempt]);

  const current = loaded?.id === dashboardId ? loaded : null;
  const definition = current?.definition;
  const phases = usePhases(Boolean(definition?.panels.some((panel) => panel.annotations)));
  const today = useMemo(() => todayIn(session.org.timeZone), [session.org.timeZone]);
  const title = definition ? resolveText(locale, definition.title) : '';

  useEffect(() => {
    document.title = title ? `${title} · ${t('app.name')}` : t('app.name');
  }, [title, t]);

  if (!current) {
    return (
      <main id="main" className="page" tabIndex={-1}>
        <p className="page-loading" role="status">
          {t('dashboard.loading')}
        </p>
      </main>
    );
  }
  if (!definition) {
    const error = current.error;
    const message =
      error instanceof ApiRequestError && error.status === 404 ? t('dashboard.notFound', { id: dashboardId }) : t('dashboard.loadFailed', { message: (error as Error)?.message ?? String(error) });
    return (
      <main id="main" className="page" tabIndex={-1}>
        <ErrorState
          title={message}
          onRetry={() => {
            evictCached([path]);
            setLoaded(null);
            setAttempt((value) => value + 1);
          }}
        />
      </main>
    );
  }

  const pageGranularity: PageGranularity = definition.defaults.granularity === 'total' ? 'week' : definition.defaults.granularity;
  const view = resolveView(viewState, { dashboard: definition.id, preset: definition.defaults.preset, granularity: pageGranularity }, today);
  const context: PageContextValue = {
    session,
    catalog,
    reloadCatalog,
    viewState,
    view,
    today,
    scope: definition.scope,
    phases,
    openTeam: (team) => navigate(teamViewState(viewState, team)),
  };
  const team = definition.scope === 'team' && view.filters.team.length === 1 ? view.filters.team[0] : undefined;

  return (
    <PageContext.Provider value={context}>
      <main id="main" className="page" tabIndex={-1}>
        <div className="page-heading">
          <h1>{team ? `${title} · ${t('dashboard.team.heading', { team })}` : title}</h1>
          <p className="muted">
            {resolveText(locale, definition.description)} ·{' '}
            <span data-range-from={view.range.from} data-range-to={view.range.to}>
              {t('dashboard.range', { from: formatDate(view.range.from, locale), to: formatDate(view.range.to, locale) })}
            </span>
          </p>
        </div>
        <FilterBar definition={definition} />
        {definition.scope === 'team' && !team ? <TeamChooser /> : null}
        <div className="dashboard-grid">
          {definition.panels.map((panel) => (
            <Panel key={`${definition.id}/${panel.id}`} panel={panel} />
          ))}
        </div>
      </main>
    </PageContext.Provider>
  );
}

/** A team page without a team: the teams seen in the range, each a link to its page. */
function TeamChooser() {
  const { t } = useI18n();
  const page = usePage();
  const teams = useDimensionValues('team', page.view.range, page.catalog.status === 'ready' ? page.catalog.catalog : null);
  return (
    <section className="team-chooser" aria-label={t('dashboard.team.choose')}>
      <p>{t('dashboard.team.choose')}</p>
      {teams.length === 0 ? (
        <p className="muted">{t('dashboard.team.noTeams')}</p>
      ) : (
        <ul className="team-list">
          {teams.map((team) => (
            <li key={team}>
              <TeamLink team={team} label={t('panel.openTeam', { team })} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
