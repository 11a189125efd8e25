import { Alert, DatePicker, Form, Modal, Radio, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { User } from '../../shared/domain/org';
import { ACTING_KINDS, type ActingKind } from '../../shared/domain/enums';
import { api } from '../api/client';
import { useApp } from '../hooks/use-app';
import { useNotify } from '../hooks/use-notify';

type ActingChoice = ActingKind | 'definitive';

interface Fields {
  positionId: string;
  acting: ActingChoice;
  range?: [Dayjs | null, Dayjs | null] | null;
}

/** Gives a user a post: definitively, or as Plt./Plh. for a date range (required then). */
export function AssignmentModal({ user, onClose, onSaved }: { user: User; onClose: () => void; onSaved: () => void }) {
  const { t } = useTranslation();
  const { overview } = useApp();
  const notify = useNotify();
  const [form] = Form.useForm<Fields>();
  const acting = Form.useWatch('acting', form);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(v: Fields): Promise<void> {
    setBusy(true);
    setError(null);
    const from = v.range?.[0]?.format('YYYY-MM-DD') ?? null;
    const until = v.range?.[1]?.format('YYYY-MM-DD') ?? null;
    const r = await api['assignment.save']({
      id: null,
      userId: user.id,
      positionId: v.positionId,
      acting: v.acting === 'definitive' ? null : v.acting,
      from,
      until,
    });
    setBusy(false);
    if (r.ok) {
      notify.success(t('assignment.saved'));
      onSaved();
    } else setError(r.error.message);
  }

  const options = overview.units
    .filter((u) => u.active)
    .map((u) => ({
      label: `${u.code} · ${u.name}`,
      title: u.name,
      options: overview.positions.filter((p) => p.unitId === u.id && p.active).map((p) => ({ value: p.id, label: p.title })),
    }))
    .filter((g) => g.options.length > 0);

  return (
    <Modal
      open
      title={t('assignment.titleFor', { name: user.fullName })}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 8 }} />}
      <Form<Fields> form={form} layout="vertical" onFinish={(v) => notify.run(submit(v))} initialValues={{ acting: 'definitive' }}>
        <Form.Item name="positionId" label={t('assignment.position')} rules={[{ required: true, message: t('validation.required') }]}>
          <Select options={options} showSearch={{ optionFilterProp: 'label' }} />
        </Form.Item>
        <Form.Item name="acting" label={t('assignment.kind')}>
          <Radio.Group
            optionType="button"
            options={[
              { value: 'definitive', label: t('assignment.definitive') },
              ...ACTING_KINDS.map((k) => ({ value: k, label: t(`actingLong.${k}`) })),
            ]}
          />
        </Form.Item>
        <Form.Item
          name="range"
          label={t('assignment.period')}
          extra={t('assignment.periodHint')}
          rules={acting && acting !== 'definitive' ? [{ required: true, message: t('validation.required') }] : []}
        >
          <DatePicker.RangePicker format={t('format.datePicker')} allowEmpty={[true, true]} style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
