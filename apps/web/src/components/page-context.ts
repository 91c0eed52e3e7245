import { createContext, useContext } from 'react';
import type { RolloutPhase } from '../charts/annotations';
import type { Session } from '../api/types';
import type { Catalog } from '../panels/plan';
import type { ResolvedView, ViewState } from '../state/view-state';

export type CatalogState = { status: 'loading' } | { status: 'ready'; catalog: Catalog } | { status: 'error'; error: unknown };

export type PhasesState = { status: 'loading' } | { status: 'ready'; phases: RolloutPhase[] } | { status: 'unavailable' };

/** What every panel of a page shares: who is signed in, the catalog, the view, the rollout phases. */
export type PageContextValue = {
  session: Session;
  catalog: CatalogState;
  reloadCatalog: () => void;
  viewState: ViewState;
  view: ResolvedView;
  today: string;
  scope: 'org' | 'team';
  phases: PhasesState;
  openTeam: (team: string) => void;
};

export const PageContext = createContext<PageContextValue | null>(null);

export function usePage(): PageContextValue {
  const page = useContext(PageContext);
  if (!page) throw new Error('usePage outside a dashboard page');
  return page;
}

export const DEFAULT_MIN_GROUP_SIZE = 5;
