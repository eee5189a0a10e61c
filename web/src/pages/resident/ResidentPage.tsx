// The resident page: where, what, when and how unsafe. (Map and form arrive with the resident issue.)
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../lib/api';
import { LangSwitch } from '../LangSwitch';
import { Loading } from '../Loading';

type PublicDiagnosis = { title: string; description: string; status: string; demo: boolean; zones: { features: { id: string; properties: { name: string } }[] } };

export default function ResidentPage({ slug }: { slug: string }) {
  const { t, i18n } = useTranslation();
  const [data, setData] = useState<PublicDiagnosis | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api<PublicDiagnosis>(`/api/diagnoses/${slug}/public?lang=${i18n.language}`).then(setData, (e: Error) => setError(e.message));
  }, [slug, i18n.language]);
  if (error) return <main className="page narrow"><p className="error">{error}</p></main>;
  if (!data) return <Loading />;
  return (
    <main className="page narrow">
      <header className="bar"><span>{t('app.name')}</span><LangSwitch /></header>
      {data.demo && <span className="demo-badge">{t('common.demo')}</span>}
      <h1>{data.title}</h1>
      <p>{data.description}</p>
      <ul>{data.zones.features.map((f) => <li key={f.id}>{f.properties.name}</li>)}</ul>
    </main>
  );
}
