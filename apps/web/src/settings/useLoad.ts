import { useCallback, useEffect, useRef, useState } from 'react';

export type Loaded<Value> =
  | { status: 'loading' }
  | { status: 'error'; error: unknown }
  | { status: 'ready'; value: Value };

/**
 * Loads once, and again on `reload()`. After a change a reload keeps showing the current list while it runs
 * (no flash); after an error (Retry) it shows the loading state. Aborted when the section closes.
 */
export function useLoad<Value>(load: (signal: AbortSignal) => Promise<Value>): { state: Loaded<Value>; reload: () => void } {
  const [state, setState] = useState<Loaded<Value>>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  // The loader is read at each attempt; reloading is explicit, so it need not be stable.
  const loadRef = useRef(load);
  loadRef.current = load;

  useEffect(() => {
    const controller = new AbortController();
    loadRef.current(controller.signal).then(
      (value) => !controller.signal.aborted && setState({ status: 'ready', value }),
      (error: unknown) => !controller.signal.aborted && setState({ status: 'error', error }),
    );
    return () => controller.abort();
  }, [attempt]);

  const reload = useCallback(() => {
    setState((current) => (current.status === 'error' ? { status: 'loading' } : current));
    setAttempt((value) => value + 1);
  }, []);
  return { state, reload };
}
