/** The columns of the Cari table (the case list). */
import { Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import type { CaseRow } from '../../shared/api/views';
import { DueBadge, PrivacyTag, StatusTag, UrgencyTag } from '../components/case-tags';
import { ShortDateTime } from '../components/short-date-time';
import { useApp } from '../hooks/use-app';
import { useNow } from '../hooks/use-now';

/** The case list's columns, the category shown by name. */
export function useCaseListColumns(): ColumnsType<CaseRow> {
  const { t } = useTranslation();
  const { overview } = useApp();
  const now = useNow();
  const categoryName = new Map(overview.preset.categories.map((c) => [c.id, c.name]));
  // Six columns that fit the common 1366 px screen with the sidebar: the type, channel and
  // category go under the title, the received time in its short form (the full one on hover).
  const columns: ColumnsType<CaseRow> = [
    { title: t('case.ref'), dataIndex: 'ref', width: 150, render: (_v, r) => <Typography.Text strong>{r.ref}</Typography.Text> },
    {
      title: t('case.title'),
      dataIndex: 'title',
      render: (_v, r) => {
        const meta = [t(`caseType.${r.type}`), t(`channel.${r.channel}`), r.categoryId ? (categoryName.get(r.categoryId) ?? r.categoryId) : null]
          .filter(Boolean)
          .join(' · ');
        return (
          <div style={{ minWidth: 0 }}>
            <div style={{ display: 'flex', alignItems: 'center', gap: 4, minWidth: 0 }}>
              {r.urgency !== 'biasa' && <UrgencyTag urgency={r.urgency} />}
              <PrivacyTag privacy={r.privacy} />
              <Tooltip title={r.title} placement="topLeft">
                <span className="alur-ellipsis" data-testid="case-title-cell">
                  {r.title}
                </span>
              </Tooltip>
            </div>
            <div className="alur-timeline-meta alur-ellipsis" title={meta} data-testid="case-meta">
              {meta}
            </div>
          </div>
        );
      },
    },
    {
      title: t('case.received'),
      dataIndex: 'receivedAt',
      width: 140,
      render: (_v, r) => <ShortDateTime ms={r.receivedAt} />,
    },
    { title: t('case.status'), dataIndex: 'status', width: 115, render: (_v, r) => <StatusTag status={r.status} /> },
    {
      title: t('case.position'),
      dataIndex: 'currentSteps',
      width: 170,
      render: (_v, r) => {
        const text = r.currentSteps.length ? r.currentSteps.join(', ') : t('common.dash');
        return (
          <span className="alur-ellipsis" title={text}>
            {text}
          </span>
        );
      },
    },
    {
      title: t('case.due'),
      dataIndex: 'dueAt',
      width: 140,
      render: (_v, r) => <DueBadge dueAt={r.dueAt} now={now} overdue={r.overdue} paused={r.paused} />,
    },
  ];
  return columns;
}
