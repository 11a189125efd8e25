import { useCallback, useEffect, useRef } from 'react';
import { BurstGate } from './burst-gate';

/** A {@link BurstGate} for a component's lifetime; the returned `admit()` uses the wall clock. */
export function useBurstGuard(onHeld: (count: number) => void, max = 3, quietMs = 1000): () => boolean {
  const onHeldRef = useRef(onHeld);
  useEffect(() => {
    onHeldRef.current = onHeld;
  });
  const gate = useRef<BurstGate | null>(null);
  useEffect(() => {
    const g = new BurstGate((n) => onHeldRef.current(n), max, quietMs);
    gate.current = g;
    return () => g.dispose();
  }, [max, quietMs]);
  return useCallback(() => gate.current?.admit(Date.now()) ?? true, []);
}
