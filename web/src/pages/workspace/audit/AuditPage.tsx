// The audit log: who did what, when, to which target. With a diagnosis, that diagnosis's entries
// (a tab for admins and analysts); without, the whole log with account changes (admins only).
// Newest first, filtered by action (and diagnosis), paged.
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNote } from '../Problem';
import { Link } from '../router';
import { useSession } from '../session';
import type { AuditEntry, AuditList, Diagnosis } from '../types';
import { useApi } from '../useApi';
import { describeDetails } from './details';

export function AuditPage({ diagnosis }: { diagnosis?: Diagnosis }) {
  const { t, i18n } = useTranslation();
  const { call } = useSession();
  const [action, setAction] = useState('');
  const [scope, setScope] = useState(diagnosis?.slug ?? '');
  const [items, setItems] = useState<AuditEntry[]>([]);
  const [actions, setActions] = useState<string[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>(null);
  const diagnoses = useApi<{ items: Diagnosis[] }>(diagnosis ? null : '/api/diagnoses');
  const base = diagnosis ? `/api/diagnoses/${diagnosis.slug}/audit` : '/api/audit';

  const load = useCallback(
    async (after: string | null) => {
      setLoading(true);
      setError(null);
      try {
        const q = new URLSearchParams({ limit: '50', ...(action ? { action } : {}), ...(!diagnosis && scope ? { diagnosis: scope } : {}), ...(after ? { cursor: after } : {}) });
        const page = await call<AuditList>(`${base}?${q}`);
        setItems((prev) => (after ? [...prev, ...page.items] : page.items));
        setActions(page.actions);
        setCursor(page.nextCursor);
      } catch (e) {
        setError(e);
      } finally {
        setLoading(false);
      }
    },
    [action, base, call, diagnosis, scope],
  );

  useEffect(() => {
    setItems([]);
    void load(null);
  }, [load]);

  const label = (a: string) => t(`workspace.audit.actions.${a}`, { defaultValue: a });
  const detailLabels = { field: (f: string) => t(`workspace.audit.fields.${f}`, { defaultValue: f }), yes: t('workspace.audit.yes'), no: t('workspace.audit.no') };
  const when = (iso: string) => new Date(iso).toLocaleString(i18n.language, { dateStyle: 'medium', timeStyle: 'short' });
  return (
    <main className="ws-main audit">
      <div className="bar">
        {diagnosis ? <h2>{t('workspace.audit.title')}</h2> : <h1>{t('workspace.audit.titleAll')}</h1>}
      </div>
      <p className="muted">{diagnosis ? t('workspace.audit.intro') : t('workspace.audit.introAll')}</p>
      <div className="filters-inline">
        {!diagnosis && (
          <label>
            {t('workspace.audit.diagnosis')}{' '}
            <select name="diagnosis" value={scope} onChange={(e) => setScope(e.target.value)}>
              <option value="">{t('workspace.audit.allDiagnoses')}</option>
              {(diagnoses.data?.items ?? []).map((d) => <option key={d.id} value={d.slug}>{d.title}</option>)}
            </select>
          </label>
        )}
        <label>
          {t('workspace.audit.action')}{' '}
          <select name="action" value={action} onChange={(e) => setAction(e.target.value)}>
            <option value="">{t('workspace.audit.allActions')}</option>
            {actions.map((a) => <option key={a} value={a}>{label(a)}</option>)}
          </select>
        </label>
      </div>
      <ErrorNote error={error} onRetry={() => void load(null)} />
      {!loading && !error && items.length === 0 && <p className="muted">{t('workspace.audit.empty')}</p>}
      {items.length > 0 && (
        <div className="table-wrap">
          <table className="ws-table audit-log">
            <thead>
              <tr>
                <th>{t('workspace.audit.when')}</th>
                <th>{t('workspace.audit.who')}</th>
                <th>{t('workspace.audit.action')}</th>
                {!diagnosis && <th>{t('workspace.audit.diagnosis')}</th>}
                <th>{t('workspace.audit.target')}</th>
                <th>{t('workspace.audit.details')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((e) => (
                <tr key={e.id} data-action={e.action}>
                  <td className="nowrap">{when(e.at)}</td>
                  <td>{e.user ? <span title={e.user.email}>{e.user.name}</span> : <span className="muted">{e.details?.via === 'cli' ? t('workspace.audit.cli') : '—'}</span>}</td>
                  <td><span className="audit-action">{label(e.action)}</span> <code className="muted small">{e.action}</code></td>
                  {!diagnosis && <td>{e.diagnosis ? <Link href={`/app/${e.diagnosis.slug}/audit`}>{e.diagnosis.title}</Link> : <span className="muted">{t('workspace.audit.accounts')}</span>}</td>}
                  <td className="audit-target">{e.targetName ?? e.target ?? '—'}</td>
                  <td className="audit-details small">{describeDetails(e.details, detailLabels).map((line) => <div key={line}>{line}</div>)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {loading && <p className="muted">{t('common.loading')}</p>}
      {cursor && !loading && <button type="button" onClick={() => void load(cursor)}>{t('workspace.audit.more')}</button>}
    </main>
  );
}
