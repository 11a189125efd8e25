/** Small, consistent markers for a case: urgency, status, privacy, due time, returned task. */
import { Tag, Tooltip } from 'antd';
import { RollbackOutlined, PauseCircleOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { CaseStatus, Privacy, Urgency } from '../../shared/domain/enums';
import { formatDateTime, formatDue } from '../format/dates';
import { useApp } from '../hooks/use-app';

const URGENCY_COLOR: Record<Urgency, string | undefined> = { biasa: undefined, segera: 'orange', sangat_segera: 'red' };
const STATUS_COLOR: Record<CaseStatus, string> = {
  registered: 'blue',
  in_process: 'processing',
  responded: 'cyan',
  answered: 'green',
  closed: 'default',
};
const PRIVACY_COLOR: Record<Privacy, string | undefined> = { biasa: undefined, rahasia: 'purple', anonim: 'geekblue' };

/** Due soon means within this window when the backend does not say (case list rows). */
const DUE_SOON_MS = 24 * 60 * 60_000;

/** Urgency as a tag: plain for biasa, orange for segera, red for sangat segera. */
export function UrgencyTag({ urgency }: { urgency: Urgency }) {
  const { t } = useTranslation();
  return <Tag color={URGENCY_COLOR[urgency]}>{t(`urgency.${urgency}`)}</Tag>;
}

/** The case's overall status. */
export function StatusTag({ status }: { status: CaseStatus }) {
  const { t } = useTranslation();
  return <Tag color={STATUS_COLOR[status]}>{t(`status.${status}`)}</Tag>;
}

/** Privacy, shown only when it is not the ordinary case. */
export function PrivacyTag({ privacy }: { privacy: Privacy }) {
  const { t } = useTranslation();
  if (privacy === 'biasa') return null;
  return <Tag color={PRIVACY_COLOR[privacy]}>{t(`privacy.${privacy}`)}</Tag>;
}

/** Marks a task that came back (a returned draft or *bukan kewenangan*). */
export function ReturnedTag() {
  const { t } = useTranslation();
  return (
    <Tag color="magenta" icon={<RollbackOutlined />}>
      {t('case.returned')}
    </Tag>
  );
}

interface DueProps {
  dueAt: number | null;
  now: number;
  overdue?: boolean;
  dueSoon?: boolean;
  paused?: boolean;
}

/** Relative due time: red when overdue, orange when due soon, green otherwise; the exact time on hover. */
export function DueBadge({ dueAt, now, overdue, dueSoon, paused }: DueProps) {
  const { t, i18n } = useTranslation();
  const { tz } = useApp();
  if (paused)
    return (
      <Tag icon={<PauseCircleOutlined />} color="default">
        {t('due.paused')}
      </Tag>
    );
  if (dueAt === null) return <span>{t('common.dash')}</span>;
  const late = overdue ?? dueAt < now;
  const soon = dueSoon ?? dueAt - now < DUE_SOON_MS;
  const color = late ? 'red' : soon ? 'orange' : 'green';
  return (
    <Tooltip title={formatDateTime(dueAt, tz, t, i18n.language)}>
      <Tag color={color} data-due={late ? 'overdue' : soon ? 'soon' : 'ok'}>
        {formatDue(dueAt, now, t)}
      </Tag>
    </Tooltip>
  );
}
