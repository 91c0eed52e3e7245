import { useState, type ChangeEvent, type FormEvent } from 'react';
import { clearCache } from '../api/client';
import { useI18n } from '../i18n/I18nProvider';
import { errorMessage } from './parts';
import { IMPORT_COLUMNS, IMPORT_KINDS, exportHref, settingsApi, type ImportKind, type ImportRowError, type ImportSummary } from './settings-api';
import { importRowErrors } from './settings-logic';

/** CSV import (all or nothing) and export of people, memberships and seats, in the order they depend on each other. */
export function DirectoryImportSection() {
  const { t } = useI18n();
  return (
    <div className="settings-stack">
      <p className="muted">{t('settings.import.intro')}</p>
      {IMPORT_KINDS.map((kind) => (
        <ImportCard key={kind} kind={kind} />
      ))}
    </div>
  );
}

type Result = { kind: 'imported'; summary: ImportSummary } | { kind: 'refused'; message: string; rows: ImportRowError[] } | null;

function ImportCard({ kind }: { kind: ImportKind }) {
  const { t } = useI18n();
  const [csv, setCsv] = useState('');
  const [fileName, setFileName] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<Result>(null);
  const [empty, setEmpty] = useState(false);
  const id = `import-${kind}`;
  const title = t(`settings.import.kind.${kind}`);

  const chooseFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    if (!file) return;
    setCsv(await file.text());
    setFileName(file.name);
    setResult(null);
    setEmpty(false);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!csv.trim()) {
      setEmpty(true);
      return;
    }
    setEmpty(false);
    setBusy(true);
    try {
      const summary = await settingsApi.importCsv(kind, csv);
      setResult({ kind: 'imported', summary });
      // Team figures are resolved with the directory: drop what was computed with the old one.
      clearCache();
    } catch (error: unknown) {
      setResult({ kind: 'refused', message: errorMessage(error), rows: importRowErrors(error) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="settings-card" onSubmit={submit} noValidate aria-labelledby={`${id}-title`}>
      <div className="settings-card-head">
        <h3 id={`${id}-title`}>{title}</h3>
        <a className="button button-small" href={exportHref(kind)} download={`${kind}.csv`}>
          {t('settings.import.download', { file: `${kind}.csv` })}
        </a>
      </div>
      <p className="small muted">
        {t('settings.import.columns')} <code>{IMPORT_COLUMNS[kind].join(',')}</code>
      </p>
      <div className="field">
        <label className="field-label" htmlFor={`${id}-file`}>
          {t('settings.import.file', { kind: title })}
        </label>
        <input id={`${id}-file`} type="file" accept=".csv,text/csv" onChange={chooseFile} />
      </div>
      <div className="field">
        <label className="field-label" htmlFor={`${id}-text`}>
          {fileName ? t('settings.import.contentOf', { file: fileName }) : t('settings.import.paste', { kind: title })}
        </label>
        <textarea
          id={`${id}-text`}
          className="mono"
          rows={5}
          spellCheck={false}
          value={csv}
          placeholder={IMPORT_COLUMNS[kind].join(',')}
          aria-invalid={empty ? true : undefined}
          aria-describedby={empty ? `${id}-empty` : undefined}
          onChange={(event) => {
            setCsv(event.target.value);
            setEmpty(false);
          }}
        />
        {empty ? (
          <span id={`${id}-empty`} className="field-error">
            {t('settings.import.empty')}
          </span>
        ) : null}
      </div>
      <div className="settings-actions">
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? t('settings.import.importing') : t('settings.import.submit', { kind: title })}
        </button>
      </div>
      {result?.kind === 'imported' ? (
        <p className="settings-outcome settings-ok" role="status">
          {t('settings.import.done', { rows: result.summary.rows, created: result.summary.created, updated: result.summary.updated })}
        </p>
      ) : result?.kind === 'refused' ? (
        <div className="settings-outcome" role="alert">
          <p className="field-error">{t('settings.import.refused', { message: result.message })}</p>
          {result.rows.length > 0 ? (
            <div className="table-scroll">
              <table className="data-table">
                <caption className="visually-hidden">{t('settings.import.errorsCaption', { kind: title })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('settings.import.row')}</th>
                    <th scope="col">{t('settings.import.column')}</th>
                    <th scope="col">{t('settings.import.value')}</th>
                    <th scope="col">{t('settings.import.problem')}</th>
                  </tr>
                </thead>
                <tbody>
                  {result.rows.map((row, index) => (
                    <tr key={index}>
                      <td className="numeric">{row.row}</td>
                      <td>{row.column ?? ''}</td>
                      <td className="mono">{row.value ?? ''}</td>
                      <td>{row.message}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : null}
        </div>
      ) : (
        <p className="settings-outcome" role="status" />
      )}
    </form>
  );
}
