// Issue 6 (Access): every API route, for each of six principals, is allowed or refused as the
// matrix below says. The route list comes from the real app (Hono's `app.routes`), so a route
// added without a matrix entry fails this file.
//
// Principals:
//   anonymous         no cookie, no token
//   institution       institution A holding a valid invitation link (token); no session cookie
//   otherInstitution  institution B holding its own valid link, trying to reach A's questionnaire
//   moderator, analyst, admin   a signed-in session (cookie + x-csrf-token on every request)
//
// Refusals: a session route answers 401 without a session (anonymous, and the institutions, whose
// token is sent as `Authorization: Bearer` and must not count as a session) and 403 to a signed-in
// role it does not admit. A token route is reached only by the token in its path: whoever lacks
// A's token (anonymous, staff) sends a token that was never issued and gets 404; B sends its own
// token (the only one it has), which opens B's questionnaire and never shows or changes A's.
// Every refusal is a problem document and changes no table row.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routeDocs } from './app';
import { addUser } from './auth/users';
import { randomToken } from './auth/tokens';
import { indicators, institutions, objectives, responseRevisions, responses, roles, signals, zones, type Role } from './db/schema';
import { notFound } from './lib/on-error';
import { completeAnswers, demoDiagnosis, firstTwoPages, freshInstitution, invite } from './routes/invitations/test-helpers';
import { validSignal } from './routes/signals/test-fixtures';
import { loginAs, type AuthHeaders } from './test/auth';
import { createTestApp, tableCounts, type TestApp } from './test/test-app';

// ---------------------------------------------------------------------------------------------
// The matrix: one line per route (`METHOD /api/path` as Hono writes it), sorted by path.
// A new route: add its line, e.g. `'DELETE /api/users/:id': staff('admin'),`. If the allowed call
// needs a real id or a valid body to mean something, add a recipe below too.

const PRINCIPALS = ['anonymous', 'institution', 'otherInstitution', 'moderator', 'analyst', 'admin'] as const;
type Principal = (typeof PRINCIPALS)[number];

/** `public`: no credential needed; `session`: a signed-in role; `token`: the invitation token in the path. */
type Access = { auth: 'public' | 'session' | 'token'; allow: readonly Principal[] };

/** Anyone, with or without credentials. */
const PUBLIC: Access = { auth: 'public', allow: PRINCIPALS };
/** A signed-in user with one of these roles. */
const staff = (...allowed: Role[]): Access => ({ auth: 'session', allow: allowed });
const ANY_STAFF = staff(...roles);
/** Only the holder of the invitation link (institution A with A's token). */
const LINK_HOLDER: Access = { auth: 'token', allow: ['institution'] };

const matrix: Record<string, Access> = {
  'GET /api/audit': staff('admin'),
  'POST /api/auth/login': PUBLIC,
  'POST /api/auth/logout': PUBLIC,
  'GET /api/auth/me': ANY_STAFF,
  'POST /api/auth/password': ANY_STAFF,
  'GET /api/diagnoses': ANY_STAFF,
  'POST /api/diagnoses': staff('admin'),
  'GET /api/diagnoses/:slug': ANY_STAFF,
  'PATCH /api/diagnoses/:slug': staff('admin'),
  'GET /api/diagnoses/:slug/analysis/:kind': staff('admin', 'analyst'),
  'GET /api/diagnoses/:slug/audit': staff('admin', 'analyst'),
  'GET /api/diagnoses/:slug/exports/answers.csv': staff('admin', 'analyst'),
  'GET /api/diagnoses/:slug/exports/signals.csv': staff('admin', 'analyst'),
  'POST /api/diagnoses/:slug/follow-up': staff('admin'),
  'POST /api/diagnoses/:slug/imports/counts': staff('admin', 'analyst'),
  'POST /api/diagnoses/:slug/imports/institutions': staff('admin'),
  'POST /api/diagnoses/:slug/imports/territory': staff('admin'),
  'DELETE /api/diagnoses/:slug/indicators/:id': staff('admin'),
  'PATCH /api/diagnoses/:slug/indicators/:id': staff('admin'),
  'PUT /api/diagnoses/:slug/indicators/:id/measurement': staff('admin', 'analyst'),
  'GET /api/diagnoses/:slug/invitations': staff('admin', 'analyst'),
  'POST /api/diagnoses/:slug/invitations': staff('admin', 'analyst'),
  'POST /api/diagnoses/:slug/invitations/:id/reissue': staff('admin', 'analyst'),
  'POST /api/diagnoses/:slug/invitations/:id/revoke': staff('admin', 'analyst'),
  'POST /api/diagnoses/:slug/invitations/bulk': staff('admin', 'analyst'),
  'GET /api/diagnoses/:slug/moderation/signals': ANY_STAFF,
  'POST /api/diagnoses/:slug/moderation/signals/:id/approve': ANY_STAFF,
  'POST /api/diagnoses/:slug/moderation/signals/:id/hide': ANY_STAFF,
  'POST /api/diagnoses/:slug/moderation/signals/:id/exclude': ANY_STAFF,
  'POST /api/diagnoses/:slug/moderation/signals/:id/restore': ANY_STAFF,
  'GET /api/diagnoses/:slug/objectives': staff('admin', 'analyst'),
  'POST /api/diagnoses/:slug/objectives': staff('admin'),
  'DELETE /api/diagnoses/:slug/objectives/:id': staff('admin'),
  'PATCH /api/diagnoses/:slug/objectives/:id': staff('admin'),
  'POST /api/diagnoses/:slug/objectives/:id/indicators': staff('admin'),
  'GET /api/diagnoses/:slug/public': PUBLIC,
  'GET /api/diagnoses/:slug/responses': staff('admin', 'analyst'),
  'POST /api/diagnoses/:slug/signals': PUBLIC,
  'POST /api/diagnoses/:slug/signals/:id/perception': PUBLIC,
  'GET /api/diagnoses/:slug/summary': PUBLIC,
  'GET /api/docs': PUBLIC,
  'GET /api/health': PUBLIC,
  'GET /api/invitations/:token': LINK_HOLDER,
  'PUT /api/invitations/:token/response': LINK_HOLDER,
  'POST /api/invitations/:token/response/submit': LINK_HOLDER,
  'GET /api/openapi.json': PUBLIC,
  'GET /api/users': staff('admin'),
  'POST /api/users': staff('admin'),
  'PATCH /api/users/:id': staff('admin'),
  'POST /api/users/:id/password': staff('admin'),
};

// ---------------------------------------------------------------------------------------------
// How each route is called. Without a recipe: path parameters are filled (`:slug` = demo,
// `:token` = the principal's token, anything else a random UUID, or the literal the OpenAPI
// document gives, e.g. each analysis kind), GETs must answer 2xx when allowed, and writes send
// `{}` and only have to get past authorisation (not 401/403, not 5xx). A recipe makes an allowed
// call a valid one and names the status it must get.

/** `2xx`: any success; `authorised`: anything but 401/403/5xx (e.g. a 422 proves the guard passed). */
type Allowed = number | '2xx' | 'authorised';
type Probe = { path: string; json?: unknown; csv?: string; allowed?: Allowed; note?: string };
type Ctx = { principal: Principal; token: string; links: Links | null };
type Recipe = { freshSession?: boolean; probes: (ctx: Ctx) => Promise<Probe[]> };

/** Institution A (with a saved draft, the data B must never see) and institution B, each with a fresh link. */
type Links = { a: { token: string; institutionId: string; name: string; marker: string }; b: { token: string; institutionId: string } };

let t: TestApp;
let clientN = 0;
/** A different client address per request, so per-client abuse limits never decide a case. */
const newClient = () => `198.51.100.${++clientN % 250}-${clientN}`;
let zoneId: string;
let loginUser: { email: string; password: string };
let seq = 0;
const unique = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${++seq}`;

/** One zone far from the demo's places, so no other case's signal lands in it. */
const matrixTerritory = {
  type: 'FeatureCollection',
  features: [{ type: 'Feature', properties: { kind: 'zone', name: 'Zona della matrice di accesso' }, geometry: { type: 'Polygon', coordinates: [[[11.9, 44.9], [11.901, 44.9], [11.901, 44.901], [11.9, 44.901], [11.9, 44.9]]] } }],
};

/** A resident report sent through the API (with free text, so it waits for moderation). */
async function freshSignal(): Promise<string> {
  const body = validSignal({ text: 'Lampioni spenti da settimane' });
  const res = await t.request('/api/diagnoses/demo/signals', { method: 'POST', json: body, headers: { 'x-test-client': newClient() } });
  expect(res.status).toBe(201);
  return body.id as string;
}

/** An analyst account made directly in the database, for the accounts routes to act on. */
async function freshAccount(): Promise<string> {
  return addUser(t.db, { email: `${unique('authz-account')}@test.example`, name: 'Authorisation matrix', password: 'correct horse battery staple', role: 'analyst' });
}

/** An objective of the demo with one indicator, made directly in the database. */
async function freshObjective(): Promise<{ objectiveId: string; indicatorId: string }> {
  const d = await demoDiagnosis(t);
  const objectiveId = crypto.randomUUID();
  const indicatorId = crypto.randomUUID();
  await t.db.insert(objectives).values({ id: objectiveId, diagnosisId: d.id, code: unique('OB').slice(0, 20), title: 'Authorisation matrix' });
  await t.db.insert(indicators).values({ id: indicatorId, objectiveId, name: 'Authorisation matrix', baseline: 1, target: 2, direction: 'increase' });
  return { objectiveId, indicatorId };
}

const recipes: Record<string, Recipe> = {
  'POST /api/auth/login': { probes: async () => [{ path: '/api/auth/login', json: loginUser, allowed: 200 }] },
  // Signing out ends the session: each staff case signs in anew so no other case loses its own.
  'POST /api/auth/logout': { freshSession: true, probes: async () => [{ path: '/api/auth/logout', allowed: 204 }] },
  // Each staff case signs in anew (loginAs' known password) and changes its own password.
  'POST /api/auth/password': {
    freshSession: true,
    probes: async () => [{ path: '/api/auth/password', json: { currentPassword: 'correct horse battery staple', newPassword: 'another long passphrase' }, allowed: 204 }],
  },
  'POST /api/diagnoses': { probes: async () => [{ path: '/api/diagnoses', json: { slug: unique('authz'), title: 'Authorisation matrix' }, allowed: 201 }] },
  'PATCH /api/diagnoses/:slug': { probes: async () => [{ path: '/api/diagnoses/demo', json: { description: 'Edited by the authorisation matrix.' }, allowed: 200 }] },
  'POST /api/diagnoses/:slug/follow-up': { probes: async () => [{ path: '/api/diagnoses/demo/follow-up', json: { slug: unique('authz-wave'), title: 'Authorisation matrix ex post' }, allowed: 201 }] },
  'POST /api/diagnoses/:slug/imports/counts': {
    probes: async () => [{ path: '/api/diagnoses/demo/imports/counts', csv: `zone,month,count,source\n${zoneId},2026-05,3,police\n`, allowed: 201 }],
  },
  // The same small file each time: the first import creates, the next ones find it unchanged.
  'POST /api/diagnoses/:slug/imports/institutions': {
    probes: async () => [{ path: '/api/diagnoses/demo/imports/institutions', csv: 'nome;tipo\nEnte della matrice di accesso;altro\n', allowed: 201 }],
  },
  'POST /api/diagnoses/:slug/imports/territory': {
    probes: async () => [{ path: '/api/diagnoses/demo/imports/territory', json: matrixTerritory, allowed: 201 }],
  },
  'POST /api/diagnoses/:slug/invitations': {
    probes: async () => [{ path: '/api/diagnoses/demo/invitations', json: { institutionId: await freshInstitution(t) }, allowed: 201 }],
  },
  'POST /api/diagnoses/:slug/invitations/:id/reissue': {
    probes: async () => [{ path: `/api/diagnoses/demo/invitations/${(await invite(t)).invitationId}/reissue`, json: {}, allowed: 201 }],
  },
  'POST /api/diagnoses/:slug/invitations/:id/revoke': {
    probes: async () => [{ path: `/api/diagnoses/demo/invitations/${(await invite(t)).invitationId}/revoke`, allowed: 200 }],
  },
  'POST /api/diagnoses/:slug/invitations/bulk': { probes: async () => [{ path: '/api/diagnoses/demo/invitations/bulk', json: {}, allowed: 201 }] },
  'POST /api/diagnoses/:slug/moderation/signals/:id/approve': {
    probes: async () => [{ path: `/api/diagnoses/demo/moderation/signals/${await freshSignal()}/approve`, allowed: 200 }],
  },
  'POST /api/diagnoses/:slug/moderation/signals/:id/hide': {
    probes: async () => [{ path: `/api/diagnoses/demo/moderation/signals/${await freshSignal()}/hide`, json: { reason: 'Names a person.' }, allowed: 200 }],
  },
  'POST /api/diagnoses/:slug/moderation/signals/:id/exclude': {
    probes: async () => [{ path: `/api/diagnoses/demo/moderation/signals/${await freshSignal()}/exclude`, json: { reason: 'spam' }, allowed: 200 }],
  },
  'POST /api/diagnoses/:slug/moderation/signals/:id/restore': {
    probes: async () => {
      const id = await freshSignal();
      await t.db.update(signals).set({ exclusion: 'spam' }).where(eq(signals.id, id));
      return [{ path: `/api/diagnoses/demo/moderation/signals/${id}/restore`, json: { note: 'Checked: a real report.' }, allowed: 200 }];
    },
  },
  'POST /api/diagnoses/:slug/signals': { probes: async () => [{ path: '/api/diagnoses/demo/signals', json: validSignal(), allowed: 201 }] },
  'POST /api/diagnoses/:slug/signals/:id/perception': {
    probes: async () => [{ path: `/api/diagnoses/demo/signals/${await freshSignal()}/perception`, json: { safeAfterDark: 'not-very-safe' }, allowed: 200 }],
  },
  'POST /api/diagnoses/:slug/objectives': {
    probes: async () => [{ path: '/api/diagnoses/demo/objectives', json: { code: unique('OB').slice(0, 20), title: 'Authorisation matrix', indicators: [{ name: 'Share', baseline: 1, target: 2 }] }, allowed: 201 }],
  },
  'PATCH /api/diagnoses/:slug/objectives/:id': { probes: async () => [{ path: `/api/diagnoses/demo/objectives/${(await freshObjective()).objectiveId}`, json: { title: 'Edited by the matrix' }, allowed: 200 }] },
  'DELETE /api/diagnoses/:slug/objectives/:id': { probes: async () => [{ path: `/api/diagnoses/demo/objectives/${(await freshObjective()).objectiveId}`, allowed: 204 }] },
  'POST /api/diagnoses/:slug/objectives/:id/indicators': {
    probes: async () => [{ path: `/api/diagnoses/demo/objectives/${(await freshObjective()).objectiveId}/indicators`, json: { name: 'Another', baseline: 5, target: 1 }, allowed: 201 }],
  },
  'PATCH /api/diagnoses/:slug/indicators/:id': { probes: async () => [{ path: `/api/diagnoses/demo/indicators/${(await freshObjective()).indicatorId}`, json: { unit: '%' }, allowed: 200 }] },
  'PUT /api/diagnoses/:slug/indicators/:id/measurement': {
    probes: async () => [{ path: `/api/diagnoses/demo/indicators/${(await freshObjective()).indicatorId}/measurement`, json: { measured: 1.5 }, allowed: 200 }],
  },
  'DELETE /api/diagnoses/:slug/indicators/:id': { probes: async () => [{ path: `/api/diagnoses/demo/indicators/${(await freshObjective()).indicatorId}`, allowed: 204 }] },
  'POST /api/users': { probes: async () => [{ path: '/api/users', json: { email: `${unique('authz-new')}@test.example`, name: 'Authorisation matrix', role: 'moderator' }, allowed: 201 }] },
  'PATCH /api/users/:id': { probes: async () => [{ path: `/api/users/${await freshAccount()}`, json: { role: 'moderator' }, allowed: 200 }] },
  'POST /api/users/:id/password': { probes: async () => [{ path: `/api/users/${await freshAccount()}/password`, json: {}, allowed: 200 }] },
  'PUT /api/invitations/:token/response': {
    probes: async ({ token, links }) => [{ path: `/api/invitations/${token}/response`, json: { answers: firstTwoPages(await completeAnswers(t)), version: await versionOf(token, links!) }, allowed: 200 }],
  },
  'POST /api/invitations/:token/response/submit': {
    probes: async ({ token, links }) => [{ path: `/api/invitations/${token}/response/submit`, json: { answers: await completeAnswers(t), version: await versionOf(token, links!) }, allowed: 200 }],
  },
};

/** The version a holder of `token` bases its next write on (A has a saved draft, B nothing yet). */
async function versionOf(token: string, links: Links) {
  const institutionId = token === links.a.token ? links.a.institutionId : token === links.b.token ? links.b.institutionId : null;
  if (!institutionId) return 0;
  const [r] = await t.db.select({ version: responses.version }).from(responses).where(eq(responses.institutionId, institutionId));
  return r?.version ?? 0;
}

/** The route's concrete paths: the OpenAPI document's (literals such as analysis kinds kept), or the route itself. */
function defaultPaths(key: string, ctx: Ctx): string[] {
  const [method, path] = key.split(' ');
  const docs = documented.filter((d) => d.method === method && matches(path, d.path));
  const templates = docs.length > 0 ? docs.map((d) => d.path) : [path];
  return templates.map((p) => p.replace(/:(\w+)/g, (_, name: string) => (name === 'slug' ? 'demo' : name === 'token' ? ctx.token : crypto.randomUUID())));
}

/** Does a concrete or documented path fit a Hono route pattern (`:param` matches any segment)? */
function matches(pattern: string, path: string) {
  const a = pattern.split('/');
  const b = path.split('/');
  return a.length === b.length && a.every((seg, i) => seg.startsWith(':') || seg === b[i]);
}

async function probesFor(key: string, ctx: Ctx): Promise<Probe[]> {
  const recipe = recipes[key];
  if (recipe) return recipe.probes(ctx);
  const method = key.split(' ')[0];
  const note = 'no recipe: path parameters other than :slug/:token are random UUIDs; add a recipe in api/authz.matrix.test.ts';
  return defaultPaths(key, ctx).map((path) => (method === 'GET' ? { path, allowed: '2xx', note } : { path, json: {}, allowed: 'authorised', note }));
}

// ---------------------------------------------------------------------------------------------
// Principals and fixtures.

let staffSessions: Record<Role, AuthHeaders>;
/** Base links of A and B: their tokens are what the institutions send on session and public routes. */
let baseLinks: { a: string; b: string };

/** Every operation of the served OpenAPI document, with Hono-style paths (`{slug}` → `:slug`). */
let documented: { method: string; path: string }[];

beforeAll(async () => {
  t = await createTestApp({ seed: true, deps: { clientAddress: (c) => c.req.header('x-test-client') } });
  const { paths } = (await (await t.request('/api/openapi.json')).json()) as { paths: Record<string, Record<string, unknown>> };
  documented = Object.entries(paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => ({ method: m.toUpperCase(), path: path.replace(/\{(\w+)\}/g, ':$1') })));
  const [moderator, analyst, admin] = await Promise.all([loginAs(t, 'moderator'), loginAs(t, 'analyst'), loginAs(t, 'admin')]);
  staffSessions = { moderator, analyst, admin };
  const [a, b] = await Promise.all([invite(t), invite(t)]);
  baseLinks = { a: a.token, b: b.token };
  const d = await demoDiagnosis(t);
  [{ id: zoneId }] = await t.db.select({ id: zones.id }).from(zones).where(eq(zones.diagnosisId, d.id)).limit(1);
  loginUser = { email: `authz-login-${Date.now()}@test.example`, password: 'correct horse battery staple' };
  await addUser(t.db, { ...loginUser, name: 'Authorisation matrix', role: 'analyst' });
});
afterAll(() => t?.close());

/** Fresh links for A and B; A saves a draft with a marker that must never reach B. */
async function freshLinks(): Promise<Links> {
  const [a, b] = await Promise.all([invite(t), invite(t)]);
  const marker = unique('Riservato A');
  const answers = { ...firstTwoPages(await completeAnswers(t)), territoryName: marker };
  const res = await t.request(`/api/invitations/${a.token}/response`, { method: 'PUT', json: { answers, version: 0 }, headers: { 'x-test-client': newClient() } });
  expect(res.status).toBe(200);
  const [inst] = await t.db.select({ name: institutions.name }).from(institutions).where(eq(institutions.id, a.institutionId));
  return { a: { token: a.token, institutionId: a.institutionId, name: inst.name, marker }, b: { token: b.token, institutionId: b.institutionId } };
}

/** A's response and its revisions, to prove nobody else changed them. */
async function snapshotOf(institutionId: string) {
  const [r] = await t.db.select().from(responses).where(eq(responses.institutionId, institutionId));
  const revisions = r ? await t.db.select().from(responseRevisions).where(eq(responseRevisions.responseId, r.id)) : [];
  return { response: r ?? null, revisions };
}

/** The headers a principal sends: a session (cookie + CSRF) for staff, its link's token as a bearer for institutions. */
async function headersOf(principal: Principal, freshSession: boolean): Promise<Record<string, string>> {
  if (principal === 'anonymous') return {};
  if (principal === 'institution') return { authorization: `Bearer ${baseLinks.a}` };
  if (principal === 'otherInstitution') return { authorization: `Bearer ${baseLinks.b}` };
  const { cookie, 'x-csrf-token': csrf } = freshSession ? await loginAs(t, principal) : staffSessions[principal];
  return { cookie, 'x-csrf-token': csrf };
}

function send(method: string, probe: Probe, headers: Record<string, string>) {
  const h: Record<string, string> = { 'x-test-client': newClient(), ...headers };
  if (probe.csv !== undefined) h['content-type'] = 'text/csv';
  return t.request(probe.path, { method, headers: h, json: probe.json, ...(probe.csv !== undefined ? { body: probe.csv } : {}) });
}

function expectSecurityHeaders(res: Response, label: string) {
  expect(res.headers.get('content-security-policy'), label).toContain("frame-ancestors 'none'");
  expect(res.headers.get('x-content-type-options'), label).toBe('nosniff');
  expect(res.headers.get('referrer-policy'), label).toBe('strict-origin-when-cross-origin');
}

async function expectRefusal(res: Response, status: number, label: string) {
  const text = await res.text();
  expect(res.status, `${label}: ${text}`).toBe(status);
  expect(res.headers.get('content-type'), label).toMatch(/^application\/problem\+json/);
  expect(JSON.parse(text).status, label).toBe(status);
}

function expectAllowed(res: Response, allowed: Allowed, body: string, label: string) {
  const detail = `${label}: ${res.status} ${body.slice(0, 300)}`;
  if (typeof allowed === 'number') expect(res.status, detail).toBe(allowed);
  else if (allowed === '2xx') expect(res.status >= 200 && res.status < 300, detail).toBe(true);
  else expect(![401, 403].includes(res.status) && res.status < 500, detail).toBe(true);
}

// ---------------------------------------------------------------------------------------------
// The route list of the real app.

type AppRoute = { method: string; path: string; key: string };
function appRoutes(): AppRoute[] {
  const seen = new Map<string, AppRoute>();
  for (const r of t.app.routes) {
    // Middleware (`use`, method ALL with a wildcard) and the /api not-found fallbacks are not routes.
    if (r.method === 'ALL' && (r.path.includes('*') || r.handler === notFound)) continue;
    if (!r.path.startsWith('/api')) continue;
    const key = `${r.method} ${r.path}`;
    seen.set(key, { method: r.method, path: r.path, key });
  }
  return [...seen.values()];
}

describe('the matrix covers the app', () => {
  it('has an entry for every route the app serves', () => {
    const missing = appRoutes().filter((r) => !(r.key in matrix)).map((r) => r.key);
    expect(missing, `add a line to the matrix in api/authz.matrix.test.ts for: ${missing.join(', ')}`).toEqual([]);
  });

  it('names no route the app does not serve', () => {
    const served = new Set(appRoutes().map((r) => r.key));
    expect(Object.keys(matrix).filter((k) => !served.has(k))).toEqual([]);
  });

  it('serves no route the OpenAPI document leaves out', () => {
    const undocumented = appRoutes().filter((r) => !documented.some((d) => d.method === r.method && matches(r.path, d.path)));
    expect(undocumented.map((r) => r.key), 'add a RouteDoc (with its security) for').toEqual([]);
  });

  it('agrees with the OpenAPI document on which routes need a session or an invitation token', () => {
    const routes = appRoutes();
    for (const doc of routeDocs) {
      const path = doc.path.replace(/\{(\w+)\}/g, ':$1');
      const route = routes.find((r) => r.method === doc.method.toUpperCase() && matches(r.path, path));
      expect(route, `${doc.method} ${doc.path} is documented but not served`).toBeDefined();
      const documented = doc.security === 'session' ? 'session' : doc.security === 'invitation' ? 'token' : 'public';
      expect(documented, `${doc.method.toUpperCase()} ${doc.path}: OpenAPI security vs matrix`).toBe(matrix[route!.key]?.auth);
    }
  });
});

// ---------------------------------------------------------------------------------------------
// Every route × every principal.

type Case = { key: string; principal: Principal; verdict: 'allow' | 'deny' };
const cases: Case[] = Object.entries(matrix).flatMap(([key, access]) =>
  PRINCIPALS.map((principal) => ({ key, principal, verdict: access.allow.includes(principal) ? ('allow' as const) : ('deny' as const) })),
);

/** The refusal a principal gets from a route it may not use. */
function refusalStatus(access: Access, principal: Principal): number {
  if (access.auth === 'token') return 404;
  if (access.auth === 'session') return principal === 'anonymous' || principal === 'institution' || principal === 'otherInstitution' ? 401 : 403;
  throw new Error('a public route refuses nobody');
}

describe('every route × every principal', () => {
  it.each(cases.map((c) => [`${c.key} × ${c.principal} → ${c.verdict}`, c] as const))('%s', async (_name, { key, principal, verdict }) => {
    const access = matrix[key];
    const method = key.split(' ')[0];
    const links = access.auth === 'token' ? await freshLinks() : null;
    const token = !links ? randomToken(24) : principal === 'institution' ? links.a.token : principal === 'otherInstitution' ? links.b.token : randomToken(24);
    const ctx: Ctx = { principal, token, links };
    const probes = await probesFor(key, ctx);
    expect(probes.length).toBeGreaterThan(0);
    const headers = await headersOf(principal, recipes[key]?.freshSession ?? false);

    for (const probe of probes) {
      const label = `${method} ${probe.path} as ${principal}${probe.note ? ` (${probe.note})` : ''}`;
      const before = await tableCounts(t.db);
      const aBefore = links ? await snapshotOf(links.a.institutionId) : null;
      const res = await send(method, probe, headers);
      expectSecurityHeaders(res, label);

      if (links && principal === 'otherInstitution') {
        // B's own link opens B's questionnaire only: nothing of A is shown or changed.
        const body = await res.text();
        expect(res.status, `${label}: ${body.slice(0, 300)}`).toBeGreaterThanOrEqual(200);
        expect(res.status, label).toBeLessThan(300);
        for (const secret of [links.a.institutionId, links.a.name, links.a.marker]) expect(body, label).not.toContain(secret);
        if (method === 'GET') expect(JSON.parse(body).institution.id, label).toBe(links.b.institutionId);
        expect(await snapshotOf(links.a.institutionId), label).toEqual(aBefore);
      } else if (verdict === 'allow') {
        const body = await res.text();
        expectAllowed(res, probe.allowed ?? (method === 'GET' ? '2xx' : 'authorised'), body, label);
        if (links && method === 'GET') expect(JSON.parse(body).institution.id, label).toBe(links.a.institutionId);
      } else {
        await expectRefusal(res, refusalStatus(access, principal), label);
        expect(await tableCounts(t.db), `${label} changed rows`).toEqual(before);
        if (links) expect(await snapshotOf(links.a.institutionId), label).toEqual(aBefore);
        if (method === 'GET') {
          // HEAD runs the GET route: it must be refused the same way, without a body.
          const head = await send('HEAD', probe, headers);
          expect(head.status, `HEAD ${probe.path} as ${principal}`).toBe(res.status);
          expect(await head.text()).toBe('');
        }
      }
    }
  });
});

// ---------------------------------------------------------------------------------------------
// Session writes also need the CSRF token: the right role without it is refused and changes nothing.

const sessionWrites = Object.entries(matrix).filter(([key, access]) => access.auth === 'session' && key.split(' ')[0] !== 'GET');

describe('session writes without the CSRF token of their session', () => {
  it.each(sessionWrites.map(([key, access]) => [`${key} as ${access.allow[0]}`, key, access.allow[0] as Role] as const))('%s: 403, nothing changed', async (_name, key, role) => {
    const method = key.split(' ')[0];
    const otherRole = roles.find((r) => r !== role)!;
    const attempts = { missing: {}, "another session's": { 'x-csrf-token': staffSessions[otherRole]['x-csrf-token'] } };
    for (const [what, extra] of Object.entries(attempts)) {
      for (const probe of await probesFor(key, { principal: role, token: randomToken(24), links: null })) {
        const before = await tableCounts(t.db);
        const res = await send(method, probe, { cookie: staffSessions[role].cookie, ...extra });
        await expectRefusal(res, 403, `${method} ${probe.path} with ${what} CSRF token`);
        expect(await tableCounts(t.db)).toEqual(before);
      }
    }
  });
});
