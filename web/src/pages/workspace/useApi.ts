// Loads one API resource for a page: data, error, loading and reload. A null path waits.
import { useCallback, useEffect, useState } from 'react';
import { useSession } from './session';

export type Loaded<T> = { data: T | undefined; error: Error | null; loading: boolean; reload: () => void };

type Call = ReturnType<typeof useSession>['call'];

// Requests started before the page that reads them has rendered (see `prefetch`), each taken
// once by the first useApi of its path; one not taken within PREFETCH_TTL_MS is forgotten.
const PREFETCH_TTL_MS = 10_000;
const prefetched = new Map<string, { at: number; result: Promise<unknown> }>();

function forgetOld(now: number) {
  for (const [path, p] of prefetched) if (now - p.at > PREFETCH_TTL_MS) prefetched.delete(path);
}

/** Starts GET `path` now, for a useApi of the same path that will render soon. */
export function prefetch(call: Call, path: string): void {
  const now = Date.now();
  forgetOld(now);
  if (prefetched.has(path)) return;
  const result = call(path);
  result.catch(() => {}); // the useApi that takes it reports the error
  prefetched.set(path, { at: now, result });
}

function take<T>(path: string): Promise<T> | undefined {
  forgetOld(Date.now());
  const p = prefetched.get(path);
  prefetched.delete(path);
  return p?.result as Promise<T> | undefined;
}

export function useApi<T>(path: string | null): Loaded<T> {
  const { call } = useSession();
  const [state, setState] = useState<{ path: string | null; data: T | undefined; error: Error | null; loading: boolean }>({ path: null, data: undefined, error: null, loading: !!path });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    if (!path) return;
    let live = true;
    // Keep the previous figures on screen while new ones load, so a filter change does not flash.
    setState((s) => ({ ...s, path, loading: true, error: null }));
    // A reload (tick > 0) always asks again.
    ((tick === 0 && take<T>(path)) || call<T>(path)).then(
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
