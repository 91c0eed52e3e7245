import type { DashboardSummary, Session } from '../api/types';
import { useI18n } from '../i18n/I18nProvider';
import { LOCALES, isLocale } from '../i18n/locales';
import { resolveText } from '../i18n/translate';
import { useViewState } from '../state/navigation';
import { dashboardViewState, settingsViewState } from '../state/view-state';
import { ExportReportButton } from './ExportDialog';
import { AppLink } from './TeamLink';

export function LanguageSwitch() {
  const { locale, t, setLocale } = useI18n();
  return (
    <label className="language-switch">
      <span className="visually-hidden">{t('lang.label')}</span>
      <select id="language" value={locale} onChange={(event) => isLocale(event.target.value) && setLocale(event.target.value)}>
        {LOCALES.map((option) => (
          <option key={option} value={option} lang={option}>
            {t(`lang.${option}`)}
          </option>
        ))}
      </select>
    </label>
  );
}

/** Brand, the dashboards (navigation keeps range and filters), language, who is signed in, sign out. */
export function Header({ session, dashboards, activeId, onSignOut }: { session: Session; dashboards: DashboardSummary[]; activeId: string | undefined; onSignOut: () => void }) {
  const { locale, t } = useI18n();
  const viewState = useViewState();
  const active = dashboards.find((dashboard) => dashboard.id === activeId);
  return (
    <header className="topbar">
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <span className="brand">{t('app.name')}</span>
      <nav className="dashboard-nav" aria-label={t('nav.main')}>
        <ul>
          {dashboards.map((dashboard) => {
            // Leaving a team page for an org page drops its team filter.
            const teams = active?.scope === 'team' && dashboard.scope === 'org' ? [] : viewState.teams;
            return (
              <li key={dashboard.id}>
                <AppLink state={dashboardViewState(viewState, dashboard.id, teams)} current={!viewState.page && dashboard.id === activeId} className="nav-link">
                  {resolveText(locale, dashboard.title)}
                </AppLink>
              </li>
            );
          })}
          {session.role === 'admin' ? (
            <li>
              <AppLink state={settingsViewState(viewState)} current={viewState.page === 'settings'} className="nav-link">
                {t('nav.settings')}
              </AppLink>
            </li>
          ) : null}
        </ul>
      </nav>
      <div className="topbar-end">
        <ExportReportButton session={session} />
        <LanguageSwitch />
        <span className="org-name" title={t('session.org')}>
          {session.org.name}
        </span>
        <span className={`role-badge role-${session.role}`} aria-label={t('session.roleLabel', { role: t(`session.role.${session.role}`) })}>
          {t(`session.role.${session.role}`)}
        </span>
        <button type="button" className="button button-quiet" onClick={onSignOut}>
          {t('session.signOut')}
        </button>
      </div>
    </header>
  );
}
