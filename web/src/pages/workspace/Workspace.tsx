// The analyst workspace at /app: sign-in gate, then the page the path names. Everything here is
// loaded lazily by main.tsx, so the resident and institution pages never download it.
import './workspace.css';
import { useTranslation } from 'react-i18next';
import { Loading } from '../Loading';
import { DiagnosesPage } from './DiagnosesPage';
import { DiagnosisShell } from './DiagnosisShell';
import { Layout } from './Layout';
import { LoginPage } from './LoginPage';
import { AuditPage } from './audit/AuditPage';
import { AccountPage } from './account/AccountPage';
import { ACCOUNT_PATH, AUDIT_PATH, canManageUsers, canReadWholeAudit, USERS_PATH } from './nav';
import { useLocation } from './router';
import { SessionProvider, useSession } from './session';
import { UsersPage } from './users/UsersPage';

function Pages() {
  const { t } = useTranslation();
  const { user } = useSession();
  const { path } = useLocation();
  if (user === undefined) return <Loading />;
  if (user === null) return <LoginPage />;
  let page;
  let m: RegExpMatchArray | null;
  if (path === '/app') page = <DiagnosesPage />;
  else if (path === USERS_PATH && canManageUsers(user.role)) page = <UsersPage />;
  else if (path === AUDIT_PATH && canReadWholeAudit(user.role)) page = <AuditPage />;
  else if (path === ACCOUNT_PATH) page = <AccountPage />;
  else if ((m = path.match(/^\/app\/([a-z0-9][a-z0-9-]{0,62})(?:\/([a-z-]+))?$/))) page = <DiagnosisShell slug={m[1]} tab={m[2] ?? ''} />;
  else page = <main className="ws-main"><h1>{t('notFound.title')}</h1></main>;
  return <Layout>{page}</Layout>;
}

export default function Workspace() {
  return (
    <SessionProvider>
      <Pages />
    </SessionProvider>
  );
}
