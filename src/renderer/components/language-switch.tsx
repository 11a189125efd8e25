import { Segmented } from 'antd';
import { useTranslation } from 'react-i18next';
import { LANGUAGES, setLanguage, type Language } from '../i18n/i18n';

/** ID / EN switch; antd's and dayjs' locales follow through the root provider. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const value: Language = i18n.language === 'en' ? 'en' : 'id';
  return (
    <Segmented<Language>
      size="small"
      aria-label={t('header.language')}
      value={value}
      options={LANGUAGES.map((l) => ({ value: l, label: t(`language.${l}`) }))}
      onChange={(l) => setLanguage(l)}
    />
  );
}
