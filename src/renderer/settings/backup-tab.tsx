/**
 * Cadangan: this workstation's backups. The folder the administrator picks (another disk, a
 * flash drive, a network share; typed as a path, since the browser harness has no folder
 * dialog), the schedule and how many to keep; back up now; the list; restore one after a
 * confirmation that says what happens (the current database is set aside, never deleted;
 * what the backup lacks comes back from the LAN server; everyone logs in again).
 */
import { Alert, Button, Col, Form, Input, InputNumber, Popconfirm, Row, Space, Table, Typography } from 'antd';
import { CloudDownloadOutlined, SaveOutlined, HistoryOutlined } from '@ant-design/icons';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BackupEntry } from '../../shared/api/views-backup';
import { api } from '../api/client';
import { useApp } from '../hooks/use-app';
import { formatDateTime } from '../format/dates';
import { useNotify } from '../hooks/use-notify';
import { useQuery } from '../hooks/use-query';

interface Values {
  folder?: string;
  everyHours: number;
  keep: number;
}

export function BackupTab() {
  const { t, i18n } = useTranslation();
  const { tz } = useApp();
  const notify = useNotify();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState<'save' | 'now' | string | null>(null);
  const [outcome, setOutcome] = useState<string | null>(null);
  const view = useQuery(() => api['backup.settings']({}), 'backup-settings');
  const when = (iso: string) => formatDateTime(Date.parse(iso), tz, t, i18n.language);

  useEffect(() => {
    if (view.data) form.setFieldsValue({ folder: view.data.folder ?? '', everyHours: view.data.everyHours, keep: view.data.keep });
  }, [view.data, form]);

  async function save(): Promise<void> {
    const v = await form.validateFields();
    setBusy('save');
    const r = await api['backup.configure']({ folder: v.folder ? v.folder : null, everyHours: v.everyHours, keep: v.keep });
    setBusy(null);
    if (!r.ok) return notify.error(r.error);
    notify.success(t('backup.saved'));
    view.reload();
  }

  async function now(): Promise<void> {
    setBusy('now');
    const r = await api['backup.now']({});
    setBusy(null);
    view.reload();
    if (!r.ok) return notify.error(r.error);
    setOutcome(t('backup.made', { name: r.value.name, cases: r.value.cases, events: r.value.events }));
  }

  async function restore(b: BackupEntry): Promise<void> {
    setBusy(b.name);
    const r = await api['backup.restore']({ name: b.name, confirm: true });
    setBusy(null);
    if (!r.ok) return notify.error(r.error);
    const pulled = r.value.pulled
      ? t('backup.pulled', { events: r.value.pulled.events })
      : r.value.syncError
        ? t('backup.pullFailed', { reason: r.value.syncError })
        : '';
    // Every session ended with the old database: the next call returns to the login screen.
    setOutcome(`${t('backup.restored', { name: b.name, cases: r.value.cases })} ${pulled} ${t('backup.loginAgain')}`);
  }

  const s = view.data;
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="middle" data-testid="backup-tab">
      <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
        {t('backup.intro')}
      </Typography.Paragraph>
      {s?.lastError && <Alert type="error" showIcon title={t('backup.lastError', { reason: s.lastError })} />}
      {s && <Alert type={s.lastAt ? 'info' : 'warning'} showIcon title={s.lastAt ? t('backup.last', { when: when(s.lastAt) }) : t('backup.never')} />}
      <Form form={form} layout="vertical" initialValues={{ everyHours: 24, keep: 14 }} style={{ maxWidth: 720 }} data-testid="backup-form">
        <Row gutter={12}>
          <Col span={24}>
            <Form.Item
              name="folder"
              label={t('backup.folder')}
              extra={t('backup.folderHelp')}
              rules={[{ required: true, message: t('validation.required') }]}
            >
              <Input placeholder="D:\Cadangan Alur" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="everyHours" label={t('backup.every')} extra={t('backup.everyHelp')}>
              <InputNumber min={0} max={720} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="keep" label={t('backup.keep')}>
              <InputNumber min={1} max={365} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Space>
          <Button icon={<SaveOutlined />} loading={busy === 'save'} onClick={() => notify.run(save())}>
            {t('backup.save')}
          </Button>
          <Button type="primary" icon={<CloudDownloadOutlined />} loading={busy === 'now'} disabled={!s?.folder} onClick={() => notify.run(now())}>
            {t('backup.now')}
          </Button>
        </Space>
      </Form>
      {outcome && <Alert type="success" showIcon title={outcome} data-testid="backup-outcome" />}
      <Typography.Title level={5} style={{ marginTop: 8 }}>
        {t('backup.listTitle')}
      </Typography.Title>
      <Table
        size="small"
        rowKey="name"
        dataSource={s?.backups ?? []}
        pagination={{ pageSize: 10 }}
        locale={{ emptyText: t('backup.none') }}
        columns={[
          { title: t('backup.at'), dataIndex: 'at', render: (at: string) => when(at) },
          { title: t('backup.size'), dataIndex: 'size', render: (n: number) => `${(n / 1048576).toFixed(1)} MB` },
          { title: t('backup.file'), dataIndex: 'name' },
          {
            title: '',
            key: 'restore',
            render: (_: unknown, b: BackupEntry) => (
              <Popconfirm
                title={t('backup.restoreConfirm', { when: when(b.at) })}
                okText={t('backup.restore')}
                okButtonProps={{ danger: true }}
                cancelText={t('common.cancel')}
                onConfirm={() => notify.run(restore(b))}
              >
                <Button size="small" danger icon={<HistoryOutlined />} loading={busy === b.name}>
                  {t('backup.restore')}
                </Button>
              </Popconfirm>
            ),
          },
        ]}
      />
    </Space>
  );
}
