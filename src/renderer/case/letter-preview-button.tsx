/**
 * "Pratinjau surat": the letter as signing would issue it, from the text in the dialog, drawn
 * inside the dialog (pdf.js), so the approver reads the page they sign without leaving it.
 * It can still be printed or downloaded from there.
 */
import { Button, Space } from 'antd';
import { EyeOutlined, PrinterOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DocumentFile } from '../../shared/api/views-documents';
import { api } from '../api/client';
import { printDocument } from '../api/files';
import { PdfView } from '../components/pdf-view';
import { useNotify } from '../hooks/use-notify';
import { deliverDocument } from './deliver-document';

export function LetterPreviewButton({ caseId, response }: { caseId: string; response: () => string | null }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const [busy, setBusy] = useState(false);
  const [shown, setShown] = useState<DocumentFile | null>(null);

  async function preview(): Promise<void> {
    setBusy(true);
    // Made again on each click: the preview follows the text as it is now in the dialog.
    const r = await api['document.preview']({ caseId, response: response()?.trim() || null });
    setBusy(false);
    if (!r.ok) return notify.error(r.error);
    setShown(r.value);
  }

  async function print(file: DocumentFile): Promise<void> {
    // The app opens no windows: Electron shows its print preview, the browser downloads the PDF.
    await deliverDocument(
      async () => ({ ok: true, value: file }),
      printDocument,
      notify,
      (where) => t('docs.downloadedToPrint', { where }),
    );
  }

  return (
    <div style={{ marginBottom: 8 }}>
      <Space>
        <Button icon={<EyeOutlined />} loading={busy} onClick={() => notify.run(preview())} data-testid="letter-preview">
          {shown ? t('pdfView.refresh') : t('letterPage.preview')}
        </Button>
        {shown && (
          <>
            <Button icon={<PrinterOutlined />} onClick={() => notify.run(print(shown))} data-testid="letter-preview-print">
              {t('pdfView.print')}
            </Button>
            <Button type="link" onClick={() => setShown(null)}>
              {t('pdfView.close')}
            </Button>
          </>
        )}
      </Space>
      {shown && (
        <div style={{ maxHeight: 420, overflow: 'auto', background: '#f0f0f0', padding: 8, marginTop: 8 }}>
          <PdfView dataBase64={shown.dataBase64} width={540} label={t('letterPage.preview')} testId="letter-preview-pages" />
        </div>
      )}
    </div>
  );
}
