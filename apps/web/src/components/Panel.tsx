import { useEffect, useMemo, useState, type CSSProperties } from 'react';
import { ApiRequestError, cachedGet, evictCached } from '../api/client';
import type { PanelDefinition } from '../api/types';
import { phaseMarks } from '../charts/annotations';
import { toEChartsOption } from '../charts/option';
import { chartFormat, formatValue } from '../format';
import { useI18n } from '../i18n/I18nProvider';
import { resolveText, translateDynamic, type Translate } from '../i18n/translate';
import { CONNECT_DOC, metricMeta } from '../metric-meta';
import { buildPanelView, metricName, type PanelView } from '../panels/build';
import { planPanel, type PlannedRequest } from '../panels/plan';
import { DataTable } from './DataTable';
import { EChart } from './EChart';
import { InfoTip } from './InfoTip';
import { KpiTile } from './KpiTile';
import { DEFAULT_MIN_GROUP_SIZE, usePage } from './page-context';
import { EmptyState, ErrorState, Skeleton } from './states';

type Answer = { request: PlannedRequest; body: unknown };
type Loaded = { key: string; answers: Answer[] } | { key: string; error: unknown };

function errorMessage(error: unknown, panel: PanelDefinition, t: Translate, metric: (id: string) => string): string {
  if (error instanceof ApiRequestError) {
    if (error.status === 0) return t('panel.networkError');
    if (error.code === 'UNKNOWN_METRIC') return t('panel.metricUnavailable', { metric: metric(String(error.body?.['metric'] ?? panel.metrics[0]?.id ?? '')) });
    if (panel.analysis && (error.status === 400 || error.status === 404 || error.status === 501)) {
      return `${t('panel.analysisUnavailable', { analysis: t(`analysis.${panel.analysis}`) })} ${error.message}`;
    }
    return t('panel.serverError', { status: error.status, message: error.message });
  }
  return (error as Error)?.message ?? String(error);
}

/** One panel of a dashboard: it plans its API calls, loads them, and shows skeleton, empty, error or figures. */
export function Panel({ panel }: { panel: PanelDefinition }) {
  const page = usePage();
  const { locale, t } = useI18n();
  const title = resolveText(locale, panel.title);
  const [attempt, setAttempt] = useState(0);
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [showTable, setShowTable] = useState(false);

  const catalog = page.catalog.status === 'ready' ? page.catalog.catalog : null;
  const viewKey = JSON.stringify(page.view);
  const plan = useMemo(
    () => (catalog ? planPanel(panel, { view: page.view, today: page.today, scope: page.scope }, catalog) : null),
    // page.view is rebuilt on every render; its content (viewKey) is what matters
    [catalog, panel, viewKey, page.today, page.scope],
  );
  const planKey = useMemo(() => JSON.stringify(plan), [plan]);

  useEffect(() => {
    if (!plan || plan.status !== 'ready') return;
    let cancelled = false;
    Promise.all(plan.requests.map(async (request) => ({ request, body: await cachedGet<unknown>(request.path) }))).then(
      (answers) => {
        if (!cancelled) setLoaded({ key: planKey, answers });
      },
      (error: unknown) => {
        if (!cancelled) setLoaded({ key: planKey, error });
      },
    );
    return () => {
      cancelled = true;
    };
    // planKey identifies the plan
  }, [planKey, attempt]);

  const current = loaded?.key === planKey ? loaded : null;
  const minGroupSize = page.session.privacy?.minGroupSize ?? DEFAULT_MIN_GROUP_SIZE;
  const team = page.view.filters.team.length === 1 ? page.view.filters.team[0] : undefined;
  const view: PanelView | null = useMemo(() => {
    if (!current || !('answers' in current) || !plan || plan.status !== 'ready') return null;
    return buildPanelView(panel, plan, current.answers, {
      locale,
      role: page.session.role,
      minGroupSize,
      ...(team ? { team } : {}),
      unitOf: (metric) => catalog?.get(metric)?.unit ?? '',
    });
  }, [current, plan, panel, locale, page.session.role, minGroupSize, team, catalog]);

  const retry = () => {
    if (plan?.status === 'ready') evictCached(plan.requests.map((request) => request.path));
    setLoaded(null);
    setAttempt((value) => value + 1);
  };
  const name = (id: string) => metricName(locale, id);

  let state: string;
  let body: React.ReactNode;
  if (page.catalog.status === 'error') {
    state = 'error';
    body = <ErrorState title={t('panel.errorTitle')} message={errorMessage(page.catalog.error, panel, t, name)} onRetry={page.reloadCatalog} />;
  } else if (!plan) {
    state = 'loading';
    body = <Skeleton kind={panel.kind} label={t('panel.loading', { title })} />;
  } else if (plan.status === 'blocked') {
    if (plan.reason === 'needs-team') {
      state = 'empty';
      body = <EmptyState title={t('panel.needsTeam')}>{null}</EmptyState>;
    } else {
      state = 'error';
      const message =
        plan.reason === 'metric-unavailable'
          ? t('panel.metricUnavailable', { metric: name(plan.metric) })
          : t('panel.parameterUnsupported', { metric: name(plan.metric), parameter: plan.parameter });
      body = <ErrorState title={t('panel.errorTitle')} message={message} onRetry={page.reloadCatalog} />;
    }
  } else if (!current) {
    state = 'loading';
    body = <Skeleton kind={panel.kind} label={t('panel.loading', { title })} />;
  } else if ('error' in current && current.error instanceof ApiRequestError && current.error.status === 422) {
    // An analysis that refuses to run on too little data: a fact about the data, not a failure.
    state = 'empty';
    body = (
      <EmptyState title={t('panel.notEnoughData')}>
        <p>{current.error.message}</p>
      </EmptyState>
    );
  } else if ('error' in current) {
    state = 'error';
    body = <ErrorState title={t('panel.errorTitle')} message={errorMessage(current.error, panel, t, name)} onRetry={retry} />;
  } else if (!view) {
    state = 'loading';
    body = <Skeleton kind={panel.kind} label={t('panel.loading', { title })} />;
  } else if (view.status === 'empty') {
    state = 'empty';
    body = <MissingData metrics={view.metrics} compact={panel.kind === 'kpi'} title={title} align={panel.layout.x + panel.layout.w / 2 < 6 ? 'start' : 'end'} />;
  } else if (view.status === 'hidden') {
    state = 'hidden';
    body = (
      <EmptyState title={t('panel.privacyHidden', { size: view.minGroupSize })}>
        <p>{t('panel.privacyAdmin')}</p>
      </EmptyState>
    );
  } else {
    state = 'ready';
    body = <PanelContentView panel={panel} view={view} title={title} showTable={showTable} granularity={plan.granularity} />;
  }

  const ignored = plan?.status === 'ready' ? plan.ignoredFilters : [];
  const isChart = view?.status === 'ready' && view.content.type !== 'kpi' && view.content.type !== 'table';
  const layout = { '--x': panel.layout.x + 1, '--y': panel.layout.y + 1, '--w': panel.layout.w, '--h': panel.layout.h } as CSSProperties;

  return (
    <section className={`panel panel-${panel.kind}`} style={layout} aria-labelledby={`panel-${panel.id}-title`} data-panel-id={panel.id} data-state={state}>
      <header className="panel-header">
        <h2 id={`panel-${panel.id}-title`} className="panel-title">
          {title}
        </h2>
        <div className="panel-actions">
          {isChart ? (
            <button type="button" className="button button-small" aria-pressed={showTable} aria-label={t(showTable ? 'panel.showChartLabel' : 'panel.showTableLabel', { title })} onClick={() => setShowTable((value) => !value)}>
              {t(showTable ? 'panel.showChart' : 'panel.showTable')}
            </button>
          ) : null}
          <InfoTip label={t('panel.about', { title })}>
            <PanelDefinitions panel={panel} />
          </InfoTip>
        </div>
      </header>
      <div className="panel-body">{body}</div>
      {ignored.length > 0 || (panel.annotations && page.phases.status === 'unavailable' && state === 'ready') ? (
        <footer className="panel-notes muted">
          {ignored.map((entry) => (
            <p key={entry.metric}>{t('panel.filterIgnored', { filters: entry.filters.map((filter) => t(`filters.${filter}`)).join(', '), metric: name(entry.metric) })}</p>
          ))}
          {panel.annotations && page.phases.status === 'unavailable' && state === 'ready' ? <p>{t('panel.phasesUnavailable')}</p> : null}
        </footer>
      ) : null}
    </section>
  );
}

function PanelDefinitions({ panel }: { panel: PanelDefinition }) {
  const page = usePage();
  const { locale, t } = useI18n();
  const catalog = page.catalog.status === 'ready' ? page.catalog.catalog : undefined;
  const ids = [...new Set(panel.metrics.map((ref) => ref.id))];
  return (
    <>
      {panel.description ? <span className="infotip-lead">{resolveText(locale, panel.description)}</span> : null}
      {ids.map((id) => {
        const info = catalog?.get(id);
        const definition = locale === 'en' && info ? info.description : translateDynamic(locale, `metric.${id}.description`);
        return (
          <span key={id} className="infotip-metric">
            <strong>{metricName(locale, id)}</strong>: {definition}
            {info ? (
              <span className="muted">
                {' '}
                ({t('panel.unitLabel')}: {info.unit})
              </span>
            ) : null}
          </span>
        );
      })}
    </>
  );
}

/** Which events a panel needs and where they come from; in a KPI tile, behind an (i) so the tile stays one line. */
function MissingData({ metrics, compact, title, align }: { metrics: string[]; compact: boolean; title: string; align: 'start' | 'end' }) {
  const { locale, t } = useI18n();
  const known = metrics.map((id) => ({ id, meta: metricMeta(id) }));
  const sources = [...new Set(known.flatMap(({ meta }) => meta?.sources ?? []))];
  const details = (
    <>
      {known.map(({ id, meta }) => (meta ? <span key={id}>{t('panel.emptyMetric', { metric: metricName(locale, id), events: meta.events.join(', ') })}</span> : null))}
      {sources.length > 0 ? <span>{t('panel.emptyHow', { source: sources.map((source) => t(`source.${source}`)).join(', '), doc: CONNECT_DOC })}</span> : null}
    </>
  );
  if (compact) {
    return (
      <div className="state state-empty state-compact">
        <p className="state-title">
          {t('panel.emptyTitle')}{' '}
          <InfoTip label={t('panel.emptyDetails', { title })} align={align}>
            {details}
          </InfoTip>
        </p>
      </div>
    );
  }
  return (
    <EmptyState title={t('panel.emptyTitle')}>
      {known.map(({ id, meta }) => (meta ? <p key={id}>{t('panel.emptyMetric', { metric: metricName(locale, id), events: meta.events.join(', ') })}</p> : null))}
      {sources.length > 0 ? (
        <p>
          {t('panel.emptyHow', { source: sources.map((source) => t(`source.${source}`)).join(', '), doc: CONNECT_DOC })
            .split(CONNECT_DOC)
            .flatMap((part, index) => (index === 0 ? [part] : [<code key={index}>{CONNECT_DOC}</code>, part]))}
        </p>
      ) : null}
    </EmptyState>
  );
}

function PanelContentView({ panel, view, title, showTable, granularity }: { panel: PanelDefinition; view: Extract<PanelView, { status: 'ready' }>; title: string; showTable: boolean; granularity: string }) {
  const page = usePage();
  const { locale, t } = useI18n();
  const format = useMemo(() => chartFormat(locale), [locale]);
  const content = view.content;
  const phases = useMemo(() => {
    if (!panel.annotations || content.type !== 'time-series' || page.phases.status !== 'ready' || granularity === 'total') return undefined;
    return phaseMarks(page.phases.phases, content.chart.periods, granularity as 'day' | 'week' | 'month' | 'quarter', (phase) =>
      t('panel.phase', { name: phase.name, share: formatValue(phase.targetShare, 'ratio', locale) }),
    );
  }, [panel.annotations, content, page.phases, granularity, t, locale]);
  const option = useMemo(() => toEChartsOption(content, format, phases), [content, format, phases]);
  const groupHeader = groupHeaderFor(panel, content.type, t);
  const drillDown = panel.drillDown === 'team';
  const privacyNote = view.privacyNote !== undefined ? <p className="panel-note muted">{t('panel.privacyAdminNote', { size: view.privacyNote })}</p> : null;

  if (content.type === 'kpi') return <KpiTile content={content} />;
  if (content.type === 'table' || showTable || !option) {
    return (
      <>
        {view.table ? <DataTable table={view.table} caption={title} groupHeader={groupHeader} drillDown={drillDown} /> : null}
        {'summary' in content ? <Summary lines={content.summary} /> : null}
        {privacyNote}
      </>
    );
  }
  return (
    <>
      <EChart option={option} label={t('panel.chartLabel', { title })} onTeamClick={drillDown ? page.openTeam : undefined} />
      {'summary' in content ? <Summary lines={content.summary} /> : null}
      {privacyNote}
    </>
  );
}

/** The first column's header: periods for charts over time, else what the rows are. */
function groupHeaderFor(panel: PanelDefinition, type: string, t: Translate): string {
  if (type === 'time-series') return t('panel.period');
  if (type === 'heatmap' || panel.groupBy) return t(`group.${panel.groupBy ?? 'team'}`);
  if (panel.analysis === 'correlation') return t(panel.units === 'developer-month' ? 'group.developer-month' : 'group.team-week');
  return t('group.cohort');
}

function Summary({ lines }: { lines: string[] }) {
  return (
    <div className="panel-summary">
      {lines.map((line) => (
        <p key={line}>{line}</p>
      ))}
    </div>
  );
}
