import { Select } from 'antd';
import { FontSizeOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { FONT_SCALES, setFontScale, useFontScale, type FontScale } from '../hooks/use-ui-prefs';

/** Text size for the logged-in user (90-130%), remembered per user on this workstation. */
export function FontSizeControl() {
  const { t } = useTranslation();
  const scale = useFontScale();
  return (
    <Select<FontScale>
      aria-label={t('ui.fontSize')}
      title={t('ui.fontSize')}
      prefix={<FontSizeOutlined aria-hidden />}
      value={scale}
      onChange={setFontScale}
      style={{ width: 104 }}
      data-testid="font-size"
      options={FONT_SCALES.map((s) => ({ value: s, label: `${s}%` }))}
    />
  );
}
