/**
 * Kantor: the office settings the API has (`settings.get` / `settings.save`): the office name,
 * the tracking-number format with a live example, the idle-lock minutes, the attachment size
 * limit, the update server's address and this workstation's code in tracking numbers.
 */
import { Alert, Button, Col, Form, Input, InputNumber, Row, Spin, Typography } from 'antd';
import { SaveOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OfficeSettingsView } from '../../shared/api/views';
import { api } from '../api/client';
import { useApp } from '../hooks/use-app';
import { useNotify } from '../hooks/use-notify';
import { useQuery } from '../hooks/use-query';

interface Fields {
  name: string;
  refFormat: string;
  idleLockMinutes: number;
  attachmentLimitMb: number;
  updateUrl?: string;
  station: string;
}

/** What a tracking number in `format` looks like today (sequence 42), as the backend numbers it. */
function exampleRef(format: string, station: string, unitCode: string, now = new Date()): string {
  const yyyy = String(now.getFullYear());
  return format.replace(/\{(YYYY|YY|MM|DEV|UNIT|SEQ(?::(\d))?)\}/g, (_m, token: string, width?: string) => {
    if (token === 'YYYY') return yyyy;
    if (token === 'YY') return yyyy.slice(2);
    if (token === 'MM') return String(now.getMonth() + 1).padStart(2, '0');
    if (token === 'DEV') return station;
    if (token === 'UNIT') return unitCode;
    return '42'.padStart(Number(width ?? '1'), '0');
  });
}

/** The office settings form (administrators). */
export function OfficeTab() {
  const { t } = useTranslation();
  const { overview, refreshOverview, refreshInfo } = useApp();
  const notify = useNotify();
  const settings = useQuery(() => api['settings.get']({}), 'office-settings');
  const [form] = Form.useForm<Fields>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const refFormat = Form.useWatch('refFormat', form) ?? '';
  const station = Form.useWatch('station', form) ?? '';
  const hubCode = overview.units.find((u) => u.kind === 'hub')?.code ?? 'UNIT';

  if (!settings.data) {
    if (settings.error) return <Alert type="error" showIcon title={settings.error.message} />;
    return <Spin />;
  }
  const s: OfficeSettingsView = settings.data;

  async function save(v: Fields): Promise<void> {
    setBusy(true);
    setError(null);
    const r = await api['settings.save']({
      name: v.name,
      refFormat: v.refFormat,
      idleLockMinutes: v.idleLockMinutes,
      attachmentLimitMb: v.attachmentLimitMb,
      updateUrl: v.updateUrl?.trim() ? v.updateUrl.trim() : null,
      station: v.station.trim().toUpperCase(),
    });
    setBusy(false);
    if (!r.ok) {
      setError(r.error.message);
      return;
    }
    notify.success(t('ui.office.saved'));
    settings.reload();
    refreshOverview();
    refreshInfo();
  }

  const required = { required: true, message: t('validation.required') };
  return (
    <Form<Fields>
      form={form}
      layout="vertical"
      style={{ maxWidth: 900 }}
      initialValues={{ ...s, updateUrl: s.updateUrl ?? '' }}
      onFinish={(v) => notify.run(save(v))}
      data-testid="office-settings"
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="office-settings-error" />}
      <Row gutter={12}>
        <Col span={24}>
          <Form.Item name="name" label={t('ui.office.name')} rules={[{ ...required, whitespace: true }]}>
            <Input maxLength={200} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item
            name="refFormat"
            label={t('ui.office.refFormat')}
            extra={t('ui.office.refFormatHint')}
            rules={[
              { ...required, whitespace: true },
              { pattern: /\{SEQ(:\d)?\}/, message: t('ui.office.refFormatSeq') },
            ]}
          >
            <Input maxLength={60} style={{ fontFamily: 'monospace' }} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item label={t('ui.office.refExample')}>
            <Typography.Text strong data-testid="office-ref-example">
              {exampleRef(refFormat, station.toUpperCase(), hubCode)}
            </Typography.Text>
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item
            name="station"
            label={t('ui.office.station')}
            extra={t('ui.office.stationHint')}
            rules={[required, { pattern: /^[A-Za-z0-9]{1,4}$/, message: t('ui.office.stationRule') }]}
          >
            <Input maxLength={4} style={{ textTransform: 'uppercase', width: 120 }} />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name="idleLockMinutes" label={t('ui.office.idleLock')} extra={t('ui.office.idleLockHint')} rules={[required]}>
            <InputNumber min={1} max={240} precision={0} suffix={t('ui.office.minutes')} style={{ width: 160 }} />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name="attachmentLimitMb" label={t('ui.office.attachmentLimit')} rules={[required]}>
            <InputNumber min={1} max={200} precision={0} suffix="MB" style={{ width: 160 }} />
          </Form.Item>
        </Col>
        <Col span={24}>
          <Form.Item
            name="updateUrl"
            label={t('ui.office.updateUrl')}
            extra={t('ui.office.updateUrlHint')}
            rules={[{ type: 'url', message: t('ui.office.updateUrlRule') }]}
          >
            <Input maxLength={300} placeholder="http://server-intranet/alur/" />
          </Form.Item>
        </Col>
      </Row>
      <Button type="primary" htmlType="submit" icon={<SaveOutlined />} loading={busy} data-testid="office-settings-save">
        {t('common.save')}
      </Button>
    </Form>
  );
}
