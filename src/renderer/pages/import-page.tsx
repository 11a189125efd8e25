/**
 * Impor LAPOR! (administrators): pick an SP4N-LAPOR! export, check the preview (nothing is
 * written), adjust and save the column mapping, export the refused rows, then import every
 * accepted row after a confirmation, all or nothing.
 */
import { Alert, App, Button, Card, Descriptions, Result, Space, Spin, Typography, Upload } from 'antd';
import { InboxOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_IMPORT_BYTES, MAX_IMPORT_MB } from '../../shared/api/methods/imports';
import { refusedRowsCsv, type LaporCommitResult, type LaporPreview, type ResolvedMapping } from '../../shared/api/views-imports';
import { api } from '../api/client';
import { saveDocument } from '../api/files';
import { useNotify } from '../hooks/use-notify';
import { useQuery } from '../hooks/use-query';
import { navigate } from '../hooks/use-route';
import { readFileBase64, textBase64 } from '../api/file-bytes';
import { DuplicateTable, MappingEditor, PreviewCounts, RefusedTable, SampleTable, WarningTable } from '../import/preview-panels';

interface Picked {
  name: string;
  base64: string;
}

/** The import screen. */
export function ImportPage() {
  const { t } = useTranslation();
  const { modal } = App.useApp();
  const notify = useNotify();
  const defaults = useQuery(() => api['import.lapor.mapping.get']({}), 'lapor-mapping');
  const [file, setFile] = useState<Picked | null>(null);
  const [preview, setPreview] = useState<LaporPreview | null>(null);
  const [mapping, setMapping] = useState<ResolvedMapping | null>(null);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<LaporCommitResult | null>(null);

  async function runPreview(f: Picked, m: ResolvedMapping | null): Promise<void> {
    setBusy(true);
    try {
      const p = notify.unwrap(await api['import.lapor.preview']({ fileName: f.name, dataBase64: f.base64, mapping: m }));
      if (p) {
        setPreview(p);
        setMapping(p.mapping);
      }
    } finally {
      setBusy(false);
    }
  }

  async function pick(raw: File): Promise<void> {
    setResult(null);
    setPreview(null);
    if (raw.size > MAX_IMPORT_BYTES) {
      notify.error({ code: 'VALIDATION', message: t('import.tooBig', { max: MAX_IMPORT_MB }) });
      return;
    }
    const f = { name: raw.name, base64: await readFileBase64(raw) };
    setFile(f);
    await runPreview(f, null);
  }

  async function saveMapping(): Promise<void> {
    if (!mapping) return;
    const saved = notify.unwrap(await api['import.lapor.mapping.save']({ mapping }));
    if (saved) notify.success(t('import.mappingSaved'));
  }

  async function exportRefused(): Promise<void> {
    if (!preview) return;
    const base = preview.fileName.replace(/\.[^.]*$/, '');
    const saved = await saveDocument({ fileName: `${base}-baris-ditolak.csv`, mime: 'text/csv', dataBase64: textBase64(refusedRowsCsv(preview.refused)) });
    if (!saved.ok) notify.error(saved.error);
  }

  function confirmCommit(): void {
    if (!file || !preview || !mapping) return;
    const input = { fileName: file.name, dataBase64: file.base64, mapping, sha256: preview.sha256 };
    modal.confirm({
      title: t('import.confirmTitle', { count: preview.accepted }),
      content: t('import.confirmText', { duplicates: preview.duplicates, refused: preview.refused.length }),
      okText: t('import.confirmOk'),
      cancelText: t('common.cancel'),
      onOk: async () => {
        const r = notify.unwrap(await api['import.lapor.commit'](input));
        if (r) setResult(r);
      },
    });
  }

  function reset(): void {
    setFile(null);
    setPreview(null);
    setMapping(null);
    setResult(null);
  }

  if (result) {
    return (
      <Card title={t('import.title')}>
        <Result
          status="success"
          data-testid="import-result"
          title={t('import.done', { count: result.imported })}
          subTitle={result.firstRef && result.lastRef ? t('import.doneRefs', { first: result.firstRef, last: result.lastRef }) : undefined}
          extra={[
            <Button key="cases" type="primary" onClick={() => navigate({ page: 'cases', filters: { channel: 'lapor' } })}>
              {t('import.seeCases')}
            </Button>,
            <Button key="again" onClick={reset}>
              {t('import.another')}
            </Button>,
          ]}
        >
          <Descriptions size="small" column={1} bordered>
            <Descriptions.Item label={t('import.count.imported')}>{result.imported}</Descriptions.Item>
            <Descriptions.Item label={t('import.count.duplicates')}>{result.duplicates}</Descriptions.Item>
            <Descriptions.Item label={t('import.count.refused')}>{result.refused.length}</Descriptions.Item>
            <Descriptions.Item label={t('import.firstRef')}>{result.firstRef ?? t('common.dash')}</Descriptions.Item>
            <Descriptions.Item label={t('import.lastRef')}>{result.lastRef ?? t('common.dash')}</Descriptions.Item>
          </Descriptions>
        </Result>
      </Card>
    );
  }

  const canImport = !!preview && preview.fileErrors.length === 0 && preview.accepted > 0 && !busy;
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }} data-testid="import-page">
      <Card title={t('import.title')}>
        <Upload.Dragger
          data-testid="import-upload"
          accept=".xlsx,.csv,.txt"
          multiple={false}
          showUploadList={false}
          disabled={busy}
          beforeUpload={(f) => {
            void pick(f);
            // Nothing is uploaded anywhere: the file is read here and previewed.
            return false;
          }}
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p className="ant-upload-text">{t('import.pick')}</p>
          <p className="ant-upload-hint">{t('import.pickHint', { max: MAX_IMPORT_MB })}</p>
        </Upload.Dragger>
        {preview && (
          <Typography.Paragraph style={{ marginTop: 8, marginBottom: 0 }} data-testid="import-file">
            {t('import.fileInfo', {
              name: preview.fileName,
              format: preview.format.toUpperCase(),
              header: preview.headerRow,
              encoding: preview.encoding ?? t('common.dash'),
            })}
          </Typography.Paragraph>
        )}
      </Card>
      {busy && !preview && <Spin size="large" style={{ display: 'block', marginTop: 40 }} />}
      {preview && mapping && (
        <>
          {preview.fileErrors.length > 0 && (
            <Alert
              type="error"
              showIcon
              data-testid="import-file-errors"
              title={t('import.fileErrors')}
              description={
                <ul style={{ margin: 0, paddingLeft: 18 }}>
                  {preview.fileErrors.map((e) => (
                    <li key={e}>{e}</li>
                  ))}
                </ul>
              }
            />
          )}
          <MappingEditor
            preview={preview}
            mapping={mapping}
            required={defaults.data?.required ?? []}
            busy={busy}
            onChange={(m) => {
              setMapping(m);
              if (file) void runPreview(file, m);
            }}
            onSave={() => void saveMapping()}
          />
          <Spin spinning={busy}>
            <Space orientation="vertical" size={12} style={{ width: '100%' }}>
              <PreviewCounts preview={preview} />
              <Card size="small">
                <Space wrap align="center">
                  <Button type="primary" disabled={!canImport} onClick={confirmCommit} data-testid="import-commit">
                    {t('import.commit', { count: preview.accepted })}
                  </Button>
                  <Typography.Text type="secondary">{t('import.nothingYet')}</Typography.Text>
                </Space>
              </Card>
              {preview.refused.length > 0 && <RefusedTable rows={preview.refused} onExport={() => void exportRefused()} />}
              {preview.duplicateRows.length > 0 && <DuplicateTable rows={preview.duplicateRows} />}
              {preview.warnings.length > 0 && <WarningTable rows={preview.warnings} />}
              {preview.sample.length > 0 && <SampleTable rows={preview.sample} total={preview.accepted} />}
            </Space>
          </Spin>
        </>
      )}
    </Space>
  );
}
