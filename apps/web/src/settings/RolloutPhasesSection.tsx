import { useState, type FormEvent } from 'react';
import { evictCached } from '../api/client';
import type { Session } from '../api/types';
import { EmptyState } from '../components/states';
import { formatDate, formatNumber } from '../format';
import { useI18n } from '../i18n/I18nProvider';
import { todayIn } from '../state/dates';
import { ConfirmButton, LoadedView, Outcome, errorMessage } from './parts';
import { settingsApi, type RolloutPhaseRecord } from './settings-api';
import { fieldErrors, shareFromPercent } from './settings-logic';
import { useLoad } from './useLoad';

type OutcomeState = { kind: 'ok' | 'error'; text: string } | null;

/** The dashboards cache the phases they draw on charts. */
const PHASES_PATH = '/api/v1/directory/rollout-phases';

/** The rollout plan the charts mark: name, start date and the share of developers targeted. */
export function RolloutPhasesSection({ session }: { session: Session }) {
  const { t, locale } = useI18n();
  const { state, reload } = useLoad((signal) => settingsApi.rolloutPhases(signal));
  const [outcome, setOutcome] = useState<OutcomeState>(null);
  const changed = (text: string) => {
    evictCached([PHASES_PATH]);
    setOutcome({ kind: 'ok', text });
    reload();
  };
  return (
    <div className="settings-stack">
      <CreatePhaseForm today={todayIn(session.org.timeZone)} onCreated={(phase) => changed(t('settings.phases.created', { name: phase.name }))} />
      <div className="settings-card">
        <h3 id="phases-list-title">{t('settings.phases.listTitle')}</h3>
        <Outcome outcome={outcome} />
        <LoadedView state={state} onRetry={reload} failedTitle={t('settings.phases.loadFailed')}>
          {(phases) =>
            phases.length === 0 ? (
              <EmptyState title={t('settings.phases.none')}>
                <p>{t('settings.phases.noneHint')}</p>
              </EmptyState>
            ) : (
              <div className="table-scroll">
                <table className="data-table" aria-labelledby="phases-list-title">
                  <thead>
                    <tr>
                      <th scope="col">{t('settings.phases.name')}</th>
                      <th scope="col">{t('settings.phases.startDate')}</th>
                      <th scope="col" className="numeric">
                        {t('settings.phases.targetShare')}
                      </th>
                      <th scope="col">{t('settings.actions')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {phases.map((phase) => (
                      <tr key={phase.id} data-phase-id={phase.id}>
                        <th scope="row">{phase.name}</th>
                        <td>{formatDate(phase.startDate, locale)}</td>
                        <td className="numeric">{formatNumber(phase.targetShare, locale, { style: 'percent', maximumFractionDigits: 1 })}</td>
                        <td>
                          <ConfirmButton
                            label={t('settings.phases.deleteFor', { name: phase.name })}
                            confirmLabel={t('settings.phases.confirmDelete', { name: phase.name })}
                            onConfirm={async () => {
                              try {
                                await settingsApi.deleteRolloutPhase(phase.id);
                                changed(t('settings.phases.deleted', { name: phase.name }));
                              } catch (error: unknown) {
                                setOutcome({ kind: 'error', text: t('settings.actionFailed', { message: errorMessage(error) }) });
                              }
                            }}
                          />
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )
          }
        </LoadedView>
      </div>
    </div>
  );
}

function CreatePhaseForm({ today, onCreated }: { today: string; onCreated: (phase: RolloutPhaseRecord) => void }) {
  const { t } = useI18n();
  const [name, setName] = useState('');
  const [startDate, setStartDate] = useState(today);
  const [percent, setPercent] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [outcome, setOutcome] = useState<OutcomeState>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const problems: Record<string, string> = {};
    if (!name.trim()) problems['name'] = t('settings.required');
    if (!startDate) problems['startDate'] = t('settings.required');
    const targetShare = shareFromPercent(percent);
    if (targetShare === undefined) problems['targetShare'] = t('settings.phases.percentRange');
    setErrors(problems);
    if (Object.keys(problems).length > 0 || targetShare === undefined) {
      setOutcome({ kind: 'error', text: t('settings.fixFields') });
      return;
    }
    setBusy(true);
    try {
      const phase = await settingsApi.createRolloutPhase({ name: name.trim(), startDate, targetShare });
      setName('');
      setPercent('');
      setOutcome(null);
      onCreated(phase);
    } catch (error: unknown) {
      setErrors(fieldErrors(error));
      setOutcome({ kind: 'error', text: t('settings.actionFailed', { message: errorMessage(error) }) });
    } finally {
      setBusy(false);
    }
  };

  const invalid = (field: string) => (errors[field] ? { 'aria-invalid': true, 'aria-describedby': `phase-${field}-error` } : {});
  const error = (field: string) =>
    errors[field] ? (
      <span id={`phase-${field}-error`} className="field-error">
        {errors[field]}
      </span>
    ) : null;

  return (
    <form className="settings-card" onSubmit={submit} noValidate aria-labelledby="create-phase-title">
      <h3 id="create-phase-title">{t('settings.phases.createTitle')}</h3>
      <div className="settings-row">
        <div className="field">
          <label className="field-label" htmlFor="phase-name">
            {t('settings.phases.name')}
          </label>
          <input id="phase-name" type="text" value={name} maxLength={200} onChange={(event) => setName(event.target.value)} {...invalid('name')} />
          {error('name')}
        </div>
        <div className="field">
          <label className="field-label" htmlFor="phase-startDate">
            {t('settings.phases.startDate')}
          </label>
          <input id="phase-startDate" type="date" value={startDate} onChange={(event) => setStartDate(event.target.value)} {...invalid('startDate')} />
          {error('startDate')}
        </div>
        <div className="field">
          <label className="field-label" htmlFor="phase-targetShare">
            {t('settings.phases.targetPercent')}
          </label>
          <input id="phase-targetShare" type="number" min={0} max={100} step={1} inputMode="decimal" value={percent} onChange={(event) => setPercent(event.target.value)} {...invalid('targetShare')} />
          {error('targetShare')}
        </div>
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? t('settings.saving') : t('settings.phases.create')}
        </button>
      </div>
      <Outcome outcome={outcome} />
    </form>
  );
}
