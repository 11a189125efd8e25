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
  const success = useCallback((text: string) => void message.success(text), [message]);
  return useMemo(
    () => ({
      error,
      success,
      unwrap<T>(r: Result<T>): T | null {
        if (r.ok) return r.value;
        error(r.error);
        return null;
      },
    }),
    [error, success],
  );
}
