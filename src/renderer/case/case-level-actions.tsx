/**
 * Acts on the case as a whole: classify, pause/resume the clock and extend (the complaint
 * desk), and notes (anyone who can see the case).
 */
import { Alert, Button, Form, Input, Modal, Select, Space, Switch } from 'antd';
import { ClockCircleOutlined, EditOutlined, FieldTimeOutlined, MessageOutlined, PauseOutlined, PlayCircleOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseDetail } from '../../shared/api/views';
import { CASE_TYPES, URGENCIES, type CaseType, type Urgency } from '../../shared/domain/enums';
import { MAX_NOTE } from '../../shared/domain/events';
import type { Result } from '../../shared/result';
import { api } from '../api/client';
import { useApp } from '../hooks/use-app';
import { useNotify } from '../hooks/use-notify';
import { PaperStepButton } from './paper-modal';
import { useConfirmClose } from '../components/confirm-close';
import { draftKey, useFormDraft } from '../hooks/use-form-draft';
import { submitOnCtrlEnter } from '../hooks/use-shortcuts';
import { CaseEndActions } from './case-end-actions';

type Kind = 'classify' | 'pause' | 'resume' | 'note' | 'extend';

interface Fields {
  type?: CaseType;
  categoryId?: string | null;
  subcategoryId?: string | null;
  urgency?: Urgency;
  strategic?: boolean;
  text?: string;
}

/** Buttons for the case-level acts the user may do, each opening its small form. */
export function CaseLevelActions({ detail, onDone }: { detail: CaseDetail; onDone: () => void }) {
  const { t } = useTranslation();
  const { isDesk } = useApp();
  const [open, setOpen] = useState<Kind | null>(null);
  const c = detail.case;
  const closed = c.status === 'closed';
  return (
    <>
      <Space wrap size={4}>
        <PaperStepButton detail={detail} onDone={onDone} />
        {isDesk && !closed && (
          <Button icon={<EditOutlined />} onClick={() => setOpen('classify')}>
            {t('caseAct.classify')}
          </Button>
        )}
        {isDesk && !closed && !c.paused && (
          <Button icon={<PauseOutlined />} onClick={() => setOpen('pause')}>
            {t('caseAct.pause')}
          </Button>
        )}
        {isDesk && !closed && c.paused && (
          <Button icon={<PlayCircleOutlined />} onClick={() => setOpen('resume')}>
            {t('caseAct.resume')}
          </Button>
        )}
        {isDesk && !closed && !c.extended && (
          <Button icon={<FieldTimeOutlined />} onClick={() => setOpen('extend')}>
            {t('caseAct.extend')}
          </Button>
        )}
        <CaseEndActions detail={detail} onDone={onDone} />
        <Button icon={<MessageOutlined />} onClick={() => setOpen('note')} data-testid="add-note">
          {t('caseAct.note')}
        </Button>
      </Space>
      {open && (
        <CaseLevelModal
          kind={open}
          detail={detail}
          onClose={() => setOpen(null)}
          onDone={() => {
            setOpen(null);
            onDone();
          }}
        />
      )}
    </>
  );
}

function CaseLevelModal({ kind, detail, onClose, onDone }: { kind: Kind; detail: CaseDetail; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const { overview, session } = useApp();
  const notify = useNotify();
  const [form] = Form.useForm<Fields>();
  const categoryId = Form.useWatch('categoryId', form);
  const confirmClose = useConfirmClose();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const c = detail.case;
  const caseId = c.id;
  // A note or a reason being written is kept like any other form (per user, case and kind).
  const draft = useFormDraft<Fields>(form, draftKey(session.user.id, `case.${kind}.${caseId}`), {
    type: c.type,
    categoryId: c.categoryId,
    subcategoryId: c.subcategoryId,
    urgency: c.urgency,
    strategic: c.strategic,
  });

  async function run(v: Fields): Promise<Result<{ eventId: string }>> {
    const text = (v.text ?? '').trim();
    switch (kind) {
      case 'classify':
        return api['case.classify']({
          caseId,
          type: v.type ?? c.type,
          categoryId: v.categoryId ?? null,
          subcategoryId: v.subcategoryId ?? null,
          urgency: v.urgency ?? c.urgency,
          strategic: v.strategic ?? false,
        });
      case 'pause':
        return api['case.pause']({ caseId, reason: text });
      case 'resume':
        return api['case.resume']({ caseId, note: text || null });
      case 'note':
        return api['case.note']({ caseId, text });
      case 'extend':
        return api['case.extend']({ caseId, reason: text });
    }
  }

  async function submit(v: Fields): Promise<void> {
    setBusy(true);
    setError(null);
    const r = await run(v);
    setBusy(false);
    if (r.ok) {
      draft.clear();
      notify.success(t('caseAct.done'));
      onDone();
    } else setError(r.error.message);
  }

  const subcategories = overview.preset.categories.find((x) => x.id === categoryId)?.subcategories ?? [];
  const textRequired = kind !== 'resume';
  return (
    <Modal
      open
      title={t(`caseAct.${kind}`)}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={() => confirmClose(draft, onClose)}
      destroyOnHidden
      data-testid="case-level-modal"
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 8 }} />}
      <Form<Fields>
        form={form}
        layout="vertical"
        onFinish={(v) => notify.run(submit(v))}
        onValuesChange={draft.onValuesChange}
        onKeyDown={submitOnCtrlEnter(() => form.submit())}
        initialValues={draft.initialValues}
      >
        {kind === 'classify' ? (
          <>
            <Form.Item name="type" label={t('case.type')} rules={[{ required: true, message: t('validation.required') }]}>
              <Select options={CASE_TYPES.map((x) => ({ value: x, label: t(`caseType.${x}`) }))} />
            </Form.Item>
            <Form.Item name="categoryId" label={t('case.category')}>
              <Select
                allowClear
                options={overview.preset.categories.map((x) => ({ value: x.id, label: x.name }))}
                onChange={() => form.setFieldValue('subcategoryId', null)}
              />
            </Form.Item>
            <Form.Item name="subcategoryId" label={t('case.subcategory')}>
              <Select allowClear disabled={subcategories.length === 0} options={subcategories.map((x) => ({ value: x.id, label: x.name }))} />
            </Form.Item>
            <Form.Item name="urgency" label={t('case.urgency')}>
              <Select options={URGENCIES.map((x) => ({ value: x, label: t(`urgency.${x}`) }))} />
            </Form.Item>
            <Form.Item name="strategic" label={t('case.strategic')} valuePropName="checked">
              <Switch />
            </Form.Item>
          </>
        ) : (
          <Form.Item
            name="text"
            label={t(`caseAct.${kind}Text`)}
            rules={textRequired ? [{ required: true, whitespace: true, message: t('validation.required') }] : []}
          >
            <Input.TextArea rows={4} maxLength={MAX_NOTE} autoFocus />
          </Form.Item>
        )}
        {kind === 'pause' && <Alert type="info" showIcon icon={<ClockCircleOutlined />} title={t('caseAct.pauseHint')} />}
      </Form>
    </Modal>
  );
}
