import type { ECharts, EChartsOption } from 'echarts';
import { useEffect, useRef, useState } from 'react';
import { teamOfClick } from '../charts/drill-down';
import { useI18n } from '../i18n/I18nProvider';

type EChartsModule = typeof import('../charts/echarts-setup');
let echartsModule: Promise<EChartsModule> | undefined;

/** ECharts and its parts arrive in a separate chunk the first time a chart is drawn. */
export function loadECharts(): Promise<EChartsModule> {
  echartsModule ??= import('../charts/echarts-setup');
  return echartsModule;
}

type Props = {
  option: EChartsOption;
  /** What the chart shows, for screen readers. */
  label: string;
  /** Clicking an element that belongs to a team. */
  onTeamClick?: ((team: string) => void) | undefined;
};

/** The one thin chart component: it only mounts ECharts, sets the option, resizes and forwards team clicks. */
export function EChart({ option, label, onTeamClick }: Props) {
  const { t } = useI18n();
  const container = useRef<HTMLDivElement>(null);
  const chart = useRef<ECharts | null>(null);
  const clickHandler = useRef(onTeamClick);
  clickHandler.current = onTeamClick;
  const [ready, setReady] = useState(false);
  const [loadError, setLoadError] = useState<Error | null>(null);

  useEffect(() => {
    let disposed = false;
    let observer: ResizeObserver | undefined;
    loadECharts().then(
      ({ echarts }) => {
        const element = container.current;
        if (disposed || !element) return;
        const instance = echarts.init(element, undefined, { renderer: 'canvas' });
        // "Drawn" once the current option reached the canvas: what the browser tests and bench:web wait for.
        instance.on('rendered', () => element.setAttribute('data-chart-drawn', 'true'));
        instance.on('click', (params) => {
          const team = teamOfClick(params as { data?: unknown; seriesId?: string });
          if (team !== undefined) clickHandler.current?.(team);
        });
        observer = new ResizeObserver(() => instance.resize());
        observer.observe(element);
        chart.current = instance;
        setReady(true);
      },
      (error: unknown) => setLoadError(error as Error),
    );
    return () => {
      disposed = true;
      observer?.disconnect();
      chart.current?.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    if (!ready) return;
    container.current?.setAttribute('data-chart-drawn', 'false');
    chart.current?.setOption(option, { notMerge: true });
  }, [ready, option]);

  if (loadError) {
    return (
      <p className="state state-error" role="alert">
        {t('panel.chartFailed', { message: loadError.message })}
      </p>
    );
  }
  return <div ref={container} className="echart" role="img" aria-label={label} data-chart-ready={ready ? 'true' : 'false'} />;
}
