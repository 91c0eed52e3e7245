import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { Role } from '../api/types';
import { EmptyState } from '../components/states';
import { useI18n } from '../i18n/I18nProvider';
import { ConfirmButton, LoadedView, Outcome, errorMessage, formatTimestamp } from './parts';
import { settingsApi, type ApiTokenView, type CreatedCredential, type IngestKeyView } from './settings-api';
import { fieldErrors } from './settings-logic';
import { useLoad } from './useLoad';

type Kind = 'apiToken' | 'ingestKey';
type CredentialView = ApiTokenView | IngestKeyView;
type OutcomeState = { kind: 'ok' | 'error'; text: string } | null;

/** API tokens (read the API, sign in) and ingest keys (send events): list, create, revoke. */
export function CredentialsSection() {
  const { t } = useI18n();
  return (
    <div className="settings-stack">
      <p className="muted">{t('settings.credentials.intro')}</p>
      <CredentialList kind="apiToken" />
      <CredentialList kind="ingestKey" />
    </div>
  );
}

const loaders: Record<Kind, (signal: AbortSignal) => Promise<CredentialView[]>> = {
  apiToken: async (signal) => (await settingsApi.apiTokens(signal)).apiTokens,
  ingestKey: async (signal) => (await settingsApi.ingestKeys(signal)).ingestKeys,
};

function CredentialList({ kind }: { kind: Kind }) {
  const { t, locale } = useI18n();
  const { state, reload } = useLoad(loaders[kind]);
  const [created, setCreated] = useState<CreatedCredential<CredentialView> | null>(null);
  const [outcome, setOutcome] = useState<OutcomeState>(null);
  const titleId = `${kind}-title`;

  const revoke = async (credential: CredentialView) => {
    try {
      await (kind === 'apiToken' ? settingsApi.revokeApiToken(credential.id) : settingsApi.revokeIngestKey(credential.id));
      setOutcome({ kind: 'ok', text: t('settings.credentials.revoked', { name: credential.name }) });
      reload();
    } catch (error: unknown) {
      setOutcome({ kind: 'error', text: t('settings.actionFailed', { message: errorMessage(error) }) });
    }
  };

  return (
    <section className="settings-card" aria-labelledby={titleId}>
      <h3 id={titleId}>{t(`settings.credentials.${kind}.title`)}</h3>
      <p className="small muted">{t(`settings.credentials.${kind}.about`)}</p>
      <CreateCredentialForm
        kind={kind}
        onCreated={(credential) => {
          setCreated(credential);
          setOutcome(null);
          reload();
        }}
      />
      {created ? <SecretOnce kind={kind} credential={created} onDone={() => setCreated(null)} /> : null}
      <Outcome outcome={outcome} />
      <LoadedView state={state} onRetry={reload} failedTitle={t(`settings.credentials.${kind}.loadFailed`)}>
        {(credentials) =>
          credentials.length === 0 ? (
            <EmptyState title={t(`settings.credentials.${kind}.none`)}>
              <p>{t('settings.credentials.noneHint')}</p>
            </EmptyState>
          ) : (
            <div className="table-scroll">
              <table className="data-table" aria-labelledby={titleId}>
                <thead>
                  <tr>
                    <th scope="col">{t('settings.credentials.name')}</th>
                    {kind === 'apiToken' ? <th scope="col">{t('settings.credentials.role')}</th> : null}
                    <th scope="col">{t('settings.credentials.prefix')}</th>
                    <th scope="col">{t('settings.credentials.created')}</th>
                    <th scope="col">{t('settings.credentials.status')}</th>
                    <th scope="col">{t('settings.actions')}</th>
                  </tr>
                </thead>
                <tbody>
                  {credentials.map((credential) => (
                    <tr key={credential.id} data-credential-id={credential.id} className={credential.revokedAt ? 'is-revoked' : undefined}>
                      <th scope="row">{credential.name}</th>
                      {'role' in credential ? <td>{t(`session.role.${credential.role}`)}</td> : null}
                      <td>
                        <code>{credential.prefix}…</code>
                      </td>
                      <td>{formatTimestamp(credential.createdAt, locale)}</td>
                      <td>
                        {credential.revokedAt
                          ? t('settings.credentials.revokedOn', { date: formatTimestamp(credential.revokedAt, locale) })
                          : t('settings.credentials.active')}
                      </td>
                      <td>
                        {credential.revokedAt ? null : (
                          <ConfirmButton
                            label={t('settings.credentials.revokeFor', { name: credential.name })}
                            confirmLabel={t('settings.credentials.confirmRevoke', { name: credential.name })}
                            onConfirm={() => revoke(credential)}
                          />
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )
        }
      </LoadedView>
    </section>
  );
}

function CreateCredentialForm({ kind, onCreated }: { kind: Kind; onCreated: (credential: CreatedCredential<CredentialView>) => void }) {
  const { t } = useI18n();
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('viewer');
  const [error, setError] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<OutcomeState>(null);
  const [busy, setBusy] = useState(false);
  const id = `${kind}-new`;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!name.trim()) {
      setError(t('settings.required'));
      setOutcome({ kind: 'error', text: t('settings.fixFields') });
      return;
    }
    setError(null);
    setBusy(true);
    try {
      const created = kind === 'apiToken' ? await settingsApi.createApiToken({ name: name.trim(), role }) : await settingsApi.createIngestKey({ name: name.trim() });
      setName('');
      setOutcome(null);
      onCreated(created);
    } catch (caught: unknown) {
      setError(fieldErrors(caught)['name'] ?? null);
      setOutcome({ kind: 'error', text: t('settings.actionFailed', { message: errorMessage(caught) }) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="settings-row" onSubmit={submit} noValidate aria-label={t(`settings.credentials.${kind}.create`)}>
      <div className="field">
        <label className="field-label" htmlFor={`${id}-name`}>
          {t('settings.credentials.name')}
        </label>
        <input
          id={`${id}-name`}
          type="text"
          value={name}
          maxLength={200}
          placeholder={t(`settings.credentials.${kind}.namePlaceholder`)}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-name-error` : undefined}
          onChange={(event) => setName(event.target.value)}
        />
        {error ? (
          <span id={`${id}-name-error`} className="field-error">
            {error}
          </span>
        ) : null}
      </div>
      {kind === 'apiToken' ? (
        <div className="field">
          <label className="field-label" htmlFor={`${id}-role`}>
            {t('settings.credentials.role')}
          </label>
          <select id={`${id}-role`} value={role} onChange={(event) => setRole(event.target.value === 'admin' ? 'admin' : 'viewer')}>
            <option value="viewer">{t('session.role.viewer')}</option>
            <option value="admin">{t('session.role.admin')}</option>
          </select>
        </div>
      ) : null}
      <button type="submit" className="button button-primary" disabled={busy}>
        {busy ? t('settings.saving') : t(`settings.credentials.${kind}.create`)}
      </button>
      <Outcome outcome={outcome} />
    </form>
  );
}

/** The new secret, shown this once: a warning, the value to select or copy, and Done to hide it. */
function SecretOnce({ kind, credential, onDone }: { kind: Kind; credential: CreatedCredential<CredentialView>; onDone: () => void }) {
  const { t } = useI18n();
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const id = `${kind}-secret`;
  useEffect(() => {
    inputRef.current?.focus();
    inputRef.current?.select();
  }, [credential.id]);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(credential.secret);
      setCopied('yes');
    } catch {
      // No clipboard permission (or not a secure context): leave the text selected to copy by hand.
      inputRef.current?.select();
      setCopied('failed');
    }
  };

  return (
    <div className="secret-once notice" role="region" aria-labelledby={`${id}-title`}>
      <p id={`${id}-title`} className="state-title">
        {t(`settings.credentials.${kind}.createdTitle`, { name: credential.name })}
      </p>
      <p role="alert">{t('settings.credentials.secretWarning')}</p>
      <div className="settings-row">
        <div className="field field-grow">
          <label className="field-label" htmlFor={id}>
            {t(`settings.credentials.${kind}.secretLabel`)}
          </label>
          <input ref={inputRef} id={id} className="mono" type="text" readOnly value={credential.secret} onFocus={(event) => event.target.select()} />
        </div>
        <button type="button" className="button" onClick={copy}>
          {t('settings.credentials.copy')}
        </button>
        <button type="button" className="button button-quiet" onClick={onDone}>
          {t('settings.credentials.done')}
        </button>
      </div>
      <p className="small" role="status">
        {copied === 'yes' ? t('settings.credentials.copied') : copied === 'failed' ? t('settings.credentials.copyFailed') : ''}
      </p>
    </div>
  );
}
