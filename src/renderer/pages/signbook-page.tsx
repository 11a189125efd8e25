/**
 * Buku tanda tangan (issue 15): what awaits my signature or approval, with its document beside
 * it, and "Disposisi keluar", what I passed on and where it is now.
 */
import { Tabs } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { OutgoingList } from '../signbook/outgoing-list';
import { SignBookQueue } from '../signbook/signbook-queue';

type Tab = 'waiting' | 'outgoing';

export function SignBookPage() {
  const { t } = useTranslation();
  const [tab, setTab] = useState<Tab>('waiting');
  return (
    <Tabs
      activeKey={tab}
      onChange={(k) => setTab(k === 'outgoing' ? 'outgoing' : 'waiting')}
      data-testid="signbook-tabs"
      items={[
        { key: 'waiting', label: t('signatureBook.waiting'), children: <SignBookQueue /> },
        { key: 'outgoing', label: t('signatureBook.outgoing'), children: <OutgoingList /> },
      ]}
    />
  );
}
