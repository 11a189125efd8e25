/** The file picker of the import screen, and what was read from the picked file. */
import { Card, Typography, Upload } from 'antd';
import { InboxOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { MAX_IMPORT_MB } from '../../shared/api/methods/imports';
import type { LaporPreview } from '../../shared/api/views-imports';

interface Props {
  busy: boolean;
  preview: LaporPreview | null;
  onPick: (file: File) => void;
}

export function ImportFileCard({ busy, preview, onPick }: Props) {
  const { t } = useTranslation();
  return (
    <Card title={t('import.title')}>
      <Upload.Dragger
        data-testid="import-upload"
        accept=".xlsx,.csv,.txt"
        multiple={false}
        showUploadList={false}
        disabled={busy}
        beforeUpload={(f) => {
          onPick(f);
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
  );
}
