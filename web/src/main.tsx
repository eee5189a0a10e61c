// Entry: picks the page by path and loads each audience's code only when needed, so the
// resident page never downloads the analyst workspace.
import { StrictMode, Suspense, lazy } from 'react';
import { createRoot } from 'react-dom/client';
import './i18n';
import './styles.css';
import { Home } from './pages/Home';
import { NotFound } from './pages/NotFound';
import { Loading } from './pages/Loading';

const ResidentPage = lazy(() => import('./pages/resident/ResidentPage'));
const InstitutionPage = lazy(() => import('./pages/institution/InstitutionPage'));
const Workspace = lazy(() => import('./pages/workspace/Workspace'));

function route(path: string) {
  let m: RegExpMatchArray | null;
  if ((m = path.match(/^\/s\/([a-z0-9-]+)\/?$/))) return <ResidentPage slug={m[1]} />;
  if ((m = path.match(/^\/q\/([A-Za-z0-9_-]+)\/?$/))) return <InstitutionPage token={m[1]} />;
  if (path === '/app' || path.startsWith('/app/')) return <Workspace />;
  if (path === '/' || path === '') return <Home />;
  return <NotFound />;
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Suspense fallback={<Loading />}>{route(window.location.pathname)}</Suspense>
  </StrictMode>,
);
