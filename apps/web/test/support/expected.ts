/* eslint-disable @nx/enforce-module-boundaries -- the browser tests read the API's answers with the API's own test helpers */
import type { PanelDefinition } from '@uplift/dashboards';
import { getJson, type MetricBody } from '../../../api/test/support/http';

/**
 * What a KPI tile should show, asked of the metrics API directly, with the period arithmetic written out
 * again here (not imported from the app) so a wrong range in the app shows up as a wrong figure.
 */

const DAY_MS = 86_400_000;

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

type Period = { start: string; end: string };

function periodContaining(date: string, granularity: 'day' | 'week' | 'month'): Period {
  if (granularity === 'day') return { start: date, end: date };
  if (granularity === 'week') {
    const weekday = (new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7; // Monday 0
    const start = addDays(date, -weekday);
    return { start, end: addDays(start, 6) };
  }
  const start = `${date.slice(0, 7)}-01`;
  const next = new Date(Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)), 1)).toISOString().slice(0, 10);
  return { start, end: addDays(next, -1) };
}

/** The last complete period of the range: one that ends inside the range and before today. */
export function latestCompletePeriod(range: { to: string }, granularity: 'day' | 'week' | 'month', today: string): Period {
  const last = periodContaining(range.to, granularity);
  if (last.end <= range.to && last.end < today) return last;
  return periodContaining(addDays(last.start, -1), granularity);
}

export type KpiExpectation = { value: number | null; unit: string; org: number | null };

type CatalogEntry = { id: string; params: { name: string }[] };
const catalogs = new Map<string, Promise<Map<string, Set<string>>>>();

/** The parameters each metric takes, from the API's catalog: a page filter a metric cannot take is not applied to it. */
function acceptedParams(baseUrl: string, token: string): Promise<Map<string, Set<string>>> {
  let catalog = catalogs.get(baseUrl);
  if (!catalog) {
    catalog = getJson<CatalogEntry[]>(baseUrl, '/api/v1/metrics', token).then((response) => new Map(response.body.map((entry) => [entry.id, new Set(entry.params.map((param) => param.name))])));
    catalogs.set(baseUrl, catalog);
  }
  return catalog;
}

async function metricValue(baseUrl: string, token: string, id: string, query: Record<string, string>): Promise<{ value: number | null; unit: string }> {
  const response = await getJson<MetricBody>(baseUrl, `/api/v1/metrics/${id}?${new URLSearchParams(query).toString()}`, token);
  if (response.status !== 200) throw new Error(`GET ${id} answered ${response.status}: ${JSON.stringify(response.body)}`);
  const points = response.body.series[0]?.points ?? [];
  if (points.length > 1) throw new Error(`expected one period from ${id} ${JSON.stringify(query)}, got ${points.length}`);
  return { value: points[0]?.value ?? null, unit: response.body.unit };
}

/** A KPI panel's figure for a range (and a team on team pages), straight from the metrics API. */
export async function expectedKpi(
  baseUrl: string,
  token: string,
  panel: PanelDefinition,
  range: { from: string; to: string },
  today: string,
  filters: Record<string, string> = {},
): Promise<KpiExpectation> {
  const latest = panel.value === 'latest-period' && panel.granularity && panel.granularity !== 'total' && panel.granularity !== 'quarter';
  const period = latest ? latestCompletePeriod(range, panel.granularity as 'day' | 'week' | 'month', today) : null;
  const base = period ? { from: period.start, to: period.end, granularity: panel.granularity as string } : { from: range.from, to: range.to, granularity: 'total' };
  const accepted = await acceptedParams(baseUrl, token);
  const figure = async (withFilters: Record<string, string>) => {
    const values = await Promise.all(
      panel.metrics.map((ref) => {
        const applicable = Object.fromEntries(Object.entries(withFilters).filter(([name]) => accepted.get(ref.id)?.has(name)));
        return metricValue(baseUrl, token, ref.id, { ...base, ...ref.params, ...applicable });
      }),
    );
    const unit = values[0]?.unit ?? '';
    if (panel.combine === 'difference') {
      const [first, second] = values.map((entry) => entry.value);
      // dormant seats: activated − active, never below zero
      return { value: first === null || first === undefined || second === null || second === undefined ? null : Math.max(0, first - second), unit };
    }
    return { value: values[0]?.value ?? null, unit };
  };
  const current = await figure(filters);
  const { team: _team, ...withoutTeam } = filters;
  const org = panel.compare === 'org' ? (await figure(withoutTeam)).value : null;
  return { value: current.value, unit: current.unit, org };
}
