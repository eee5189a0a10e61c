// Accounts (admin only). There is no accounts API yet: accounts are added from the command line.
import { useTranslation } from 'react-i18next';
import { useUser } from './session';

export function UsersPage() {
  const { t } = useTranslation();
  const user = useUser();
  return (
    <main className="ws-main">
      <h1>{t('workspace.users.title')}</h1>
      <section className="card">
        <p>{t('workspace.users.you', { name: user.name, email: user.email, role: t(`workspace.roles.${user.role}`) })}</p>
        <p>{t('workspace.users.cli')}</p>
        <pre className="code">npm run cli -- user:add --email nome@ente.it --name "Nome Cognome" --role analyst</pre>
        <ul>
          <li><strong>{t('workspace.roles.admin')}</strong>: {t('workspace.users.admin')}</li>
          <li><strong>{t('workspace.roles.analyst')}</strong>: {t('workspace.users.analyst')}</li>
          <li><strong>{t('workspace.roles.moderator')}</strong>: {t('workspace.users.moderator')}</li>
        </ul>
      </section>
    </main>
  );
}
