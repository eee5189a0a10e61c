// One account in the list: change its role, disable or enable it, reset its password. The API
// refuses what would leave no active admin; its message shows in the row.
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../lib/api';
import type { Account, AccountWithPassword, Role, UpdateAccount } from '../types';
import { PASSWORD_MAX, PASSWORD_MIN, ROLES } from './AccountForm';

export function AccountRow({ account, isMe, onUpdate, onReset }: {
  account: Account;
  isMe: boolean;
  onUpdate: (body: UpdateAccount) => Promise<void>;
  onReset: (password: string | undefined) => Promise<AccountWithPassword>;
}) {
  const { t, i18n } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [resetting, setResetting] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const disabled = account.disabledAt !== null;

  const act = async (fn: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      await fn();
      return true;
    } catch (e) {
      setError(e instanceof ApiError ? e.message : t('common.error'));
      return false;
    } finally {
      setBusy(false);
    }
  };

  const changeRole = (role: Role) => {
    if (isMe && role !== 'admin' && !window.confirm(t('workspace.users.confirmDemoteSelf'))) return;
    void act(() => onUpdate({ role }));
  };
  const toggle = () => {
    const question = disabled ? t('workspace.users.confirmEnable', { name: account.name }) : t(isMe ? 'workspace.users.confirmDisableSelf' : 'workspace.users.confirmDisable', { name: account.name });
    if (!window.confirm(question)) return;
    void act(() => onUpdate({ disabled: !disabled }));
  };
  const submitReset = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const generate = f.get('resetMode') === 'generate';
    const ok = await act(() => onReset(generate ? undefined : String(f.get('newPassword') ?? '')));
    if (ok) {
      setResetting(false);
      if (!generate) setDone(t('workspace.users.resetDone'));
    }
  };

  const date = (iso: string) => new Date(iso).toLocaleDateString(i18n.language, { dateStyle: 'medium' });
  return (
    <tr data-account={account.email} className={disabled ? 'account-disabled' : undefined} aria-busy={busy}>
      <td>
        <strong>{account.name}</strong> {isMe && <span className="badge">{t('workspace.users.you')}</span>}
        <div className="muted small">{account.email}</div>
      </td>
      <td>
        <select name="role" aria-label={t('workspace.users.roleOf', { name: account.name })} value={account.role} disabled={busy} onChange={(e) => changeRole(e.target.value as Role)}>
          {ROLES.map((r) => <option key={r} value={r}>{t(`workspace.roles.${r}`)}</option>)}
        </select>
      </td>
      <td>
        {disabled ? (
          <span className="badge state-disabled">{t('workspace.users.disabledOn', { date: date(account.disabledAt!) })}</span>
        ) : (
          <span className="badge state-active">{t('workspace.users.active')}</span>
        )}
        <div className="muted small">{t('workspace.users.sessions', { count: account.activeSessions })}</div>
      </td>
      <td>
        <div className="row-actions">
          <button type="button" className={disabled ? 'small' : 'small danger'} disabled={busy} onClick={toggle}>
            {disabled ? t('workspace.users.enable') : t('workspace.users.disable')}
          </button>
          {!resetting && <button type="button" className="small" disabled={busy} onClick={() => setResetting(true)}>{t('workspace.users.reset')}</button>}
        </div>
        {resetting && (
          <form className="reset-form" onSubmit={(e) => void submitReset(e)}>
            <label className="check-line">
              <input type="radio" name="resetMode" value="generate" defaultChecked />
              {t('workspace.users.generatePassword')}
            </label>
            <label className="check-line">
              <input type="radio" name="resetMode" value="choose" />
              {t('workspace.users.choosePassword')}
            </label>
            <input name="newPassword" type="password" minLength={PASSWORD_MIN} maxLength={PASSWORD_MAX} autoComplete="new-password" aria-label={t('workspace.users.newPassword')} placeholder={t('workspace.users.newPassword')} />
            <div className="actions">
              <button type="submit" className="small primary" disabled={busy}>{t('workspace.users.resetConfirm')}</button>
              <button type="button" className="small" onClick={() => setResetting(false)}>{t('workspace.cancel')}</button>
            </div>
          </form>
        )}
        {error && <p className="error" role="alert">{error}</p>}
        {done && <p className="muted small" role="status">{done}</p>}
      </td>
    </tr>
  );
}
