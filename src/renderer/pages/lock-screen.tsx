import { Alert, Button, Card, Form, Input, Space, Typography } from 'antd';
import { LockOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionInfo } from '../../shared/api/views';
import { api } from '../api/client';
import { useNotify } from '../hooks/use-notify';

interface Props {
  session: SessionInfo;
  onUnlocked: (s: SessionInfo) => void;
  onSwitchUser: () => void;
}

/**
 * Shown after the idle time or "Kunci layar": an opaque full-window cover that asks the same
 * user's password again (the backend refuses the session's calls until then), or lets someone
 * else log in instead.
 */
export function LockScreen({ session, onUnlocked, onSwitchUser }: Props) {
  const { t } = useTranslation();
  const notify = useNotify();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(v: { password: string }): Promise<void> {
    setBusy(true);
    setError(null);
    // The same session, unlocked on the backend: unsaved work behind this screen stays valid.
    const r = await api['session.unlock']({ password: v.password });
    setBusy(false);
    if (r.ok) onUnlocked(r.value);
    else setError(r.error.message);
  }

  return (
    <div className="alur-center" style={{ position: 'fixed', inset: 0, zIndex: 2000 }} data-testid="lock-screen">
      <Card style={{ width: 360 }}>
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Typography.Title level={4} style={{ margin: 0 }}>
            <LockOutlined /> {t('lock.title')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('lock.hint', { name: session.user.fullName })}</Typography.Text>
          {error && <Alert type="error" showIcon title={error} />}
          <Form layout="vertical" size="middle" onFinish={(v: { password: string }) => notify.run(submit(v))}>
            <Form.Item name="password" label={t('login.password')} rules={[{ required: true, message: t('validation.required') }]}>
              <Input.Password autoFocus autoComplete="current-password" />
            </Form.Item>
            <Space>
              <Button type="primary" htmlType="submit" loading={busy}>
                {t('lock.unlock')}
              </Button>
              <Button onClick={onSwitchUser}>{t('lock.switchUser')}</Button>
            </Space>
          </Form>
        </Space>
      </Card>
    </div>
  );
}
