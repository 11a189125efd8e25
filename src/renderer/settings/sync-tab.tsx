/**
 * The office's LAN server: address, database, this unit's login and password (stored
 * encrypted on this workstation), TLS mode; test the connection, save and sync; what sync
 * refused. Passwords are never shown back: leaving the field empty keeps the stored one.
 */
import { Alert, Button, Col, Form, Input, InputNumber, Row, Select, Space, Table, Typography } from 'antd';
import { ApiOutlined, SaveOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SSL_MODES, type SslMode } from '../../shared/api/sync-types';
import { api } from '../api/client';
import { useNotify } from '../hooks/use-notify';
import { useQuery } from '../hooks/use-query';

interface Values {
  host: string;
  port: number;
  database: string;
  user: string;
  password?: string;
  sslmode: SslMode;
  sslrootcert?: string;
}

type Outcome = { type: 'success' | 'error'; text: string } | null;

export function SyncTab() {
  const { t } = useTranslation();
  const notify = useNotify();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState<'test' | 'save' | null>(null);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const status = useQuery(() => api['sync.status']({}), 'sync-settings-status');
  const rejected = useQuery(() => api['sync.rejected']({}), 'sync-rejected');

  function input(v: Values) {
    return {
      host: v.host,
      port: v.port,
      database: v.database,
      user: v.user,
      password: v.password ? v.password : null,
      sslmode: v.sslmode,
      sslrootcert: v.sslrootcert ? v.sslrootcert : null,
    };
  }

  async function test(): Promise<void> {
    const v = await form.validateFields();
    setBusy('test');
    const r = await api['sync.test'](input(v));
    setBusy(null);
    if (!r.ok) return notify.error(r.error);
    setOutcome(
      r.value.ok
        ? {
            type: 'success',
            text: t('sync.testOk', { office: r.value.officeName ?? '-', unit: r.value.unitCode ?? '-', tls: t(`sync.tls.${r.value.tls ?? 'none'}`) }),
          }
        : { type: 'error', text: r.value.error?.message ?? '' },
    );
  }

  async function save(): Promise<void> {
    const v = await form.validateFields();
    setBusy('save');
    const r = await api['sync.configure'](input(v));
    setBusy(null);
    if (!r.ok) return notify.error(r.error);
    if (r.value.ok) {
      const rep = r.value.report;
      setOutcome({ type: 'success', text: t('sync.saved', { pushed: rep?.pushed.events ?? 0, pulled: rep?.pulled.events ?? 0 }) });
      form.setFieldValue('password', '');
      status.reload();
      rejected.reload();
    } else setOutcome({ type: 'error', text: r.value.error?.message ?? '' });
  }

  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="middle">
      <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
        {t('sync.intro')}
      </Typography.Paragraph>
      {status.data?.configured && (
        <Alert type="info" showIcon title={t('sync.current', { server: status.data.server ?? '-', unit: status.data.unitCode ?? '-' })} />
      )}
      <Form form={form} layout="vertical" initialValues={{ port: 5432, sslmode: 'prefer' }} data-testid="sync-form" style={{ maxWidth: 720 }}>
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item name="host" label={t('sync.host')} rules={[{ required: true, message: t('validation.required') }]}>
              <Input placeholder="192.168.1.10" />
            </Form.Item>
          </Col>
          <Col span={4}>
            <Form.Item name="port" label={t('sync.port')} rules={[{ required: true, message: t('validation.required') }]}>
              <InputNumber min={1} max={65535} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="database" label={t('sync.database')} rules={[{ required: true, message: t('validation.required') }]}>
              <Input placeholder="alur" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="user" label={t('sync.user')} rules={[{ required: true, message: t('validation.required') }]}>
              <Input placeholder="alur_u_pupr" autoComplete="off" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="password" label={t('sync.password')} extra={status.data?.configured ? t('sync.passwordKeep') : undefined}>
              <Input.Password autoComplete="new-password" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="sslmode" label={t('sync.sslmode')}>
              <Select options={SSL_MODES.map((m) => ({ value: m, label: t(`sync.ssl.${m}`) }))} />
            </Form.Item>
          </Col>
          <Col span={16}>
            <Form.Item name="sslrootcert" label={t('sync.sslrootcert')}>
              <Input placeholder="/etc/alur/ca.crt" />
            </Form.Item>
          </Col>
        </Row>
        <Space>
          <Button icon={<ApiOutlined />} loading={busy === 'test'} onClick={() => notify.run(test())}>
            {t('sync.test')}
          </Button>
          <Button type="primary" icon={<SaveOutlined />} loading={busy === 'save'} onClick={() => notify.run(save())}>
            {t('sync.save')}
          </Button>
        </Space>
      </Form>
      {outcome && <Alert type={outcome.type} showIcon title={outcome.text} data-testid="sync-outcome" />}
      <Typography.Title level={5} style={{ marginTop: 8 }}>
        {t('sync.rejectedTitle')}
      </Typography.Title>
      <Table
        size="small"
        rowKey="seq"
        dataSource={rejected.data ?? []}
        pagination={{ pageSize: 10 }}
        locale={{ emptyText: t('sync.rejectedNone') }}
        columns={[
          { title: t('sync.direction'), dataIndex: 'direction', render: (d: string) => t(`sync.dir.${d}`) },
          { title: t('sync.item'), dataIndex: 'itemId' },
          { title: t('sync.reason'), dataIndex: 'reason' },
        ]}
      />
    </Space>
  );
}
