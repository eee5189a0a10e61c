// One resident's text in the queue: what it says, where and about what; approve it, or hide it
// with a reason (required: the audit log keeps it). Or, for abuse or spam, exclude the whole
// report (reason abuse | spam, optional note), and restore an excluded one (note required).
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../lib/api';
import { useLabels } from '../labels';
import type { ModerationItem as Item } from '../types';

export function ModerationItem({ item, onApprove, onHide, onExclude, onRestore }: {
  item: Item;
  onApprove: () => Promise<void>;
  onHide: (reason: string) => Promise<void>;
  onExclude: (reason: 'abuse' | 'spam', note: string) => Promise<void>;
  onRestore: (note: string) => Promise<void>;
}) {
  const { t } = useTranslation();
  const labels = useLabels();
  const [mode, setMode] = useState<'idle' | 'hiding' | 'excluding' | 'restoring'>('idle');
  const hiding = mode === 'hiding';
  const setHiding = (on: boolean) => setMode(on ? 'hiding' : 'idle');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const act = async (fn: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await fn();
      // Usually the item has left the list; in "all reports" it stays, updated, ready again.
      setMode('idle');
      setBusy(false);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : t('common.error'));
      setBusy(false);
    }
  };
  const submitHide = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const reason = String(new FormData(e.currentTarget).get('reason') ?? '').trim();
    void act(() => onHide(reason));
  };
  const submitExclude = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    void act(() => onExclude(f.get('exclusion') === 'abuse' ? 'abuse' : 'spam', String(f.get('note') ?? '').trim()));
  };
  const submitRestore = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    void act(() => onRestore(String(new FormData(e.currentTarget).get('note') ?? '').trim()));
  };
  const excluded = item.exclusion !== null;
  const when = (iso: string) => new Date(iso).toLocaleString(labels.lang, { dateStyle: 'medium', timeStyle: 'short' });
  return (
    <li className={`card mod-item state-${item.moderation}${excluded ? ' excluded' : ''}`} data-signal={item.id} aria-busy={busy}>
      {/* Plain text: React escapes it, nothing a resident writes is ever read as HTML. */}
      {item.text ? <blockquote className="mod-text">{item.text}</blockquote> : <p className="mod-text muted">{t('workspace.moderation.noText')}</p>}
      <p className="muted small">
        {item.zoneName ?? t('workspace.moderation.noZone')} · {item.categories.map(labels.category).join(', ')}
        {item.intensity !== null && <> · {t('workspace.moderation.intensity', { n: item.intensity })}</>} · {when(item.createdAt)}
      </p>
      {item.moderation !== 'pending' && item.moderatedAt && (
        <p className="small">
          {t(`workspace.moderation.was.${item.moderation}`, { who: item.moderatedBy ?? '—', when: when(item.moderatedAt) })}
          {item.moderationReason && <> — “{item.moderationReason}”</>}
        </p>
      )}
      {item.exclusionAt && (
        <p className="small">
          {item.exclusion
            ? t('workspace.moderation.wasExcluded', { reason: t(`workspace.moderation.reasons.${item.exclusion}`), who: item.exclusionBy ?? '—', when: when(item.exclusionAt) })
            : t('workspace.moderation.wasRestored', { who: item.exclusionBy ?? '—', when: when(item.exclusionAt) })}
          {item.exclusionNote && <> — “{item.exclusionNote}”</>}
        </p>
      )}
      {error && <p className="error" role="alert">{error}</p>}
      {mode === 'excluding' ? (
        <form className="hide-form" onSubmit={submitExclude}>
          <fieldset>
            <legend>{t('workspace.moderation.excludeReason')}</legend>
            {(['spam', 'abuse'] as const).map((r) => (
              <label key={r} className="inline">
                <input type="radio" name="exclusion" value={r} required defaultChecked={r === 'spam'} /> {t(`workspace.moderation.reasons.${r}`)}
              </label>
            ))}
          </fieldset>
          <label>
            {t('workspace.moderation.note')}
            <input name="note" minLength={3} maxLength={500} placeholder={t('workspace.moderation.noteHint')} />
          </label>
          <div className="actions">
            <button type="submit" className="danger" disabled={busy}>{t('workspace.moderation.confirmExclude')}</button>
            <button type="button" onClick={() => setMode('idle')} disabled={busy}>{t('workspace.cancel')}</button>
          </div>
        </form>
      ) : mode === 'restoring' ? (
        <form className="hide-form" onSubmit={submitRestore}>
          <label>
            {t('workspace.moderation.restoreNote')}
            <input name="note" required minLength={3} maxLength={500} autoFocus placeholder={t('workspace.moderation.restoreHint')} />
          </label>
          <div className="actions">
            <button type="submit" className="primary" disabled={busy}>{t('workspace.moderation.confirmRestore')}</button>
            <button type="button" onClick={() => setMode('idle')} disabled={busy}>{t('workspace.cancel')}</button>
          </div>
        </form>
      ) : excluded ? (
        <div className="actions">
          <button type="button" disabled={busy} onClick={() => setMode('restoring')}>{t('workspace.moderation.restore')}</button>
        </div>
      ) : hiding ? (
        <form className="hide-form" onSubmit={submitHide}>
          <label>
            {t('workspace.moderation.reason')}
            <input name="reason" required minLength={3} maxLength={500} autoFocus placeholder={t('workspace.moderation.reasonHint')} />
          </label>
          <div className="actions">
            <button type="submit" className="danger" disabled={busy}>{t('workspace.moderation.confirmHide')}</button>
            <button type="button" onClick={() => setHiding(false)} disabled={busy}>{t('workspace.cancel')}</button>
          </div>
        </form>
      ) : (
        <div className="actions">
          {/* Approve and hide concern a text: a report without one has only the exclusion. */}
          {item.moderation !== 'none' && item.moderation !== 'approved' && (
            <button type="button" className="primary" disabled={busy} onClick={() => void act(onApprove)}>{t('workspace.moderation.approve')}</button>
          )}
          {item.moderation !== 'none' && item.moderation !== 'hidden' && (
            <button type="button" className="danger" disabled={busy} onClick={() => setHiding(true)}>{t('workspace.moderation.hide')}</button>
          )}
          <button type="button" className="danger" disabled={busy} onClick={() => setMode('excluding')}>{t('workspace.moderation.exclude')}</button>
        </div>
      )}
    </li>
  );
}
