/** Pengaturan (administrators): users and acting officials, units and positions, the working calendar, letterheads, signing keys, the LAN server, the office settings, backups, the audit log's check. */
import { Card, Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { CalendarTab } from '../settings/calendar-tab';
import { OrgTab } from '../settings/org-tab';
import { UsersTab } from '../settings/users-tab';
import { SyncTab } from '../settings/sync-tab';
import { LetterheadTab } from '../settings/letterhead-tab';
import { KeysTab } from '../settings/keys-tab';
import { OfficeTab } from '../settings/office-tab';
import { BackupTab } from '../settings/backup-tab';
import { AuditTab } from '../settings/audit-tab';
import { CannedTab } from '../settings/canned-tab';

/** The settings screen. */
export function SettingsPage() {
  const { t } = useTranslation();
  return (
    <Card title={t('nav.settings')}>
      <Tabs
        items={[
          { key: 'users', label: t('settings.users'), children: <UsersTab /> },
          { key: 'org', label: t('settings.org'), children: <OrgTab /> },
          { key: 'calendar', label: t('settings.calendar'), children: <CalendarTab /> },
          { key: 'letterhead', label: t('settings.letterhead'), children: <LetterheadTab /> },
          { key: 'keys', label: t('settings.keys'), children: <KeysTab /> },
          { key: 'sync', label: t('settings.sync'), children: <SyncTab /> },
          { key: 'office', label: t('ui.office.tab'), children: <OfficeTab /> },
          { key: 'backup', label: t('settings.backup'), children: <BackupTab /> },
          { key: 'canned', label: t('canned.tab'), children: <CannedTab /> },
          { key: 'audit', label: t('audit.tab'), children: <AuditTab /> },
        ]}
      />
    </Card>
  );
}
