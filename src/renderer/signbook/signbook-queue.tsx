/**
 * "Menunggu tanda tangan": everything awaiting the user's signature across their posts, the
 * selected item's document beside the list, and its act (sign, or return with a reason) through
 * the case page's own act dialog. Items can be ticked and signed together with one password.
 */
import { Alert, Button, Card, Empty, Space, Spin, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SignBookItem } from '../../shared/api/methods/signbook';
import type { AllowedActionView } from '../../shared/api/views';
import { api } from '../api/client';
import { ActModal } from '../case/act-modal';
import { DueBadge, UrgencyTag } from '../components/case-tags';
import { actingTitle } from '../components/positions-text';
import { ShortDateTime } from '../components/short-date-time';
import { useNow } from '../hooks/use-now';
import { useQuery } from '../hooks/use-query';
import { navigate } from '../hooks/use-route';
import { useCasesChanged } from '../hooks/use-server-event';
import { openableRow } from '../hooks/use-shortcuts';
import { BatchSignModal } from './batch-sign-modal';
import { DocumentPane } from './document-pane';

export function SignBookQueue() {
  const { t } = useTranslation();
  const now = useNow();
  const book = useQuery(() => api['signbook.list']({}), 'signbook');
  useCasesChanged(book.reload);
  const rows = useMemo(() => book.data ?? [], [book.data]);
  const [selectedTask, setSelectedTask] = useState<string | null>(null);
  const [ticked, setTicked] = useState<string[]>([]);
  // The batch keeps the items it was opened with: the book reloads under it as they are signed.
  const [batch, setBatch] = useState<SignBookItem[] | null>(null);

  // What was ticked or shown may have been signed meanwhile: only what is still waiting counts.
  const selected = rows.find((r) => r.taskId === selectedTask) ?? rows[0] ?? null;
  const tickedItems = rows.filter((r) => ticked.includes(r.taskId));

  const columns: ColumnsType<SignBookItem> = [
    {
      title: t('signatureBook.item'),
      dataIndex: 'title',
      render: (_v, r) => (
        <div style={{ minWidth: 0 }}>
          <div style={{ display: 'flex', gap: 4, alignItems: 'center', minWidth: 0 }}>
            <Typography.Text strong>{r.ref}</Typography.Text>
            <Tag color={r.action.kind === 'approve' ? 'blue' : 'purple'}>
              {t(r.action.kind === 'approve' ? 'signatureBook.kindLetter' : 'signatureBook.kindDisposition')}
            </Tag>
          </div>
          <Tooltip title={r.title} placement="topLeft">
            <div className="alur-ellipsis">{r.title}</div>
          </Tooltip>
          <div className="alur-timeline-meta alur-ellipsis" title={r.stepName}>
            {r.stepName} · {actingTitle(r.asTitle, r.acting, t)}
          </div>
        </div>
      ),
    },
    {
      title: t('signatureBook.sentBy'),
      dataIndex: 'sentAt',
      width: 170,
      render: (_v, r) => (
        <div style={{ minWidth: 0 }}>
          <div className="alur-ellipsis" title={r.sentBy?.name ?? t('signatureBook.system')}>
            {r.sentBy?.name ?? t('signatureBook.system')}
          </div>
          <div className="alur-timeline-meta">
            <ShortDateTime ms={r.sentAt} />
          </div>
        </div>
      ),
    },
    {
      title: t('case.due'),
      dataIndex: 'dueAt',
      width: 150,
      render: (_v, r) => (
        <div>
          <DueBadge dueAt={r.dueAt} now={now} overdue={r.dueAt !== null && r.dueAt < now} dueSoon={false} paused={false} />
          <div>
            <UrgencyTag urgency={r.urgency} />
          </div>
        </div>
      ),
    },
  ];

  return (
    <div className="alur-signbook">
      <Card
        size="small"
        className="alur-signbook-list"
        title={t('signatureBook.waitingCount', { count: rows.length })}
        extra={
          <Button type="primary" disabled={tickedItems.length === 0} onClick={() => setBatch(tickedItems)} data-testid="signbook-batch">
            {t('signatureBook.signSelected', { count: tickedItems.length })}
          </Button>
        }
      >
        {book.error && <Alert type="error" showIcon title={book.error.message} style={{ marginBottom: 8 }} />}
        <Table<SignBookItem>
          data-testid="signbook-table"
          rowKey="taskId"
          size="small"
          tableLayout="fixed"
          loading={book.loading && !book.data}
          columns={columns}
          dataSource={rows}
          pagination={{ pageSize: 20, showSizeChanger: false, hideOnSinglePage: true }}
          rowSelection={{
            selectedRowKeys: tickedItems.map((r) => r.taskId),
            onChange: (keys) => setTicked(keys.map(String)),
            columnWidth: 36,
            getCheckboxProps: (r) => ({ title: t('signatureBook.tick'), 'aria-label': `${t('signatureBook.tick')} ${r.ref}` }),
          }}
          rowClassName={(r) => (r.taskId === selected?.taskId ? 'alur-clickable-row alur-row-selected' : 'alur-clickable-row')}
          onRow={(r) => openableRow(() => setSelectedTask(r.taskId))}
          locale={{ emptyText: t('signatureBook.empty') }}
        />
      </Card>
      <Card size="small" className="alur-signbook-side" title={selected ? `${selected.ref} · ${selected.stepName}` : t('signatureBook.pickOne')}>
        {selected ? <SelectedItem key={selected.taskId} item={selected} onDone={book.reload} /> : <Empty description={t('signatureBook.pickOne')} />}
      </Card>
      {batch && <BatchSignModal items={batch} onClose={() => setBatch(null)} onSigned={book.reload} />}
    </div>
  );
}

/** The selected item: its document, and its act and way back through the case's act dialog. */
function SelectedItem({ item, onDone }: { item: SignBookItem; onDone: () => void }) {
  const { t } = useTranslation();
  const q = useQuery(() => api['case.get']({ caseId: item.caseId }), `signbook-case:${item.caseId}`);
  const [acting, setActing] = useState<AllowedActionView | null>(null);
  if (q.error) return <Alert type="error" showIcon title={q.error.message} />;
  const d = q.data;
  if (!d) return <Spin />;
  const offer = (actionId: string | undefined) => d.allowed.find((a) => a.taskId === item.taskId && a.action.id === actionId) ?? null;
  const sign = offer(item.action.id);
  const back = offer(item.returnAction?.id);
  return (
    <div data-testid="signbook-selected">
      <Typography.Paragraph style={{ marginBottom: 4 }}>
        <Typography.Text strong>{d.case.title}</Typography.Text>
      </Typography.Paragraph>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        {item.sentBy?.positionTitle
          ? t('signatureBook.sentLine', { name: item.sentBy.name, post: actingTitle(item.sentBy.positionTitle, item.sentBy.acting, t) })
          : t('signatureBook.sentLineNoPost', { name: item.sentBy?.name ?? t('signatureBook.system') })}
      </Typography.Paragraph>
      <DocumentPane detail={d} kind={item.action.kind === 'approve' ? 'letter' : 'sheet'} />
      <Space wrap>
        <Button type="primary" disabled={!sign} onClick={() => setActing(sign)} data-testid="signbook-sign">
          {sign?.action.label ?? item.action.label}
        </Button>
        {item.returnAction && (
          <Button disabled={!back} onClick={() => setActing(back)} data-testid="signbook-return">
            {item.returnAction.label}
          </Button>
        )}
        <Button type="link" onClick={() => navigate({ page: 'case', id: item.caseId })}>
          {t('signatureBook.openCase')}
        </Button>
      </Space>
      {acting && (
        <ActModal
          detail={d}
          allowed={acting}
          onClose={() => setActing(null)}
          onDone={() => {
            setActing(null);
            onDone();
          }}
        />
      )}
    </div>
  );
}
