import { Alert, Form, Input, Modal, Switch } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { User } from '../../shared/domain/org';
import { api } from '../api/client';
import { useNotify } from '../hooks/use-notify';

interface Fields {
  username: string;
  fullName: string;
  nip?: string;
  rank?: string;
  isAdmin: boolean;
  active: boolean;
  password?: string;
}

/** Create a user (password required) or edit one (empty password keeps the current one). */
export function UserModal({ user, onClose, onSaved }: { user: User | null; onClose: () => void; onSaved: () => void }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const [form] = Form.useForm<Fields>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(v: Fields): Promise<void> {
    setBusy(true);
    setError(null);
    const r = await api['user.save']({
      id: user?.id ?? null,
      username: v.username,
      fullName: v.fullName,
      nip: v.nip?.trim() ? v.nip.trim() : null,
      rank: v.rank?.trim() ? v.rank.trim() : null,
      isAdmin: v.isAdmin,
      active: v.active,
      password: v.password ? v.password : null,
    });
    setBusy(false);
    if (r.ok) {
      notify.success(t('user.saved'));
      onSaved();
    } else setError(r.error.message);
  }

  return (
    <Modal
      open
      title={user ? t('user.edit') : t('user.add')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 8 }} />}
      <Form<Fields>
        form={form}
        layout="vertical"
        onFinish={(v) => notify.run(submit(v))}
        initialValues={{
          username: user?.username,
          fullName: user?.fullName,
          nip: user?.nip ?? undefined,
          rank: user?.rank ?? undefined,
          isAdmin: user?.isAdmin ?? false,
          active: user?.active ?? true,
        }}
      >
        <Form.Item
          name="username"
          label={t('user.username')}
          extra={t('user.usernameHint')}
          rules={[
            { required: true, message: t('validation.required') },
            { pattern: /^[a-z0-9._-]{3,40}$/, message: t('validation.username') },
          ]}
        >
          <Input maxLength={40} autoComplete="off" />
        </Form.Item>
        <Form.Item name="fullName" label={t('user.fullName')} rules={[{ required: true, whitespace: true, message: t('validation.required') }]}>
          <Input maxLength={120} />
        </Form.Item>
        <Form.Item name="nip" label={t('user.nip')} rules={[{ pattern: /^\d{18}$/, message: t('validation.nip') }]}>
          <Input maxLength={18} inputMode="numeric" />
        </Form.Item>
        <Form.Item name="rank" label={t('user.rank')}>
          <Input maxLength={80} />
        </Form.Item>
        <Form.Item
          name="password"
          label={t('login.password')}
          extra={user ? t('user.passwordKeep') : undefined}
          rules={[
            { required: !user, message: t('validation.required') },
            { min: 8, message: t('validation.passwordMin') },
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <div style={{ display: 'flex', gap: 24 }}>
          <Form.Item name="isAdmin" label={t('user.isAdmin')} valuePropName="checked">
            <Switch />
          </Form.Item>
          <Form.Item name="active" label={t('user.active')} valuePropName="checked">
            <Switch />
          </Form.Item>
        </div>
      </Form>
    </Modal>
  );
}
