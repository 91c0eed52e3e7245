import { useCallback, useEffect, useId, useMemo, useRef, useState, type FormEvent } from 'react';
import { ApiRequestError, cachedGet } from '../api/client';
import type { Session } from '../api/types';
import { fetchReport, ReportDownloadError, saveBlob, type DownloadProgress } from '../export/download';
import {
  lastCompleteQuarter,
  parseScopeParam,
  recentQuarters,
  REPORT_FORMATS,
  type ReportError,
  type ReportFormat,
} from '../export/quarterly-export';
import { useI18n } from '../i18n/I18nProvider';
import { todayIn } from '../state/dates';

type Department = { id: string; name: string };
type Team = { id: string; name: string; department: string | null };

type DirectoryState = { status: 'loading' } | { status: 'ready'; departments: Department[]; teams: Team[] } | { status: 'error'; message: string };

type DownloadState =
  | { status: 'idle' }
  | { status: 'running'; progress: DownloadProgress }
  | { status: 'done'; fileName: string }
  | { status: 'cancelled' }
  | { status: 'error'; error: ReportError };

/** The report parameters a 400 can name, each a field of the form. */
type Field = 'quarter' | 'scope' | 'format';

/** The header's "Export report" button; the dialog exists only while open and focus returns to the button. */
export function ExportReportButton({ session }: { session: Session }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const close = useCallback(() => {
    setOpen(false);
    button.current?.focus();
  }, []);
  return (
    <>
      <button ref={button} type="button" className="button button-quiet export-open" aria-haspopup="dialog" onClick={() => setOpen(true)}>
        {t('export.open')}
      </button>
      {open ? <ExportDialog session={session} onClose={close} /> : null}
    </>
  );
}

/**
 * A native modal <dialog>: showModal() makes the rest of the page inert (focus stays inside) and Escape closes it.
 * The quarter defaults to the last complete one in the org's time zone.
 */
export function ExportDialog({ session, onClose }: { session: Session; onClose: () => void }) {
  const { locale, t } = useI18n();
  const ids = useId();
  const dialog = useRef<HTMLDialogElement>(null);
  const running = useRef<AbortController | null>(null);
  const today = useMemo(() => todayIn(session.org.timeZone), [session.org.timeZone]);
  const quarters = useMemo(() => recentQuarters(today), [today]);
  const [quarter, setQuarter] = useState(() => lastCompleteQuarter(today));
  const [scope, setScope] = useState('org');
  const [format, setFormat] = useState<ReportFormat>('pdf');
  const [directory, setDirectory] = useState<DirectoryState>({ status: 'loading' });
  const [download, setDownload] = useState<DownloadState>({ status: 'idle' });
  const [directoryAttempt, setDirectoryAttempt] = useState(0);

  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
  }, []);

  // Closing (Escape, the close button) abandons a download in flight.
  useEffect(() => () => running.current?.abort(), []);

  useEffect(() => {
    let current = true;
    setDirectory({ status: 'loading' });
    Promise.all([cachedGet<Department[]>('/api/v1/directory/departments'), cachedGet<Team[]>('/api/v1/directory/teams')])
      .then(([departments, teams]) => current && setDirectory({ status: 'ready', departments, teams }))
      .catch((error: unknown) => current && setDirectory({ status: 'error', message: error instanceof ApiRequestError ? error.message : String(error) }));
    return () => {
      current = false;
    };
  }, [directoryAttempt]);

  const start = useCallback(async () => {
    const parsedScope = parseScopeParam(scope);
    if (!parsedScope) return;
    running.current?.abort();
    const controller = new AbortController();
    running.current = controller;
    setDownload({ status: 'running', progress: { stage: 'preparing' } });
    try {
      const { blob, fileName } = await fetchReport(
        { quarter, scope: parsedScope, format },
        { signal: controller.signal, onProgress: (progress) => !controller.signal.aborted && setDownload({ status: 'running', progress }) },
      );
      if (controller.signal.aborted) return;
      saveBlob(blob, fileName);
      setDownload({ status: 'done', fileName });
    } catch (error: unknown) {
      if (controller.signal.aborted || (error as Error).name === 'AbortError') return;
      const detail: ReportError =
        error instanceof ReportDownloadError ? error.detail : { status: 0, code: 'CLIENT', message: (error as Error).message ?? String(error), parameter: null };
      setDownload({ status: 'error', error: detail });
    } finally {
      if (running.current === controller) running.current = null;
    }
  }, [quarter, scope, format]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void start();
  };

  const cancel = () => {
    running.current?.abort();
    running.current = null;
    setDownload({ status: 'cancelled' });
  };

  const isRunning = download.status === 'running';
  const errorId = `${ids}-error`;
  const invalid = download.status === 'error' ? download.error.parameter : null;
  const fieldProps = (field: Field) => (invalid === field ? { 'aria-invalid': true, 'aria-describedby': errorId } : {});
  const percent = (fraction: number) => new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }).format(fraction);
  const size = (bytes: number) => `${new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(Math.max(1, Math.round(bytes / 1024)))} KB`;

  return (
    <dialog ref={dialog} className="export-dialog" aria-labelledby={`${ids}-title`} aria-describedby={`${ids}-intro`} onClose={onClose}>
      <form className="export-form" onSubmit={submit} noValidate>
        <div className="export-head">
          <h2 id={`${ids}-title`}>{t('export.title')}</h2>
          <button type="button" className="button button-quiet button-small" aria-label={t('export.close')} onClick={() => dialog.current?.close()}>
            <span aria-hidden="true">×</span>
          </button>
        </div>
        <p id={`${ids}-intro`} className="muted small">
          {t('export.intro')}
        </p>

        <div className="field">
          <label className="field-label" htmlFor={`${ids}-quarter`}>
            {t('export.quarter')}
          </label>
          <select id={`${ids}-quarter`} name="quarter" value={quarter} disabled={isRunning} onChange={(event) => setQuarter(event.target.value)} {...fieldProps('quarter')}>
            {quarters.map((option) => (
              <option key={option.label} value={option.label}>
                {option.complete ? option.label : t('export.quarterInProgress', { quarter: option.label })}
              </option>
            ))}
          </select>
        </div>

        <div className="field">
          <label className="field-label" htmlFor={`${ids}-scope`}>
            {t('export.scope')}
          </label>
          <select
            id={`${ids}-scope`}
            name="scope"
            value={scope}
            disabled={isRunning}
            aria-busy={directory.status === 'loading'}
            onChange={(event) => setScope(event.target.value)}
            {...fieldProps('scope')}
          >
            <option value="org">{t('export.scopeOrg')}</option>
            {directory.status === 'ready' && directory.departments.length > 0 ? (
              <optgroup label={t('export.departments')}>
                {directory.departments.map((department) => (
                  <option key={department.id} value={`department:${department.name}`}>
                    {department.name}
                  </option>
                ))}
              </optgroup>
            ) : null}
            {directory.status === 'ready' && directory.teams.length > 0 ? (
              <optgroup label={t('export.teams')}>
                {directory.teams.map((team) => (
                  <option key={team.id} value={`team:${team.name}`}>
                    {team.name}
                  </option>
                ))}
              </optgroup>
            ) : null}
          </select>
          {directory.status === 'loading' ? <p className="small muted">{t('export.scopeLoading')}</p> : null}
          {directory.status === 'error' ? (
            <p className="field-error" role="alert">
              {t('export.scopeFailed', { message: directory.message })}{' '}
              <button type="button" className="button button-small" onClick={() => setDirectoryAttempt((attempt) => attempt + 1)}>
                {t('export.retry')}
              </button>
            </p>
          ) : null}
        </div>

        <fieldset className="field export-formats" disabled={isRunning} {...(invalid === 'format' ? { 'aria-describedby': errorId } : {})}>
          <legend className="field-label">{t('export.format')}</legend>
          {REPORT_FORMATS.map((option) => (
            <label key={option} className="checkbox">
              <input type="radio" name="format" value={option} checked={format === option} onChange={() => setFormat(option)} />
              {t(`export.format.${option}`)}
            </label>
          ))}
        </fieldset>

        <div className="export-status" role="status" aria-live="polite">
          {download.status === 'running' ? (
            <>
              {download.progress.stage === 'receiving' && download.progress.fraction !== null ? (
                <progress aria-label={t('export.progressLabel')} max={1} value={download.progress.fraction} />
              ) : (
                <progress aria-label={t('export.progressLabel')} />
              )}
              <span>
                {download.progress.stage === 'preparing'
                  ? t('export.preparing')
                  : download.progress.fraction !== null
                    ? t('export.receiving', { progress: percent(download.progress.fraction) })
                    : t('export.receiving', { progress: size(download.progress.received) })}
              </span>
            </>
          ) : download.status === 'done' ? (
            <span>{t('export.done', { file: download.fileName })}</span>
          ) : download.status === 'cancelled' ? (
            <span>{t('export.cancelled')}</span>
          ) : null}
        </div>

        {download.status === 'error' ? (
          <div className="state state-error state-compact" role="alert" id={errorId}>
            <p className="state-title">{t('export.failed')}</p>
            <p>
              {download.error.status === 0
                ? t('export.networkError', { message: download.error.message })
                : download.error.parameter
                  ? t('export.parameterError', { parameter: download.error.parameter, message: download.error.message })
                  : download.error.message}
            </p>
            <button type="button" className="button" onClick={() => void start()}>
              {t('export.retry')}
            </button>
          </div>
        ) : null}

        <div className="export-actions">
          {isRunning ? (
            <button type="button" className="button" onClick={cancel}>
              {t('export.cancel')}
            </button>
          ) : (
            <button type="button" className="button button-quiet" onClick={() => dialog.current?.close()}>
              {t('export.close')}
            </button>
          )}
          <button type="submit" className="button button-primary" disabled={isRunning}>
            {t('export.download')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
