// The moderation queue: residents' free texts wait here until someone approves them (then the
// public summary may show them) or hides them with a reason (the report still counts). A report
// made as abuse or spam can instead be excluded from every analysis and public output, and
// restored from the "excluded" tab. Oldest first, paged.
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNote } from '../Problem';
import { useSession } from '../session';
import type { Diagnosis, ModerationItem as Item, ModerationList } from '../types';
import { ModerationItem } from './ModerationItem';

const STATES = ['pending', 'approved', 'hidden', 'reports', 'excluded'] as const;
/** The tabs that list whole reports (text or not) rather than texts, with their own labels. */
const REPORT_TABS = { reports: 'Reports', excluded: 'Excluded' } as const;
type Zone = { id: string; properties: { name: string } };
type State = (typeof STATES)[number];

export function ModerationPage({ diagnosis }: { diagnosis: Diagnosis }) {
  const { t } = useTranslation();
  const { call } = useSession();
  const [state, setState] = useState<State>('pending');
  const [zoneId, setZoneId] = useState('');
  const [zones, setZones] = useState<Zone[]>([]);
  const [items, setItems] = useState<Item[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [pendingTotal, setPendingTotal] = useState<number | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>(null);
  const base = `/api/diagnoses/${diagnosis.slug}/moderation/signals`;

  const load = useCallback(
    async (after: string | null) => {
      setLoading(true);
      setError(null);
      try {
        const q = new URLSearchParams({ state, limit: '20', ...(after ? { cursor: after } : {}), ...(zoneId ? { zoneId } : {}) });
        const page = await call<ModerationList>(`${base}?${q}`);
        setItems((prev) => (after ? [...prev, ...page.items] : page.items));
        setCursor(page.nextCursor);
        setPendingTotal(page.pendingTotal);
      } catch (e) {
        setError(e);
      } finally {
        setLoading(false);
      }
    },
    [base, call, state, zoneId],
  );

  // The zones, for narrowing a list to one place (a flood of reports usually targets one).
  useEffect(() => {
    call<{ zones: { features: Zone[] } }>(`/api/diagnoses/${diagnosis.slug}/public`).then(
      (p) => setZones(p.zones.features),
      () => setZones([]),
    );
  }, [call, diagnosis.slug]);

  useEffect(() => {
    setItems([]);
    void load(null);
  }, [load]);

  // A moderated item leaves this view unless it still belongs to it (a report approved in "all
  // reports" stays); the pending count follows (an excluded text is not pending).
  const waiting = (x: Item) => (x.moderation === 'pending' && x.exclusion === null ? 1 : 0);
  const belongs = (x: Item) => (state === 'reports' ? x.exclusion === null : state === 'excluded' ? x.exclusion !== null : x.moderation === state && x.exclusion === null);
  const settle = (before: Item) => (updated: Item) => {
    setItems((prev) => (belongs(updated) ? prev.map((x) => (x.id === updated.id ? updated : x)) : prev.filter((x) => x.id !== updated.id)));
    setPendingTotal((n) => (n === null ? n : n + waiting(updated) - waiting(before)));
  };
  const approve = (item: Item) => async () => settle(item)(await call<Item>(`${base}/${item.id}/approve`, { method: 'POST' }));
  const hide = (item: Item) => async (reason: string) => settle(item)(await call<Item>(`${base}/${item.id}/hide`, { method: 'POST', json: { reason } }));
  const exclude = (item: Item) => async (reason: 'abuse' | 'spam', note: string) =>
    settle(item)(await call<Item>(`${base}/${item.id}/exclude`, { method: 'POST', json: { reason, ...(note ? { note } : {}) } }));
  const restore = (item: Item) => async (note: string) => settle(item)(await call<Item>(`${base}/${item.id}/restore`, { method: 'POST', json: { note } }));

  return (
    <main className="ws-main moderation">
      <div className="bar">
        <h2>{t('workspace.moderation.title')}</h2>
        {pendingTotal !== null && <span className="badge" data-pending-total={pendingTotal}>{t('workspace.moderation.pendingTotal', { count: pendingTotal })}</span>}
      </div>
      <p className="muted">{t('workspace.moderation.intro')}</p>
      <p className="muted">{t('workspace.moderation.introExclude')}</p>
      <div className="segmented" role="tablist" aria-label={t('workspace.moderation.title')}>
        {STATES.map((s) => (
          <button key={s} type="button" role="tab" aria-selected={s === state} className={s === state ? 'primary' : undefined} onClick={() => setState(s)}>
            {s in REPORT_TABS ? t(`workspace.moderation.states${REPORT_TABS[s as keyof typeof REPORT_TABS]}`) : t(`workspace.moderation.states.${s}`)}
          </button>
        ))}
      </div>
      {state === 'reports' && <p className="muted">{t('workspace.moderation.reportsIntro')}</p>}
      {zones.length > 0 && (
        <label className="inline">
          {t('workspace.moderation.zoneFilter')}{' '}
          <select value={zoneId} onChange={(e) => setZoneId(e.target.value)}>
            <option value="">{t('workspace.moderation.allZones')}</option>
            {zones.map((z) => (
              <option key={z.id} value={z.id}>
                {z.properties.name}
              </option>
            ))}
          </select>
        </label>
      )}
      <ErrorNote error={error} onRetry={() => void load(null)} />
      {!loading && items.length === 0 && !error && (
        <p className="muted">{state in REPORT_TABS ? t(`workspace.moderation.empty${REPORT_TABS[state as keyof typeof REPORT_TABS]}`) : t(`workspace.moderation.empty.${state}`)}</p>
      )}
      <ul className="mod-list">
        {items.map((item) => (
          <ModerationItem key={item.id} item={item} onApprove={approve(item)} onHide={hide(item)} onExclude={exclude(item)} onRestore={restore(item)} />
        ))}
      </ul>
      {loading && <p className="muted">{t('common.loading')}</p>}
      {cursor && !loading && <button type="button" onClick={() => void load(cursor)}>{t('workspace.moderation.more')}</button>}
    </main>
  );
}
