/**
 * The case page's duplicate links and the answer's delivery (issue 15): the original this case
 * duplicates, or the duplicates of this one, each with its complainant as the user may see
 * them; "Tandai duplikat" for the desk (by the original's tracking number); and how the answer
 * reached the complainant, with "Catat penyampaian" on an answered case.
 */
import { Alert, Button, Card, DatePicker, Form, Input, List, Modal, Select, Space, Typography } from 'antd';
import { CopyOutlined, SendOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseDetail } from '../../shared/api/views';
import type { LinkedCase } from '../../shared/api/views-desk-work';
import { DELIVERY_CHANNELS, type DeliveryChannel } from '../../shared/domain/enums';
import { MAX_NOTE } from '../../shared/domain/events';
import { api } from '../api/client';
import { StatusTag } from '../components/case-tags';
import { formatDateTime, instantToWallClock, wallClockToInstant } from '../format/dates';
import { useApp } from '../hooks/use-app';
import { useNotify } from '../hooks/use-notify';
import { useNow } from '../hooks/use-now';
import { useQuery } from '../hooks/use-query';
import { routeHash } from '../hooks/use-route';

function LinkedRow({ c }: { c: LinkedCase }) {
  const { t } = useTranslation();
  const who = c.complainantHidden ? t('deskWork.hiddenComplainant') : (c.complainant ?? t('deskWork.noComplainant'));
  return (
    <Space wrap size={6}>
      <a href={routeHash({ page: 'case', id: c.id })}>{c.ref}</a>
      <StatusTag status={c.status} />
      <Typography.Text ellipsis={{ tooltip: c.title }} style={{ maxWidth: 260 }}>
        {c.title}
      </Typography.Text>
      <Typography.Text type="secondary">· {who}</Typography.Text>
    </Space>
  );
}

/** Shown on every case page; the buttons only for the desk, when the backend offers them. */
export function CaseLinksCard({ detail, onChanged }: { detail: CaseDetail; onChanged: () => void }) {
  const { t, i18n } = useTranslation();
  const { tz } = useApp();
  const c = detail.case;
  const q = useQuery(() => api['case.links']({ caseId: c.id }), `${c.id}:${detail.timeline.length}`);
  const [open, setOpen] = useState<'link' | 'deliver' | null>(null);
  const l = q.data;
  if (!l) return null;
  const empty = !l.duplicateOf && l.duplicates.length === 0 && !l.delivery && !l.canRecordDelivery && !l.canLinkDuplicate;
  if (empty) return null;
  const done = () => {
    setOpen(null);
    q.reload();
    onChanged();
  };
  return (
    <Card size="small" title={t('deskWork.linksTitle')} data-testid="case-links">
      <Space orientation="vertical" size={8} style={{ width: '100%' }}>
        {l.duplicateOf && (
          <div data-testid="duplicate-of">
            <Typography.Text strong>{t('deskWork.duplicateOf')} </Typography.Text>
            <LinkedRow c={l.duplicateOf} />
          </div>
        )}
        {l.duplicates.length > 0 && (
          <div data-testid="duplicates">
            <Typography.Text strong>{t('deskWork.duplicates', { count: l.duplicates.length })}</Typography.Text>
            <List
              size="small"
              dataSource={l.duplicates}
              renderItem={(d) => (
                <List.Item key={d.id}>
                  <LinkedRow c={d} />
                </List.Item>
              )}
            />
          </div>
        )}
        {(l.delivery || l.canRecordDelivery) && (
          <div data-testid="delivery">
            <Typography.Text strong>{t('deskWork.delivery')} </Typography.Text>
            {l.delivery ? (
              <Typography.Text>
                {t('deskWork.deliveredVia', {
                  channel: t(`deliveryChannel.${l.delivery.channel}`),
                  at: formatDateTime(l.delivery.at, tz, t, i18n.language),
                })}
              </Typography.Text>
            ) : (
              <Typography.Text>{t('deskWork.notDelivered')}</Typography.Text>
            )}
          </div>
        )}
        <Space wrap>
          {l.canLinkDuplicate && (
            <Button icon={<CopyOutlined />} onClick={() => setOpen('link')} data-testid="link-duplicate">
              {t('deskWork.markDuplicate')}
            </Button>
          )}
          {l.canRecordDelivery && (
            <Button icon={<SendOutlined />} onClick={() => setOpen('deliver')} data-testid="record-delivery">
              {t('deskWork.recordDelivery')}
            </Button>
          )}
        </Space>
      </Space>
      {open === 'link' && <LinkModal caseId={c.id} onClose={() => setOpen(null)} onDone={done} />}
      {open === 'deliver' && <DeliveryModal caseId={c.id} answeredAt={c.answeredAt} onClose={() => setOpen(null)} onDone={done} />}
    </Card>
  );
}

/** Closes the case as a duplicate of the case whose tracking number or LAPOR! id is typed. */
function LinkModal({ caseId, onClose, onDone }: { caseId: string; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const [form] = Form.useForm<{ ref?: string; note?: string }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function submit(v: { ref?: string; note?: string }): Promise<void> {
    setBusy(true);
    setError(null);
    const ref = (v.ref ?? '').trim();
    const found = await api['case.list']({ search: ref, limit: 2 });
    const original = found.ok ? found.value.rows.find((r) => r.ref === ref || r.laporId === ref) : undefined;
    if (!original) {
      setBusy(false);
      setError(t('deskWork.originalNotFound', { ref }));
      return;
    }
    const r = await api['case.linkDuplicate']({ caseId, originalId: original.id, note: v.note?.trim() || null });
    setBusy(false);
    if (!r.ok) return setError(r.error.message);
    notify.success(t('deskWork.linked', { ref: original.ref }));
    onDone();
  }
  return (
    <Modal
      open
      title={t('deskWork.markDuplicate')}
      okText={t('deskWork.markDuplicate')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      onCancel={onClose}
      onOk={() => form.submit()}
    >
      <Form form={form} layout="vertical" onFinish={(v) => notify.run(submit(v))}>
        <Form.Item name="ref" label={t('deskWork.originalRef')} rules={[{ required: true, whitespace: true, message: t('validation.required') }]}>
          <Input autoFocus data-testid="original-ref" />
        </Form.Item>
        <Form.Item name="note" label={t('deskWork.note')}>
          <Input.TextArea rows={2} maxLength={MAX_NOTE} />
        </Form.Item>
        {error && <Alert type="error" showIcon title={error} />}
      </Form>
    </Modal>
  );
}

interface DeliveryFields {
  channel?: DeliveryChannel;
  at?: Dayjs | null;
  note?: string;
}

/** How and when the answer reached the complainant. */
function DeliveryModal({
  caseId,
  answeredAt,
  onClose,
  onDone,
}: {
  caseId: string;
  answeredAt: number | null;
  onClose: () => void;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const now = useNow();
  const { tz } = useApp();
  const notify = useNotify();
  const [form] = Form.useForm<DeliveryFields>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function submit(v: DeliveryFields): Promise<void> {
    if (!v.channel || !v.at) return;
    setBusy(true);
    setError(null);
    const r = await api['case.recordDelivery']({
      caseId,
      channel: v.channel,
      deliveredAt: wallClockToInstant(v.at, tz),
      note: v.note?.trim() || null,
    });
    setBusy(false);
    if (!r.ok) return setError(r.error.message);
    notify.success(t('deskWork.deliveryRecorded'));
    onDone();
  }
  return (
    <Modal
      open
      title={t('deskWork.recordDelivery')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      onCancel={onClose}
      onOk={() => form.submit()}
    >
      <Form form={form} layout="vertical" initialValues={{ at: instantToWallClock(now, tz) }} onFinish={(v) => notify.run(submit(v))}>
        <Form.Item name="channel" label={t('deskWork.deliveryChannel')} rules={[{ required: true, message: t('validation.required') }]}>
          <Select
            data-testid="delivery-channel"
            aria-label={t('deskWork.deliveryChannel')}
            options={DELIVERY_CHANNELS.map((ch) => ({ value: ch, label: t(`deliveryChannel.${ch}`) }))}
          />
        </Form.Item>
        <Form.Item
          name="at"
          label={t('deskWork.deliveredAt')}
          rules={[{ required: true, message: t('validation.required') }]}
          extra={answeredAt !== null ? t('deskWork.notBeforeAnswer') : undefined}
        >
          <DatePicker showTime={{ format: 'HH:mm' }} format="DD/MM/YYYY HH:mm" />
        </Form.Item>
        <Form.Item name="note" label={t('deskWork.note')}>
          <Input.TextArea rows={2} maxLength={MAX_NOTE} />
        </Form.Item>
        {error && <Alert type="error" showIcon title={error} />}
      </Form>
    </Modal>
  );
}
