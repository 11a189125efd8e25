/**
 * Bulk work on a list selection (issue 15): the acts the backend offers on at least one
 * selected case (with how many), or closing them as duplicates of one original. The backend
 * decides per case and answers a summary; refused cases are listed with the reason.
 */
import { Alert, Button, Form, Input, List, Modal, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BulkOption, BulkResult } from '../../shared/api/views-desk-work';
import { MAX_NOTE } from '../../shared/domain/events';
import { api } from '../api/client';
import { useApp } from '../hooks/use-app';
import { useNotify } from '../hooks/use-notify';

const DUPLICATE = '__duplicate__';

interface Fields {
  choice?: string;
  targets?: string[];
  originalRef?: string;
  note?: string;
  signingPassword?: string;
}

/** "Tindakan massal (n)" for the selected cases; `onDone` clears the selection and reloads. */
export function BulkActions({ caseIds, onDone }: { caseIds: string[]; onDone: () => void }) {
  const { t } = useTranslation();
  const [options, setOptions] = useState<BulkOption[] | null>(null);
  const notify = useNotify();
  async function openDialog(): Promise<void> {
    const r = await api['case.bulkOptions']({ caseIds });
    if (!r.ok) throw new Error(r.error.message);
    setOptions(r.value);
  }
  return (
    <>
      <Button disabled={caseIds.length === 0} onClick={() => notify.run(openDialog())} data-testid="bulk-open">
        {t('deskWork.bulk.open', { count: caseIds.length })}
      </Button>
      {options && (
        <BulkModal
          caseIds={caseIds}
          options={options}
          onClose={() => setOptions(null)}
          onDone={() => {
            setOptions(null);
            onDone();
          }}
        />
      )}
    </>
  );
}

function BulkModal({ caseIds, options, onClose, onDone }: { caseIds: string[]; options: BulkOption[]; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const { overview, isDesk } = useApp();
  const notify = useNotify();
  const [form] = Form.useForm<Fields>();
  const choice = Form.useWatch('choice', form);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<BulkResult | null>(null);
  const chosen = options.find((o) => o.actionId === choice);

  async function submit(v: Fields): Promise<void> {
    setBusy(true);
    setError(null);
    let r;
    if (v.choice === DUPLICATE) {
      const ref = (v.originalRef ?? '').trim();
      const found = await api['case.list']({ search: ref, limit: 2 });
      const original = found.ok ? found.value.rows.find((x) => x.ref === ref || x.laporId === ref) : undefined;
      if (!original) {
        setBusy(false);
        setError(t('deskWork.originalNotFound', { ref }));
        return;
      }
      r = await api['case.bulk']({ caseIds, op: { kind: 'closeDuplicate', originalId: original.id, note: v.note?.trim() || null } });
    } else if (chosen) {
      r = await api['case.bulk']({
        caseIds,
        op: {
          kind: 'act',
          actionKind: chosen.kind,
          actionId: chosen.actionId,
          targets: (v.targets ?? []).map((unitId) => ({ unitId, positionId: null })),
          note: v.note?.trim() || null,
          signingPassword: v.signingPassword || null,
        },
      });
    } else {
      setBusy(false);
      return;
    }
    setBusy(false);
    if (!r.ok) return setError(r.error.message);
    setResult(r.value);
  }

  if (result) {
    return (
      <Modal
        open
        title={t('deskWork.bulk.summary', { done: result.done, failed: result.failed })}
        onOk={onDone}
        onCancel={onDone}
        cancelButtonProps={{ style: { display: 'none' } }}
        okText={t('deskWork.bulk.close')}
      >
        <List
          size="small"
          data-testid="bulk-outcomes"
          dataSource={result.outcomes.filter((o) => !o.ok)}
          locale={{ emptyText: t('deskWork.bulk.allDone') }}
          renderItem={(o) => (
            <List.Item key={o.caseId}>
              <Typography.Text strong>{o.ref}</Typography.Text>&nbsp;<Typography.Text type="danger">{o.message}</Typography.Text>
            </List.Item>
          )}
        />
      </Modal>
    );
  }
  const choices = [
    ...options.map((o) => ({ value: o.actionId, label: t('deskWork.bulk.option', { label: o.label, count: o.cases, total: caseIds.length }) })),
    ...(isDesk ? [{ value: DUPLICATE, label: t('deskWork.bulk.duplicates') }] : []),
  ];
  const opdUnits = overview.units.filter((u) => u.kind === 'opd' && u.active).map((u) => ({ value: u.id, label: `${u.code} · ${u.name}` }));
  return (
    <Modal
      open
      title={t('deskWork.bulk.title', { count: caseIds.length })}
      okText={t('deskWork.bulk.run')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      onCancel={onClose}
      onOk={() => form.submit()}
    >
      <Form form={form} layout="vertical" onFinish={(v) => notify.run(submit(v))}>
        <Typography.Paragraph type="secondary">{t('deskWork.bulk.hint')}</Typography.Paragraph>
        <Form.Item name="choice" label={t('deskWork.bulk.action')} rules={[{ required: true, message: t('validation.required') }]}>
          <Select data-testid="bulk-choice" aria-label={t('deskWork.bulk.action')} options={choices} />
        </Form.Item>
        {chosen?.targets === 'opd_units' && (
          <Form.Item name="targets" label={t('deskWork.bulk.targets')} rules={[{ required: true, message: t('validation.required') }]}>
            <Select mode="multiple" options={opdUnits} />
          </Form.Item>
        )}
        {choice === DUPLICATE && (
          <Form.Item
            name="originalRef"
            label={t('deskWork.originalRef')}
            rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
          >
            <Input data-testid="bulk-original" />
          </Form.Item>
        )}
        <Form.Item name="note" label={t('deskWork.note')}>
          <Input.TextArea rows={2} maxLength={MAX_NOTE} />
        </Form.Item>
        {chosen?.signed && (
          <Form.Item name="signingPassword" label={t('deskWork.bulk.password')} rules={[{ required: true, message: t('validation.required') }]}>
            <Input.Password autoComplete="current-password" />
          </Form.Item>
        )}
        {error && <Alert type="error" showIcon title={error} />}
        <Space />
      </Form>
    </Modal>
  );
}
