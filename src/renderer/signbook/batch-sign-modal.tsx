/**
 * Signing several items with one password entry. Each is still its own signed act (the backend
 * signs and commits them one by one); what failed is listed per item with the reason, beside
 * what was signed, and nothing is retried behind the user's back. A disposition needs its
 * addressees, chosen per item here; the instructions ticked apply to every disposition of the
 * batch (a note, urgency or own due date: sign that one on its own).
 */
import { Alert, Checkbox, Form, Input, List, Modal, Select, Typography } from 'antd';
import { CheckCircleFilled, CloseCircleFilled } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BatchItemResult, SignBookItem } from '../../shared/api/methods/signbook';
import { api } from '../api/client';
import { disposeTargetOptions, parseTarget } from '../case/dispose-targets';
import { useApp } from '../hooks/use-app';
import { useNotify } from '../hooks/use-notify';
import { ownAct } from '../hooks/own-acts';
import { submitOnCtrlEnter } from '../hooks/use-shortcuts';

interface Props {
  items: SignBookItem[];
  onClose: () => void;
  /** After a batch ran (some or all signed): the book reloads. */
  onSigned: () => void;
}

interface Fields {
  signingPassword: string;
  instructions?: string[];
  /** Addressees per task id: "unitId" or "unitId/positionId". */
  targets?: Record<string, string[]>;
}

export function BatchSignModal({ items, onClose, onSigned }: Props) {
  const { t } = useTranslation();
  const { overview, session } = useApp();
  const notify = useNotify();
  const [form] = Form.useForm<Fields>();
  const dispositions = items.filter((i) => i.action.kind === 'dispose');

  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [results, setResults] = useState<BatchItemResult[] | null>(null);

  async function submit(v: Fields): Promise<void> {
    setBusy(true);
    setError(null);
    const r = await ownAct(
      () =>
        api['signbook.signBatch']({
          items: items.map((i) => ({
            caseId: i.caseId,
            taskId: i.taskId,
            actionId: i.action.id,
            asPositionId: i.asPositionId,
            targets: i.action.kind === 'dispose' ? (v.targets?.[i.taskId] ?? []).map(parseTarget) : [],
            instructions: i.action.kind === 'dispose' ? (v.instructions ?? []) : [],
          })),
          signingPassword: v.signingPassword,
        }),
      () => null,
    );
    setBusy(false);
    // The password opened the key for this batch only; it is never kept in the form.
    form.setFieldValue('signingPassword', undefined);
    if (!r.ok) return setError(r.error.message);
    setResults(r.value);
    onSigned();
  }

  const byTask = new Map(results?.map((r) => [r.taskId, r]) ?? []);
  const signed = results?.filter((r) => r.ok).length ?? 0;
  return (
    <Modal
      open
      title={t('signatureBook.batchTitle', { count: items.length })}
      okText={results ? t('signatureBook.close') : t('signatureBook.signN', { count: items.length })}
      cancelButtonProps={results ? { style: { display: 'none' } } : undefined}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      onOk={() => (results ? onClose() : form.submit())}
      onCancel={onClose}
      destroyOnHidden
      width={680}
      data-testid="batch-sign-modal"
    >
      {results && (
        <Alert
          type={signed === results.length ? 'success' : 'warning'}
          showIcon
          title={t('signatureBook.batchResult', { signed, total: results.length })}
          style={{ marginBottom: 8 }}
          data-testid="batch-sign-summary"
        />
      )}
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 8 }} data-testid="batch-sign-error" />}
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) => notify.run(submit(v).finally(() => setBusy(false)))}
        onKeyDown={submitOnCtrlEnter(() => form.submit())}
      >
        <List
          size="small"
          bordered
          style={{ maxHeight: 220, overflow: 'auto', marginBottom: 12 }}
          dataSource={items}
          renderItem={(i) => {
            const r = byTask.get(i.taskId);
            return (
              <List.Item data-testid="batch-sign-item">
                <div style={{ minWidth: 0, flex: 1 }}>
                  <Typography.Text strong>{i.ref}</Typography.Text> <span className="alur-ellipsis">{i.title}</span>
                  <div className="alur-timeline-meta">{i.action.label}</div>
                  {i.action.kind === 'dispose' && (
                    <Form.Item
                      name={['targets', i.taskId]}
                      label={i.action.targets === 'opd_units' ? t('act.targetUnits') : t('act.targetPositions')}
                      rules={[{ required: true, message: t('validation.required') }]}
                      style={{ margin: '4px 0 0' }}
                    >
                      <Select
                        mode="multiple"
                        disabled={results !== null}
                        options={disposeTargetOptions(i.action, i.asPositionId, overview, session.positions)}
                        showSearch={{ optionFilterProp: 'label' }}
                        data-testid="batch-sign-targets"
                      />
                    </Form.Item>
                  )}
                  {/* antd's error red is below AA contrast on white; this one keeps 4.5:1. */}
                  {r && !r.ok && <div style={{ color: '#a8071a' }}>{r.error.message}</div>}
                </div>
                {r &&
                  (r.ok ? (
                    <span aria-label={t('signatureBook.itemSigned')} title={t('signatureBook.itemSigned')}>
                      <CheckCircleFilled style={{ color: '#237804' }} /> {t('signatureBook.itemSigned')}
                    </span>
                  ) : (
                    <span aria-label={t('signatureBook.itemFailed')} title={t('signatureBook.itemFailed')}>
                      <CloseCircleFilled style={{ color: '#a8071a' }} /> {t('signatureBook.itemFailed')}
                    </span>
                  ))}
              </List.Item>
            );
          }}
        />
        {dispositions.length > 0 && !results && (
          <Form.Item name="instructions" label={t('signatureBook.batchInstructions', { count: dispositions.length })}>
            <Checkbox.Group
              options={overview.preset.instructions.map((x) => ({ value: x, label: x }))}
              style={{ display: 'grid', gridTemplateColumns: '1fr 1fr 1fr' }}
            />
          </Form.Item>
        )}
        {!results && (
          <Form.Item
            name="signingPassword"
            label={t('act.signingPassword')}
            extra={t('signatureBook.batchHint')}
            rules={[{ required: true, message: t('act.signingRequired') }]}
          >
            <Input.Password autoComplete="current-password" autoFocus onPressEnter={() => form.submit()} data-testid="batch-sign-password" />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
