import { kpiDirection, kpiTone } from '../charts/kpi';
import { formatDelta, formatPeriod, formatValue } from '../format';
import { useI18n } from '../i18n/I18nProvider';
import type { KpiContent } from '../panels/build';

const ARROWS = { up: '▲', down: '▼', flat: '■' } as const;

/** One number, its change against the previous range or period, and on team pages the org's value. */
export function KpiTile({ content }: { content: KpiContent }) {
  const { locale, t } = useI18n();
  const delta = formatDelta(content.value, content.previous, content.unit, locale);
  const direction = kpiDirection(delta?.change ?? null);
  const tone = kpiTone(delta?.change ?? null, content.better);
  const comparison = content.latest
    ? t('comparison.previous-period', { period: formatPeriod(content.latest.current, locale), previous: formatPeriod(content.latest.previous, locale) })
    : content.comparison
      ? t(`comparison.${content.comparison.kind}`, { days: content.comparison.days })
      : '';
  return (
    <div className="kpi">
      <p className="kpi-value" data-value={content.value ?? ''} data-unit={content.unit}>
        {formatValue(content.value, content.unit, locale)}
      </p>
      <p className={`kpi-delta tone-${tone}`}>
        {delta && direction ? (
          <>
            <span aria-hidden="true">{ARROWS[direction]} </span>
            <span className="kpi-delta-value">{delta.text}</span> <span className="muted">{comparison}</span>
          </>
        ) : (
          <span className="muted">
            <span aria-hidden="true">— </span>
            <span className="visually-hidden">{t('comparison.noPrevious')} </span>
            {comparison}
          </span>
        )}
      </p>
      {content.org !== null ? <p className="kpi-org muted">{t('panel.orgValue', { value: formatValue(content.org, content.unit, locale) })}</p> : null}
    </div>
  );
}
