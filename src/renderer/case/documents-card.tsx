/** The case's documents: the disposition sheet and, once approved, the response letter, to print or save. */
import { Button, Card, Select, Space, Typography } from 'antd';
import { FilePdfOutlined, FileWordOutlined, PrinterOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseDetail } from '../../shared/api/views';
import type { DocumentFile } from '../../shared/api/views-documents';
import type { Result } from '../../shared/result';
import { api } from '../api/client';
import { printDocument, saveDocument } from '../api/files';
import { useApp } from '../hooks/use-app';
import { useNotify } from '../hooks/use-notify';
import { actSummary } from '../../shared/api/timeline-summary';
import { AttachmentsRow } from './attachments-row';
import { PadesSignModal, type Job } from './pades-sign-modal';

export function DocumentsCard({ detail, onChanged }: { detail: CaseDetail; onChanged: () => void }) {
  const { t } = useTranslation();
  // Some SOPs (Kalimantan Timur) answer directly and issue no letter: promise none there.
  const issuesLetters = useApp().overview.preset.steps.some((st) => st.actions.some((a) => a.kind === 'approve'));
  const notify = useNotify();
  const [busy, setBusy] = useState<Job | null>(null);
  const [padesOpen, setPadesOpen] = useState(false);
  const caseId = detail.case.id;
  // Every letter of the case, newest first: a case answered by two OPDs has one from each.
  const letters = [...detail.timeline].reverse().filter((e) => e.type === 'case.approved' && actSummary(e)?.letterNumber && !e.conflict);
  const [chosen, setChosen] = useState<string | null>(null);
  const letter = letters.find((e) => e.id === chosen) ?? letters[0];

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
    else if (typeof done.value === 'string')
      notify.success(t(job.endsWith('print') ? 'docs.downloadedToPrint' : 'docs.saved', { where: done.value }));
    // Making a copy records it on the case (for later verification): refresh the timeline.
    onChanged();
  }

  const sheet = () => api['document.sheet']({ caseId });
  const letterOf = (format: 'pdf' | 'docx') => () => api['document.letter']({ caseId, eventId: letter?.id ?? null, format });
  return (
    <Card size="small" title={t('docs.title')} data-testid="documents-card">
      <Space orientation="vertical" size={8} style={{ width: '100%' }}>
        <AttachmentsRow detail={detail} onChanged={onChanged} />
        <Space wrap>
          <Typography.Text strong style={{ minWidth: 140, display: 'inline-block' }}>
            {t('docs.sheet')}
          </Typography.Text>
          <Button
            size="small"
            icon={<PrinterOutlined />}
            loading={busy === 'sheet-print'}
            onClick={() => notify.run(run('sheet-print', sheet, printDocument))}
            data-testid="sheet-print"
          >
            {t('docs.print')}
          </Button>
          <Button
            size="small"
            icon={<FilePdfOutlined />}
            loading={busy === 'sheet-pdf'}
            onClick={() => notify.run(run('sheet-pdf', sheet, saveDocument))}
            data-testid="sheet-save"
          >
            {t('docs.savePdf')}
          </Button>
        </Space>
        <Space wrap>
          <Typography.Text strong style={{ minWidth: 140, display: 'inline-block' }}>
            {t('docs.letter')}
          </Typography.Text>
          {letter ? (
            <>
              <Button
                size="small"
                icon={<PrinterOutlined />}
                loading={busy === 'letter-print'}
                onClick={() => notify.run(run('letter-print', letterOf('pdf'), printDocument))}
                data-testid="letter-print"
              >
                {t('docs.print')}
              </Button>
              <Button
                size="small"
                icon={<FilePdfOutlined />}
                loading={busy === 'letter-pdf'}
                onClick={() => notify.run(run('letter-pdf', letterOf('pdf'), saveDocument))}
                data-testid="letter-pdf"
              >
                {t('docs.savePdf')}
              </Button>
              <Button
                size="small"
                icon={<FileWordOutlined />}
                loading={busy === 'letter-docx'}
                onClick={() => notify.run(run('letter-docx', letterOf('docx'), saveDocument))}
                data-testid="letter-docx"
              >
                {t('docs.saveDocx')}
              </Button>
              <Button size="small" icon={<SafetyCertificateOutlined />} onClick={() => setPadesOpen(true)} data-testid="letter-pades">
                {t('docs.pades')}
              </Button>
              {letters.length > 1 ? (
                <Select
                  size="small"
                  value={letter.id}
                  onChange={setChosen}
                  style={{ minWidth: 260 }}
                  data-testid="letter-choice"
                  aria-label={t('letterPage.letterChoice')}
                  options={letters.map((e) => ({ value: e.id, label: `${actSummary(e)?.letterNumber ?? ''} — ${e.positionTitle ?? ''}` }))}
                />
              ) : (
                <Typography.Text type="secondary">{actSummary(letter)?.letterNumber}</Typography.Text>
              )}
            </>
          ) : (
            <Typography.Text type="secondary" data-testid="letter-none">
              {issuesLetters ? t('docs.noLetter') : t('ui.docs.noLetterInSop')}
            </Typography.Text>
          )}
        </Space>
      </Space>
      <PadesSignModal
        open={padesOpen}
        onClose={() => setPadesOpen(false)}
        caseId={caseId}
        letterEventId={letter?.id ?? null}
        busy={busy}
        setBusy={setBusy}
        onChanged={onChanged}
      />
    </Card>
  );
}
