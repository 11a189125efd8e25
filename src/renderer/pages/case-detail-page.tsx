/** One case: its fields, the complainant, open tasks, the allowed acts, and the full timeline. */
import { Alert, Button, Card, Col, Descriptions, Empty, Row, Space, Spin, Table, Tag, Typography } from 'antd';
import { ArrowLeftOutlined, EyeInvisibleOutlined } from '@ant-design/icons';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AllowedActionView, CaseDetail } from '../../shared/api/views';
import type { Task } from '../../shared/workflow/state';
import { api } from '../api/client';
import { ActModal } from '../case/act-modal';
import { CaseLevelActions } from '../case/case-level-actions';
import { CaseTimeline } from '../case/case-timeline';
import { DocumentsCard } from '../case/documents-card';
import { CaseLinksCard } from '../desk/case-links-card';
import { DueBadge, PrivacyTag, ReturnedTag, StatusTag, UrgencyTag } from '../components/case-tags';
import { actingTitle } from '../components/positions-text';
import { formatDateTime } from '../format/dates';
import { useApp } from '../hooks/use-app';
import { useNow } from '../hooks/use-now';
import { useQuery } from '../hooks/use-query';
import { useCasesChanged } from '../hooks/use-server-event';

/** Once the response is approved (or the answer is out), it is no longer a draft. */
const FINAL_STATUSES = new Set<CaseDetail['case']['status']>(['responded', 'answered', 'closed']);

/** The case page. */
export function CaseDetailPage({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const q = useQuery(() => api['case.get']({ caseId }), caseId);
  const [acting, setActing] = useState<AllowedActionView | null>(null);
  useCasesChanged(q.reload, caseId);

  if (!q.data) {
    if (q.error) return <Alert type="error" showIcon title={q.error.message} action={<BackButton />} />;
    return <Spin style={{ display: 'block', marginTop: 80 }} />;
  }
  const d = q.data;
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <CaseHeader detail={d} onAct={setActing} onChanged={q.reload} />
      <Row gutter={12}>
        <Col xs={24} xl={14}>
          <Space orientation="vertical" size={12} style={{ width: '100%' }}>
            <CaseFields detail={d} />
            <TasksCard detail={d} />
            <DocumentsCard detail={d} onChanged={q.reload} />
          </Space>
        </Col>
        <Col xs={24} xl={10}>
          <Space orientation="vertical" size={12} style={{ width: '100%' }}>
            <ComplainantCard detail={d} />
            <CaseLinksCard detail={d} onChanged={q.reload} />
            <Card title={t('timeline.title', { count: d.timeline.length })} size="small">
              <CaseTimeline entries={d.timeline} caseId={d.case.id} />
            </Card>
          </Space>
        </Col>
      </Row>
      {acting && (
        <ActModal
          detail={d}
          allowed={acting}
          onClose={() => setActing(null)}
          onDone={() => {
            setActing(null);
            q.reload();
          }}
        />
      )}
    </Space>
  );
}

function BackButton() {
  const { t } = useTranslation();
  return (
    <Button icon={<ArrowLeftOutlined />} onClick={() => window.history.back()}>
      {t('common.back')}
    </Button>
  );
}

function CaseHeader({ detail, onAct, onChanged }: { detail: CaseDetail; onAct: (a: AllowedActionView) => void; onChanged: () => void }) {
  const { t } = useTranslation();
  const c = detail.case;
  // Several posts may be offered the same action: name the post only when it disambiguates.
  const multiplePosts = new Set(detail.allowed.map((a) => a.asPositionId)).size > 1;
  return (
    <Card size="small">
      <Space orientation="vertical" size={8} style={{ width: '100%' }}>
        <Space wrap size={6}>
          <BackButton />
          <Typography.Title level={4} style={{ margin: 0 }} data-testid="case-ref">
            {c.ref}
          </Typography.Title>
          <StatusTag status={c.status} />
          <UrgencyTag urgency={c.urgency} />
          <PrivacyTag privacy={c.privacy} />
          {c.strategic && <Tag color="volcano">{t('case.strategic')}</Tag>}
          {c.extended && <Tag color="cyan">{t('case.extended')}</Tag>}
          {c.escalatedAt !== null && <Tag color="red">{t('case.escalated')}</Tag>}
          {c.conflictCount > 0 && <Tag color="red">{t('case.conflicts', { count: c.conflictCount })}</Tag>}
        </Space>
        <Typography.Text strong style={{ fontSize: 15 }} data-testid="case-title">
          {c.title}
        </Typography.Text>
        <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, justifyContent: 'space-between' }}>
          <Space wrap size={4} data-testid="allowed-actions">
            {detail.allowed.length === 0 && <Typography.Text type="secondary">{t('case.noActions')}</Typography.Text>}
            {detail.allowed.map((a, i) => (
              <Button
                key={`${a.taskId}:${a.action.id}:${a.asPositionId}`}
                type={i === 0 ? 'primary' : 'default'}
                danger={a.action.kind === 'return'}
                onClick={() => onAct(a)}
              >
                {multiplePosts ? t('case.actionAs', { label: a.action.label, as: actingTitle(a.asTitle, a.acting, t) }) : a.action.label}
              </Button>
            ))}
          </Space>
          <CaseLevelActions detail={detail} onDone={onChanged} />
        </div>
      </Space>
    </Card>
  );
}

function CaseFields({ detail }: { detail: CaseDetail }) {
  const { t, i18n } = useTranslation();
  const { tz, overview } = useApp();
  const now = useNow();
  const c = detail.case;
  const category = overview.preset.categories.find((x) => x.id === c.categoryId);
  const sub = category?.subcategories.find((x) => x.id === c.subcategoryId);
  const dash = t('common.dash');
  const when = (ms: number | null) => (ms === null ? dash : formatDateTime(ms, tz, t, i18n.language));
  return (
    <Card size="small" title={t('case.details')}>
      <Descriptions size="small" bordered column={{ xs: 1, md: 2 }} data-testid="case-fields">
        <Descriptions.Item label={t('case.ref')}>{c.ref}</Descriptions.Item>
        <Descriptions.Item label={t('case.laporId')}>{c.laporId ?? dash}</Descriptions.Item>
        <Descriptions.Item label={t('case.channel')}>{t(`channel.${c.channel}`)}</Descriptions.Item>
        <Descriptions.Item label={t('case.type')}>{t(`caseType.${c.type}`)}</Descriptions.Item>
        <Descriptions.Item label={t('case.category')}>
          {category ? `${category.name}${sub ? ` / ${sub.name}` : ''}` : (c.categoryId ?? dash)}
        </Descriptions.Item>
        <Descriptions.Item label={t('case.privacy')}>{t(`privacy.${c.privacy}`)}</Descriptions.Item>
        <Descriptions.Item label={t('case.received')}>{when(c.receivedAt)}</Descriptions.Item>
        <Descriptions.Item label={t('case.due')}>
          <Space size={4}>
            <DueBadge dueAt={c.dueAt} now={now} overdue={c.overdue} paused={c.paused} />
            {c.dueAt !== null && !c.paused && <span className="alur-timeline-meta">{when(c.dueAt)}</span>}
          </Space>
        </Descriptions.Item>
        <Descriptions.Item label={t('case.status')}>
          <StatusTag status={c.status} />
        </Descriptions.Item>
        <Descriptions.Item label={t('case.position')}>{c.currentSteps.length ? c.currentSteps.join(', ') : dash}</Descriptions.Item>
        <Descriptions.Item label={t('case.location')} span={2}>
          {c.location ?? dash}
        </Descriptions.Item>
        <Descriptions.Item label={t('case.description')} span={2}>
          <div className="alur-pre">{c.description}</div>
        </Descriptions.Item>
        {c.response && (
          <Descriptions.Item label={FINAL_STATUSES.has(c.status) ? t('ui.response.final') : t('case.response')} span={2}>
            <div className="alur-pre">{c.response}</div>
          </Descriptions.Item>
        )}
        {c.answer && (
          <Descriptions.Item label={t('case.answer')} span={2}>
            <div className="alur-pre">{c.answer}</div>
            <div className="alur-timeline-meta">{when(c.answeredAt)}</div>
          </Descriptions.Item>
        )}
      </Descriptions>
    </Card>
  );
}

function ComplainantCard({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  const id = detail.identity;
  const dash = t('common.dash');
  let body;
  if (detail.case.privacy === 'anonim') body = <Typography.Text type="secondary">{t('complainant.anonymous')}</Typography.Text>;
  else if (detail.identityHidden)
    body = (
      <Typography.Text type="secondary" data-testid="identity-hidden">
        <EyeInvisibleOutlined /> {t('complainant.hidden')}
      </Typography.Text>
    );
  else if (!id) body = <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('complainant.none')} />;
  else
    body = (
      <Descriptions size="small" column={1}>
        <Descriptions.Item label={t('complainant.name')}>{id.name}</Descriptions.Item>
        <Descriptions.Item label={t('complainant.nik')}>{id.nik ?? dash}</Descriptions.Item>
        <Descriptions.Item label={t('complainant.phone')}>{id.phone ?? dash}</Descriptions.Item>
        <Descriptions.Item label={t('complainant.email')}>{id.email ?? dash}</Descriptions.Item>
        <Descriptions.Item label={t('complainant.address')}>{id.address ?? dash}</Descriptions.Item>
      </Descriptions>
    );
  return (
    <Card size="small" title={t('complainant.title')} data-testid="complainant">
      {body}
    </Card>
  );
}

function TasksCard({ detail }: { detail: CaseDetail }) {
  const { t, i18n } = useTranslation();
  const { tz, overview } = useApp();
  const now = useNow();
  const open = detail.tasks.filter((x) => x.state === 'open' || x.state === 'waiting');
  const stepName = (id: string) => overview.preset.steps.find((s) => s.id === id)?.name ?? id;
  const unitName = (id: string) => overview.units.find((u) => u.id === id)?.name ?? id;
  const posTitle = (id: string | null) => (id ? (overview.positions.find((p) => p.id === id)?.title ?? id) : null);
  const columns: ColumnsType<Task> = [
    {
      title: t('task.step'),
      dataIndex: 'stepId',
      render: (_v, r) => (
        <Space size={4}>
          {r.returned && <ReturnedTag />}
          {stepName(r.stepId)}
        </Space>
      ),
    },
    { title: t('task.where'), dataIndex: 'unitId', render: (_v, r) => posTitle(r.positionId) ?? unitName(r.unitId) },
    { title: t('task.state'), dataIndex: 'state', width: 110, render: (_v, r) => t(`taskState.${r.state}`) },
    { title: t('task.opened'), dataIndex: 'openedAt', width: 180, render: (_v, r) => formatDateTime(r.openedAt, tz, t, i18n.language) },
    { title: t('case.due'), dataIndex: 'dueAt', width: 130, render: (_v, r) => <DueBadge dueAt={r.dueAt} now={now} paused={detail.case.paused} /> },
  ];
  return (
    <Card size="small" title={t('task.title', { count: open.length })}>
      <Table<Task>
        rowKey="id"
        size="small"
        pagination={false}
        columns={columns}
        dataSource={open}
        locale={{ emptyText: t('task.none') }}
        expandable={{
          rowExpandable: (r) => r.instructions.length > 0 || Boolean(r.note),
          expandedRowRender: (r) => (
            <div className="alur-pre">
              {r.instructions.length > 0 && (
                <div>
                  {t('summary.instructions')}: {r.instructions.join('; ')}
                </div>
              )}
              {r.note && (
                <div>
                  {t('summary.note')}: {r.note}
                </div>
              )}
            </div>
          ),
        }}
      />
    </Card>
  );
}
