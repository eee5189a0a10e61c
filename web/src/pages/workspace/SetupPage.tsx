// Set-up of one diagnosis: its figures, open/close, edit, the resident link, the imports (territory
// and institutions for admins, police and media figures for analysts too) and the ex-post wave.
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, fieldErrors } from '../../lib/api';
import { CountsImport } from './CountsImport';
import { DiagnosisForm } from './DiagnosisForm';
import { InstitutionsImport } from './imports/InstitutionsImport';
import { TerritoryImport } from './imports/TerritoryImport';
import { canSetUp } from './nav';
import { ResidentLink } from './ResidentLink';
import { Link, navigate } from './router';
import { useSession, useUser } from './session';
import type { Diagnosis, DiagnosisStatus, FollowUp, UpdateDiagnosis } from './types';

const nextStatus: Record<DiagnosisStatus, DiagnosisStatus[]> = { draft: ['open'], open: ['closed'], closed: ['open'] };

export function SetupPage({ diagnosis, onChange }: { diagnosis: Diagnosis; onChange: (d: Diagnosis) => void }) {
  const { t, i18n } = useTranslation();
  const user = useUser();
  const { call } = useSession();
  const [editing, setEditing] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const admin = canSetUp(user.role);
  const nf = new Intl.NumberFormat(i18n.language);
  const settings = diagnosis.settings as Record<string, string | undefined>;

  // An import changes the figures in the overview: read the diagnosis again.
  const refresh = () => void call<Diagnosis>(`/api/diagnoses/${diagnosis.slug}`).then(onChange, () => undefined);

  const patch = async (body: UpdateDiagnosis) => {
    const updated = await call<Diagnosis>(`/api/diagnoses/${diagnosis.slug}`, { method: 'PATCH', json: body });
    onChange(updated);
  };

  const setStatus = async (status: DiagnosisStatus) => {
    if (status === 'closed' && !window.confirm(t('workspace.setup.confirmClose'))) return;
    setError(null);
    try {
      await patch({ status });
    } catch (e) {
      setError(e);
    }
  };

  return (
    <main className="ws-main setup">
      <section className="card">
        <h2>{t('workspace.setup.overview')}</h2>
        <dl className="facts">
          <div><dt>{t('workspace.diagnosis.slug')}</dt><dd><code>{diagnosis.slug}</code></dd></div>
          <div><dt>{t('workspace.diagnoses.state')}</dt><dd><span className={`status status-${diagnosis.status}`}>{t(`workspace.status.${diagnosis.status}`)}</span></dd></div>
          <div><dt>{t('workspace.setup.wave')}</dt><dd>{t(`workspace.wave.${diagnosis.wave}`)}{diagnosis.previousWaveSlug && <> · <Link href={`/app/${diagnosis.previousWaveSlug}/setup`}>{t('workspace.diagnoses.follows', { slug: diagnosis.previousWaveSlug })}</Link></>}</dd></div>
          <div><dt>{t('workspace.diagnosis.k')}</dt><dd>{diagnosis.k}</dd></div>
          <div><dt>{t('workspace.diagnosis.period')}</dt><dd>{settings.periodFrom || settings.periodTo ? `${settings.periodFrom ?? '…'} – ${settings.periodTo ?? '…'}` : '—'}</dd></div>
          {(['areas', 'municipalities', 'zones', 'institutions', 'submitted', 'signals'] as const).map((k) => (
            <div key={k}><dt>{t(`workspace.counts.${k}`)}</dt><dd>{nf.format(diagnosis.counts[k])}</dd></div>
          ))}
        </dl>
        {diagnosis.description && <p className="description">{diagnosis.description}</p>}
        {admin && (
          <div className="actions">
            {nextStatus[diagnosis.status].map((s) => (
              <button key={s} type="button" className={s === 'open' ? 'primary' : undefined} onClick={() => void setStatus(s)}>
                {t(`workspace.setup.to.${diagnosis.status}-${s}`)}
              </button>
            ))}
            {!editing && <button type="button" onClick={() => setEditing(true)}>{t('workspace.setup.edit')}</button>}
          </div>
        )}
        {error ? <p className="error" role="alert">{error instanceof ApiError ? error.message : t('common.error')}</p> : null}
        {!admin && <p className="muted">{t('workspace.setup.readOnly')}</p>}
      </section>

      {admin && editing && (
        <section className="card">
          <h2>{t('workspace.setup.edit')}</h2>
          <DiagnosisForm
            // Uncontrolled inputs keep their first defaults: a new key when another diagnosis opens.
            key={diagnosis.id}
            initial={diagnosis}
            withSlug={false}
            submitLabel={t('workspace.save')}
            onSubmit={async ({ slug: _slug, ...values }) => {
              await patch(values);
              setEditing(false);
            }}
            onCancel={() => setEditing(false)}
          />
        </section>
      )}

      <ResidentLink diagnosis={diagnosis} />

      {admin && <TerritoryImport diagnosis={diagnosis} onImported={refresh} />}

      {admin && <InstitutionsImport diagnosis={diagnosis} onImported={refresh} />}

      <CountsImport diagnosis={diagnosis} onImported={refresh} />

      {admin && <FollowUpForm key={diagnosis.id} diagnosis={diagnosis} />}
    </main>
  );
}

/** Starts the ex-post wave: a new diagnosis with the same territory, institutions and objectives. */
function FollowUpForm({ diagnosis }: { diagnosis: Diagnosis }) {
  const { t } = useTranslation();
  const { call } = useSession();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const date = (k: string) => String(f.get(k) ?? '').trim() || undefined;
    // The new wave's own period: the previous one's is not carried over (its reports would fall outside it).
    const body: FollowUp = { slug: String(f.get('slug')).trim(), title: String(f.get('title')).trim(), periodFrom: date('periodFrom'), periodTo: date('periodTo') };
    setBusy(true);
    setErrors({});
    setMessage(null);
    try {
      const created = await call<Diagnosis>(`/api/diagnoses/${diagnosis.slug}/follow-up`, { method: 'POST', json: body });
      navigate(`/app/${created.slug}/setup`);
    } catch (err) {
      setErrors(fieldErrors(err));
      setMessage(err instanceof ApiError ? err.message : t('common.error'));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="card">
      <h2>{t('workspace.followUp.title')}</h2>
      <p>{t('workspace.followUp.intro')}</p>
      <form className="ws-form" onSubmit={submit} aria-busy={busy}>
        <div className="row">
          <label>
            {t('workspace.diagnosis.slug')}
            <input name="slug" required pattern="[a-z0-9][a-z0-9\-]{1,62}" defaultValue={`${diagnosis.slug}-ex-post`.slice(0, 63)} aria-invalid={!!errors.slug} />
            {errors.slug && <span className="field-error">{errors.slug}</span>}
          </label>
          <label>
            {t('workspace.diagnosis.title')}
            <input name="title" required minLength={3} maxLength={200} defaultValue={`${diagnosis.title} (ex post)`.slice(0, 200)} aria-invalid={!!errors.title} />
            {errors.title && <span className="field-error">{errors.title}</span>}
          </label>
        </div>
        <fieldset className="row">
          <legend>{t('workspace.followUp.period')}</legend>
          <label>
            {t('workspace.diagnosis.periodFrom')}
            <input name="periodFrom" type="date" aria-invalid={!!errors.periodFrom} />
            {errors.periodFrom && <span className="field-error">{errors.periodFrom}</span>}
          </label>
          <label>
            {t('workspace.diagnosis.periodTo')}
            <input name="periodTo" type="date" aria-invalid={!!errors.periodTo} />
            {errors.periodTo && <span className="field-error">{errors.periodTo}</span>}
          </label>
        </fieldset>
        {message && <p className="error" role="alert">{message}</p>}
        <button type="submit" disabled={busy}>{t('workspace.followUp.start')}</button>
      </form>
    </section>
  );
}
