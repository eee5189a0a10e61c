// The analyst workspace at /app (sign-in, set-up, moderation, dashboard).
import { useTranslation } from 'react-i18next';
import { LangSwitch } from '../LangSwitch';

export default function Workspace() {
  const { t } = useTranslation();
  return (
    <main className="page">
      <header className="bar"><h1>{t('home.analyst')}</h1><LangSwitch /></header>
      <p><a href="/api/docs">{t('home.api')}</a></p>
    </main>
  );
}
