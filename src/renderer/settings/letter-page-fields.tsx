/**
 * Page setup and wording of a unit's letters (issue 14), inside the letterhead form: paper,
 * margins, face and size the regional rule prescribes, the classification printed in "Sifat",
 * and the opening and closing sentences around the drafter's text.
 */
import { Col, Form, Input, InputNumber, Row, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { LETTER_CLASSIFICATIONS, LETTER_FONTS, LETTER_TEMPLATE_TOKENS, PAPER_SIZES } from '../../shared/domain/letter-page';

const MARGINS = ['top', 'right', 'bottom', 'left'] as const;

export function LetterPageFields() {
  const { t } = useTranslation();
  return (
    <>
      <Row gutter={12}>
        <Col span={6}>
          <Form.Item name="paper" label={t('letterPage.paper')}>
            <Select options={PAPER_SIZES.map((p) => ({ value: p, label: t(`letterPage.paperName.${p}`) }))} data-testid="letterhead-paper" />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item name="font" label={t('letterPage.font')}>
            <Select options={LETTER_FONTS.map((f) => ({ value: f, label: t(`letterPage.fontName.${f}`) }))} data-testid="letterhead-font" />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item name="fontSize" label={t('letterPage.fontSize')}>
            <InputNumber min={10} max={13} suffix="pt" style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item name="classificationLevel" label={t('letterPage.classificationLevel')} extra={t('letterPage.classificationHint')}>
            <Select options={LETTER_CLASSIFICATIONS.map((c) => ({ value: c, label: c }))} />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={12}>
        {MARGINS.map((m) => (
          <Col span={6} key={m}>
            <Form.Item name={['margins', m]} label={t(`letterPage.margin.${m}`)} rules={[{ required: true, message: t('validation.required') }]}>
              <InputNumber min={5} max={60} suffix="mm" style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        ))}
      </Row>
      <Form.Item name="opening" label={t('letterPage.opening')} extra={t('letterPage.openingHint', { tokens: LETTER_TEMPLATE_TOKENS.join(' ') })}>
        <Input.TextArea rows={2} maxLength={1000} data-testid="letterhead-opening" />
      </Form.Item>
      <Form.Item name="closing" label={t('letterPage.closing')} extra={t('letterPage.closingHint')}>
        <Input.TextArea rows={2} maxLength={600} />
      </Form.Item>
    </>
  );
}
