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

const STATES = ['pending', 'approved', 'hidden', 'excluded'] as const;
type State = (typeof STATES)[number];

export function ModerationPage({ diagnosis }: { diagnosis: Diagnosis }) {
  const { t } = useTranslation();
  const { call } = useSession();
  const [state, setState] = useState<State>('pending');
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
        const q = new URLSearchParams({ state, limit: '20', ...(after ? { cursor: after } : {}) });
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
    [base, call, state],
  );

  useEffect(() => {
    setItems([]);
    void load(null);
  }, [load]);

  // A moderated item leaves this view; the pending count follows (an excluded text is not pending).
  const waiting = (x: Item) => (x.moderation === 'pending' && x.exclusion === null ? 1 : 0);
  const settle = (before: Item) => (updated: Item) => {
    setItems((prev) => prev.filter((x) => x.id !== updated.id));
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
            {s === 'excluded' ? t('workspace.moderation.statesExcluded') : t(`workspace.moderation.states.${s}`)}
          </button>
        ))}
      </div>
      <ErrorNote error={error} onRetry={() => void load(null)} />
      {!loading && items.length === 0 && !error && (
        <p className="muted">{state === 'excluded' ? t('workspace.moderation.emptyExcluded') : t(`workspace.moderation.empty.${state}`)}</p>
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
