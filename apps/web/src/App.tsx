import { useCallback, useEffect, useState } from 'react';
import { ApiRequestError, apiRequest, cachedGet, clearCache, onUnauthenticated } from './api/client';
import type { DashboardSummary, Session } from './api/types';
import { DashboardPage } from './components/DashboardPage';
import { Header } from './components/Header';
import { SignIn } from './components/SignIn';
import { ErrorState } from './components/states';
import { SettingsPage } from './settings/SettingsPage';
import { DEFAULT_SETTINGS_SECTION } from './settings/sections';
import { I18nProvider, useI18n } from './i18n/I18nProvider';
import { useViewState } from './state/navigation';

type SessionState =
  | { status: 'loading' }
  | { status: 'signed-out'; expired: boolean }
  | { status: 'signed-in'; session: Session }
  | { status: 'error'; error: unknown };

export function App() {
  return (
    <I18nProvider>
      <SessionGate />
    </I18nProvider>
  );
}

function SessionGate() {
  const { t } = useI18n();
  const [state, setState] = useState<SessionState>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let cancelled = false;
    apiRequest<Session>('GET', '/api/v1/session').then(
      (session) => !cancelled && setState({ status: 'signed-in', session }),
      (error: unknown) => {
        if (cancelled) return;
        setState(error instanceof ApiRequestError && error.status === 401 ? { status: 'signed-out', expired: false } : { status: 'error', error });
      },
    );
    return () => {
      cancelled = true;
    };
  }, [attempt]);

  useEffect(() => {
    onUnauthenticated(() => {
      clearCache();
      setState({ status: 'signed-out', expired: true });
    });
    return () => onUnauthenticated(undefined);
  }, []);

  const signOut = useCallback(async () => {
    try {
      await apiRequest<void>('DELETE', '/api/v1/session');
    } catch {
      // The cookie is HttpOnly: if the server cannot clear it, the next load shows the session again.
    }
    clearCache();
    setState({ status: 'signed-out', expired: false });
  }, []);

  switch (state.status) {
    case 'loading':
      return (
        <p className="app-loading" role="status">
          {t('app.loading')}
        </p>
      );
    case 'error':
      return (
        <main id="main" className="signin">
          <ErrorState
            title={t('app.unreachable')}
            message={(state.error as Error)?.message ?? ''}
            onRetry={() => {
              setState({ status: 'loading' });
              setAttempt((value) => value + 1);
            }}
          />
        </main>
      );
    case 'signed-out':
      return <SignIn expired={state.expired} onSignedIn={(session) => setState({ status: 'signed-in', session })} />;
    case 'signed-in':
      return <Shell session={state.session} onSignOut={signOut} />;
  }
}

function Shell({ session, onSignOut }: { session: Session; onSignOut: () => void }) {
  const { t } = useI18n();
  const viewState = useViewState();
  const [dashboards, setDashboards] = useState<DashboardSummary[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let cancelled = false;
    cachedGet<DashboardSummary[]>('/api/v1/dashboards').then(
      (list) => !cancelled && setDashboards(list),
      (caught: unknown) => !cancelled && setError(caught),
    );
    return () => {
      cancelled = true;
    };
  }, [attempt]);

  const activeId = viewState.dashboard ?? dashboards?.[0]?.id;
  return (
    <div className="shell">
      <Header session={session} dashboards={dashboards ?? []} activeId={activeId} onSignOut={onSignOut} />
      {viewState.page === 'settings' ? (
        <SettingsPage session={session} section={viewState.section ?? DEFAULT_SETTINGS_SECTION} />
      ) : error ? (
        <main id="main" className="page">
          <ErrorState
            title={t('dashboard.loadFailed', { message: (error as Error).message })}
            onRetry={() => {
              setError(null);
              setAttempt((value) => value + 1);
            }}
          />
        </main>
      ) : !dashboards ? (
        <main id="main" className="page">
          <p className="page-loading" role="status">
            {t('dashboard.loading')}
          </p>
        </main>
      ) : !activeId ? (
        <main id="main" className="page">
          <p>{t('dashboard.none')}</p>
        </main>
      ) : (
        <DashboardPage key={activeId} session={session} dashboardId={activeId} />
      )}
    </div>
  );
}
