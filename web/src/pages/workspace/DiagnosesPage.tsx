// The list of diagnoses (each wave is one), with their counts; admins create new ones here.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DiagnosisForm } from './DiagnosisForm';
import { canSetUp, homeTabFor } from './nav';
import { ErrorNote } from './Problem';
import { Link, navigate } from './router';
import { useSession, useUser } from './session';
import type { CreateDiagnosis, Diagnosis } from './types';
import { useApi } from './useApi';

export function DiagnosesPage() {
  const { t, i18n } = useTranslation();
  const user = useUser();
  const { call } = useSession();
  const list = useApi<{ items: Diagnosis[] }>('/api/diagnoses');
  const [creating, setCreating] = useState(false);
  const home = homeTabFor(user.role);
  const nf = new Intl.NumberFormat(i18n.language);

  const create = async (values: Omit<CreateDiagnosis, 'slug'> & { slug?: string }) => {
    const created = await call<Diagnosis>('/api/diagnoses', { method: 'POST', json: values });
    navigate(`/app/${created.slug}/setup`);
  };

  return (
    <main className="ws-main">
      <div className="bar">
        <h1>{t('workspace.diagnoses.title')}</h1>
        {canSetUp(user.role) && !creating && <button type="button" className="primary" onClick={() => setCreating(true)}>{t('workspace.diagnoses.new')}</button>}
      </div>
      {creating && (
        <section className="card">
          <h2>{t('workspace.diagnoses.new')}</h2>
          <DiagnosisForm withSlug submitLabel={t('workspace.diagnoses.create')} onSubmit={create} onCancel={() => setCreating(false)} />
        </section>
      )}
      <ErrorNote error={list.error} onRetry={list.reload} />
      {list.data && list.data.items.length === 0 && <p>{t('workspace.diagnoses.empty')}</p>}
      {list.data && list.data.items.length > 0 && (
        <div className="table-wrap">
          <table className="ws-table">
            <thead>
              <tr>
                <th>{t('workspace.diagnosis.title')}</th>
                <th>{t('workspace.diagnoses.state')}</th>
                <th className="num">{t('workspace.counts.zones')}</th>
                <th className="num">{t('workspace.counts.institutions')}</th>
                <th className="num">{t('workspace.counts.submitted')}</th>
                <th className="num">{t('workspace.counts.signals')}</th>
              </tr>
            </thead>
            <tbody>
              {[...list.data.items].reverse().map((d) => (
                <tr key={d.id}>
                  <td>
                    <Link href={`/app/${d.slug}${home.path}`}>{d.title}</Link>
                    <div className="muted"><code>{d.slug}</code> · {t(`workspace.wave.${d.wave}`)}{d.previousWaveSlug && <> · {t('workspace.diagnoses.follows', { slug: d.previousWaveSlug })}</>} {d.demo && <span className="demo-badge">{t('common.demo')}</span>}</div>
                  </td>
                  <td><span className={`status status-${d.status}`}>{t(`workspace.status.${d.status}`)}</span></td>
                  <td className="num">{nf.format(d.counts.zones)}</td>
                  <td className="num">{nf.format(d.counts.institutions)}</td>
                  <td className="num">{nf.format(d.counts.submitted)}</td>
                  <td className="num">{nf.format(d.counts.signals)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </main>
  );
}
