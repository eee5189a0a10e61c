// The one place the app is assembled. Node, Workers and tests build AppDeps and call createApp.
import { Hono } from 'hono';
import type { AppDeps } from './deps';
import { notFound, onError } from './lib/on-error';
import { Problem, problemResponse } from './lib/problem';
import { securityHeaders } from './lib/security-headers';
import type { RouteDoc } from './lib/openapi';
import { analysisDocs, analysisRoutes } from './routes/analysis/analysis.routes';
import { authDocs, authRoutes } from './routes/auth/auth.routes';
import { exportDocs, exportRoutes } from './routes/exports/exports.routes';
import { healthDocs, healthRoutes } from './routes/health/health.routes';
import { invitationAnalystDocs, invitationAnalystRoutes } from './routes/invitations/analyst.routes';
import { invitationPublicDocs, invitationPublicRoutes } from './routes/invitations/public.routes';
import { trackingDocs, trackingRoutes } from './routes/responses/tracking.routes';
import { importDocs, importRoutes } from './routes/imports/counts.routes';
import { institutionImportDocs, institutionImportRoutes } from './routes/imports/institutions.routes';
import { territoryImportDocs, territoryImportRoutes } from './routes/imports/territory.routes';
import { publicDocs, publicRoutes } from './routes/diagnoses/public.routes';
import { moderationDocs, moderationRoutes } from './routes/signals/moderation.routes';
import { summaryDocs, summaryRoutes } from './routes/signals/summary.routes';
import { signalDocs, signalRoutes } from './routes/signals/signals.routes';
import { metaRoutes } from './routes/meta/meta.routes';
import { setupDiagnosesDocs, setupDiagnosesRoutes } from './routes/setup/diagnoses.routes';
import { auditDocs, auditRoutes } from './routes/audit/audit.routes';
import { objectiveDocs, objectiveRoutes } from './routes/objectives/objectives.routes';
import { userDocs, userRoutes } from './routes/users/users.routes';

export const routeDocs: RouteDoc[] = [...healthDocs, ...authDocs, ...publicDocs, ...signalDocs, ...summaryDocs, ...moderationDocs, ...setupDiagnosesDocs, ...analysisDocs, ...importDocs, ...territoryImportDocs, ...institutionImportDocs, ...exportDocs, ...invitationPublicDocs, ...invitationAnalystDocs, ...trackingDocs, ...objectiveDocs, ...userDocs, ...auditDocs];

export function createApp(deps: AppDeps) {
  const app = new Hono();

  // On Node the HTTP server sets them before the app runs (see api/node.ts); elsewhere the app does.
  if (!deps.securityHeadersByServer) app.use('*', securityHeaders());
  if (deps.config.logRequests) {
    // Method, path and status only: never the address or user agent of a resident.
    app.use('*', async (c, next) => {
      const t0 = Date.now();
      await next();
      console.log(`${c.req.method} ${new URL(c.req.url).pathname} ${c.res.status} ${Date.now() - t0}ms`);
    });
  }

  const api = new Hono()
    .route('/', healthRoutes(deps))
    .route('/', authRoutes(deps))
    .route('/', publicRoutes(deps))
    .route('/', signalRoutes(deps))
    .route('/', summaryRoutes(deps))
    .route('/', moderationRoutes(deps))
    .route('/', setupDiagnosesRoutes(deps))
    .route('/', analysisRoutes(deps))
    .route('/', importRoutes(deps))
    .route('/', territoryImportRoutes(deps))
    .route('/', institutionImportRoutes(deps))
    .route('/', exportRoutes(deps))
    .route('/', invitationPublicRoutes(deps))
    .route('/', invitationAnalystRoutes(deps))
    .route('/', trackingRoutes(deps))
    .route('/', objectiveRoutes(deps))
    .route('/', userRoutes(deps))
    .route('/', auditRoutes(deps))
    .route('/', metaRoutes(routeDocs));
  // A path the API serves with other methods is 405 with Allow; anything else 404.
  api.all('*', (c) => {
    const allow = allowedMethods(app, c.req.path);
    if (allow.length === 0) return notFound(c);
    return problemResponse(
      c,
      new Problem(405, `${c.req.method} is not served at ${c.req.path}; this path takes ${allow.join(', ')}.`, { headers: { allow: allow.join(', ') } }),
    );
  });

  app.route('/api', api);
  app.all('/api', notFound);

  if (deps.assets) {
    const assets = deps.assets;
    app.on(['GET', 'HEAD'], '*', (c) => assets(c.req.raw));
  }
  app.notFound(notFound);
  app.onError(onError);
  return app;
}

export type App = ReturnType<typeof createApp>;

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

/** The methods that have a route at this path (not a middleware or fallback: a `*` path, or notFound). */
function allowedMethods(app: Hono, path: string): string[] {
  const allow: string[] = METHODS.filter((m) =>
    app.router.match(m, path)[0].some((h) => {
      const [handler, route] = (h as unknown as [[unknown, { path?: string }]])[0];
      return handler !== notFound && typeof route?.path === 'string' && !route.path.endsWith('*');
    }),
  );
  // Hono answers HEAD wherever it answers GET.
  return allow.includes('GET') ? [...allow, 'HEAD'] : allow;
}
