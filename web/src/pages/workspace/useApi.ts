// Loads one API resource for a page: data, error, loading and reload. A null path waits.
import { useCallback, useEffect, useState } from 'react';
import { useSession } from './session';

export type Loaded<T> = { data: T | undefined; error: Error | null; loading: boolean; reload: () => void };

export function useApi<T>(path: string | null): Loaded<T> {
  const { call } = useSession();
  const [state, setState] = useState<{ path: string | null; data: T | undefined; error: Error | null; loading: boolean }>({ path: null, data: undefined, error: null, loading: !!path });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    if (!path) return;
    let live = true;
    // Keep the previous figures on screen while new ones load, so a filter change does not flash.
    setState((s) => ({ ...s, path, loading: true, error: null }));
    call<T>(path).then(
      (data) => live && setState({ path, data, error: null, loading: false }),
      (error: Error) => live && setState({ path, data: undefined, error, loading: false }),
    );
    return () => {
      live = false;
    };
  }, [path, tick, call]);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { data: state.data, error: state.error, loading: state.loading, reload };
}
