/**
 * The data folder could not open because its database is damaged or lost (DAMAGED). Instead of
 * a dead end: what happened, in the clerk's words; that nothing was deleted; and, for an
 * administrator, a restore from one of this workstation's backups (checked against the
 * administrator's name and password in that backup), after which the LAN server fills in what
 * the backup lacks and the screen says what was recovered.
 */
import { Alert, Button, Card, Checkbox, Form, Input, Select, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RestoreReport } from '../../shared/api/views-backup';
import { api } from '../api/client';
import { LanguageSwitch } from '../components/language-switch';
import { useNotify } from '../hooks/use-notify';
import { useQuery } from '../hooks/use-query';

interface Fields {
  name: string;
  username: string;
  password: string;
  confirm: boolean;
}

/** Backup time as written in its name (UTC): the office's time zone is in the damaged database. */
function utc(iso: string): string {
  return `${iso.slice(0, 16).replace('T', ' ')} UTC`;
}

export function RepairPage({ onRepaired }: { onRepaired: () => void }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const status = useQuery(() => api['repair.status']({}), 'repair-status');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<RestoreReport | null>(null);

  async function submit(v: Fields): Promise<void> {
    setBusy(true);
    setError(null);
    const r = await api['repair.restore']({ name: v.name, username: v.username, password: v.password, confirm: true });
    setBusy(false);
    if (r.ok) setDone(r.value);
    else setError(r.error.message);
  }

  const s = status.data;
  const backups = s?.backups ?? [];
  return (
    <div className="alur-center">
      <Card style={{ width: 640 }} data-testid="repair">
        <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'baseline' }}>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {done ? t('repair.titleDone') : t('repair.title')}
          </Typography.Title>
          <LanguageSwitch />
        </div>
        {!done && (
          <>
            <Alert
              type="error"
              showIcon
              style={{ margin: '12px 0' }}
              title={t('repair.what')}
              description={s?.message ?? status.error?.message}
              data-testid="repair-reason"
            />
            <Typography.Paragraph>{t('repair.nothingDeleted')}</Typography.Paragraph>
          </>
        )}
        {done ? (
          <>
            <Alert
              type="success"
              showIcon
              style={{ margin: '12px 0' }}
              data-testid="repair-done"
              title={t('repair.done', { cases: done.cases, events: done.events })}
              description={[
                done.pulled
                  ? t('repair.pulled', { events: done.pulled.events })
                  : done.syncError
                    ? t('repair.pullFailed', { reason: done.syncError })
                    : t('repair.noServer'),
                done.setAside ? t('repair.setAside', { file: done.setAside }) : '',
              ]
                .filter(Boolean)
                .join(' ')}
            />
            <Button type="primary" style={{ marginTop: 12 }} onClick={onRepaired}>
              {t('repair.continue')}
            </Button>
          </>
        ) : backups.length === 0 ? (
          <Alert type="warning" showIcon title={s?.folder ? t('repair.noBackups', { folder: s.folder }) : t('repair.noFolder')} />
        ) : (
          <Form<Fields>
            layout="vertical"
            size="middle"
            onFinish={(v) => notify.run(submit(v))}
            requiredMark={false}
            initialValues={{ name: backups[0]?.name }}
          >
            <Typography.Paragraph type="secondary">{t('repair.howTo')}</Typography.Paragraph>
            {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="repair-error" />}
            <Form.Item name="name" label={t('repair.backup')} rules={[{ required: true, message: t('validation.required') }]}>
              <Select options={backups.map((b) => ({ value: b.name, label: `${utc(b.at)} — ${(b.size / 1048576).toFixed(1)} MB` }))} />
            </Form.Item>
            <Form.Item
              name="username"
              label={t('repair.adminUser')}
              rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
            >
              <Input autoComplete="username" maxLength={64} />
            </Form.Item>
            <Form.Item name="password" label={t('login.password')} rules={[{ required: true, message: t('validation.required') }]}>
              <Input.Password autoComplete="current-password" />
            </Form.Item>
            <Form.Item
              name="confirm"
              valuePropName="checked"
              rules={[{ validator: (_r, v) => (v ? Promise.resolve() : Promise.reject(new Error(t('repair.confirmNeeded')))) }]}
            >
              <Checkbox>{t('repair.confirm')}</Checkbox>
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={busy} data-testid="repair-submit">
              {t('repair.submit')}
            </Button>
          </Form>
        )}
      </Card>
    </div>
  );
}
