/** The complainant part of the registration form (not shown for an anonymous complaint). */
import { Col, Divider, Form, Input, Row } from 'antd';
import { useTranslation } from 'react-i18next';

/** The fields, under the page's `<Form>`. */
export function ComplainantFields() {
  const { t } = useTranslation();
  const required = [{ required: true, whitespace: true, message: t('validation.required') }];
  return (
    <>
      <Divider titlePlacement="start" plain>
        {t('complainant.title')}
      </Divider>
      <Row gutter={12} data-testid="complainant-fields">
        <Col xs={24} md={8}>
          <Form.Item name="name" label={t('complainant.name')} rules={required}>
            <Input maxLength={120} />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name="nik" label={t('complainant.nik')} rules={[{ pattern: /^\d{16}$/, message: t('validation.nik') }]}>
            <Input maxLength={16} inputMode="numeric" />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name="phone" label={t('complainant.phone')}>
            <Input maxLength={30} />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name="email" label={t('complainant.email')} rules={[{ type: 'email', message: t('validation.email') }]}>
            <Input maxLength={200} />
          </Form.Item>
        </Col>
        <Col xs={24} md={16}>
          <Form.Item name="address" label={t('complainant.address')}>
            <Input maxLength={500} />
          </Form.Item>
        </Col>
      </Row>
    </>
  );
}
