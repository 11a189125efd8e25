/** Kotak Masuk: the tasks waiting for the user, most urgent and most overdue first. */
import { Alert, Card, Segmented, Table, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { InboxRow } from '../../shared/api/views';
import { urgencyRank } from '../../shared/domain/enums';
import { api } from '../api/client';
import { DueBadge, PrivacyTag, ReturnedTag, UrgencyTag } from '../components/case-tags';
import { ShortDateTime } from '../components/short-date-time';
import { useNow } from '../hooks/use-now';
import { useQuery } from '../hooks/use-query';
import { navigate } from '../hooks/use-route';
import { openableRow } from '../hooks/use-shortcuts';
import { useCasesChanged } from '../hooks/use-server-event';

type Segment = 'open' | 'overdue' | 'dueSoon';

/** Most urgent first; within one urgency, the earliest due first; tasks without a due time last. */
function compareInboxRows(a: InboxRow, b: InboxRow): number {
  const u = urgencyRank(b.urgency) - urgencyRank(a.urgency);
  if (u !== 0) return u;
  const da = a.taskDueAt ?? Number.POSITIVE_INFINITY;
  const db = b.taskDueAt ?? Number.POSITIVE_INFINITY;
  return da === db ? a.taskOpenedAt - b.taskOpenedAt : da - db;
}

/** The inbox screen. */
export function InboxPage() {
  const { t } = useTranslation();
  const now = useNow();
  const [segment, setSegment] = useState<Segment>('open');
  const inbox = useQuery(() => api['inbox.list']({}), 'inbox');
  useCasesChanged(inbox.reload);

  const all = useMemo(() => [...(inbox.data ?? [])].sort(compareInboxRows), [inbox.data]);
  // Task-level lateness (the row's own `overdue` is about the case's earliest task).
  const isLate = (r: InboxRow) => r.taskDueAt !== null && r.taskDueAt < now;
  const overdue = all.filter(isLate);
  const dueSoon = all.filter((r) => r.dueSoon && !isLate(r));
  const rows = segment === 'overdue' ? overdue : segment === 'dueSoon' ? dueSoon : all;

  const columns: ColumnsType<InboxRow> = [
    {
      title: t('case.ref'),
      dataIndex: 'ref',
      width: 150,
      render: (_v, r) => (
        <div>
          <Typography.Text strong>{r.ref}</Typography.Text>
          {r.laporId && <div className="alur-timeline-meta">{t('case.laporShort', { id: r.laporId })}</div>}
        </div>
      ),
    },
    {
      title: t('case.title'),
      dataIndex: 'title',
      render: (_v, r) => (
        <div style={{ minWidth: 0 }}>
          <div style={{ display: 'flex', alignItems: 'center', gap: 4, minWidth: 0 }}>
            {r.returned && <ReturnedTag />}
            <PrivacyTag privacy={r.privacy} />
            <Tooltip title={r.title} placement="topLeft">
              <span className="alur-ellipsis">{r.title}</span>
            </Tooltip>
          </div>
          <div className="alur-timeline-meta">{t(`channel.${r.channel}`)}</div>
        </div>
      ),
    },
    {
      title: t('inbox.step'),
      dataIndex: 'stepName',
      width: 200,
      render: (_v, r) => (
        <span className="alur-ellipsis" title={r.stepName}>
          {r.stepName}
        </span>
      ),
    },
    { title: t('case.urgency'), dataIndex: 'urgency', width: 110, render: (_v, r) => <UrgencyTag urgency={r.urgency} /> },
    {
      title: t('inbox.arrived'),
      dataIndex: 'taskOpenedAt',
      width: 140,
      render: (_v, r) => <ShortDateTime ms={r.taskOpenedAt} />,
    },
    {
      title: t('case.due'),
      dataIndex: 'taskDueAt',
      width: 150,
      render: (_v, r) => <DueBadge dueAt={r.taskDueAt} now={now} overdue={isLate(r)} dueSoon={r.dueSoon} paused={r.paused} />,
    },
  ];

  return (
    <Card
      title={t('nav.inbox')}
      extra={
        <Segmented<Segment>
          value={segment}
          onChange={setSegment}
          aria-label={t('ui.inboxSegments')}
          data-testid="inbox-segments"
          options={[
            { value: 'open', label: t('inbox.open', { count: all.length }) },
            { value: 'overdue', label: t('inbox.overdue', { count: overdue.length }) },
            { value: 'dueSoon', label: t('inbox.dueSoon', { count: dueSoon.length }) },
          ]}
        />
      }
    >
      {inbox.error && <Alert type="error" showIcon title={inbox.error.message} style={{ marginBottom: 8 }} />}
      <Table<InboxRow>
        data-testid="inbox-table"
        rowKey="taskId"
        size="small"
        loading={inbox.loading && !inbox.data}
        columns={columns}
        dataSource={rows}
        // Fixed: the columns keep their widths and the title takes the rest, whatever the rows hold.
        tableLayout="fixed"
        pagination={{ pageSize: 50, showSizeChanger: false, hideOnSinglePage: true }}
        rowClassName={() => 'alur-clickable-row'}
        onRow={(r) => openableRow(() => navigate({ page: 'case', id: r.id }))}
        locale={{ emptyText: t('inbox.empty') }}
      />
    </Card>
  );
}
