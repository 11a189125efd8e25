/**
 * Verifikasi: is this letter or sheet genuine? Drop the PDF/DOCX, or type the code printed
 * under the signature (or the text a phone read from the QR code). The answer says who signed
 * what, when, as which position, whether the key was valid then, and whether the file changed.
 */
import { Alert, Button, Card, Descriptions, Input, Space, Typography, Upload } from 'antd';
import { InboxOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DocumentVerification } from '../../shared/api/views-documents';
import { api } from '../api/client';
import { readFileBase64 } from '../api/file-bytes';
import { formatDateTime } from '../format/dates';
import { useApp } from '../hooks/use-app';
import { navigate } from '../hooks/use-route';
import { useNotify } from '../hooks/use-notify';

const MAX_BYTES = 20 * 1024 * 1024;

export function VerifyPage() {
  const { t, i18n } = useTranslation();
  const notify = useNotify();
  const { tz } = useApp();
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<DocumentVerification | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [checked, setChecked] = useState<string | null>(null);

  async function finish(
    p: Promise<{ ok: true; value: DocumentVerification } | { ok: false; error: { message: string } }>,
    what: string,
  ): Promise<void> {
    setBusy(true);
    setError(null);
    setResult(null);
    const r = await p;
    setBusy(false);
    setChecked(what);
    if (r.ok) setResult(r.value);
    else setError(r.error.message);
  }

  async function checkFile(file: File): Promise<void> {
    if (file.size > MAX_BYTES) {
      setResult(null);
      setError(t('verify.tooBig'));
      return;
    }
    const dataBase64 = await readFileBase64(file);
    await finish(api['document.verify']({ fileName: file.name, dataBase64 }), file.name);
  }

  const sig = result?.signature && result.signature.status !== 'missing' ? result.signature : null;
  // A paper record is genuine but not an electronic signature: a warning, its message says so.
  const alertType = !result?.valid ? 'error' : result.signature?.status === 'paper' ? 'warning' : 'success';
  const alertTitle = result?.valid ? t('verify.valid') : t('verify.invalid');
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%', maxWidth: 860 }}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        <SafetyCertificateOutlined /> {t('verify.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('verify.intro')}</Typography.Paragraph>
      <Card size="small">
        <Upload.Dragger
          accept=".pdf,.docx,application/pdf"
          multiple={false}
          showUploadList={false}
          beforeUpload={(file) => {
            notify.run(checkFile(file));
            return false;
          }}
          data-testid="verify-drop"
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p>{t('verify.drop')}</p>
        </Upload.Dragger>
        <Space.Compact style={{ width: '100%', marginTop: 12 }}>
          <Input
            placeholder={t('verify.codePlaceholder')}
            value={code}
            onChange={(e) => setCode(e.target.value)}
            onPressEnter={() => {
              if (code.trim()) notify.run(finish(api['document.verifyCode']({ code }), code));
            }}
            data-testid="verify-code"
          />
          <Button
            type="primary"
            loading={busy}
            disabled={!code.trim()}
            onClick={() => notify.run(finish(api['document.verifyCode']({ code }), code))}
            data-testid="verify-code-submit"
          >
            {t('verify.check')}
          </Button>
        </Space.Compact>
      </Card>
      {error && <Alert type="error" showIcon title={error} />}
      {result && (
        <Card size="small" data-testid="verify-result" data-valid={result.valid ? 'yes' : 'no'}>
          <Alert type={alertType} showIcon title={alertTitle} description={result.message} style={{ marginBottom: 12 }} />
          <Descriptions size="small" column={1} bordered>
            {checked && <Descriptions.Item label={t('verify.checked')}>{checked}</Descriptions.Item>}
            {result.kind && <Descriptions.Item label={t('verify.kind')}>{t(`docs.kind_${result.kind}`)}</Descriptions.Item>}
            {result.caseRef && (
              <Descriptions.Item label={t('verify.case')}>
                {result.caseId ? (
                  <Button
                    type="link"
                    size="small"
                    style={{ padding: 0 }}
                    onClick={() => result.caseId && navigate({ page: 'case', id: result.caseId })}
                  >
                    {result.caseRef}
                  </Button>
                ) : (
                  result.caseRef
                )}
              </Descriptions.Item>
            )}
            {result.letterNumber && <Descriptions.Item label={t('timeline.letterNumber')}>{result.letterNumber}</Descriptions.Item>}
            {sig && <Descriptions.Item label={t('verify.signer')}>{`${sig.signerName ?? '-'} · ${sig.positionTitle ?? '-'}`}</Descriptions.Item>}
            {sig && <Descriptions.Item label={t('verify.signedAt')}>{formatDateTime(sig.signedAt, tz, t, i18n.language)}</Descriptions.Item>}
            {sig && <Descriptions.Item label={t('verify.signature')}>{sig.message}</Descriptions.Item>}
            {result.issuedAt !== null && (
              <Descriptions.Item label={t('verify.issuedAt')}>{formatDateTime(result.issuedAt, tz, t, i18n.language)}</Descriptions.Item>
            )}
          </Descriptions>
        </Card>
      )}
    </Space>
  );
}
