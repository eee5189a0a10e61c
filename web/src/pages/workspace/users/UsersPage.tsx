// Accounts (admin only): who can sign in, with which role; create, re-role, disable, reset. A
// password the server generates is shown once here, like an invitation link.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CopyButton } from '../CopyButton';
import { ErrorNote } from '../Problem';
import { useSession, useUser } from '../session';
import type { Account, AccountList, AccountWithPassword, CreateAccount, UpdateAccount } from '../types';
import { useApi } from '../useApi';
import { AccountForm } from './AccountForm';
import { AccountRow } from './AccountRow';

export function UsersPage() {
  const { t } = useTranslation();
  const me = useUser();
  const { call } = useSession();
  const list = useApi<AccountList>('/api/users');
  const [creating, setCreating] = useState(false);
  const [shown, setShown] = useState<{ email: string; password: string } | null>(null);
  const [created, setCreated] = useState<string | null>(null);
  // Rows changed since the list loaded, so a change shows without reloading everything.
  const [changed, setChanged] = useState<Record<string, Account>>({});
  const accounts = (list.data?.items ?? []).map((a) => changed[a.id] ?? a);

  const create = async (values: CreateAccount) => {
    const res = await call<AccountWithPassword>('/api/users', { method: 'POST', json: values });
    setCreating(false);
    setCreated(res.user.email);
    setShown(res.password ? { email: res.user.email, password: res.password } : null);
    setChanged({});
    list.reload();
  };
  const update = (a: Account) => async (body: UpdateAccount) => {
    const updated = await call<Account>(`/api/users/${a.id}`, { method: 'PATCH', json: body });
    // Demoting oneself changes what this session may see: start the workspace again.
    if (a.id === me.id && updated.role !== me.role) window.location.assign('/app');
    setChanged((c) => ({ ...c, [a.id]: updated }));
  };
  const reset = (a: Account) => async (password: string | undefined) => {
    const res = await call<AccountWithPassword>(`/api/users/${a.id}/password`, { method: 'POST', json: password === undefined ? {} : { password } });
    setChanged((c) => ({ ...c, [a.id]: res.user }));
    if (res.password) setShown({ email: res.user.email, password: res.password });
    return res;
  };

  return (
    <main className="ws-main users">
      <div className="bar">
        <h1>{t('workspace.users.title')}</h1>
        {!creating && <button type="button" className="primary" onClick={() => { setCreating(true); setCreated(null); }}>{t('workspace.users.new')}</button>}
      </div>
      <p className="muted">{t('workspace.users.signedInAs', { name: me.name, email: me.email, role: t(`workspace.roles.${me.role}`) })}</p>

      {creating && (
        <section className="card">
          <h2>{t('workspace.users.new')}</h2>
          <AccountForm onSubmit={create} onCancel={() => setCreating(false)} />
        </section>
      )}
      {created && !shown && <p className="note" role="status">{t('workspace.users.created', { email: created })}</p>}
      {shown && (
        <section className="card issued" role="status" data-generated-password>
          <h2>{t('workspace.users.passwordFor', { email: shown.email })}</h2>
          <p className="link-line"><code className="generated-password">{shown.password}</code> <CopyButton text={shown.password} /></p>
          <p className="muted small">{t('workspace.users.shownOnce')}</p>
          <button type="button" onClick={() => setShown(null)}>{t('workspace.users.passwordSaved')}</button>
        </section>
      )}

      <ErrorNote error={list.error} onRetry={list.reload} />
      {list.data && (
        <div className="table-wrap">
          <table className="ws-table accounts">
            <thead>
              <tr>
                <th>{t('workspace.users.person')}</th>
                <th>{t('workspace.users.role')}</th>
                <th>{t('workspace.users.state')}</th>
                <th><span className="sr-only">{t('workspace.users.actions')}</span></th>
              </tr>
            </thead>
            <tbody>
              {accounts.map((a) => <AccountRow key={a.id} account={a} isMe={a.id === me.id} onUpdate={update(a)} onReset={reset(a)} />)}
            </tbody>
          </table>
        </div>
      )}

      <section className="card">
        <h2>{t('workspace.users.rolesTitle')}</h2>
        <ul>
          <li><strong>{t('workspace.roles.admin')}</strong>: {t('workspace.users.admin')}</li>
          <li><strong>{t('workspace.roles.analyst')}</strong>: {t('workspace.users.analyst')}</li>
          <li><strong>{t('workspace.roles.moderator')}</strong>: {t('workspace.users.moderator')}</li>
        </ul>
        <p className="muted small">{t('workspace.users.cli')}</p>
        <pre className="code">npm run cli -- user:add --email nome@ente.it --name "Nome Cognome" --role analyst</pre>
      </section>
    </main>
  );
}
