import { useCallback, useEffect, useRef } from 'react';

interface Burst {
  last: number;
  count: number;
  held: number;
  timer: number | null;
}

/**
 * Keeps a burst of events (an import of hundreds of cases opens hundreds of tasks at once)
 * from becoming one toast each. The returned `admit()` says yes to the first `max` events of a
 * burst and no to the rest; once `quietMs` pass without an event, `onHeld(n)` is called once
 * with the number held back, so one summary can stand for them. A burst is events less than
 * `quietMs` apart.
 */
export function useBurstGuard(onHeld: (count: number) => void, max = 3, quietMs = 1000): () => boolean {
  const burst = useRef<Burst>({ last: 0, count: 0, held: 0, timer: null });
  const onHeldRef = useRef(onHeld);
  useEffect(() => {
    onHeldRef.current = onHeld;
  });
  useEffect(
    () => () => {
      if (burst.current.timer !== null) window.clearTimeout(burst.current.timer);
    },
    [],
  );
  return useCallback(() => {
    const b = burst.current;
    const now = Date.now();
    if (now - b.last >= quietMs) b.count = 0;
    b.last = now;
    b.count++;
    if (b.count <= max) return true;
    b.held++;
    if (b.timer !== null) window.clearTimeout(b.timer);
    b.timer = window.setTimeout(() => {
      const held = b.held;
      b.held = 0;
      b.timer = null;
      if (held > 0) onHeldRef.current(held);
    }, quietMs);
    return false;
  }, [max, quietMs]);
}
