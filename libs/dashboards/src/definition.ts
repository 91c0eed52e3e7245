import type { FilterName, Granularity } from './metric-catalog';
import { FILTERS } from './metric-catalog';
import type { DashboardInput, DatePreset, MetricRef, MetricRefInput, PanelInput, Text } from './schema';

/**
 * A validated dashboard as the API serves it: defaults filled in and every panel's metrics as a list of
 * `{ id, params }` objects, so the web app reads one shape.
 */
export type PanelDefinition = Omit<PanelInput, 'metric' | 'metrics'> & { metrics: (MetricRef & { params: Record<string, string> })[] };

export type DashboardDefinition = {
  id: string;
  title: Text;
  description: Text;
  order: number;
  scope: 'org' | 'team';
  filters: FilterName[];
  defaults: { preset: DatePreset; granularity: Granularity };
  panels: PanelDefinition[];
};

export type DashboardSummary = { id: string; title: Text; description: Text; order: number; scope: 'org' | 'team' };

const DEFAULT_ORDER = 100;

function normalizeRef(ref: MetricRefInput): MetricRef & { params: Record<string, string> } {
  return typeof ref === 'string' ? { id: ref, params: {} } : { ...ref, params: ref.params ?? {} };
}

export function toDefinition(dashboard: DashboardInput): DashboardDefinition {
  return {
    id: dashboard.id,
    title: dashboard.title,
    description: dashboard.description,
    order: dashboard.order ?? DEFAULT_ORDER,
    scope: dashboard.scope ?? 'org',
    filters: dashboard.filters ?? [...FILTERS],
    defaults: { preset: dashboard.defaults?.preset ?? 'last-90-days', granularity: dashboard.defaults?.granularity ?? 'week' },
    panels: dashboard.panels.map(({ metric, metrics, ...panel }) => ({
      ...panel,
      metrics: (metrics ?? (metric === undefined ? [] : [metric])).map(normalizeRef),
    })),
  };
}

export function toSummary(dashboard: DashboardDefinition): DashboardSummary {
  return { id: dashboard.id, title: dashboard.title, description: dashboard.description, order: dashboard.order, scope: dashboard.scope };
}
