import { useEffect, useRef } from 'react';

/** How long typing must pause before the search runs: one query per pause, not per key. */
const PAUSE_MS = 350;

/**
 * Search as the user types: returns a change handler that calls `run` with the text once
 * typing pauses (the backend matches each word as a prefix). Enter still searches at once.
 */
export function useTypedSearch(run: (text: string) => void): (text: string) => void {
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const runRef = useRef(run);
  useEffect(() => {
    runRef.current = run;
  });
  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );
  return (text: string) => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => runRef.current(text), PAUSE_MS);
  };
}
