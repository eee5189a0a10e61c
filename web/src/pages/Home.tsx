import { useTranslation } from 'react-i18next';
import { LangSwitch } from './LangSwitch';

export function Home() {
  const { t } = useTranslation();
  return (
    <main className="page narrow">
      <header className="bar">
        <h1>{t('app.name')}</h1>
        <LangSwitch />
      </header>
      <p className="tagline">{t('app.tagline')}</p>
      <p>{t('home.intro')}</p>
      <ul className="links">
        <li><a href="/s/demo">{t('home.resident')}</a> <small>({t('common.demo')})</small></li>
        <li><a href="/app">{t('home.analyst')}</a></li>
        <li><a href="/api/docs">{t('home.api')}</a></li>
      </ul>
    </main>
  );
}
