import { useMemo, useSyncExternalStore } from 'react';
import { parseViewState, serializeViewState, type ViewState } from './view-state';

/**
 * The URL is the state: components read it with useViewState() and change it with navigate(), which pushes a
 * history entry (Back works) and tells every reader.
 */

const NAVIGATE_EVENT = 'uplift:navigate';

function subscribe(onChange: () => void): () => void {
  window.addEventListener('popstate', onChange);
  window.addEventListener(NAVIGATE_EVENT, onChange);
  return () => {
    window.removeEventListener('popstate', onChange);
    window.removeEventListener(NAVIGATE_EVENT, onChange);
  };
}

const currentSearch = () => window.location.search;

export function useViewState(): ViewState {
  const search = useSyncExternalStore(subscribe, currentSearch);
  return useMemo(() => parseViewState(search), [search]);
}

export function hrefFor(state: ViewState): string {
  const query = serializeViewState(state);
  return query ? `/?${query}` : '/';
}

export function navigate(state: ViewState, options: { replace?: boolean } = {}): void {
  const href = hrefFor(state);
  if (href === `${window.location.pathname}${window.location.search}`) return;
  if (options.replace) window.history.replaceState(null, '', href);
  else window.history.pushState(null, '', href);
  window.dispatchEvent(new Event(NAVIGATE_EVENT));
}
