import type { ChartKind } from '@uplift/dashboards';
import type { ReactNode } from 'react';
import { useI18n } from '../i18n/I18nProvider';

/** Grey shapes in the panel's form while its figures load. */
export function Skeleton({ kind, label }: { kind: ChartKind; label: string }) {
  return (
    <div className={`skeleton skeleton-${kind}`} role="status" aria-live="polite" aria-label={label}>
      {kind === 'kpi' ? (
        <>
          <span className="skeleton-block skeleton-value" />
          <span className="skeleton-block skeleton-line" />
        </>
      ) : kind === 'table' ? (
        Array.from({ length: 4 }, (_unused, index) => <span key={index} className="skeleton-block skeleton-line" />)
      ) : (
        <span className="skeleton-block skeleton-chart" />
      )}
    </div>
  );
}

export function EmptyState({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className="state state-empty">
      <p className="state-title">{title}</p>
      {children}
    </div>
  );
}

export function ErrorState({ title, message, onRetry }: { title: string; message?: string; onRetry?: () => void }) {
  const { t } = useI18n();
  return (
    <div className="state state-error" role="alert">
      <p className="state-title">{title}</p>
      {message ? <p>{message}</p> : null}
      {onRetry ? (
        <button type="button" className="button" onClick={onRetry}>
          {t('panel.retry')}
        </button>
      ) : null}
    </div>
  );
}
