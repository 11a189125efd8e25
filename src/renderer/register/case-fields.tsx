/** The case part of the registration form: channel, LAPOR! id, time received, type, category, title, text, place, urgency, privacy. */
import { Col, DatePicker, Form, Input, Radio, Row, Select, type FormInstance } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { CASE_TYPES, CHANNELS, PRIVACIES, URGENCIES, type CaseType, type Channel, type Privacy, type Urgency } from '../../shared/domain/enums';
import { MAX_DESCRIPTION } from '../../shared/domain/events';
import { useApp } from '../hooks/use-app';

/** The registration form's values. */
export interface Fields {
  channel: Channel;
  laporId?: string;
  receivedAt: Dayjs;
  type: CaseType;
  categoryId?: string;
  subcategoryId?: string;
  title: string;
  description: string;
  location?: string;
  privacy: Privacy;
  urgency: Urgency;
  name?: string;
  nik?: string;
  phone?: string;
  email?: string;
  address?: string;
}

/** The fields, under the page's `<Form>`; `channel` and `privacy` as the page watches them. */
export function CaseFields({ form, channel, privacy }: { form: FormInstance<Fields>; channel: Channel | undefined; privacy: Privacy | undefined }) {
  const { t } = useTranslation();
  const { overview, tz } = useApp();
  const categoryId = Form.useWatch('categoryId', form);
  const subcategories = overview.preset.categories.find((c) => c.id === categoryId)?.subcategories ?? [];
  const required = [{ required: true, whitespace: true, message: t('validation.required') }];
  return (
    <Row gutter={12}>
      <Col xs={24} md={8}>
        <Form.Item name="channel" label={t('case.channel')} rules={[{ required: true, message: t('validation.required') }]}>
          <Select options={CHANNELS.map((c) => ({ value: c, label: t(`channel.${c}`) }))} />
        </Form.Item>
      </Col>
      <Col xs={24} md={8}>
        <Form.Item name="laporId" label={t('case.laporId')} rules={channel === 'lapor' ? required : []}>
          <Input maxLength={40} />
        </Form.Item>
      </Col>
      <Col xs={24} md={8}>
        <Form.Item name="receivedAt" label={t('register.receivedAt', { tz })} rules={[{ required: true, message: t('validation.required') }]}>
          <DatePicker showTime={{ format: 'HH:mm' }} format={t('format.dateTimePicker')} style={{ width: '100%' }} />
        </Form.Item>
      </Col>
      <Col xs={24} md={8}>
        <Form.Item name="type" label={t('case.type')} rules={[{ required: true, message: t('validation.required') }]}>
          <Select options={CASE_TYPES.map((c) => ({ value: c, label: t(`caseType.${c}`) }))} />
        </Form.Item>
      </Col>
      <Col xs={24} md={8}>
        <Form.Item name="categoryId" label={t('case.category')}>
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            options={overview.preset.categories.map((c) => ({ value: c.id, label: c.name }))}
            onChange={() => form.setFieldValue('subcategoryId', undefined)}
          />
        </Form.Item>
      </Col>
      <Col xs={24} md={8}>
        <Form.Item name="subcategoryId" label={t('case.subcategory')}>
          <Select allowClear disabled={subcategories.length === 0} options={subcategories.map((c) => ({ value: c.id, label: c.name }))} />
        </Form.Item>
      </Col>
      <Col span={24}>
        <Form.Item name="title" label={t('case.title')} rules={required}>
          <Input maxLength={300} />
        </Form.Item>
      </Col>
      <Col span={24}>
        <Form.Item name="description" label={t('case.description')} rules={required}>
          <Input.TextArea rows={5} maxLength={MAX_DESCRIPTION} showCount />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item name="location" label={t('case.location')}>
          <Input maxLength={300} />
        </Form.Item>
      </Col>
      <Col xs={24} md={6}>
        <Form.Item name="urgency" label={t('case.urgency')}>
          <Select options={URGENCIES.map((u) => ({ value: u, label: t(`urgency.${u}`) }))} />
        </Form.Item>
      </Col>
      <Col xs={24} md={6}>
        <Form.Item name="privacy" label={t('case.privacy')} extra={privacy ? t(`privacyHint.${privacy}`) : undefined}>
          <Radio.Group optionType="button" options={PRIVACIES.map((p) => ({ value: p, label: t(`privacy.${p}`) }))} />
        </Form.Item>
      </Col>
    </Row>
  );
}
