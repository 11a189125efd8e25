/**
 * The document beside a signature-book item: the drafted letter an approval signs, or the
 * lembar disposisi a disposition adds to. Until the in-app PDF viewer lands, the text is shown
 * here and the rendered PDF goes through the existing print/download path (`document.preview`
 * for the letter: KONSEP, unnumbered, never recorded; `document.sheet` for the sheet). Kept as
 * its own component so the viewer can take this place without touching the book.
 */
import { Button, Typography } from 'antd';
import { FilePdfOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseDetail } from '../../shared/api/views';
import { api } from '../api/client';
import { printDocument } from '../api/files';
import { LetterPreviewButton } from '../case/letter-preview-button';
import { deliverDocument } from '../case/deliver-document';
import { useNotify } from '../hooks/use-notify';

interface Props {
  detail: CaseDetail;
  /** `letter`: the approval signs the drafted response; `sheet`: a disposition. */
  kind: 'letter' | 'sheet';
}

export function DocumentPane({ detail, kind }: Props) {
  const { t } = useTranslation();
  const notify = useNotify();
  const [busy, setBusy] = useState(false);
  const caseId = detail.case.id;

  async function sheet(): Promise<void> {
    setBusy(true);
    await deliverDocument(
      () => api['document.sheet']({ caseId }),
      printDocument,
      notify,
      (where) => t('docs.downloadedToPrint', { where }),
    );
  }

  const text = kind === 'letter' ? detail.case.response : detail.case.description;
  return (
    <section aria-label={t(kind === 'letter' ? 'signatureBook.draftLetter' : 'signatureBook.caseText')} data-testid="signbook-document">
      <Typography.Text strong>{t(kind === 'letter' ? 'signatureBook.draftLetter' : 'signatureBook.caseText')}</Typography.Text>
      <div className="alur-pre alur-signbook-text" tabIndex={0} data-testid="signbook-document-text">
        {text ?? t('signatureBook.noDraft')}
      </div>
      {kind === 'letter' ? (
        <LetterPreviewButton caseId={caseId} response={() => detail.case.response} />
      ) : (
        <Button
          icon={<FilePdfOutlined />}
          loading={busy}
          onClick={() => notify.run(sheet().finally(() => setBusy(false)))}
          data-testid="signbook-sheet"
          style={{ marginBottom: 8 }}
        >
          {t('signatureBook.sheetPdf')}
        </Button>
      )}
    </section>
  );
}
