import { useEffect, useRef } from 'react';
import type { ServerEvent } from '../../shared/api/contract';
import { onServerEvent } from '../api/client';

/** Calls `handler` for every event the backend pushes while the component is mounted. */
export function useServerEvent(handler: (event: ServerEvent) => void): void {
  const ref = useRef(handler);
  useEffect(() => {
    ref.current = handler;
  });
  useEffect(() => onServerEvent((e) => ref.current(e)), []);
}

/**
 * Calls `reload` when cases change. With `caseId`, only when that case is among them.
 * The backend sends `cases.changed` after each committed write, from any window or device.
 */
export function useCasesChanged(reload: () => void, caseId?: string): void {
  useServerEvent((e) => {
    if (e.type !== 'cases.changed') return;
    if (caseId === undefined || e.caseIds.includes(caseId)) reload();
  });
}
