// Invitations and response tracking: invite every institution at once (or one), copy the links
// while they are shown, revoke or re-issue a link, and follow each institution's progress.
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../lib/api';
import { useFormat, useLabels } from '../labels';
import { ErrorNote } from '../Problem';
import { useSession } from '../session';
import type { BulkIssued, Diagnosis, Invitation, IssuedInvitation, Reissued, TrackedInstitution, Tracking } from '../types';
import { useApi } from '../useApi';
import { IssuedLinks } from './IssuedLinks';
import { STAGES, StageTotals } from './StageTotals';

export function InvitationsPage({ diagnosis }: { diagnosis: Diagnosis }) {
  const { t } = useTranslation();
  const labels = useLabels();
  const f = useFormat();
  const { call } = useSession();
  const base = `/api/diagnoses/${diagnosis.slug}`;
  const tracking = useApi<Tracking>(`${base}/responses`);
  const invitations = useApi<{ items: Invitation[] }>(`${base}/invitations`);
  const [issued, setIssued] = useState<IssuedInvitation[]>([]);
  const [days, setDays] = useState(90);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [stage, setStage] = useState('');
  const [kind, setKind] = useState('');
  const closed = diagnosis.status === 'closed';

  // The newest invitation of each institution: the one a revoke or re-issue acts on.
  const newest = useMemo(() => {
    const m = new Map<string, Invitation>();
    for (const inv of [...(invitations.data?.items ?? [])].sort((a, b) => b.createdAt.localeCompare(a.createdAt))) {
      if (!m.has(inv.institution.id)) m.set(inv.institution.id, inv);
    }
    return m;
  }, [invitations.data]);

  const refresh = () => {
    tracking.reload();
    invitations.reload();
  };

  const run = async (key: string, action: () => Promise<void>) => {
    setBusy(key);
    setError(null);
    setMessage(null);
    try {
      await action();
      refresh();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
    }
  };

  const inviteAll = () =>
    run('bulk', async () => {
      const r = await call<BulkIssued>(`${base}/invitations/bulk`, { method: 'POST', json: { days } });
      setIssued((prev) => [...r.created, ...prev]);
      setMessage(t('workspace.invitations.bulkDone', { created: r.created.length, skipped: r.skipped }));
    });
  const inviteOne = (inst: TrackedInstitution) =>
    run(inst.id, async () => {
      const r = await call<IssuedInvitation>(`${base}/invitations`, { method: 'POST', json: { institutionId: inst.id, days } });
      setIssued((prev) => [r, ...prev]);
    });
  const reissue = (inst: TrackedInstitution, inv: Invitation) =>
    run(inst.id, async () => {
      if (!window.confirm(t('workspace.invitations.confirmReissue', { name: inst.name }))) return;
      const r = await call<Reissued>(`${base}/invitations/${inv.id}/reissue`, { method: 'POST', json: { days } });
      setIssued((prev) => [r, ...prev]);
    });
  const revoke = (inst: TrackedInstitution, inv: Invitation) =>
    run(inst.id, async () => {
      if (!window.confirm(t('workspace.invitations.confirmRevoke', { name: inst.name }))) return;
      await call<Invitation>(`${base}/invitations/${inv.id}/revoke`, { method: 'POST' });
      setMessage(t('workspace.invitations.revoked', { name: inst.name }));
    });

  const data = tracking.data;
  const rows = (data?.institutions ?? []).filter((i) => (!stage || i.stage === stage) && (!kind || i.kind === kind));
  const date = (iso: string | null) => (iso ? new Date(iso).toLocaleDateString(labels.lang) : '');

  return (
    <main className="ws-main invitations">
      {issued.length > 0 && <IssuedLinks issued={issued} slug={diagnosis.slug} onClose={() => setIssued([])} />}

      <section className="card">
        <h2>{t('workspace.invitations.title')}</h2>
        <p>{t('workspace.invitations.intro')}</p>
        {closed && <p className="note">{t('workspace.invitations.closed')}</p>}
        <div className="actions">
          <label className="inline">
            {t('workspace.invitations.days')}
            <input type="number" min={1} max={366} value={days} onChange={(e) => setDays(Math.max(1, Math.min(366, Number(e.target.value) || 90)))} className="days" />
          </label>
          <button type="button" className="primary" onClick={() => void inviteAll()} disabled={closed || busy !== null}>
            {t('workspace.invitations.inviteAll')}
          </button>
        </div>
        {message && <p role="status">{message}</p>}
        {error ? <p className="error" role="alert">{error instanceof ApiError ? error.message : t('common.error')}</p> : null}
      </section>

      <ErrorNote error={tracking.error ?? invitations.error} onRetry={refresh} />
      {data && (
        <>
          <div className="kpis stages">
            {(['institutions', ...STAGES] as const).map((s) => (
              <div className="kpi" key={s}>
                <span className="kpi-value" data-stage={s}>{f.int(data.totals.all[s])}</span>
                <span>{s === 'institutions' ? t('workspace.invitations.total') : t(`workspace.stages.${s}`)}</span>
              </div>
            ))}
          </div>

          <section className="card">
            <h2>{t('workspace.invitations.byInstitution')}</h2>
            <div className="filters-inline">
              <label className="inline">
                {t('workspace.invitations.stage')}
                <select value={stage} onChange={(e) => setStage(e.target.value)}>
                  <option value="">{t('workspace.filters.all')}</option>
                  {STAGES.map((s) => <option key={s} value={s}>{t(`workspace.stages.${s}`)}</option>)}
                </select>
              </label>
              <label className="inline">
                {t('workspace.invitations.kind')}
                <select value={kind} onChange={(e) => setKind(e.target.value)}>
                  <option value="">{t('workspace.filters.all')}</option>
                  {data.totals.byKind.filter((k) => k.institutions > 0).map((k) => <option key={k.kind} value={k.kind}>{labels.text(k.label)}</option>)}
                </select>
              </label>
            </div>
            <div className="table-wrap">
              <table className="ws-table institutions">
                <thead>
                  <tr>
                    <th>{t('workspace.invitations.institution')}</th>
                    <th>{t('workspace.invitations.area')}</th>
                    <th>{t('workspace.invitations.stage')}</th>
                    <th>{t('workspace.invitations.linkState')}</th>
                    <th>{t('workspace.invitations.dates')}</th>
                    <th />
                  </tr>
                </thead>
                <tbody>
                  {rows.map((i) => {
                    const inv = newest.get(i.id);
                    return (
                      <tr key={i.id} data-institution={i.id}>
                        <td>{i.name}<div className="muted small">{labels.kind(i.kind)}</div></td>
                        <td>{i.area?.name ?? '—'}</td>
                        <td>
                          <span className={`badge stage-${i.stage}`}>{t(`workspace.stages.${i.stage}`)}</span>
                          {i.amending && <div className="muted small">{t('workspace.invitations.amending')}</div>}
                          {i.revisions > 1 && <div className="muted small">{t('workspace.invitations.revisions', { n: i.revisions })}</div>}
                        </td>
                        <td>{i.invitation ? <>{t(`workspace.linkStates.${i.invitation.state}`)}<div className="muted small">{t('workspace.invitations.until', { date: date(i.invitation.expiresAt) })}</div></> : '—'}</td>
                        <td className="small">
                          {i.invitedAt && <div>{t('workspace.invitations.invitedAt', { date: date(i.invitedAt) })}</div>}
                          {i.openedAt && <div>{t('workspace.invitations.openedAt', { date: date(i.openedAt) })}</div>}
                          {i.submittedAt && <div>{t('workspace.invitations.submittedAt', { date: date(i.submittedAt) })}</div>}
                        </td>
                        <td className="row-actions">
                          {(!inv || inv.state !== 'active') && !closed && (
                            <button type="button" className="small" disabled={busy !== null} onClick={() => void (inv ? reissue(i, inv) : inviteOne(i))}>
                              {inv ? t('workspace.invitations.newLink') : t('workspace.invitations.invite')}
                            </button>
                          )}
                          {inv && inv.state === 'active' && (
                            <>
                              {!closed && <button type="button" className="small" disabled={busy !== null} onClick={() => void reissue(i, inv)}>{t('workspace.invitations.reissue')}</button>}
                              <button type="button" className="small danger" disabled={busy !== null} onClick={() => void revoke(i, inv)}>{t('workspace.invitations.revoke')}</button>
                            </>
                          )}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          </section>

          <section className="card">
            <h2>{t('workspace.invitations.totals')}</h2>
            <StageTotals title={t('workspace.invitations.kind')} rows={data.totals.byKind.map((k) => ({ key: k.kind, label: labels.text(k.label), counts: k }))} />
            <StageTotals title={t('workspace.invitations.area')} rows={data.totals.byArea.map((a) => ({ key: a.areaId ?? '-', label: a.name ?? t('workspace.invitations.noArea'), counts: a }))} />
          </section>
        </>
      )}
    </main>
  );
}
