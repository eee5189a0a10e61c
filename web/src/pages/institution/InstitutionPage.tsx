// The institution questionnaire behind a personal invitation link.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../lib/api';
import { LangSwitch } from '../LangSwitch';
import { Loading } from '../Loading';

type Invitation = { institution: { name: string }; diagnosis: { title: string } };

export default function InstitutionPage({ token }: { token: string }) {
  const { t } = useTranslation();
  const [data, setData] = useState<Invitation | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api<Invitation>(`/api/invitations/${encodeURIComponent(token)}`).then(setData, (e: Error) => setError(e.message));
  }, [token]);
  if (error) return <main className="page narrow"><header className="bar"><span>{t('app.name')}</span><LangSwitch /></header><p className="error">{error}</p></main>;
  if (!data) return <Loading />;
  return (
    <main className="page narrow">
      <header className="bar"><span>{t('app.name')}</span><LangSwitch /></header>
      <h1>{data.diagnosis.title}</h1>
      <p>{data.institution.name}</p>
    </main>
  );
}
