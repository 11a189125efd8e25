/** Registrasi: a new complaint from any channel, by the complaint desk. */
import { Alert, Button, Card, Form, Popconfirm, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RegisterCaseInput } from '../../shared/api/contract';
import type { DuplicateCandidate } from '../../shared/api/views';
import type { AttachmentRef, Complainant } from '../../shared/domain/events';
import type { CaseType, Channel, Privacy, Urgency } from '../../shared/domain/enums';
import { api } from '../api/client';
import { instantToWallClock, wallClockToInstant } from '../format/dates';
import { useApp } from '../hooks/use-app';
import { useNotify } from '../hooks/use-notify';
import { navigate } from '../hooks/use-route';
import { ownAct } from '../hooks/own-acts';
import { draftKey, useFormDraft } from '../hooks/use-form-draft';
import { submitOnCtrlEnter } from '../hooks/use-shortcuts';
import { AttachmentUpload } from '../register/attachment-upload';
import { DuplicateAlert, useDuplicateCheck } from '../register/duplicate-check';
import { CaseFields, type Fields } from '../register/case-fields';
import { ComplainantFields } from '../register/complainant-fields';

function orNull(v: string | undefined): string | null {
  const s = v?.trim();
  return s ? s : null;
}

/** The complainant as far as it is filled in validly (the duplicate check must not fail on a half-typed NIK). */
function partialComplainant(v: Partial<Fields>): Complainant | null {
  const name = v.name?.trim();
  if (v.privacy === 'anonim' || !name) return null;
  const nik = v.nik?.trim();
  return { name, nik: nik && /^\d{16}$/.test(nik) ? nik : null, phone: orNull(v.phone), email: null, address: null };
}

/** The registration form; on success it opens the new case. */
export function RegisterPage() {
  const { t } = useTranslation();
  const { tz, isDesk, refreshInfo, session } = useApp();
  const notify = useNotify();
  const [form] = Form.useForm<Fields>();
  const channel = Form.useWatch('channel', form);
  const privacy = Form.useWatch('privacy', form);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [attachments, setAttachments] = useState<AttachmentRef[]>([]);
  const [uploading, setUploading] = useState(false);
  // Remounts the upload list when the form is emptied.
  const [uploadKey, setUploadKey] = useState(0);
  const watched = Form.useWatch((v: Partial<Fields>) => v, form);
  const dup = useDuplicateCheck({
    laporId: orNull(watched?.laporId),
    complainant: partialComplainant(watched ?? {}),
    title: watched?.title?.trim() ?? '',
    description: watched?.description?.trim() ?? '',
  });
  const [initial] = useState(() => ({
    channel: 'walkin' as Channel,
    type: 'pengaduan' as CaseType,
    privacy: 'biasa' as Privacy,
    urgency: 'biasa' as Urgency,
    receivedAt: instantToWallClock(Date.now(), tz),
  }));
  // A half-filled form is kept when the user goes to another screen, closes the app or it
  // crashes; it comes back here until registered or emptied with "Kosongkan".
  const draft = useFormDraft<Fields>(form, draftKey(session.user.id, 'register'), initial);

  function empty(): void {
    const cleared = Object.fromEntries(Object.keys(form.getFieldsValue(true) as object).map((k) => [k, undefined]));
    form.setFieldsValue({ ...cleared, ...initial, receivedAt: instantToWallClock(Date.now(), tz) });
    form.setFields(Object.keys(cleared).map((name) => ({ name: name as keyof Fields, errors: [] })));
    draft.clear();
    setError(null);
    setUploadKey((k) => k + 1);
  }

  /** Registers the form; with `original`, closes it at once as that case's duplicate (one transaction). */
  async function submit(v: Fields, original: DuplicateCandidate | null = null): Promise<void> {
    if (uploading) {
      setError(t('desk.register.uploadsPending'));
      return;
    }
    setBusy(true);
    setError(null);
    const input: RegisterCaseInput = {
      channel: v.channel,
      laporId: orNull(v.laporId),
      receivedAt: wallClockToInstant(v.receivedAt, tz),
      type: v.type,
      categoryId: v.categoryId ?? null,
      subcategoryId: v.subcategoryId ?? null,
      title: v.title,
      description: v.description,
      location: orNull(v.location),
      privacy: v.privacy,
      urgency: v.urgency,
      complainant:
        v.privacy === 'anonim'
          ? null
          : { name: (v.name ?? '').trim(), nik: orNull(v.nik), phone: orNull(v.phone), email: orNull(v.email), address: orNull(v.address) },
      attachments,
    };
    const r = await ownAct(
      () => (original ? api['case.registerDuplicate']({ registration: input, originalId: original.id, note: null }) : api['case.register'](input)),
      (x) => (x.ok ? x.value.caseId : null),
    );
    setBusy(false);
    if (!r.ok) {
      setError(r.error.message);
      return;
    }
    draft.clear();
    notify.success(
      original ? t('deskWork.savedAsDuplicate', { ref: r.value.ref, original: original.ref }) : t('register.done', { ref: r.value.ref }),
    );
    refreshInfo();
    navigate({ page: 'case', id: r.value.caseId });
  }

  return (
    <Card title={t('nav.register')} data-testid="register-form">
      {!isDesk && <Alert type="warning" showIcon title={t('register.notDesk')} style={{ marginBottom: 12 }} />}
      {draft.restored && (
        <Alert type="info" showIcon title={t('ui.draft.restoredRegister')} style={{ marginBottom: 12 }} data-testid="register-draft-restored" />
      )}
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="register-error" />}
      <Form<Fields>
        form={form}
        layout="vertical"
        initialValues={draft.initialValues}
        onValuesChange={draft.onValuesChange}
        onFinish={(v) => notify.run(submit(v))}
        onKeyDown={submitOnCtrlEnter(() => form.submit())}
        style={{ maxWidth: 1100 }}
      >
        <CaseFields form={form} channel={channel} privacy={privacy} />
        {privacy !== 'anonim' && <ComplainantFields />}
        <Form.Item label={t('desk.upload.label')}>
          <AttachmentUpload key={uploadKey} onChange={setAttachments} onBusy={setUploading} testId="register-attachments" />
        </Form.Item>
        <div style={{ marginBottom: 12 }}>
          <DuplicateAlert
            candidates={dup.candidates}
            checking={dup.checking}
            onSaveAsDuplicate={
              isDesk
                ? (c) =>
                    notify.run(
                      form.validateFields().then(
                        (v) => submit(v, c),
                        // Invalid fields show their own messages.
                        () => undefined,
                      ),
                    )
                : undefined
            }
          />
        </div>
        <Space>
          <Button type="primary" htmlType="submit" loading={busy} disabled={uploading} data-testid="register-submit">
            {dup.candidates.length > 0 ? t('desk.register.saveAnyway') : t('register.submit')}
          </Button>
          <Popconfirm
            title={t('ui.draft.emptyTitle')}
            description={t('ui.draft.emptyText')}
            okText={t('register.reset')}
            okButtonProps={{ danger: true }}
            cancelText={t('common.cancel')}
            onConfirm={empty}
          >
            <Button data-testid="register-reset">{t('register.reset')}</Button>
          </Popconfirm>
          <Typography.Text type="secondary">{t('ui.draft.autosaved')}</Typography.Text>
        </Space>
      </Form>
    </Card>
  );
}
