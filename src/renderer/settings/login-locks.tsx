/**
 * Logins slowed down or locked on this workstation after wrong passwords (Pengaturan ›
 * Pengguna): the administrator sees who and until when, and can lift a lock.
 */
import { Alert, Button, Space, Table, Tag } from 'antd';
import { UnlockOutlined } from '@ant-design/icons';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import type { LoginLockView } from '../../shared/api/methods/session';
import { api } from '../api/client';
import { formatDateTime } from '../format/dates';
import { useApp } from '../hooks/use-app';
import { useNotify } from '../hooks/use-notify';
import { useQuery } from '../hooks/use-query';

export function LoginLocks() {
  const { t, i18n } = useTranslation();
  const notify = useNotify();
  const { tz } = useApp();
  const locks = useQuery(() => api['login.locks']({}), 'login-locks');
  if (!locks.data || locks.data.length === 0) return null;

  async function lift(username: string | null): Promise<void> {
    const r = await api['login.unlock']({ username });
    notify.unwrap(r);
    if (r.ok) locks.reload();
  }

  const columns: ColumnsType<LoginLockView> = [
    { title: t('user.username'), key: 'who', render: (_v, r) => r.username ?? t('harden.thisWorkstation') },
    { title: t('user.fullName'), dataIndex: 'fullName', render: (v: string | null) => v ?? t('common.dash') },
    { title: t('harden.failures'), dataIndex: 'failures', width: 90 },
    {
      title: t('harden.until'),
      key: 'until',
      render: (_v, r) => (
        <Space size={4}>
          {r.locked ? <Tag color="red">{t('harden.locked')}</Tag> : <Tag color="orange">{t('harden.delayed')}</Tag>}
          {formatDateTime(r.retryAt, tz, t, i18n.language)}
        </Space>
      ),
    },
    {
      title: '',
      key: 'lift',
      width: 140,
      render: (_v, r) => (
        <Button
          size="small"
          icon={<UnlockOutlined />}
          onClick={() => notify.run(lift(r.username))}
          data-testid={`login-unlock-${r.username ?? 'workstation'}`}
        >
          {t('harden.lift')}
        </Button>
      ),
    },
  ];

  return (
    <div style={{ marginBottom: 12 }} data-testid="login-locks">
      <Alert type="warning" showIcon title={t('harden.locksTitle')} description={t('harden.locksHint')} style={{ marginBottom: 8 }} />
      <Table<LoginLockView> rowKey={(r) => r.username ?? '-'} size="small" columns={columns} dataSource={locks.data} pagination={false} />
    </div>
  );
}
