/** Signing keys: who has one, whether the office key certified it, and revoking a lost or compromised key. */
import { Alert, Button, Input, Modal, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { KeyView } from '../../shared/api/views-documents';
import { api } from '../api/client';
import { formatDateTime } from '../format/dates';
import { useApp } from '../hooks/use-app';
import { useNotify } from '../hooks/use-notify';
import { useQuery } from '../hooks/use-query';

export function KeysTab() {
  const { t, i18n } = useTranslation();
  const { tz } = useApp();
  const notify = useNotify();
  const q = useQuery(() => api['key.list']({}), 'keys');
  const [revoking, setRevoking] = useState<KeyView | null>(null);
  const [reason, setReason] = useState('');
  const when = (ms: number) => formatDateTime(ms, tz, t, i18n.language);

  async function certify(k: KeyView): Promise<void> {
    const r = await api['key.certify']({ keyId: k.id });
    if (notify.unwrap(r)) q.reload();
  }

  async function revoke(): Promise<void> {
    if (!revoking) return;
    const r = await api['key.revoke']({ keyId: revoking.id, reason, from: null });
    if (notify.unwrap(r)) {
      setRevoking(null);
      setReason('');
      q.reload();
    }
  }

  const columns: ColumnsType<KeyView> = [
    {
      title: t('keys.owner'),
      dataIndex: 'userName',
      render: (v: string | null, k) => (k.userId === null ? <Tag color="blue">{t('keys.office')}</Tag> : (v ?? k.userId)),
    },
    { title: t('keys.id'), dataIndex: 'id', width: 170, render: (v: string) => <code>{v}</code> },
    { title: t('keys.created'), dataIndex: 'createdAt', width: 190, render: when },
    {
      title: t('keys.state'),
      key: 'state',
      render: (_v, k) =>
        k.revokedAt !== null ? (
          <Tag color="red">{t('keys.revoked', { when: when(k.revokedAt) })}</Tag>
        ) : k.retiredAt !== null ? (
          <Tag>{t('keys.retired')}</Tag>
        ) : k.certified ? (
          <Tag color="green">{t('keys.certified')}</Tag>
        ) : (
          <Tag color="orange">{t('keys.uncertified')}</Tag>
        ),
    },
    {
      title: '',
      key: 'act',
      width: 200,
      render: (_v, k) =>
        k.revokedAt === null && k.userId !== null ? (
          <>
            {!k.certified && (
              <Button size="small" onClick={() => notify.run(certify(k))} style={{ marginInlineEnd: 6 }}>
                {t('keys.certify')}
              </Button>
            )}
            <Button size="small" danger onClick={() => setRevoking(k)} data-testid={`revoke-${k.id}`}>
              {t('keys.revoke')}
            </Button>
          </>
        ) : null,
    },
  ];
  if (!q.data) return q.error ? <Alert type="error" showIcon title={q.error.message} /> : null;
  return (
    <>
      <Alert type="info" showIcon title={t('keys.intro')} style={{ marginBottom: 12 }} />
      <Table<KeyView> rowKey="id" size="small" columns={columns} dataSource={q.data} pagination={{ pageSize: 20, hideOnSinglePage: true }} />
      <Modal
        open={revoking !== null}
        title={t('keys.revokeTitle', { name: revoking?.userName ?? '' })}
        okText={t('keys.revoke')}
        okButtonProps={{ danger: true, disabled: !reason.trim() }}
        cancelText={t('common.cancel')}
        onOk={() => notify.run(revoke())}
        onCancel={() => setRevoking(null)}
      >
        <p>{t('keys.revokeText')}</p>
        <Input.TextArea rows={2} value={reason} onChange={(e) => setReason(e.target.value)} placeholder={t('keys.reason')} maxLength={300} />
      </Modal>
    </>
  );
}
