import { useTranslation } from 'react-i18next';

export function NotFound() {
  const { t } = useTranslation();
  return (
    <main className="page narrow">
      <h1>{t('notFound.title')}</h1>
      <p><a href="/">{t('notFound.back')}</a></p>
    </main>
  );
}
