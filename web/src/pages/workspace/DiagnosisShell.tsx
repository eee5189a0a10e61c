// One diagnosis: loads it once, shows its tabs, and renders the tab the path names (if the
// user's role may use it; a moderator lands on the moderation queue).
import { type ReactNode, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Loading } from '../Loading';
import { DiagnosisTabs } from './Layout';
import { diagnosisTabs, homeTabFor, tabsFor } from './nav';
import { ErrorNote } from './Problem';
import { navigate, useLocation } from './router';
import { useSession, useUser } from './session';
import { DashboardPage } from './dashboard/DashboardPage';
import { filtersFrom } from './dashboard/filters';
import { dashboardPaths } from './dashboard/useAnalyses';
import { ExportsPage } from './exports/ExportsPage';
import { InvitationsPage } from './invitations/InvitationsPage';
import { ModerationPage } from './moderation/ModerationPage';
import { AuditPage } from './audit/AuditPage';
import { ObjectivesPage } from './objectives/ObjectivesPage';
import { ReportPage } from './report/ReportPage';
import { SetupPage } from './SetupPage';
import type { Diagnosis } from './types';
import { prefetch, useApi } from './useApi';

export function DiagnosisShell({ slug, tab }: { slug: string; tab: string }) {
  const user = useUser();
  const loaded = useApi<Diagnosis>(`/api/diagnoses/${slug}`);
  const { call } = useSession();
  const { query } = useLocation();
  const { i18n } = useTranslation();
  const qs = query.toString();
  // Opening on the dashboard: its requests go out together with the diagnosis's own, not after
  // it has loaded and the dashboard has rendered once (two round trips and a render later).
  useEffect(() => {
    if (tab !== '' || !tabsFor(user.role).some((x) => x.id === 'dashboard')) return;
    for (const path of dashboardPaths(slug, filtersFrom(new URLSearchParams(qs)), i18n.language)) prefetch(call, path);
    // Only when the shell opens (or moves to another diagnosis): later views load as they render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [slug]);
  const [diagnosis, setDiagnosis] = useState<Diagnosis | undefined>(undefined);
  useEffect(() => setDiagnosis(loaded.data), [loaded.data]);

  const known = diagnosisTabs.find((x) => x.path === (tab ? `/${tab}` : ''));
  const allowed = known && tabsFor(user.role).some((x) => x.id === known.id);
  useEffect(() => {
    if (!allowed) navigate(`/app/${slug}${homeTabFor(user.role).path}`, { replace: true });
  }, [allowed, slug, user.role]);

  if (loaded.error) return <main className="ws-main"><ErrorNote error={loaded.error} onRetry={loaded.reload} /></main>;
  if (!diagnosis || diagnosis.slug !== slug || !known || !allowed) return <Loading />;

  let body: ReactNode = null;
  switch (known.id) {
    case 'dashboard':
      body = <DashboardPage diagnosis={diagnosis} />;
      break;
    case 'invitations':
      body = <InvitationsPage diagnosis={diagnosis} />;
      break;
    case 'moderation':
      body = <ModerationPage diagnosis={diagnosis} />;
      break;
    case 'exports':
      body = <ExportsPage diagnosis={diagnosis} />;
      break;
    case 'report':
      body = <ReportPage diagnosis={diagnosis} />;
      break;
    case 'setup':
      body = <SetupPage diagnosis={diagnosis} onChange={setDiagnosis} />;
      break;
    case 'objectives':
      body = <ObjectivesPage diagnosis={diagnosis} />;
      break;
    case 'audit':
      body = <AuditPage diagnosis={diagnosis} />;
      break;
  }
  return (
    <>
      <DiagnosisTabs diagnosis={diagnosis} current={known.id} />
      {body}
    </>
  );
}
