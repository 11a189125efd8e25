import { Alert, Button, Card, Divider, Form, Input, Select, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { LanguageSwitch } from '../components/language-switch';
import { useQuery } from '../hooks/use-query';
import { useNotify } from '../hooks/use-notify';

interface Fields {
  presetId: string;
  officeName: string;
  username: string;
  fullName: string;
  password: string;
  password2: string;
}

/** First run on an empty data folder: create the office from a workflow preset and its first administrator. */
export function FirstRunPage({ onCreated }: { onCreated: (adminUsername: string) => void }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const presets = useQuery(() => api['office.presets']({}), 'presets');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(v: Fields): Promise<void> {
    setBusy(true);
    setError(null);
    const r = await api['office.create']({
      presetId: v.presetId,
      officeName: v.officeName,
      admin: { username: v.username, fullName: v.fullName, password: v.password },
    });
    setBusy(false);
    if (r.ok) onCreated(v.username);
    else setError(r.error.message);
  }

  const options = (presets.data ?? []).map((p) => ({
    value: p.id,
    label: t('firstRun.presetOption', { name: p.name, region: p.region, steps: p.stepCount, tz: p.timeZone }),
  }));

  return (
    <div className="alur-center">
      <Card style={{ width: 520 }} data-testid="first-run">
        <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'baseline' }}>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {t('firstRun.title')}
          </Typography.Title>
          <LanguageSwitch />
        </div>
        <Typography.Paragraph type="secondary">{t('firstRun.intro')}</Typography.Paragraph>
        {presets.error && <Alert type="error" showIcon title={presets.error.message} style={{ marginBottom: 12 }} />}
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="first-run-error" />}
        <Form<Fields> layout="vertical" size="middle" onFinish={(v) => notify.run(submit(v))} requiredMark={false}>
          <Form.Item name="presetId" label={t('firstRun.preset')} rules={[{ required: true, message: t('validation.required') }]}>
            <Select options={options} loading={presets.loading} placeholder={t('firstRun.presetPlaceholder')} />
          </Form.Item>
          <Form.Item
            name="officeName"
            label={t('firstRun.officeName')}
            rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
          >
            <Input placeholder={t('firstRun.officeNamePlaceholder')} maxLength={200} />
          </Form.Item>
          <Divider titlePlacement="start" plain>
            {t('firstRun.adminSection')}
          </Divider>
          <Form.Item
            name="username"
            label={t('user.username')}
            extra={t('user.usernameHint')}
            rules={[
              { required: true, message: t('validation.required') },
              { pattern: /^[a-z0-9._-]{3,40}$/, message: t('validation.username') },
            ]}
          >
            <Input autoComplete="off" maxLength={40} />
          </Form.Item>
          <Form.Item name="fullName" label={t('user.fullName')} rules={[{ required: true, whitespace: true, message: t('validation.required') }]}>
            <Input maxLength={120} />
          </Form.Item>
          <Form.Item
            name="password"
            label={t('login.password')}
            rules={[
              { required: true, message: t('validation.required') },
              { min: 8, message: t('validation.passwordMin') },
            ]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Form.Item
            name="password2"
            label={t('user.passwordAgain')}
            dependencies={['password']}
            rules={[
              { required: true, message: t('validation.required') },
              ({ getFieldValue }) => ({
                validator: (_r, value: string) =>
                  !value || getFieldValue('password') === value ? Promise.resolve() : Promise.reject(new Error(t('validation.passwordMismatch'))),
              }),
            ]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy}>
            {t('firstRun.submit')}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
