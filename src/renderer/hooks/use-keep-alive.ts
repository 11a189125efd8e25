import { useEffect, useRef } from 'react';

const INPUT_EVENTS = ['mousedown', 'keydown', 'wheel', 'touchstart'] as const;

/**
 * The backend ends a session after the office's idle minutes without calls, while the user
 * may be typing a long text that makes none. While there is input, this calls `ping` at most
 * once per `everyMs`, so the server's idea of "idle" matches the user's.
 */
export function useKeepAlive(active: boolean, everyMs: number, ping: () => void): void {
  const pingRef = useRef(ping);
  useEffect(() => {
    pingRef.current = ping;
  });
  useEffect(() => {
    if (!active) return;
    let sawInput = false;
    const mark = (): void => {
      sawInput = true;
    };
    for (const name of INPUT_EVENTS) window.addEventListener(name, mark, { passive: true, capture: true });
    const id = window.setInterval(() => {
      if (!sawInput) return;
      sawInput = false;
      pingRef.current();
    }, everyMs);
    return () => {
      window.clearInterval(id);
      for (const name of INPUT_EVENTS) window.removeEventListener(name, mark, { capture: true });
    };
  }, [active, everyMs]);
}
