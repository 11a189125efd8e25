/**
 * "Disposisi keluar": what the user passed on (forwards and dispositions) in a period, and where
 * each case is now: the open steps with their units, late or not. A row opens the case.
 */
import { Alert, Card, DatePicker, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OutgoingItem } from '../../shared/api/methods/signbook';
import type { CaseStatus } from '../../shared/domain/enums';
import { api } from '../api/client';
import { StatusTag } from '../components/case-tags';
import { actingTitle } from '../components/positions-text';
import { ShortDateTime } from '../components/short-date-time';
import { dayEndInstant, dayStartInstant, instantToWallClock } from '../format/dates';
import { useApp } from '../hooks/use-app';
import { useQuery } from '../hooks/use-query';
import { navigate } from '../hooks/use-route';
import { useCasesChanged } from '../hooks/use-server-event';
import { openableRow } from '../hooks/use-shortcuts';

export function OutgoingList() {
  const { t } = useTranslation();
  const { tz } = useApp();
  // Default: this month so far, as the office counts days (its zone's date, not this computer's:
  // just after midnight WITA a Jakarta-set PC still says yesterday).
  const [range, setRange] = useState<[Dayjs, Dayjs]>(() => {
    const today = instantToWallClock(Date.now(), tz);
    return [today.startOf('month'), today];
  });
  const from = dayStartInstant(range[0], tz);
  const to = dayEndInstant(range[1], tz);
  const q = useQuery(() => api['signbook.outgoing']({ from, to }), `outgoing:${from}:${to}`);
  useCasesChanged(q.reload);

  const columns: ColumnsType<OutgoingItem> = [
    { title: t('signatureBook.passedAt'), dataIndex: 'at', width: 130, render: (_v, r) => <ShortDateTime ms={r.at} /> },
    {
      title: t('signatureBook.item'),
      dataIndex: 'title',
      render: (_v, r) => (
        <div style={{ minWidth: 0 }}>
          <Typography.Text strong>{r.ref}</Typography.Text>
          <Tooltip title={r.title} placement="topLeft">
            <div className="alur-ellipsis">{r.title}</div>
          </Tooltip>
          <div className="alur-timeline-meta alur-ellipsis" title={r.actionLabel}>
            {r.actionLabel}
            {r.asTitle ? ` · ${actingTitle(r.asTitle, r.acting, t)}` : ''}
          </div>
        </div>
      ),
    },
    {
      title: t('signatureBook.to'),
      dataIndex: 'targets',
      width: 190,
      render: (_v, r) => (
        <span className="alur-ellipsis" title={r.targets.join(', ')}>
          {r.targets.length ? r.targets.join(', ') : t('signatureBook.nextStep')}
        </span>
      ),
    },
    {
      title: t('signatureBook.whereNow'),
      dataIndex: 'now',
      width: 260,
      render: (_v, r) => (
        <div style={{ minWidth: 0 }} data-testid="outgoing-now">
          {r.now.length === 0 && <StatusTag status={r.status as CaseStatus} />}
          {r.now.map((p, i) => (
            <div key={i} title={`${p.stepName} · ${p.unitName}`}>
              <div className="alur-ellipsis">
                {p.overdue && <Tag color="red">{t('signatureBook.late')}</Tag>}
                {p.stepName}
              </div>
              <div className="alur-timeline-meta alur-ellipsis">{p.unitName}</div>
            </div>
          ))}
        </div>
      ),
    },
  ];

  return (
    <Card
      size="small"
      title={t('signatureBook.outgoingTitle')}
      extra={
        <Space>
          <label htmlFor="outgoing-range">{t('signatureBook.period')}</label>
          <DatePicker.RangePicker
            id="outgoing-range"
            allowClear={false}
            value={range}
            format={t('format.datePicker')}
            onChange={(v) => {
              if (v?.[0] && v[1]) setRange([v[0], v[1]]);
            }}
            data-testid="outgoing-range"
          />
        </Space>
      }
    >
      {q.error && <Alert type="error" showIcon title={q.error.message} style={{ marginBottom: 8 }} />}
      {q.data?.truncated && (
        <Alert type="info" showIcon title={t('signatureBook.truncated', { count: q.data.rows.length })} style={{ marginBottom: 8 }} />
      )}
      <Table<OutgoingItem>
        data-testid="outgoing-table"
        rowKey="eventId"
        size="small"
        tableLayout="fixed"
        loading={q.loading && !q.data}
        columns={columns}
        dataSource={q.data?.rows ?? []}
        pagination={{ pageSize: 20, showSizeChanger: false, hideOnSinglePage: true }}
        rowClassName={(r) => (r.overdue ? 'alur-clickable-row alur-row-late' : 'alur-clickable-row')}
        onRow={(r) => openableRow(() => navigate({ page: 'case', id: r.caseId }))}
        locale={{ emptyText: t('signatureBook.outgoingEmpty') }}
      />
    </Card>
  );
}
