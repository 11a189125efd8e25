/** "Pratinjau surat": the letter as signing would issue it, from the text in the dialog, downloaded as PDF. */
import { Button } from 'antd';
import { EyeOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { printDocument } from '../api/files';
import { useNotify } from '../hooks/use-notify';
import { deliverDocument } from './deliver-document';

export function LetterPreviewButton({ caseId, response }: { caseId: string; response: () => string | null }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const [busy, setBusy] = useState(false);

  async function preview(): Promise<void> {
    setBusy(true);
    // The app opens no windows: Electron shows its print preview, the browser downloads the PDF.
    await deliverDocument(() => api['document.preview']({ caseId, response: response()?.trim() || null }), printDocument, notify, (where) => t('docs.downloadedToPrint', { where }));
    setBusy(false);
  }

  return (
    <Button icon={<EyeOutlined />} loading={busy} onClick={() => notify.run(preview())} data-testid="letter-preview" style={{ marginBottom: 8 }}>
      {t('letterPage.preview')}
    </Button>
  );
}
