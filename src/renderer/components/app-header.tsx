import { Button, Layout, Popconfirm, Space, Tag, Tooltip, Typography } from 'antd';
import { LockOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { announceLocked, api } from '../api/client';
import { useApp } from '../hooks/use-app';
import { FontSizeControl } from './font-size-control';
import { LanguageSwitch } from './language-switch';
import { actingTitle } from './positions-text';
import { useNotify } from '../hooks/use-notify';

/** Who is working and as what (titles, Plt./Plh. when acting), the language switch and logout. */
export function AppHeader({ onLogout }: { onLogout: () => void }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const { session } = useApp();

  async function logout(): Promise<void> {
    await api['session.logout']({});
    onLogout();
  }

  /** "Kunci layar": the backend refuses this session's calls until the password is given again. */
  async function lock(): Promise<void> {
    const r = await api['session.lock']({});
    if (r.ok) announceLocked();
  }

  return (
    <Layout.Header style={{ display: 'flex', alignItems: 'center', gap: 12, borderBottom: '1px solid #e8e8e8', lineHeight: 'normal' }}>
      <Space size={6} style={{ minWidth: 0, flex: 1, overflow: 'hidden' }} data-testid="header-user">
        <UserOutlined />
        <Typography.Text strong>{session.user.fullName}</Typography.Text>
        {session.user.isAdmin && <Tag color="gold">{t('header.admin')}</Tag>}
        {session.positions.length === 0 && <Typography.Text type="secondary">{t('header.noPosition')}</Typography.Text>}
        {session.positions.map((p) => (
          <Tooltip key={p.positionId} title={t('header.actsAs')}>
            <Tag color={p.acting ? 'volcano' : 'blue'} style={{ marginInlineEnd: 0 }}>
              {actingTitle(p.title, p.acting, t)}
            </Tag>
          </Tooltip>
        ))}
      </Space>
      <FontSizeControl />
      <LanguageSwitch />
      <Button icon={<LockOutlined />} onClick={() => notify.run(lock())} data-testid="lock-screen-button">
        {t('harden.lockScreen')}
      </Button>
      <Popconfirm title={t('header.logoutConfirm')} okText={t('header.logout')} cancelText={t('common.cancel')} onConfirm={() => logout()}>
        <Button icon={<LogoutOutlined />} data-testid="logout">
          {t('header.logout')}
        </Button>
      </Popconfirm>
    </Layout.Header>
  );
}
