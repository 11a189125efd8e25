/** The documents card's attachments row: the case's files, and (while the case is open) one more to attach. */
import { Button, Space, Typography, Upload } from 'antd';
import { PaperClipOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { CaseDetail } from '../../shared/api/views';
import { api } from '../api/client';
import { readFileBase64 } from '../api/file-bytes';
import { useNotify } from '../hooks/use-notify';
import { CaseFiles } from './case-files';

export function AttachmentsRow({ detail, onChanged }: { detail: CaseDetail; onChanged: () => void }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const caseId = detail.case.id;

  async function attach(file: File): Promise<void> {
    const up = await api['attachment.upload']({ name: file.name, dataBase64: await readFileBase64(file) });
    if (!up.ok) return notify.error(up.error);
    const r = await api['case.attach']({ caseId, attachment: up.value });
    if (!r.ok) return notify.error(r.error);
    notify.success(t('docs.attached', { name: up.value.name }));
    onChanged();
  }

  return (
    <Space wrap align="start">
      <Typography.Text strong style={{ minWidth: 140, display: 'inline-block' }}>
        {t('summary.attachments')}
      </Typography.Text>
      <span data-testid="case-attachments">
        {detail.case.attachments.length === 0 && <Typography.Text type="secondary">{t('common.dash')} </Typography.Text>}
        <CaseFiles detail={detail} />
      </span>
      {detail.case.status !== 'closed' && (
        <Upload
          showUploadList={false}
          accept="image/*,application/pdf"
          beforeUpload={(f) => {
            notify.run(attach(f));
            return false;
          }}
        >
          <Button size="small" icon={<PaperClipOutlined />} data-testid="attach-file">
            {t('docs.attach')}
          </Button>
        </Upload>
      )}
    </Space>
  );
}
