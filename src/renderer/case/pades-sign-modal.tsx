/** The PAdES signing of the response letter with the user's own certificate (a .p12 file and its passphrase), saved as a PDF. */
import { Alert, Button, Checkbox, Input, Modal, Space, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { readFileBase64 } from '../api/file-bytes';
import { saveDocument } from '../api/files';
import { useNotify } from '../hooks/use-notify';

/** What the documents card is making (one at a time shows its button busy). */
export type Job = 'sheet-print' | 'sheet-pdf' | 'letter-print' | 'letter-pdf' | 'letter-docx' | 'letter-pades';

interface Props {
  open: boolean;
  onClose: () => void;
  caseId: string;
  /** The chosen letter's approval event (null: the case's only one). */
  letterEventId: string | null;
  busy: Job | null;
  setBusy: (job: Job | null) => void;
  onChanged: () => void;
}

/** The dialog; the certificate, the visible-box choice and an error stay while the card lives (the passphrase is cleared after each try). */
export function PadesSignModal({ open, onClose, caseId, letterEventId, busy, setBusy, onChanged }: Props) {
  const { t } = useTranslation();
  const notify = useNotify();
  const [p12, setP12] = useState<{ name: string; base64: string } | null>(null);
  const [passphrase, setPassphrase] = useState('');
  const [padesError, setPadesError] = useState<string | null>(null);
  const [padesVisible, setPadesVisible] = useState(false);

  async function signWithCertificate(): Promise<void> {
    if (!p12) return;
    setBusy('letter-pades');
    setPadesError(null);
    const made = await api['document.letter']({
      caseId,
      eventId: letterEventId,
      format: 'pdf',
      pades: { p12Base64: p12.base64, passphrase, visible: padesVisible },
    });
    setPassphrase('');
    if (!made.ok) {
      setBusy(null);
      setPadesError(made.error.message);
      return;
    }
    const saved = await saveDocument(made.value);
    setBusy(null);
    onClose();
    if (!saved.ok) notify.error(saved.error);
    else if (saved.value) notify.success(t('docs.saved', { where: saved.value }));
    onChanged();
  }

  return (
    <Modal
      open={open}
      title={t('docs.padesTitle')}
      okText={t('docs.padesSign')}
      cancelText={t('common.cancel')}
      okButtonProps={{ disabled: !p12, loading: busy === 'letter-pades' }}
      onOk={() => notify.run(signWithCertificate())}
      onCancel={onClose}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('docs.padesIntro')}</Typography.Paragraph>
      {padesError && <Alert type="error" showIcon title={padesError} style={{ marginBottom: 8 }} />}
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Upload
          accept=".p12,.pfx,application/x-pkcs12"
          showUploadList={false}
          beforeUpload={(f) => {
            notify.run(readFileBase64(f).then((base64) => setP12({ name: f.name, base64 })));
            return false;
          }}
        >
          <Button>{p12 ? p12.name : t('docs.padesChoose')}</Button>
        </Upload>
        <Input.Password placeholder={t('docs.padesPassword')} value={passphrase} onChange={(e) => setPassphrase(e.target.value)} autoComplete="off" />
        <Checkbox checked={padesVisible} onChange={(e) => setPadesVisible(e.target.checked)} data-testid="pades-visible">
          {t('padesBox.visible')}
        </Checkbox>
      </Space>
    </Modal>
  );
}
