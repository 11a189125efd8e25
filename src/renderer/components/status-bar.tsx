import { Tooltip } from 'antd';
import { CloudServerOutlined, DatabaseOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useApp } from '../hooks/use-app';

/**
 * The database this window works on and the sync state. LAN sync is not built yet, so the sync
 * area says plainly that the data is local only.
 */
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
      <Tooltip title={t('statusBar.syncHint')}>
        <span className="alur-statusbar-sync">
          <CloudServerOutlined /> {t('statusBar.syncLocal')}
        </span>
      </Tooltip>
    </div>
  );
}
