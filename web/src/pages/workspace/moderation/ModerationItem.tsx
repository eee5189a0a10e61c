// One resident's text in the queue: what it says, where and about what; approve it, or hide it
// with a reason (required: the audit log keeps it).
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../lib/api';
import { useLabels } from '../labels';
import type { ModerationItem as Item } from '../types';

export function ModerationItem({ item, onApprove, onHide }: { item: Item; onApprove: () => Promise<void>; onHide: (reason: string) => Promise<void> }) {
  const { t } = useTranslation();
  const labels = useLabels();
  const [hiding, setHiding] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const act = async (fn: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await fn();
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
  const when = (iso: string) => new Date(iso).toLocaleString(labels.lang, { dateStyle: 'medium', timeStyle: 'short' });
  return (
    <li className={`card mod-item state-${item.moderation}`} data-signal={item.id} aria-busy={busy}>
      {/* Plain text: React escapes it, nothing a resident writes is ever read as HTML. */}
      <blockquote className="mod-text">{item.text}</blockquote>
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
      {error && <p className="error" role="alert">{error}</p>}
      {hiding ? (
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
          {item.moderation !== 'approved' && <button type="button" className="primary" disabled={busy} onClick={() => void act(onApprove)}>{t('workspace.moderation.approve')}</button>}
          {item.moderation !== 'hidden' && <button type="button" className="danger" disabled={busy} onClick={() => setHiding(true)}>{t('workspace.moderation.hide')}</button>}
        </div>
      )}
    </li>
  );
}
