// The workspace frame: brand, role-aware navigation, the signed-in user, language and sign-out.
// On a tablet the bar wraps; in print it disappears.
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LangSwitch } from '../LangSwitch';
import { ACCOUNT_PATH, AUDIT_PATH, canManageUsers, canReadWholeAudit, type TabId, tabsFor, USERS_PATH } from './nav';
import { Link, useLocation } from './router';
import { useSession, useUser } from './session';
import type { Diagnosis } from './types';

export function Layout({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const user = useUser();
  const { signOut } = useSession();
  const { path } = useLocation();
  const here = (href: string) => (path === href ? 'page' : undefined);
  return (
    <div className="ws">
      <header className="ws-top">
        <Link href="/app" className="ws-brand">{t('app.name')}</Link>
        <nav className="ws-nav" aria-label={t('workspace.nav.label')}>
          <Link href="/app" aria-current={here('/app')}>{t('workspace.nav.diagnoses')}</Link>
          {canManageUsers(user.role) && <Link href={USERS_PATH} aria-current={here(USERS_PATH)}>{t('workspace.nav.users')}</Link>}
          {canReadWholeAudit(user.role) && <Link href={AUDIT_PATH} aria-current={here(AUDIT_PATH)}>{t('workspace.nav.auditAll')}</Link>}
        </nav>
        <div className="ws-user">
          <Link href={ACCOUNT_PATH} className="ws-who" title={t('workspace.account.open', { email: user.email })} aria-current={here(ACCOUNT_PATH)}>
            {user.name} <small>({t(`workspace.roles.${user.role}`)})</small>
          </Link>
          <LangSwitch />
          <button type="button" onClick={() => void signOut()}>{t('workspace.signOut')}</button>
        </div>
      </header>
      {children}
    </div>
  );
}

/** The tabs of one diagnosis: only those the user's role can use. */
export function DiagnosisTabs({ diagnosis, current }: { diagnosis: Diagnosis; current: TabId }) {
  const { t } = useTranslation();
  const user = useUser();
  // The views that read the evidence share the dashboard's filters: keep them when switching.
  const { query } = useLocation();
  const filters = query.toString();
  const suffix = (id: TabId) => (filters && (id === 'dashboard' || id === 'exports' || id === 'report') ? `?${filters}` : '');
  return (
    <div className="ws-sub">
      <div className="ws-sub-title">
        <h1>{diagnosis.title}</h1>
        <span className={`status status-${diagnosis.status}`}>{t(`workspace.status.${diagnosis.status}`)}</span>
        <span className="wave">{t(`workspace.wave.${diagnosis.wave}`)}</span>
        {diagnosis.demo && <span className="demo-badge">{t('common.demo')}</span>}
      </div>
      <nav className="ws-tabs" aria-label={t('workspace.nav.diagnosis')}>
        {tabsFor(user.role).map((tab) => (
          <Link key={tab.id} href={`/app/${diagnosis.slug}${tab.path}${suffix(tab.id)}`} aria-current={tab.id === current ? 'page' : undefined}>
            {t(`workspace.nav.${tab.id}`)}
          </Link>
        ))}
      </nav>
    </div>
  );
}
