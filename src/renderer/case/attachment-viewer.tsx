/**
 * Case files seen inside the app: a drawer beside the case (the case stays readable, no
 * download needed) that draws a PDF page by page or shows a photo; anything else, or a file
 * whose bytes disagree with its type, is only offered to save as before.
 */
import { Alert, Button, Drawer, Spin } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AttachmentData } from '../../shared/api/views';
import type { AttachmentRef } from '../../shared/domain/events';
import { api } from '../api/client';
import { saveDocument } from '../api/files';
import { base64Bytes, PdfView } from '../components/pdf-view';
import { viewKind } from '../format/file-kind';
import { useNotify } from '../hooks/use-notify';

type Loaded = { of: string; file: AttachmentData | null; error: string | null };

/** The drawer for one file of a case; `file` null = closed. */
export function AttachmentViewer({
  caseId,
  file,
  onClose,
}: {
  caseId: string;
  file: Pick<AttachmentRef, 'sha256' | 'name' | 'mime'> | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const notify = useNotify();
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const sha = file?.sha256 ?? null;

  useEffect(() => {
    if (!sha) return;
    let cancelled = false;
    api['attachment.get']({ caseId, sha256: sha }).then(
      (r) => {
        if (!cancelled) setLoaded({ of: sha, file: r.ok ? r.value : null, error: r.ok ? null : r.error.message });
      },
      (e: unknown) => {
        if (!cancelled) setLoaded({ of: sha, file: null, error: e instanceof Error ? e.message : String(e) });
      },
    );
    return () => {
      cancelled = true;
    };
  }, [caseId, sha]);

  const current = loaded?.of === sha ? loaded : null;
  const data = current?.file ?? null;
  const kind = data ? viewKind(data.mime, base64Bytes(data.dataBase64.slice(0, 64))) : null;

  async function save(): Promise<void> {
    if (!data) return;
    const saved = await saveDocument({ fileName: data.name, mime: data.mime, dataBase64: data.dataBase64 });
    if (!saved.ok) notify.error(saved.error);
    else if (saved.value) notify.success(t('docs.saved', { where: saved.value }));
  }

  return (
    <Drawer
      open={file !== null}
      onClose={onClose}
      title={file?.name}
      placement="right"
      size={640}
      // No mask: the case stays in view and usable beside the file.
      mask={false}
      extra={
        <Button icon={<DownloadOutlined />} onClick={() => notify.run(save())} disabled={!data} data-testid="attachment-viewer-save">
          {t('viewer.save')}
        </Button>
      }
      data-testid="attachment-viewer"
    >
      {file && !current && <Spin description={t('pdfView.loading')} />}
      {current?.error && <Alert type="error" showIcon title={current.error} />}
      {data && kind === 'pdf' && <PdfView dataBase64={data.dataBase64} width={580} label={data.name} testId="attachment-pdf" />}
      {data && kind === 'image' && (
        <img src={`data:${data.mime};base64,${data.dataBase64}`} alt={data.name} style={{ maxWidth: '100%' }} data-testid="attachment-image" />
      )}
      {data && kind === null && <Alert type="info" showIcon title={t('viewer.notShown')} data-testid="attachment-not-shown" />}
    </Drawer>
  );
}
