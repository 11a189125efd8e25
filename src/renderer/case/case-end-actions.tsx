/**
 * The end of a case besides the answer (issue 15), for the complaint desk: close by hand with
 * a reason (and, where the preset's step offers it, forwarded to another agency or not this
 * office's), and reopen an answered case with the complainant's words within the reaction
 * period. The backend says which of these apply now (`case.endOptions`).
 */
import { Alert, Button, Form, Input, Modal, Select } from 'antd';
import { RollbackOutlined, StopOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseDetail } from '../../shared/api/views';
import { MAX_NOTE } from '../../shared/domain/events';
import type { ManualCloseReason } from '../../shared/workflow/engine-reaction';
import { api } from '../api/client';
import { formatDateTime } from '../format/dates';
import { useApp } from '../hooks/use-app';
import { useNotify } from '../hooks/use-notify';
import { useQuery } from '../hooks/use-query';

type Kind = 'close' | 'reopen';

/** "Tutup aduan" and "Buka kembali" buttons, when the backend offers them. */
export function CaseEndActions({ detail, onDone }: { detail: CaseDetail; onDone: () => void }) {
  const { t } = useTranslation();
  const { isDesk } = useApp();
  const [open, setOpen] = useState<Kind | null>(null);
  const c = detail.case;
  // Reloaded whenever the case changes (its event count moves with every act).
  const options = useQuery(() => api['case.endOptions']({ caseId: c.id }), `${c.id}:${detail.timeline.length}`);
  if (!isDesk || !options.data) return null;
  // A duplicate is closed by linking it to its original ("Tandai duplikat", desk/case-links-card).
  const closeReasons = options.data.closeReasons.filter((r) => r !== 'duplicate');
  const { reopenUntil } = options.data;
  return (
    <>
      {reopenUntil !== null && (
        <Button icon={<RollbackOutlined />} onClick={() => setOpen('reopen')} data-testid="case-reopen">
          {t('caseEnd.reopen')}
        </Button>
      )}
      {closeReasons.length > 0 && (
        <Button icon={<StopOutlined />} onClick={() => setOpen('close')} data-testid="case-close">
          {t('caseEnd.close')}
        </Button>
      )}
      {open && (
        <CaseEndModal
          kind={open}
          caseId={c.id}
          reasons={closeReasons}
          reopenUntil={reopenUntil}
          onClose={() => setOpen(null)}
          onDone={() => {
            setOpen(null);
            options.reload();
            onDone();
          }}
        />
      )}
    </>
  );
}

interface Fields {
  reason?: ManualCloseReason;
  text?: string;
}

function CaseEndModal(props: {
  kind: Kind;
  caseId: string;
  reasons: ManualCloseReason[];
  reopenUntil: number | null;
  onClose: () => void;
  onDone: () => void;
}) {
  const { kind, caseId, reasons, reopenUntil } = props;
  const { t, i18n } = useTranslation();
  const { tz } = useApp();
  const notify = useNotify();
  const [form] = Form.useForm<Fields>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(v: Fields): Promise<void> {
    setBusy(true);
    setError(null);
    const text = (v.text ?? '').trim();
    const r =
      kind === 'reopen'
        ? await api['case.reopen']({ caseId, words: text })
        : await api['case.close']({ caseId, reason: v.reason ?? 'manual', note: text });
    setBusy(false);
    if (r.ok) {
      notify.success(t(kind === 'reopen' ? 'caseEnd.reopened' : 'caseEnd.closed'));
      props.onDone();
    } else setError(r.error.message);
  }

  return (
    <Modal
      open
      title={t(kind === 'reopen' ? 'caseEnd.reopen' : 'caseEnd.close')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={props.onClose}
      destroyOnHidden
      data-testid="case-end-modal"
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 8 }} />}
      {kind === 'reopen' && reopenUntil !== null && (
        <Alert
          type="info"
          showIcon
          title={t('caseEnd.reopenHint', { until: formatDateTime(reopenUntil, tz, t, i18n.language) })}
          style={{ marginBottom: 8 }}
        />
      )}
      <Form<Fields> form={form} layout="vertical" onFinish={(v) => notify.run(submit(v))} initialValues={{ reason: reasons[0] }}>
        {kind === 'close' && (
          <Form.Item name="reason" label={t('caseEnd.reason')} rules={[{ required: true, message: t('validation.required') }]}>
            <Select options={reasons.map((r) => ({ value: r, label: t(`closeReason.${r}`) }))} />
          </Form.Item>
        )}
        <Form.Item
          name="text"
          label={t(kind === 'reopen' ? 'caseEnd.words' : 'caseEnd.note')}
          rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
        >
          <Input.TextArea rows={4} maxLength={MAX_NOTE} autoFocus />
        </Form.Item>
      </Form>
    </Modal>
  );
}
