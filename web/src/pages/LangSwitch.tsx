// The Italian/English switch shown on every page.
import { useTranslation } from 'react-i18next';

export function LangSwitch() {
  const { t, i18n } = useTranslation();
  const next = i18n.language === 'en' ? 'it' : 'en';
  return (
    // The accessible name is the visible text (WCAG 2.5.3), spoken in the language it names.
    <button type="button" className="lang-switch" lang={next} onClick={() => void i18n.changeLanguage(next)} title={t('lang.label')}>
      {t('lang.switchTo')}
    </button>
  );
}
