/** The case's documents: the disposition sheet and, once approved, the response letter, to print or save. */
import { Button, Card, Space, Typography } from 'antd';
import { FilePdfOutlined, FileWordOutlined, PrinterOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseDetail } from '../../shared/api/views';
import type { DocumentFile } from '../../shared/api/views-documents';
import type { Result } from '../../shared/result';
import { api } from '../api/client';
import { printDocument, saveDocument } from '../api/files';
import { useNotify } from '../hooks/use-notify';

type Job = 'sheet-print' | 'sheet-pdf' | 'letter-print' | 'letter-pdf' | 'letter-docx';

export function DocumentsCard({ detail, onChanged }: { detail: CaseDetail; onChanged: () => void }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const [busy, setBusy] = useState<Job | null>(null);
  const caseId = detail.case.id;
  const letter = [...detail.timeline].reverse().find((e) => e.type === 'case.approved' && typeof e.summary['letterNumber'] === 'string');

  async function run(job: Job, make: () => Promise<Result<DocumentFile>>, then: (f: DocumentFile) => Promise<Result<unknown>>): Promise<void> {
    setBusy(job);
    const made = await make();
    if (!made.ok) {
      setBusy(null);
      notify.error(made.error);
      return;
    }
    const done = await then(made.value);
    setBusy(null);
    if (!done.ok) notify.error(done.error);
    else if (typeof done.value === 'string') notify.success(t('docs.saved', { where: done.value }));
    // Making a copy records it on the case (for later verification): refresh the timeline.
    onChanged();
  }

  const sheet = () => api['document.sheet']({ caseId });
  const letterOf = (format: 'pdf' | 'docx') => () => api['document.letter']({ caseId, eventId: letter?.id ?? null, format });
  return (
    <Card size="small" title={t('timeline.document')} data-testid="documents-card">
      <Space orientation="vertical" size={8} style={{ width: '100%' }}>
        <Space wrap>
          <Typography.Text strong style={{ minWidth: 140, display: 'inline-block' }}>
            {t('docs.sheet')}
          </Typography.Text>
          <Button size="small" icon={<PrinterOutlined />} loading={busy === 'sheet-print'} onClick={() => void run('sheet-print', sheet, printDocument)} data-testid="sheet-print">
            {t('docs.print')}
          </Button>
          <Button size="small" icon={<FilePdfOutlined />} loading={busy === 'sheet-pdf'} onClick={() => void run('sheet-pdf', sheet, saveDocument)} data-testid="sheet-save">
            {t('docs.savePdf')}
          </Button>
        </Space>
        <Space wrap>
          <Typography.Text strong style={{ minWidth: 140, display: 'inline-block' }}>
            {t('docs.letter')}
          </Typography.Text>
          {letter ? (
            <>
              <Button size="small" icon={<PrinterOutlined />} loading={busy === 'letter-print'} onClick={() => void run('letter-print', letterOf('pdf'), printDocument)} data-testid="letter-print">
                {t('docs.print')}
              </Button>
              <Button size="small" icon={<FilePdfOutlined />} loading={busy === 'letter-pdf'} onClick={() => void run('letter-pdf', letterOf('pdf'), saveDocument)} data-testid="letter-pdf">
                {t('docs.savePdf')}
              </Button>
              <Button size="small" icon={<FileWordOutlined />} loading={busy === 'letter-docx'} onClick={() => void run('letter-docx', letterOf('docx'), saveDocument)} data-testid="letter-docx">
                {t('docs.saveDocx')}
              </Button>
              <Typography.Text type="secondary">{String(letter.summary['letterNumber'])}</Typography.Text>
            </>
          ) : (
            <Typography.Text type="secondary">{t('docs.noLetter')}</Typography.Text>
          )}
        </Space>
      </Space>
    </Card>
  );
}
