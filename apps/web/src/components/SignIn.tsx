import { useState, type FormEvent } from 'react';
import { ApiRequestError, apiRequest } from '../api/client';
import type { Session } from '../api/types';
import { useI18n } from '../i18n/I18nProvider';
import { LanguageSwitch } from './Header';

/** Token sign-in: the API checks the token and sets an HttpOnly session cookie; the token is not kept here. */
export function SignIn({ expired, onSignedIn }: { expired: boolean; onSignedIn: (session: Session) => void }) {
  const { t } = useI18n();
  const [token, setToken] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const trimmed = token.trim();
    if (!trimmed) {
      setError(t('session.tokenRequired'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const session = await apiRequest<Session>('POST', '/api/v1/session', { token: trimmed });
      setToken('');
      onSignedIn(session);
    } catch (caught: unknown) {
      if (caught instanceof ApiRequestError && caught.status === 401) setError(t('session.invalidToken'));
      else if (caught instanceof ApiRequestError && caught.status === 0) setError(t('app.unreachable'));
      else setError(t('session.failed', { message: (caught as Error).message }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <main id="main" className="signin" tabIndex={-1}>
      <div className="signin-card">
        <div className="signin-top">
          <span className="brand">{t('app.name')}</span>
          <LanguageSwitch />
        </div>
        <h1>{t('session.title')}</h1>
        <p className="muted">{t('app.tagline')}</p>
        {expired ? (
          <p className="notice" role="status">
            {t('session.expired')}
          </p>
        ) : null}
        <form onSubmit={submit} noValidate>
          <label className="field field-block" htmlFor="token">
            <span className="field-label">{t('session.tokenLabel')}</span>
          </label>
          <input
            id="token"
            name="token"
            type="password"
            autoComplete="off"
            spellCheck={false}
            value={token}
            onChange={(event) => setToken(event.target.value)}
            aria-invalid={error !== null}
            aria-describedby="token-help token-error"
            required
          />
          <p id="token-help" className="muted small">
            {t('session.intro')}
          </p>
          <p id="token-error" className="field-error" role="alert">
            {error ?? ''}
          </p>
          <button type="submit" className="button button-primary" disabled={busy}>
            {busy ? t('session.signingIn') : t('session.signIn')}
          </button>
        </form>
      </div>
    </main>
  );
}
