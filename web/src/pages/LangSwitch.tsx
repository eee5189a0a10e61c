// The Italian/English switch shown on every page.
import { useTranslation } from 'react-i18next';

export function LangSwitch() {
  const { t, i18n } = useTranslation();
  const next = i18n.language === 'en' ? 'it' : 'en';
  return (
    <button type="button" className="lang-switch" onClick={() => void i18n.changeLanguage(next)} aria-label={t('lang.label')}>
      {t('lang.switchTo')}
    </button>
  );
}
