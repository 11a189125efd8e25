/** Kop surat per unit: the letterhead, place, letter numbering and tembusan printed on its letters. */
import { Alert, Button, Col, Form, Input, Row, Select, Space, Typography, Upload } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LetterheadView } from '../../shared/api/views-documents';
import type { AttachmentRef } from '../../shared/domain/events';
import { api } from '../api/client';
import { readFileBase64 } from '../api/file-bytes';
import { useNotify } from '../hooks/use-notify';
import { useQuery } from '../hooks/use-query';
import { LetterPageFields } from './letter-page-fields';
import { LetterRegisterButton } from './letter-register-button';

interface Fields {
  government: string;
  agency: string;
  address: string;
  contacts: string;
  place: string;
  numberFormat: string;
  classification: string;
  tembusan: string;
  paper: LetterheadView['paper'];
  margins: LetterheadView['margins'];
  font: LetterheadView['font'];
  fontSize: number;
  classificationLevel: LetterheadView['classificationLevel'];
  opening: string;
  closing: string;
}

export function LetterheadTab() {
  const { t } = useTranslation();
  const q = useQuery(() => api['letterhead.list']({}), 'letterheads');
  const [unitId, setUnitId] = useState<string | null>(null);
  const current = q.data?.find((h) => h.unitId === (unitId ?? q.data?.[0]?.unitId));
  if (!q.data) return q.error ? <Alert type="error" showIcon title={q.error.message} /> : null;
  return (
    <Row gutter={16}>
      <Col xs={24} xl={16}>
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Select
            style={{ width: '100%' }}
            value={current?.unitId}
            onChange={setUnitId}
            options={q.data.map((h) => ({ value: h.unitId, label: h.unitName }))}
            data-testid="letterhead-unit"
            aria-label={t('org.unit')}
          />
          {current && <LetterRegisterButton unitId={current.unitId} />}
          {current && <LetterheadForm key={current.unitId} head={current} onSaved={q.reload} />}
        </Space>
      </Col>
    </Row>
  );
}

/** The form of one unit's letterhead; keyed by unit, so it starts from that unit's values. */
function LetterheadForm({ head, onSaved }: { head: LetterheadView; onSaved: () => void }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const [logo, setLogo] = useState<AttachmentRef | LetterheadView['logo']>(head.logo);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<Fields>();
  const current = head;

  async function upload(file: File): Promise<void> {
    const r = await api['attachment.upload']({ name: file.name, dataBase64: await readFileBase64(file) });
    if (!r.ok) setError(r.error.message);
    else if (r.value.mime !== 'image/png' && r.value.mime !== 'image/jpeg') setError(t('letterhead.notImage'));
    else {
      setError(null);
      setLogo(r.value);
    }
  }

  async function save(v: Fields): Promise<void> {
    setBusy(true);
    const r = await api['letterhead.save']({
      unitId: current.unitId,
      government: v.government ?? '',
      agency: v.agency ?? '',
      address: v.address ?? '',
      contacts: v.contacts ?? '',
      place: v.place ?? '',
      logo: logo ? { sha256: logo.sha256, name: logo.name, mime: logo.mime, size: logo.size } : null,
      numberFormat: v.numberFormat,
      classification: v.classification ?? '',
      tembusan: (v.tembusan ?? '')
        .split('\n')
        .map((s) => s.trim())
        .filter(Boolean),
      paper: v.paper,
      margins: v.margins,
      font: v.font,
      fontSize: v.fontSize,
      classificationLevel: v.classificationLevel,
      opening: (v.opening ?? '').trim(),
      closing: (v.closing ?? '').trim(),
    });
    setBusy(false);
    if (r.ok) {
      notify.success(t('letterhead.saved'));
      onSaved();
    } else setError(r.error.message);
  }

  return (
    <>
      {error && <Alert type="error" showIcon title={error} data-testid="letterhead-error" />}
      <Form<Fields>
        form={form}
        layout="vertical"
        onFinish={(v) => notify.run(save(v))}
        initialValues={{ ...head, tembusan: head.tembusan.join('\n') }}
      >
        <Form.Item name="government" label={t('letterhead.government')} extra={t('letterhead.governmentHint')}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="agency" label={t('letterhead.agency')}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="address" label={t('letterhead.address')}>
          <Input maxLength={300} />
        </Form.Item>
        <Form.Item name="contacts" label={t('letterhead.contacts')}>
          <Input maxLength={300} />
        </Form.Item>
        <Row gutter={12}>
          <Col span={8}>
            <Form.Item name="place" label={t('letterhead.place')}>
              <Input maxLength={80} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="classification" label={t('letterhead.classification')}>
              <Input maxLength={30} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item
              name="numberFormat"
              label={t('letterhead.numberFormat')}
              rules={[{ required: true, message: t('validation.required') }]}
              extra="{KLAS} {SEQ:3} {UNIT} {ROMAWI} {MM} {YYYY}"
            >
              <Input maxLength={80} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="tembusan" label={t('letterhead.tembusan')} extra={t('letterhead.tembusanHint')}>
          <Input.TextArea rows={3} />
        </Form.Item>
        <LetterPageFields />
        <Form.Item label={t('letterhead.logo')}>
          <Space>
            <Upload
              accept="image/png,image/jpeg"
              showUploadList={false}
              beforeUpload={(f) => {
                notify.run(upload(f));
                return false;
              }}
            >
              <Button icon={<UploadOutlined />}>{t('letterhead.chooseLogo')}</Button>
            </Upload>
            {logo ? <Typography.Text>{logo.name}</Typography.Text> : <Typography.Text type="secondary">{t('letterhead.noLogo')}</Typography.Text>}
            {logo && (
              <Button size="small" onClick={() => setLogo(null)}>
                {t('letterhead.removeLogo')}
              </Button>
            )}
          </Space>
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy} data-testid="letterhead-save">
          {t('common.save')}
        </Button>
      </Form>
    </>
  );
}
