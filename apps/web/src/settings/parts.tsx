import { useEffect, useRef, useState, type ReactNode } from 'react';
import { ErrorState } from '../components/states';
import { useI18n } from '../i18n/I18nProvider';
import type { Locale } from '../i18n/locales';
import type { Loaded } from './useLoad';

/** The loading and error states of a section's data, with Retry; the children render the loaded value. */
export function LoadedView<Value>({ state, onRetry, failedTitle, children }: { state: Loaded<Value>; onRetry: () => void; failedTitle: string; children: (value: Value) => ReactNode }) {
  const { t } = useI18n();
  if (state.status === 'loading') {
    return (
      <p className="page-loading" role="status">
        {t('settings.loading')}
      </p>
    );
  }
  if (state.status === 'error') return <ErrorState title={failedTitle} message={errorMessage(state.error)} onRetry={onRetry} />;
  return <>{children(state.value)}</>;
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The outcome of the last action of a form: announced to screen readers, an error as an alert. */
export function Outcome({ outcome }: { outcome: { kind: 'ok' | 'error'; text: string } | null }) {
  if (!outcome) return <p className="settings-outcome" role="status" />;
  return outcome.kind === 'error' ? (
    <p className="settings-outcome field-error" role="alert">
      {outcome.text}
    </p>
  ) : (
    <p className="settings-outcome settings-ok" role="status">
      {outcome.text}
    </p>
  );
}

/**
 * A destructive action in two steps: the button asks "Sure?" in place (with Cancel) instead of a browser
 * dialog, so it works the same with a keyboard and a screen reader.
 */
export function ConfirmButton({ label, confirmLabel, onConfirm, disabled }: { label: string; confirmLabel: string; onConfirm: () => Promise<void> | void; disabled?: boolean }) {
  const { t } = useI18n();
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const confirmRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (asking) confirmRef.current?.focus();
  }, [asking]);
  if (!asking) {
    return (
      <button type="button" className="button button-small" onClick={() => setAsking(true)} disabled={disabled}>
        {label}
      </button>
    );
  }
  return (
    <span className="confirm">
      <button
        ref={confirmRef}
        type="button"
        className="button button-small button-danger"
        disabled={busy}
        onClick={async () => {
          setBusy(true);
          try {
            await onConfirm();
          } finally {
            setBusy(false);
            setAsking(false);
          }
        }}
      >
        {confirmLabel}
      </button>
      <button type="button" className="button button-small button-quiet" onClick={() => setAsking(false)} disabled={busy}>
        {t('settings.cancel')}
      </button>
    </span>
  );
}

/** A stored timestamp in the reader's language and clock. */
export function formatTimestamp(iso: string, locale: Locale): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}
