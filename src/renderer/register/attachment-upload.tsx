/**
 * Attachments picked by the user, each sent to `attachment.upload` as soon as it is added.
 * The backend decides the type from the bytes and applies the office's size limit; a refused
 * file stays visible with the backend's own message and is never passed on.
 */
import { Alert, Button, List, Space, Typography, Upload } from 'antd';
import { DeleteOutlined, InboxOutlined, LoadingOutlined, PaperClipOutlined } from '@ant-design/icons';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AttachmentRef } from '../../shared/domain/events';
import { api } from '../api/client';
import { readFileBase64 } from '../api/file-bytes';
import { useNotify } from '../hooks/use-notify';

/** What the picker accepts; the backend checks the content anyway. */
const ACCEPT = '.pdf,.jpg,.jpeg,.png,.gif,.webp,.tif,.tiff,application/pdf,image/*';

interface Item {
  key: number;
  name: string;
  state: 'uploading' | 'done' | 'refused';
  ref?: AttachmentRef;
  message?: string;
}

interface Props {
  /** Set by a wrapping `Form.Item`; the list itself is the source of truth. */
  value?: unknown;
  /** Called with the uploaded attachments (never the refused ones) whenever they change. */
  onChange?: (refs: AttachmentRef[]) => void;
  /** Called with true while any upload is still running. */
  onBusy?: (busy: boolean) => void;
  /** Most files kept (the contract takes 20 per registration, one scan per paper step). */
  max?: number;
  testId?: string;
}

/** A drop zone and the list of uploaded, uploading and refused files. */
export function AttachmentUpload({ onChange, onBusy, max = 20, testId = 'attachment-upload' }: Props) {
  const { t } = useTranslation();
  const notify = useNotify();
  const [items, setItems] = useState<Item[]>([]);
  const nextKey = useRef(0);
  const onChangeRef = useRef(onChange);
  const onBusyRef = useRef(onBusy);
  useEffect(() => {
    onChangeRef.current = onChange;
    onBusyRef.current = onBusy;
  });

  // Parents hear about the uploaded set only; the same file twice (same hash) counts once.
  const doneKey = items
    .filter((i) => i.state === 'done')
    .map((i) => i.ref?.sha256)
    .join(',');
  const busy = items.some((i) => i.state === 'uploading');
  // Only a change in the set of uploaded files is reported, not every state change.
  const reported = useRef<string | null>(null);
  useEffect(() => {
    if (reported.current === doneKey) return;
    reported.current = doneKey;
    const seen = new Set<string>();
    const refs: AttachmentRef[] = [];
    for (const i of items) {
      if (i.state !== 'done' || !i.ref || seen.has(i.ref.sha256)) continue;
      seen.add(i.ref.sha256);
      refs.push(i.ref);
    }
    onChangeRef.current?.(refs);
  }, [doneKey, items]);
  useEffect(() => onBusyRef.current?.(busy), [busy]);

  const kept = items.filter((i) => i.state !== 'refused').length;

  async function add(file: File): Promise<void> {
    const key = nextKey.current++;
    setItems((prev) => [...prev, { key, name: file.name, state: 'uploading' }]);
    let update: Partial<Item>;
    try {
      const r = await api['attachment.upload']({ name: file.name, dataBase64: await readFileBase64(file) });
      update = r.ok ? { state: 'done', ref: r.value, name: r.value.name } : { state: 'refused', message: r.error.message };
    } catch (e) {
      update = { state: 'refused', message: e instanceof Error ? e.message : String(e) };
    }
    setItems((prev) => prev.map((i) => (i.key === key ? { ...i, ...update } : i)));
  }

  return (
    <Space orientation="vertical" size={6} style={{ width: '100%' }} data-testid={testId}>
      <Upload.Dragger
        multiple={max > 1}
        accept={ACCEPT}
        showUploadList={false}
        disabled={kept >= max}
        beforeUpload={(file) => {
          notify.run(add(file));
          // Uploaded through the contract, never by antd's own request.
          return false;
        }}
      >
        <p className="ant-upload-drag-icon" style={{ marginBottom: 4 }}>
          <InboxOutlined />
        </p>
        <p className="ant-upload-text">{t('desk.upload.hint')}</p>
        <p className="ant-upload-hint">
          {t('desk.upload.types')} {max > 1 ? t('desk.upload.max', { max }) : ''}
        </p>
        <p className="ant-upload-hint" data-testid="upload-metadata-hint">
          {t('harden.photoMetadata')}
        </p>
      </Upload.Dragger>
      {items.some((i) => i.state !== 'refused') && (
        <List
          size="small"
          bordered
          dataSource={items.filter((i) => i.state !== 'refused')}
          renderItem={(i) => (
            <List.Item
              data-testid="attachment-item"
              data-state={i.state}
              actions={[
                <Button
                  key="remove"
                  type="text"
                  size="small"
                  icon={<DeleteOutlined />}
                  aria-label={t('desk.upload.remove')}
                  title={t('desk.upload.remove')}
                  disabled={i.state === 'uploading'}
                  onClick={() => setItems((prev) => prev.filter((x) => x.key !== i.key))}
                />,
              ]}
            >
              <Space size={6}>
                {i.state === 'uploading' ? <LoadingOutlined /> : <PaperClipOutlined />}
                {i.state === 'uploading' ? (
                  <Typography.Text type="secondary">{t('desk.upload.uploading', { name: i.name })}</Typography.Text>
                ) : (
                  <Typography.Text>{i.name}</Typography.Text>
                )}
                {i.ref && (
                  <Typography.Text type="secondary">{t('desk.upload.sizeKb', { size: Math.max(1, Math.round(i.ref.size / 1024)) })}</Typography.Text>
                )}
              </Space>
            </List.Item>
          )}
        />
      )}
      {items
        .filter((i) => i.state === 'refused')
        .map((i) => (
          <Alert
            key={i.key}
            type="error"
            showIcon
            data-testid="attachment-refused"
            title={t('desk.upload.refused', { name: i.name })}
            description={i.message}
            closable={{ onClose: () => setItems((prev) => prev.filter((x) => x.key !== i.key)) }}
          />
        ))}
    </Space>
  );
}
