import { Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDateTime, formatShortDateTime } from '../format/dates';
import { useApp } from '../hooks/use-app';

/** "24 Nov 2026 14.05" for a table cell, the full "24 November 2026 14.05 WITA" on hover. */
export function ShortDateTime({ ms }: { ms: number }) {
  const { t, i18n } = useTranslation();
  const { tz } = useApp();
  return (
    <Tooltip title={formatDateTime(ms, tz, t, i18n.language)}>
      <span>{formatShortDateTime(ms, tz, t, i18n.language)}</span>
    </Tooltip>
  );
}
