/**
 * The form for one workflow act (an allowed action of the case), with exactly the fields its
 * kind needs: dispose -> targets, instructions, note, urgency, due date; return -> note;
 * draft -> response; approve -> note; answer -> answer text; forward -> note.
 */
import { Alert, Checkbox, Form, Input, Modal, Select, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ActInput } from '../../shared/api/contract';
import type { AllowedActionView, CaseDetail } from '../../shared/api/views';
import { URGENCIES, type Urgency } from '../../shared/domain/enums';
import { MAX_DESCRIPTION, MAX_NOTE } from '../../shared/domain/events';
import { api } from '../api/client';
import { useConfirmClose } from '../components/confirm-close';
import { DueDateField } from '../components/due-date-field';
import { actingTitle } from '../components/positions-text';
import { wallClockToInstant } from '../format/dates';
import { useApp } from '../hooks/use-app';
import { useNotify } from '../hooks/use-notify';
import { DraftReturnNotice, draftUnderApproval, lastDraft } from './draft-revision';
import { disposeTargetOptions, parseTarget } from './dispose-targets';
import { LetterPreviewButton } from './letter-preview-button';
import { CannedPicker, withCanned } from './canned-picker';
import { ownAct } from '../hooks/own-acts';
import { draftKey, useFormDraft } from '../hooks/use-form-draft';
import { submitOnCtrlEnter } from '../hooks/use-shortcuts';

interface Props {
  detail: CaseDetail;
  allowed: AllowedActionView;
  onClose: () => void;
  onDone: () => void;
}

interface Fields {
  targets?: string[];
  instructions?: string[];
  note?: string;
  urgency?: Urgency;
  dueAt?: Dayjs | null;
  response?: string;
  signingPassword?: string;
}

/** Modal form that submits `case.act` as the post the action is offered to. */
export function ActModal({ detail, allowed, onClose, onDone }: Props) {
  const { t } = useTranslation();
  const { overview, session, tz } = useApp();
  const notify = useNotify();
  const [form] = Form.useForm<Fields>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [dateError, setDateError] = useState<string | null>(null);
  const action = allowed.action;
  const kind = action.kind;
  // What was typed survives closing the dialog, leaving the case and a restart (per user, per act).
  const draft = useFormDraft<Fields>(
    form,
    draftKey(session.user.id, `act.${detail.case.id}.${allowed.taskId}.${action.id}.${allowed.asPositionId}`),
    {
      urgency: detail.case.urgency,
      // A draft returned for revision opens with the text that was returned.
      // The approver starts from the draft being approved and may correct it (what is signed is issued).
      response:
        kind === 'answer'
          ? (detail.case.response ?? '')
          : kind === 'draft'
            ? (lastDraft(detail).text ?? undefined)
            : kind === 'approve'
              ? (draftUnderApproval(detail, allowed.taskId) ?? undefined)
              : undefined,
    },
  );
  const confirmClose = useConfirmClose();

  const targetOptions = disposeTargetOptions(action, allowed.asPositionId, overview, session.positions);

  async function submit(v: Fields): Promise<void> {
    if (dateError) return;
    setBusy(true);
    setError(null);
    const input: ActInput = {
      caseId: detail.case.id,
      taskId: allowed.taskId,
      actionId: action.id,
      asPositionId: allowed.asPositionId,
      targets: (v.targets ?? []).map(parseTarget),
      instructions: v.instructions ?? [],
      note: v.note?.trim() ? v.note.trim() : null,
      urgency: kind === 'dispose' ? (v.urgency ?? null) : null,
      dueAt: v.dueAt ? wallClockToInstant(v.dueAt, tz) : null,
      response: v.response?.trim() ? v.response.trim() : null,
      signingPassword: action.signed ? (v.signingPassword ?? null) : null,
    };
    const r = await ownAct(
      () => api['case.act'](input),
      () => detail.case.id,
    );
    setBusy(false);
    // The password opens the key for this act only; it is never kept in the form.
    form.setFieldValue('signingPassword', undefined);
    if (r.ok) {
      draft.clear();
      notify.success(t('act.done', { label: action.label }));
      onDone();
    } else setError(r.error.message);
  }

  const noteRequired = action.requiresNote || kind === 'return';
  return (
    <Modal
      open
      title={action.label}
      okText={t('act.submit')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={() => confirmClose(draft, onClose)}
      destroyOnHidden
      width={620}
      data-testid="act-modal"
    >
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        {t('act.context', { step: allowed.stepName, as: actingTitle(allowed.asTitle, allowed.acting, t) })}
      </Typography.Paragraph>
      {draft.restored && <Alert type="info" showIcon title={t('ui.draft.restored')} style={{ marginBottom: 8 }} data-testid="act-draft-restored" />}
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 8 }} data-testid="act-error" />}
      <Form<Fields>
        form={form}
        layout="vertical"
        onFinish={(v) => notify.run(submit(v))}
        onValuesChange={draft.onValuesChange}
        onKeyDown={submitOnCtrlEnter(() => form.submit())}
        initialValues={draft.initialValues}
      >
        {kind === 'dispose' && (
          <>
            <Form.Item
              name="targets"
              label={action.targets === 'opd_units' ? t('act.targetUnits') : t('act.targetPositions')}
              rules={[{ required: true, message: t('validation.required') }]}
            >
              <Select mode="multiple" options={targetOptions} showSearch={{ optionFilterProp: 'label' }} data-testid="act-targets" />
            </Form.Item>
            <Form.Item name="instructions" label={t('act.instructions')}>
              <Checkbox.Group
                options={overview.preset.instructions.map((i) => ({ value: i, label: i }))}
                style={{ display: 'grid', gridTemplateColumns: '1fr 1fr' }}
              />
            </Form.Item>
          </>
        )}
        {kind === 'draft' && <DraftReturnNotice detail={detail} />}
        {(kind === 'draft' || kind === 'approve') && (
          <LetterPreviewButton caseId={detail.case.id} response={() => (form.getFieldValue('response') as string | undefined) ?? null} />
        )}
        {(kind === 'draft' || kind === 'answer') && (
          <CannedPicker
            kind="answer"
            testId="canned-answer"
            onPick={(text) => form.setFieldValue('response', withCanned(form.getFieldValue('response') as string | undefined, text))}
          />
        )}
        {(kind === 'draft' || kind === 'answer') && (
          <Form.Item
            name="response"
            label={kind === 'draft' ? t('act.response') : t('act.answer')}
            rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
          >
            <Input.TextArea rows={8} maxLength={MAX_DESCRIPTION} showCount />
          </Form.Item>
        )}
        {kind === 'approve' && draftUnderApproval(detail, allowed.taskId) !== null && (
          <Form.Item
            name="response"
            label={t('act.draftToApprove')}
            extra={t('approverEdit.editHint')}
            rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
          >
            <Input.TextArea rows={8} maxLength={MAX_DESCRIPTION} showCount data-testid="act-approve-text" />
          </Form.Item>
        )}
        <CannedPicker
          kind="note"
          testId="canned-note"
          onPick={(text) => form.setFieldValue('note', withCanned(form.getFieldValue('note') as string | undefined, text))}
        />
        <Form.Item
          name="note"
          label={kind === 'return' ? t('act.returnReason') : t('act.note')}
          rules={noteRequired ? [{ required: true, whitespace: true, message: t('validation.required') }] : []}
        >
          <Input.TextArea rows={3} maxLength={MAX_NOTE} />
        </Form.Item>
        {kind === 'dispose' && (
          <div style={{ display: 'flex', gap: 12 }}>
            <Form.Item name="urgency" label={t('case.urgency')} style={{ flex: 1 }}>
              <Select options={URGENCIES.map((u) => ({ value: u, label: t(`urgency.${u}`) }))} />
            </Form.Item>
            <Form.Item name="dueAt" label={t('act.dueAt')} extra={t('ui.date.dueHint')} style={{ flex: 1 }}>
              <DueDateField onInvalid={setDateError} testId="act-due" />
            </Form.Item>
          </div>
        )}
        {action.signed && (
          <Form.Item
            name="signingPassword"
            label={t('act.signingPassword')}
            extra={kind === 'approve' ? t('act.signingHintLetter') : t('act.signingHint')}
            rules={[{ required: true, message: t('act.signingRequired') }]}
          >
            <Input.Password autoComplete="current-password" data-testid="act-signing-password" />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
