/**
 * The case's files: a small thumbnail for each photo (made here from the file, so nothing new
 * is stored or synced), and "Lihat" opening the viewer beside the case.
 */
import { Button } from 'antd';
import { EyeOutlined, FileOutlined, FilePdfOutlined } from '@ant-design/icons';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseDetail } from '../../shared/api/views';
import type { AttachmentRef } from '../../shared/domain/events';
import { api } from '../api/client';
import { base64Bytes } from '../components/pdf-view';
import { viewableType, viewKind } from '../format/file-kind';
import { AttachmentViewer } from './attachment-viewer';
import { AttachmentLink } from './case-timeline';

const THUMB = 56;
/** Thumbnails by file hash, for this session (a file's bytes never change under its hash). */
const thumbs = new Map<string, string | null>();

/** A JPEG data URL of the photo scaled to fit THUMB px, or null when it is not a drawable photo. */
async function makeThumb(caseId: string, file: AttachmentRef): Promise<string | null> {
  const cached = thumbs.get(file.sha256);
  if (cached !== undefined) return cached;
  const r = await api['attachment.get']({ caseId, sha256: file.sha256 });
  let url: string | null = null;
  if (r.ok) {
    const bytes = base64Bytes(r.value.dataBase64);
    if (viewKind(r.value.mime, bytes) === 'image') {
      const bitmap = await createImageBitmap(new Blob([bytes], { type: r.value.mime }));
      const scale = Math.min(1, THUMB / Math.max(bitmap.width, bitmap.height));
      const canvas = document.createElement('canvas');
      canvas.width = Math.max(1, Math.round(bitmap.width * scale));
      canvas.height = Math.max(1, Math.round(bitmap.height * scale));
      canvas.getContext('2d')?.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
      bitmap.close();
      url = canvas.toDataURL('image/jpeg', 0.8);
    }
  }
  thumbs.set(file.sha256, url);
  return url;
}

function Thumb({ caseId, file }: { caseId: string; file: AttachmentRef }) {
  const [url, setUrl] = useState<string | null>(thumbs.get(file.sha256) ?? null);
  useEffect(() => {
    let cancelled = false;
    // A photo the browser cannot decode keeps the file icon.
    makeThumb(caseId, file).then(
      (u) => {
        if (!cancelled) setUrl(u);
      },
      () => undefined,
    );
    return () => {
      cancelled = true;
    };
  }, [caseId, file]);
  const box = {
    width: THUMB,
    height: THUMB,
    display: 'flex',
    alignItems: 'center',
    justifyContent: 'center',
    background: '#fafafa',
    border: '1px solid #f0f0f0',
  } as const;
  return <div style={box}>{url ? <img src={url} alt={file.name} data-testid="attachment-thumb" /> : <FileOutlined style={{ fontSize: 24 }} />}</div>;
}

/**
 * The case's files as the documents card lists them: each with its photo thumbnail, its link
 * (save) and "Lihat" for what the viewer draws; one viewer beside the case for all of them.
 */
export function CaseFiles({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  const [viewing, setViewing] = useState<AttachmentRef | null>(null);
  const caseId = detail.case.id;
  return (
    <>
      {detail.case.attachments.map((f) => {
        const kind = viewableType(f.mime);
        return (
          <span
            key={f.sha256}
            className="alur-case-file"
            style={{ display: 'inline-flex', alignItems: 'center', gap: 4, marginInlineEnd: 12, marginBottom: 4 }}
            data-testid="case-file"
            data-name={f.name}
          >
            {kind === 'image' && <Thumb caseId={caseId} file={f} />}
            {kind === 'pdf' && <FilePdfOutlined style={{ fontSize: 20 }} />}
            <AttachmentLink caseId={caseId} file={f} />
            {kind && (
              <Button
                size="small"
                icon={<EyeOutlined />}
                onClick={() => setViewing(f)}
                aria-label={`${t('viewer.view')} ${f.name}`}
                data-testid="attachment-view"
              >
                {t('viewer.view')}
              </Button>
            )}
          </span>
        );
      })}
      <AttachmentViewer caseId={caseId} file={viewing} onClose={() => setViewing(null)} />
    </>
  );
}
