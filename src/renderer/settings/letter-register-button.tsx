/** Saves a unit's buku agenda surat keluar (outgoing letter register) of a year as XLSX. */
import { Button, InputNumber, Space } from 'antd';
import { FileExcelOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { saveDocument } from '../api/files';
import { useNotify } from '../hooks/use-notify';
import { deliverDocument } from '../case/deliver-document';

export function LetterRegisterButton({ unitId }: { unitId: string }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const [year, setYear] = useState(new Date().getFullYear());
  const [busy, setBusy] = useState(false);

  async function save(): Promise<void> {
    setBusy(true);
    await deliverDocument(
      () => api['document.letterRegister']({ unitId, year }),
      saveDocument,
      notify,
      (where) => t('docs.saved', { where }),
    );
    setBusy(false);
  }

  return (
    <Space>
      <InputNumber min={2000} max={2100} value={year} onChange={(v) => setYear(v ?? year)} aria-label={t('letterPage.registerYear')} />
      <Button icon={<FileExcelOutlined />} loading={busy} onClick={() => notify.run(save())} data-testid="letter-register">
        {t('letterPage.register')}
      </Button>
    </Space>
  );
}
