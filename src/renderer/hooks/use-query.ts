import { useCallback, useEffect, useRef, useState } from 'react';
import type { ApiError, Result } from '../../shared/result';
import { rejectionError } from './use-notify';

/** What {@link useQuery} returns. */
interface Query<T> {
  /** The last successful value (kept while a reload runs, so tables do not flash). */
  data: T | undefined;
  error: ApiError | null;
  loading: boolean;
  reload: () => void;
}

interface Loaded<T> {
  key: string;
  tick: number;
  data: T | undefined;
  error: ApiError | null;
}

/**
 * Runs a contract call and keeps its result. `key` identifies the inputs: the call runs again
 * whenever it changes (pass e.g. `JSON.stringify(filters)`), and on `reload()`.
 */
export function useQuery<T>(load: () => Promise<Result<T>>, key: string): Query<T> {
  const loadRef = useRef(load);
  const [tick, setTick] = useState(0);
  const [state, setState] = useState<Loaded<T>>({ key: '', tick: -1, data: undefined, error: null });

  useEffect(() => {
    loadRef.current = load;
  });

  useEffect(() => {
    let alive = true;
    loadRef.current().then(
      (r) => {
        if (!alive) return;
        setState((prev) => (r.ok ? { key, tick, data: r.value, error: null } : { key, tick, data: prev.data, error: r.error }));
      },
      // A rejection (a bug, not a refusal: those are results) is this query's error, shown as any other.
      (e: unknown) => {
        if (alive) setState((prev) => ({ key, tick, data: prev.data, error: rejectionError(e) }));
      },
    );
    return () => {
      alive = false;
    };
  }, [key, tick]);

  const reload = useCallback(() => setTick((x) => x + 1), []);
  return { data: state.data, error: state.error, loading: state.key !== key || state.tick !== tick, reload };
}
