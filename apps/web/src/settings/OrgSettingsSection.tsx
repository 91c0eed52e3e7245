import { useMemo, useState, type FormEvent } from 'react';
import { clearCache } from '../api/client';
import { useI18n } from '../i18n/I18nProvider';
import type { MessageKey } from '../i18n/translate';
import { LoadedView, Outcome, errorMessage } from './parts';
import { settingsApi, type OrgSettings } from './settings-api';
import { fieldErrors, orgSettingsForm, orgSettingsPatch, type OrgSettingsField, type OrgSettingsForm, type SettingsProblem } from './settings-logic';
import { useLoad } from './useLoad';

const PROBLEM_TEXT: Record<SettingsProblem, MessageKey> = {
  required: 'settings.org.required',
  integerRange: 'settings.org.sizeRange',
  shareRange: 'settings.org.shareRange',
};

/** Time zone, privacy minimum group size, coding time share and AI PR labels (GET/PATCH /api/v1/settings). */
export function OrgSettingsSection() {
  const { t } = useI18n();
  const { state, reload } = useLoad(() => settingsApi.orgSettings());
  return (
    <LoadedView state={state} onRetry={reload} failedTitle={t('settings.org.loadFailed')}>
      {(settings) => <OrgSettingsEditor initial={settings} />}
    </LoadedView>
  );
}

function OrgSettingsEditor({ initial }: { initial: OrgSettings }) {
  const { t } = useI18n();
  const [saved, setSaved] = useState(initial);
  const [form, setForm] = useState<OrgSettingsForm>(() => orgSettingsForm(initial));
  const [errors, setErrors] = useState<Partial<Record<OrgSettingsField, string>>>({});
  const [outcome, setOutcome] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const timeZones = useMemo(() => (typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : []), []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const { patch, problems } = orgSettingsPatch(form, saved);
    const problemTexts = Object.fromEntries(Object.entries(problems).map(([field, problem]) => [field, t(PROBLEM_TEXT[problem])]));
    setErrors(problemTexts);
    if (Object.keys(problemTexts).length > 0) {
      setOutcome({ kind: 'error', text: t('settings.fixFields') });
      return;
    }
    if (Object.keys(patch).length === 0) {
      setOutcome({ kind: 'ok', text: t('settings.org.unchanged') });
      return;
    }
    setBusy(true);
    try {
      const updated = await settingsApi.updateOrgSettings(patch);
      setSaved(updated);
      setForm(orgSettingsForm(updated));
      // Cached figures were computed with the old settings.
      clearCache();
      setOutcome({ kind: 'ok', text: patch.timeZone ? t('settings.org.savedReload') : t('settings.org.saved') });
    } catch (error: unknown) {
      setErrors(fieldErrors(error) as Partial<Record<OrgSettingsField, string>>);
      setOutcome({ kind: 'error', text: t('settings.saveFailed', { message: errorMessage(error) }) });
    } finally {
      setBusy(false);
    }
  };

  const field = (name: OrgSettingsField) => ({
    id: `org-${name}`,
    name,
    value: form[name],
    'aria-invalid': errors[name] ? true : undefined,
    'aria-describedby': `org-${name}-hint${errors[name] ? ` org-${name}-error` : ''}`,
    onChange: (event: { target: { value: string } }) => setForm((current) => ({ ...current, [name]: event.target.value })),
  });
  const hintAndError = (name: OrgSettingsField, hint: MessageKey) => (
    <>
      <span id={`org-${name}-hint`} className="muted small">
        {t(hint)}
      </span>
      {errors[name] ? (
        <span id={`org-${name}-error`} className="field-error">
          {errors[name]}
        </span>
      ) : null}
    </>
  );

  return (
    <form className="settings-form" onSubmit={submit} noValidate aria-label={t('settings.section.organisation')}>
      <p className="muted">{t('settings.org.intro', { org: saved.name, slug: saved.slug })}</p>
      <div className="field">
        <label className="field-label" htmlFor="org-timeZone">
          {t('settings.org.timeZone')}
        </label>
        <input type="text" list="org-time-zones" autoComplete="off" {...field('timeZone')} />
        <datalist id="org-time-zones">
          {timeZones.map((zone) => (
            <option key={zone} value={zone} />
          ))}
        </datalist>
        {hintAndError('timeZone', 'settings.org.timeZoneHint')}
      </div>
      <div className="field">
        <label className="field-label" htmlFor="org-privacyMinGroupSize">
          {t('settings.org.minGroupSize')}
        </label>
        <input type="number" min={1} max={1000} step={1} inputMode="numeric" {...field('privacyMinGroupSize')} />
        {hintAndError('privacyMinGroupSize', 'settings.org.minGroupSizeHint')}
      </div>
      <div className="field">
        <label className="field-label" htmlFor="org-codingTimeShare">
          {t('settings.org.codingTimeShare')}
        </label>
        <input type="number" min={0.01} max={1} step={0.01} inputMode="decimal" {...field('codingTimeShare')} />
        {hintAndError('codingTimeShare', 'settings.org.codingTimeShareHint')}
      </div>
      <div className="field">
        <label className="field-label" htmlFor="org-aiPrLabels">
          {t('settings.org.aiPrLabels')}
        </label>
        <textarea rows={4} {...field('aiPrLabels')} />
        {hintAndError('aiPrLabels', 'settings.org.aiPrLabelsHint')}
      </div>
      <div className="settings-actions">
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? t('settings.saving') : t('settings.save')}
        </button>
      </div>
      <Outcome outcome={outcome} />
    </form>
  );
}
