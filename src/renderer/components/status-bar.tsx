import { Button, Tooltip } from 'antd';
import { CloudServerOutlined, DatabaseOutlined, DisconnectOutlined, SyncOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SyncStatus } from '../../shared/api/sync-types';
import { api } from '../api/client';
import { formatSpan } from '../format/dates';
import { useApp } from '../hooks/use-app';
import { useNow } from '../hooks/use-now';
import { useNotify } from '../hooks/use-notify';
import { useQuery } from '../hooks/use-query';
import { useServerEvent } from '../hooks/use-server-event';

/** The sync area: local only, syncing, online with what waits to go, or offline and why. */
function SyncArea() {
  const { t } = useTranslation();
  const notify = useNotify();
  const q = useQuery(() => api['sync.status']({}), 'sync-status');
  const [pushed, setPushed] = useState<SyncStatus | null>(null);
  const now = useNow();
  useServerEvent((e) => {
    if (e.type === 'sync.status') setPushed(e.status);
  });
  const s = pushed ?? q.data;
  if (!s || !s.configured) {
    return (
      <Tooltip title={t('sync.localHint')}>
        <span className="alur-statusbar-sync" data-testid="sync-state">
          <CloudServerOutlined /> {t('sync.local')}
        </span>
      </Tooltip>
    );
  }
  const last = s.lastSyncAt ? t('sync.lastSync', { span: formatSpan(Math.max(0, now - s.lastSyncAt), t) }) : t('sync.never');
  const label = s.syncing ? t('sync.syncing') : s.online ? t('sync.online') : t('sync.offline');
  const hint = [s.server, last, s.lastError?.message].filter(Boolean).join(' · ');
  async function syncNow(): Promise<void> {
    const r = await api['sync.now']({});
    if (r.ok) {
      setPushed(r.value.status);
      if (r.value.error) notify.error({ code: 'STORAGE', message: r.value.error.message });
    } else notify.error(r.error);
  }
  return (
    <Tooltip title={hint}>
      <span className="alur-statusbar-sync" data-testid="sync-state">
        {s.online ? <CloudServerOutlined /> : <DisconnectOutlined />} {label}
        {s.pending > 0 && <> · {t('sync.pending', { count: s.pending })}</>}
        {s.rejected > 0 && <> · {t('sync.rejected', { count: s.rejected })}</>}
        <Button size="small" type="link" icon={<SyncOutlined spin={s.syncing} />} onClick={() => notify.run(syncNow())} aria-label={t('sync.now')} />
      </span>
    </Tooltip>
  );
}

/** The database this window works on, and the sync state. */
export function StatusBar() {
  const { t } = useTranslation();
  const { info } = useApp();
  return (
    <div className="alur-statusbar" role="status" data-testid="status-bar">
      <span>
        <DatabaseOutlined /> {info.officeName ?? t('common.dash')}
      </span>
      <Tooltip title={t('statusBar.dataDir')}>
        <span style={{ overflow: 'hidden', textOverflow: 'ellipsis' }}>{info.dataDir}</span>
      </Tooltip>
      <span>{t('statusBar.caseCount', { count: info.caseCount })}</span>
      <span>{t('statusBar.version', { version: info.version })}</span>
      <SyncArea />
    </div>
  );
}
