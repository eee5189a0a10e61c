// Entry: picks the page by path and loads each audience's code only when needed, so the
// resident page never downloads the analyst workspace.
import { type ReactNode, StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import i18n from './i18n';
import './styles.css';
import { Home } from './pages/Home';
import { NotFound } from './pages/NotFound';
import { Loading } from './pages/Loading';

// An audience's chunk is imported before its page is rendered, not through React.lazy: a lazy page
// suspends, and React keeps a Suspense fallback it has shown on screen for at least 300 ms (its
// reveal throttle), which held every open of the dashboard back by about a third of a second
// (bench:dashboard-browser). <Loading /> is rendered meanwhile, as plain content.
function route(path: string): ReactNode | Promise<ReactNode> {
  let m: RegExpMatchArray | null;
  if ((m = path.match(/^\/s\/([a-z0-9-]+)\/?$/))) {
    const slug = m[1];
    return import('./pages/resident/ResidentPage').then(({ default: ResidentPage }) => <ResidentPage slug={slug} />);
  }
  if ((m = path.match(/^\/q\/([A-Za-z0-9_-]+)\/?$/))) {
    const token = m[1];
    return import('./pages/institution/InstitutionPage').then(({ default: InstitutionPage }) => <InstitutionPage token={token} />);
  }
  if (path === '/app' || path.startsWith('/app/')) return import('./pages/workspace/Workspace').then(({ default: Workspace }) => <Workspace />);
  if (path === '/' || path === '') return <Home />;
  return <NotFound />;
}

const root = createRoot(document.getElementById('root')!);
const show = (page: ReactNode) => root.render(<StrictMode>{page}</StrictMode>);
const page = route(window.location.pathname);
if (page instanceof Promise) {
  show(<Loading />);
  // A chunk that fails to load (a deployment replaced it, the network dropped): say so.
  page.then(show, (e: unknown) => {
    console.error(e);
    show(<p className="loading" role="alert">{i18n.t('common.error')}</p>);
  });
} else show(page);
