/**
 * Impor LAPOR! (administrators): pick an SP4N-LAPOR! export, check the preview (nothing is
 * written), adjust and save the column mapping, export the refused rows, then import every
 * accepted row after a confirmation, all or nothing.
 */
import { Alert, App, Button, Card, Space, Spin, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_IMPORT_BYTES, MAX_IMPORT_MB } from '../../shared/api/methods/imports';
import { refusedRowsCsv, type LaporCommitResult, type LaporPreview, type ResolvedMapping } from '../../shared/api/views-imports';
import { api } from '../api/client';
import { saveDocument } from '../api/files';
import { useNotify } from '../hooks/use-notify';
import { useQuery } from '../hooks/use-query';
import { readFileBase64, textBase64 } from '../api/file-bytes';
import { ImportFileCard } from '../import/import-file-card';
import { ImportResultCard } from '../import/import-result';
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
    const saved = await saveDocument({
      fileName: `${base}-baris-ditolak.csv`,
      mime: 'text/csv',
      dataBase64: textBase64(refusedRowsCsv(preview.refused)),
    });
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

  if (result) return <ImportResultCard result={result} onAgain={reset} />;

  const canImport = !!preview && preview.fileErrors.length === 0 && preview.accepted > 0 && !busy;
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }} data-testid="import-page">
      <ImportFileCard busy={busy} preview={preview} onPick={(f) => notify.run(pick(f))} />
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
              if (file) notify.run(runPreview(file, m));
            }}
            onSave={() => notify.run(saveMapping())}
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
              {preview.refused.length > 0 && <RefusedTable rows={preview.refused} onExport={() => notify.run(exportRefused())} />}
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
