import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionInfo } from '../../shared/api/views';
import { api } from '../api/client';
import { LanguageSwitch } from '../components/language-switch';
import { useNotify } from '../hooks/use-notify';

interface Props {
  officeName: string | null;
  initialUsername?: string;
  /** Why the user is here (session expired, office just created). */
  notice: string | null;
  onLoggedIn: (s: SessionInfo) => void;
}

interface Fields {
  username: string;
  password: string;
}

/** Login. A refused login shows the backend's message and nothing more. */
export function LoginPage({ officeName, initialUsername, notice, onLoggedIn }: Props) {
  const { t } = useTranslation();
  const notify = useNotify();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(v: Fields): Promise<void> {
    setBusy(true);
    setError(null);
    const r = await api['session.login']({ username: v.username, password: v.password });
    setBusy(false);
    if (r.ok) onLoggedIn(r.value);
    else setError(r.error.message);
  }

  return (
    <div className="alur-center">
      <Card style={{ width: 380 }} data-testid="login-card">
        <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'baseline' }}>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {t('app.name')}
          </Typography.Title>
          <LanguageSwitch />
        </div>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 16 }}>
          {officeName ?? t('app.tagline')}
        </Typography.Paragraph>
        {notice && <Alert type="info" showIcon title={notice} style={{ marginBottom: 12 }} />}
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="login-error" />}
        <Form<Fields> layout="vertical" size="middle" onFinish={(v) => notify.run(submit(v))} initialValues={{ username: initialUsername }}>
          <Form.Item name="username" label={t('login.username')} rules={[{ required: true, message: t('validation.required') }]}>
            <Input prefix={<UserOutlined />} autoComplete="username" autoFocus={!initialUsername} />
          </Form.Item>
          <Form.Item name="password" label={t('login.password')} rules={[{ required: true, message: t('validation.required') }]}>
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" autoFocus={Boolean(initialUsername)} />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy}>
            {t('login.submit')}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
