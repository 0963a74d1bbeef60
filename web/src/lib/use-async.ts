import { useCallback, useEffect, useRef, useState, type DependencyList } from 'react';
import { errorMessage } from '../api/client';

export interface AsyncState<T> {
  data: T | undefined;
  error: string | null;
  loading: boolean;
  /** Fetches again, keeping the current data on screen meanwhile (no flicker on realtime refreshes). */
  reload: () => void;
  setData: (update: T | ((prev: T | undefined) => T | undefined)) => void;
}

/**
 * Runs `fn` when `deps` change and exposes its result. Answers that arrive after a
 * newer call started are dropped, so fast navigation never shows stale data.
 */
export function useAsync<T>(fn: () => Promise<T>, deps: DependencyList): AsyncState<T> {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const seq = useRef(0);
  const fnRef = useRef(fn);
  fnRef.current = fn;

  const run = useCallback((reset: boolean) => {
    const mine = ++seq.current;
    if (reset) {
      setData(undefined);
      setLoading(true);
    }
    setError(null);
    fnRef
      .current()
      .then((value) => {
        if (mine === seq.current) setData(value);
      })
      .catch((err: unknown) => {
        if (mine === seq.current) setError(errorMessage(err));
      })
      .finally(() => {
        if (mine === seq.current) setLoading(false);
      });
  }, []);

  // `deps` are the caller's, like useEffect's own (`run` is stable: its useCallback has no dependencies).
  // eslint-disable-next-line react-hooks/exhaustive-deps -- the caller's list, checked at each call site's review
  useEffect(() => run(true), deps);
  const reload = useCallback(() => run(false), [run]);
  return { data, error, loading, reload, setData };
}
