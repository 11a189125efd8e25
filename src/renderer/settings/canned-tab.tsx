/**
 * Teks baku: the office's standard notes and answers, which act dialogs offer above their text
 * fields (case/canned-picker.tsx). Office-wide or for one unit's users; reference data, so every
 * workstation gets them by sync. Administrators only (the backend refuses others).
 */
import { Button, Form, Input, Modal, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_DESCRIPTION } from '../../shared/domain/events';
import type { CannedKind, CannedText } from '../../shared/api/views-desk-work';
import { api } from '../api/client';
import { useApp } from '../hooks/use-app';
import { useNotify } from '../hooks/use-notify';
import { useQuery } from '../hooks/use-query';

interface Fields {
  kind: CannedKind;
  unitId: string;
  title: string;
  text: string;
}

const OFFICE = '';

export function CannedTab() {
  const { t } = useTranslation();
  const { overview } = useApp();
  const notify = useNotify();
  const list = useQuery(() => api['canned.list']({ all: true }), 'canned-all');
  const [editing, setEditing] = useState<CannedText | 'new' | null>(null);
  const [form] = Form.useForm<Fields>();
  const [busy, setBusy] = useState(false);
  const unitName = (id: string | null) => (id === null ? t('canned.office') : (overview.units.find((u) => u.id === id)?.name ?? id));

  function open(c: CannedText | 'new'): void {
    setEditing(c);
    form.setFieldsValue(
      c === 'new'
        ? { kind: 'answer', unitId: OFFICE, title: '', text: '' }
        : { kind: c.kind, unitId: c.unitId ?? OFFICE, title: c.title, text: c.text },
    );
  }

  async function save(v: Fields): Promise<void> {
    setBusy(true);
    const r = await api['canned.save']({
      id: editing && editing !== 'new' ? editing.id : null,
      kind: v.kind,
      unitId: v.unitId || null,
      title: v.title,
      text: v.text,
    });
    setBusy(false);
    if (!notify.unwrap(r)) return;
    notify.success(t('canned.saved'));
    setEditing(null);
    list.reload();
  }

  async function remove(c: CannedText): Promise<void> {
    if (notify.unwrap(await api['canned.delete']({ id: c.id })) === null) return;
    list.reload();
  }

  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid="canned-tab">
      <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
        {t('canned.intro')}
      </Typography.Paragraph>
      <Button icon={<PlusOutlined />} onClick={() => open('new')} data-testid="canned-add">
        {t('canned.add')}
      </Button>
      <Table<CannedText>
        rowKey="id"
        size="small"
        pagination={false}
        loading={list.loading}
        dataSource={list.data ?? []}
        locale={{ emptyText: t('canned.empty') }}
        columns={[
          { title: t('canned.title'), dataIndex: 'title', width: '25%' },
          { title: t('canned.kind'), dataIndex: 'kind', width: 110, render: (k: CannedKind) => <Tag>{t(`canned.kind_${k}`)}</Tag> },
          { title: t('canned.unit'), dataIndex: 'unitId', width: '22%', render: (u: string | null) => unitName(u) },
          { title: t('canned.text'), dataIndex: 'text', ellipsis: true },
          {
            title: '',
            key: 'act',
            width: 170,
            render: (_: unknown, c) => (
              <Space>
                <Button size="small" onClick={() => open(c)}>
                  {t('common.edit')}
                </Button>
                <Popconfirm
                  title={t('canned.deleteConfirm')}
                  okText={t('common.delete')}
                  cancelText={t('common.cancel')}
                  onConfirm={() => notify.run(remove(c))}
                >
                  <Button size="small">{t('common.delete')}</Button>
                </Popconfirm>
              </Space>
            ),
          },
        ]}
      />
      <Modal
        open={editing !== null}
        title={editing === 'new' ? t('canned.add') : t('canned.edit')}
        okText={t('common.save')}
        cancelText={t('common.cancel')}
        confirmLoading={busy}
        onOk={() => form.submit()}
        onCancel={() => setEditing(null)}
        destroyOnHidden
      >
        <Form<Fields> form={form} layout="vertical" onFinish={(v) => notify.run(save(v))} data-testid="canned-form">
          <Form.Item name="kind" label={t('canned.kind')}>
            <Select options={(['answer', 'note'] as const).map((k) => ({ value: k, label: t(`canned.kind_${k}`) }))} />
          </Form.Item>
          <Form.Item name="unitId" label={t('canned.unit')}>
            <Select options={[{ value: OFFICE, label: t('canned.office') }, ...overview.units.map((u) => ({ value: u.id, label: u.name }))]} />
          </Form.Item>
          <Form.Item name="title" label={t('canned.title')} rules={[{ required: true, whitespace: true, message: t('validation.required') }]}>
            <Input maxLength={80} />
          </Form.Item>
          <Form.Item name="text" label={t('canned.text')} rules={[{ required: true, whitespace: true, message: t('validation.required') }]}>
            <Input.TextArea rows={6} maxLength={MAX_DESCRIPTION} showCount />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}
