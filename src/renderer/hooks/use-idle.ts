import { useEffect, useRef } from 'react';

const ACTIVITY_EVENTS = ['mousemove', 'mousedown', 'keydown', 'wheel', 'touchstart', 'scroll'] as const;

/**
 * Calls `onIdle` once after `minutes` without keyboard, mouse or touch input. Disabled when
 * `minutes` is null or not positive. The timer restarts on any input.
 */
export function useIdle(minutes: number | null, onIdle: () => void): void {
  const ref = useRef(onIdle);
  useEffect(() => {
    ref.current = onIdle;
  });
  useEffect(() => {
    if (minutes === null || minutes <= 0) return;
    const ms = minutes * 60_000;
    let timer = window.setTimeout(() => ref.current(), ms);
    const reset = (): void => {
      window.clearTimeout(timer);
      timer = window.setTimeout(() => ref.current(), ms);
    };
    for (const name of ACTIVITY_EVENTS) window.addEventListener(name, reset, { passive: true, capture: true });
    return () => {
      window.clearTimeout(timer);
      for (const name of ACTIVITY_EVENTS) window.removeEventListener(name, reset, { capture: true });
    };
  }, [minutes]);
}
