import { App } from 'antd';
import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError, Result } from '../../shared/result';

/** Helpers to tell the user how a call went, through antd's message/notification. */
export interface Notify {
  /** Shows the backend's own message (it is already in words a user understands). */
  error: (e: ApiError) => void;
  success: (text: string) => void;
  /** Unwraps a result: the value, or null after showing the error. */
  unwrap: <T>(r: Result<T>) => T | null;
  /**
   * Starts work nobody awaits (an event handler's): a rejection (a bug, a transport failure;
   * expected failures come back as results) is shown as INTERNAL instead of being lost.
   */
  run: (work: Promise<unknown>) => void;
}

/** What a rejection says, as the error the user is shown. */
export function rejectionError(e: unknown): ApiError {
  return { code: 'INTERNAL', message: e instanceof Error ? e.message : String(e) };
}

/** Must be used under antd's `<App>`. */
export function useNotify(): Notify {
  const { notification, message } = App.useApp();
  const { t } = useTranslation();
  const error = useCallback(
    (e: ApiError) => {
      notification.error({ title: t(`errorCode.${e.code}`), description: e.message, placement: 'topRight', duration: 6 });
    },
    [notification, t],
  );
  // antd's message returns a thenable that resolves when the toast closes: nothing to wait for.
  const success = useCallback(
    (text: string) => {
      message.success(text).then(undefined, () => undefined);
    },
    [message],
  );
  return useMemo(
    () => ({
      error,
      success,
      unwrap<T>(r: Result<T>): T | null {
        if (r.ok) return r.value;
        error(r.error);
        return null;
      },
      run(work: Promise<unknown>): void {
        work.catch((e: unknown) => error(rejectionError(e)));
      },
    }),
    [error, success],
  );
}
