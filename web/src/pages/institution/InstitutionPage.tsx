// The institution's page behind a personal invitation link (/q/{token}): the questionnaire while it
// is being written or amended, the printable submitted answers otherwise, and plain words when the
// link is wrong, revoked or expired.
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SurveyDefinition } from '../../../../surveys';
import { ApiError, api } from '../../lib/api';
import { LangSwitch } from '../LangSwitch';
import { Loading } from '../Loading';
import type { SaveResult } from './autosave';
import { Questionnaire, type Saved } from './Questionnaire';
import { SubmittedView } from './SubmittedView';
import './institution.css';

type InvitationView = {
  institution: { id: string; name: string; kind: string };
  diagnosis: { slug: string; title: string; status: 'draft' | 'open' | 'closed'; demo: boolean };
  invitation: { expiresAt: string };
  survey: { version: number; definition: SurveyDefinition };
  response: (Saved & { updatedAt: string }) | null;
  editable: boolean;
};

type LinkError = 'unknown' | 'revoked' | 'expired' | 'limited' | 'offline';

function linkError(e: unknown): LinkError {
  if (!(e instanceof ApiError)) return 'offline';
  const type = e.problem.type ?? '';
  if (type.endsWith('/invitation-revoked')) return 'revoked';
  if (type.endsWith('/invitation-expired')) return 'expired';
  if (e.problem.status === 429) return 'limited';
  return e.problem.status === 404 ? 'unknown' : 'offline';
}

export default function InstitutionPage({ token }: { token: string }) {
  const { t, i18n } = useTranslation();
  const [data, setData] = useState<InvitationView | null>(null);
  const [error, setError] = useState<LinkError | null>(null);
  /** Editing (writing or amending) or viewing the submitted answers. */
  const [mode, setMode] = useState<'edit' | 'view'>('edit');
  const [generation, setGeneration] = useState(0);

  const load = useCallback(() => {
    setError(null);
    api<InvitationView>(`/api/invitations/${encodeURIComponent(token)}`).then(
      (d) => {
        setData(d);
        setMode(d.response?.status === 'submitted' || !d.editable ? 'view' : 'edit');
        // A fresh model for the fresh answers (after a conflict, say).
        setGeneration((g) => g + 1);
      },
      (e: unknown) => setError(linkError(e)),
    );
  }, [token]);

  useEffect(load, [load]);

  useEffect(() => {
    if (data) document.title = `${t('institution.title')} · ${data.institution.name}`;
  }, [data, t]);

  const onSubmitted = useCallback((result: SaveResult, answers: Record<string, unknown>) => {
    setData((d) => (d ? { ...d, response: { answers, status: result.status, version: result.version, submittedAt: result.submittedAt, updatedAt: result.updatedAt } } : d));
    setMode('view');
    window.scrollTo(0, 0);
  }, []);

  const header = (
    <header className="bar no-print">
      <span>{t('app.name')}</span>
      <LangSwitch />
    </header>
  );

  if (error) {
    return (
      <main className="page narrow">
        {header}
        <div className="q-notice q-warning" role="alert">
          <h1>{t(`institution.link.${error}.title`)}</h1>
          <p>{t(`institution.link.${error}.body`)}</p>
          {(error === 'offline' || error === 'limited') && (
            <button type="button" onClick={load}>
              {t('common.retry')}
            </button>
          )}
        </div>
      </main>
    );
  }
  if (!data) return <Loading />;

  const expires = new Date(data.invitation.expiresAt).toLocaleDateString(i18n.language === 'en' ? 'en-GB' : 'it-IT', { dateStyle: 'long' });
  const response = data.response;

  return (
    <main className="page q-page-wrap">
      {header}
      <div className="q-intro no-print">
        {data.diagnosis.demo && <span className="demo-badge">{t('common.demo')}</span>}
        <p className="q-diagnosis">{data.diagnosis.title}</p>
        <h1>{data.institution.name}</h1>
        <p className="q-meta">
          {data.editable ? t('institution.expires', { date: expires }) : t('institution.closed')} · {t('institution.shared')}
        </p>
      </div>

      {mode === 'view' && response && !response.submittedAt ? (
        <p className="q-notice">{t('institution.closedNoAnswers')}</p>
      ) : mode === 'view' && response ? (
        <SubmittedView
          definition={data.survey.definition}
          answers={response.answers}
          institution={data.institution.name}
          diagnosis={data.diagnosis.title}
          submittedAt={response.status === 'submitted' ? response.submittedAt : null}
          editable={data.editable}
          onAmend={() => setMode('edit')}
        />
      ) : data.editable ? (
        <Questionnaire key={`${generation}-${response?.version ?? 0}`} token={token} definition={data.survey.definition} saved={response} onSubmitted={onSubmitted} onReload={load} />
      ) : (
        <p className="q-notice">{t('institution.closedNoAnswers')}</p>
      )}
    </main>
  );
}
