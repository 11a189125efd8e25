/**
 * A step done on the printed sheet: the official wrote and signed it in ink, and the desk (or
 * a user of the unit whose step it is) records what was written, with the scan, through
 * `case.recordPaper`. The act is the official's and the timeline marks it as paper.
 */
import { Alert, Button, Checkbox, DatePicker, Form, Input, Modal, Select, Typography } from 'antd';
import { FileTextOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseDetail, OfficeOverview, SessionInfo } from '../../shared/api/views';
import type { AttachmentRef } from '../../shared/domain/events';
import type { PresetAction } from '../../shared/workflow/preset';
import type { Task } from '../../shared/workflow/state';
import { MAX_DESCRIPTION, MAX_NOTE } from '../../shared/domain/events';
import { api } from '../api/client';
import { instantToWallClock } from '../format/dates';
import { useApp } from '../hooks/use-app';
import { useNotify } from '../hooks/use-notify';
import { ownAct } from '../hooks/own-acts';
import { draftKey, useFormDraft } from '../hooks/use-form-draft';
import { submitOnCtrlEnter } from '../hooks/use-shortcuts';
import { useConfirmClose } from '../components/confirm-close';
import { AttachmentUpload } from '../register/attachment-upload';

/** One thing the sheet may record: an action of an open task's step. */
interface PaperChoice {
  value: string;
  task: Task;
  stepNo: number;
  stepName: string;
  action: PresetAction;
}

interface Fields {
  choice: string;
  positionId: string;
  writtenOn: Dayjs;
  targets?: string[];
  instructions?: string[];
  note?: string;
  response?: string;
  scan?: AttachmentRef;
}

/**
 * The actions the user may record on paper: every action of each open task, for the desk;
 * for anyone else, only tasks of a unit they hold a post in (what `case.recordPaper` allows).
 */
function paperChoices(detail: CaseDetail, overview: OfficeOverview, session: SessionInfo, isDesk: boolean): PaperChoice[] {
  if (detail.case.status === 'closed' || detail.case.status === 'answered') return [];
  const units = new Set(session.positions.map((p) => p.unitId));
  const out: PaperChoice[] = [];
  for (const task of detail.tasks) {
    if (task.state !== 'open' || !(isDesk || units.has(task.unitId))) continue;
    const step = overview.preset.steps.find((s) => s.id === task.stepId);
    if (!step) continue;
    for (const action of step.actions) {
      if (action.onlyForTypes && !action.onlyForTypes.includes(detail.case.type)) continue;
      out.push({ value: `${task.id}|${action.id}`, task, stepNo: step.no, stepName: step.name, action });
    }
  }
  return out;
}

/** The posts that may do a task: its role in its unit, or the one post a disposition named. */
function officialPosts(task: Task, overview: OfficeOverview) {
  return overview.positions.filter(
    (p) => p.active && p.unitId === task.unitId && p.roleId === task.roleId && (task.positionId === null || p.id === task.positionId),
  );
}

/** The button on the case page; shown only when there is something the user may record. */
export function PaperStepButton({ detail, onDone }: { detail: CaseDetail; onDone: () => void }) {
  const { t } = useTranslation();
  const { overview, session, isDesk } = useApp();
  const [open, setOpen] = useState(false);
  const choices = paperChoices(detail, overview, session, isDesk);
  if (choices.length === 0) return null;
  return (
    <>
      <Button icon={<FileTextOutlined />} onClick={() => setOpen(true)} data-testid="paper-step">
        {t('desk.paper.button')}
      </Button>
      {open && (
        <PaperModal
          detail={detail}
          choices={choices}
          onClose={() => setOpen(false)}
          onDone={() => {
            setOpen(false);
            onDone();
          }}
        />
      )}
    </>
  );
}

function PaperModal({ detail, choices, onClose, onDone }: { detail: CaseDetail; choices: PaperChoice[]; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const { overview, tz, session } = useApp();
  const notify = useNotify();
  const [form] = Form.useForm<Fields>();
  const confirmClose = useConfirmClose();
  const [busy, setBusy] = useState(false);
  const [uploading, setUploading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const choiceValue = Form.useWatch('choice', form);
  const choice = choices.find((c) => c.value === choiceValue);
  const kind = choice?.action.kind;
  const posts = choice ? officialPosts(choice.task, overview) : [];
  // Today in the office's zone: a sheet cannot be dated later than that.
  const [today] = useState(() => instantToWallClock(Date.now(), tz).startOf('day'));
  const targetOptions = !choice
    ? []
    : choice.action.targets === 'opd_units'
      ? overview.units.filter((u) => u.kind === 'opd' && u.active).map((u) => ({ value: u.id, label: `${u.code} · ${u.name}` }))
      : overview.positions
          .filter((p) => p.active && p.unitId === choice.task.unitId && !posts.some((o) => o.id === p.id))
          .map((p) => ({ value: `${p.unitId}/${p.id}`, label: p.title }));

  function pick(value: string): void {
    const next = choices.find((c) => c.value === value);
    const first = next ? officialPosts(next.task, overview)[0] : undefined;
    form.setFieldsValue({ positionId: first?.id, targets: [] });
  }

  async function submit(v: Fields): Promise<void> {
    const scan = v.scan;
    if (!choice || !scan) return;
    setBusy(true);
    setError(null);
    const r = await ownAct(
      () =>
        api['case.recordPaper']({
          caseId: detail.case.id,
          taskId: choice.task.id,
          actionId: choice.action.id,
          positionId: v.positionId,
          writtenOn: v.writtenOn.format('YYYY-MM-DD'),
          scan,
          targets: (v.targets ?? []).map((x) => {
            const [unitId = x, positionId] = x.split('/');
            return { unitId, positionId: positionId ?? null };
          }),
          instructions: v.instructions ?? [],
          note: v.note?.trim() ? v.note.trim() : null,
          response: v.response?.trim() ? v.response.trim() : null,
        }),
      () => detail.case.id,
    );
    setBusy(false);
    if (r.ok) {
      draft.clear();
      notify.success(t('desk.paper.done', { label: choice.action.label }));
      onDone();
    } else setError(r.error.message);
  }

  const required = [{ required: true, message: t('validation.required') }];
  const first = choices[0];
  // The transcription of a sheet can be long: kept per user and case until recorded or discarded (the scan is uploaded again).
  const draft = useFormDraft<Fields>(
    form,
    draftKey(session.user.id, `paper.${detail.case.id}`),
    { choice: first?.value, positionId: first ? officialPosts(first.task, overview)[0]?.id : undefined, writtenOn: today },
    ['scan'],
  );
  return (
    <Modal
      open
      title={t('desk.paper.title')}
      okText={t('desk.paper.submit')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      okButtonProps={{ disabled: uploading }}
      onOk={() => form.submit()}
      onCancel={() => confirmClose(draft, onClose)}
      destroyOnHidden
      width={680}
      data-testid="paper-modal"
    >
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        {t('desk.paper.intro')}
      </Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 8 }} data-testid="paper-error" />}
      <Form<Fields>
        form={form}
        layout="vertical"
        onFinish={(v) => notify.run(submit(v))}
        onValuesChange={draft.onValuesChange}
        onKeyDown={submitOnCtrlEnter(() => form.submit())}
        initialValues={draft.initialValues}
      >
        <Form.Item name="choice" label={t('desk.paper.action')} rules={required}>
          <Select
            data-testid="paper-action"
            onChange={pick}
            options={choices.map((c) => ({
              value: c.value,
              label: t('desk.paper.stepAction', { no: c.stepNo, step: c.stepName, action: c.action.label }),
            }))}
          />
        </Form.Item>
        <div style={{ display: 'flex', gap: 12 }}>
          <Form.Item name="positionId" label={t('desk.paper.official')} rules={required} style={{ flex: 2 }}>
            <Select data-testid="paper-official" options={posts.map((p) => ({ value: p.id, label: p.title }))} />
          </Form.Item>
          <Form.Item name="writtenOn" label={t('desk.paper.writtenOn')} rules={required} style={{ flex: 1, minWidth: 180 }}>
            <DatePicker
              format={t('format.datePicker')}
              style={{ width: '100%' }}
              disabledDate={(d) => d.isAfter(today, 'day') || d.isBefore(dayjs('2000-01-01'))}
            />
          </Form.Item>
        </div>
        {kind === 'dispose' && (
          <>
            <Form.Item
              name="targets"
              label={choice?.action.targets === 'opd_units' ? t('act.targetUnits') : t('act.targetPositions')}
              rules={required}
            >
              <Select mode="multiple" options={targetOptions} showSearch={{ optionFilterProp: 'label' }} data-testid="paper-targets" />
            </Form.Item>
            <Form.Item name="instructions" label={t('act.instructions')}>
              <Checkbox.Group
                options={overview.preset.instructions.map((i) => ({ value: i, label: i }))}
                style={{ display: 'grid', gridTemplateColumns: '1fr 1fr' }}
              />
            </Form.Item>
          </>
        )}
        {(kind === 'draft' || kind === 'answer') && (
          <Form.Item
            name="response"
            label={kind === 'draft' ? t('act.response') : t('act.answer')}
            rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
          >
            <Input.TextArea rows={5} maxLength={MAX_DESCRIPTION} />
          </Form.Item>
        )}
        <Form.Item
          name="note"
          label={kind === 'return' ? t('act.returnReason') : t('act.note')}
          rules={choice?.action.requiresNote || kind === 'return' ? [{ required: true, whitespace: true, message: t('validation.required') }] : []}
        >
          <Input.TextArea rows={2} maxLength={MAX_NOTE} />
        </Form.Item>
        <Form.Item
          name="scan"
          label={t('desk.paper.scan')}
          rules={[{ required: true, message: t('desk.paper.scanRequired') }]}
          getValueFromEvent={(refs: AttachmentRef[]) => refs[0]}
        >
          <AttachmentUpload max={1} testId="paper-scan" onBusy={setUploading} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
