// Setting up a diagnosis: list, create, edit, open/close, and start the ex-post wave that
// follows an ex-ante one (territory, institutions and objectives carried over).
import { eq, sql } from 'drizzle-orm';
import { Hono } from 'hono';
import type { z } from 'zod';
import { type AuthEnv, requireUser } from '../../auth/session';
import { type AppDb, runAtomically, insertStatements } from '../../db/client';
import { areas, diagnoses, type DiagnosisSettings, indicators, institutions, municipalities, objectives, signals, zones } from '../../db/schema';
import type { AppDeps } from '../../deps';
import { auditInsert } from '../../lib/audit';
import { limitBody, requireJson, validate } from '../../lib/json-body';
import type { RouteDoc } from '../../lib/openapi';
import { Problem } from '../../lib/problem';
import { slugParam } from '../diagnoses/public.routes';
import { diagnosisBySlug } from '../diagnoses/territory';
import { createDiagnosisSchema, diagnosisListSchema, diagnosisSchema, followUpSchema, updateDiagnosisSchema } from './diagnoses.schemas';

export const setupDiagnosesDocs: RouteDoc[] = [
  { method: 'get', path: '/api/diagnoses', summary: 'List diagnoses with their counts', tags: ['set-up'], security: 'session', responses: { 200: { description: 'Diagnoses', schema: diagnosisListSchema } } },
  { method: 'post', path: '/api/diagnoses', summary: 'Create a diagnosis (admin)', tags: ['set-up'], security: 'session', body: createDiagnosisSchema, responses: { 201: { description: 'Created', schema: diagnosisSchema }, 409: { description: 'Slug taken' } } },
  { method: 'get', path: '/api/diagnoses/{slug}', summary: 'One diagnosis with its counts', tags: ['set-up'], security: 'session', params: slugParam, responses: { 200: { description: 'Diagnosis', schema: diagnosisSchema } } },
  { method: 'patch', path: '/api/diagnoses/{slug}', summary: 'Edit, open or close a diagnosis (admin)', tags: ['set-up'], security: 'session', params: slugParam, body: updateDiagnosisSchema, responses: { 200: { description: 'Updated', schema: diagnosisSchema } } },
  { method: 'post', path: '/api/diagnoses/{slug}/follow-up', summary: 'Start the ex-post wave that follows this one (admin)', tags: ['set-up'], security: 'session', params: slugParam, body: followUpSchema, responses: { 201: { description: 'The new wave', schema: diagnosisSchema }, 409: { description: 'Slug taken' } } },
];

type Row = typeof diagnoses.$inferSelect;

// Counting a million signals takes 0.1-0.3 s, and every workspace page reads the diagnosis: the
// count is kept per data version and, for a large diagnosis while residents report (the version
// moves every commit), reused for up to COUNT_MAX_AGE_MS. A figure for the set-up page, not an analysis.
const COUNT_MAX_AGE_MS = 10_000;
const LARGE_COUNT = 100_000;
const signalCounts = new WeakMap<AppDb, Map<string, { version: number; at: number; count: Promise<number>; large: boolean }>>();

function signalCount(db: AppDb, diagnosisId: string, version: number): Promise<number> {
  let perDb = signalCounts.get(db);
  if (!perDb) signalCounts.set(db, (perDb = new Map()));
  const hit = perDb.get(diagnosisId);
  const now = performance.now();
  if (hit && (hit.version === version || (hit.large && hit.version < version && now - hit.at < COUNT_MAX_AGE_MS))) return hit.count;
  const count = db
    .select({ n: sql<number>`count(*)` })
    .from(signals)
    .where(eq(signals.diagnosisId, diagnosisId))
    .then(([r]) => Number(r?.n ?? 0));
  const entry = { version, at: now, count, large: false };
  perDb.set(diagnosisId, entry);
  count.then(
    (n) => void (entry.large = n >= LARGE_COUNT),
    () => perDb.delete(diagnosisId),
  );
  return count;
}

async function describe(deps: AppDeps, where: ReturnType<typeof eq> | undefined): Promise<z.infer<typeof diagnosisSchema>[]> {
  // Correlated subqueries name the outer table explicitly: drizzle would render bare column names.
  const rows = await deps.db
    .select({
      d: diagnoses,
      previousWaveSlug: sql<string | null>`(select p.slug from diagnoses p where p.id = diagnoses.previous_wave_id)`,
      areas: sql<number>`(select count(*) from areas x where x.diagnosis_id = diagnoses.id)`,
      municipalities: sql<number>`(select count(*) from municipalities x where x.diagnosis_id = diagnoses.id)`,
      zones: sql<number>`(select count(*) from zones x where x.diagnosis_id = diagnoses.id)`,
      institutions: sql<number>`(select count(*) from institutions x where x.diagnosis_id = diagnoses.id)`,
      submitted: sql<number>`(select count(*) from responses x where x.diagnosis_id = diagnoses.id and x.status = 'submitted')`,
    })
    .from(diagnoses)
    .where(where)
    .orderBy(diagnoses.createdAt);
  const signalCounts = await Promise.all(rows.map(({ d }) => signalCount(deps.db, d.id, d.dataVersion)));
  return rows.map(({ d, previousWaveSlug, ...counts }, i) => ({
    id: d.id,
    slug: d.slug,
    title: d.title,
    description: d.description,
    status: d.status,
    wave: d.wave,
    previousWaveSlug,
    k: d.kThreshold,
    demo: d.isDemo,
    settings: d.settings,
    counts: Object.fromEntries([...Object.entries(counts), ['signals', signalCounts[i]]].map(([k, v]) => [k, Number(v)])) as z.infer<typeof diagnosisSchema>['counts'],
    createdAt: d.createdAt.toISOString(),
    updatedAt: d.updatedAt.toISOString(),
  }));
}

async function one(deps: AppDeps, id: string) {
  const [d] = await describe(deps, eq(diagnoses.id, id));
  return d;
}

async function ensureSlugFree(deps: AppDeps, slug: string) {
  const [taken] = await deps.db.select({ id: diagnoses.id }).from(diagnoses).where(eq(diagnoses.slug, slug)).limit(1);
  if (taken) throw new Problem(409, `The slug "${slug}" is already used by another diagnosis.`, { errors: [{ field: 'slug', message: 'Already used.' }] });
}

/** Copies the territory, institutions and objectives of a wave into a new one, with new ids. */
function carryOver(deps: AppDeps, from: Row, toId: string, now: Date, data: {
  areas: (typeof areas.$inferSelect)[];
  municipalities: (typeof municipalities.$inferSelect)[];
  zones: (typeof zones.$inferSelect)[];
  institutions: (typeof institutions.$inferSelect)[];
  objectives: (typeof objectives.$inferSelect)[];
  indicators: (typeof indicators.$inferSelect)[];
}) {
  const ids = new Map<string, string>();
  const remap = (old: string | null) => (old ? (ids.get(old) ?? null) : null);
  const fresh = (old: string) => {
    const id = crypto.randomUUID();
    ids.set(old, id);
    return id;
  };
  const db = deps.db;
  return [
    ...insertStatements(db, areas, data.areas.map((a) => ({ ...a, id: fresh(a.id), diagnosisId: toId, createdAt: now }))),
    ...insertStatements(db, municipalities, data.municipalities.map((m) => ({ ...m, id: fresh(m.id), diagnosisId: toId, areaId: remap(m.areaId), createdAt: now }))),
    ...insertStatements(db, zones, data.zones.map((z) => ({ ...z, id: fresh(z.id), diagnosisId: toId, municipalityId: remap(z.municipalityId), createdAt: now }))),
    ...insertStatements(db, institutions, data.institutions.map((i) => ({ ...i, id: fresh(i.id), diagnosisId: toId, areaId: remap(i.areaId), municipalityId: remap(i.municipalityId), createdAt: now }))),
    ...insertStatements(db, objectives, data.objectives.map((o) => ({ ...o, id: fresh(o.id), diagnosisId: toId, createdAt: now }))),
    // The ex-post wave measures again: baselines and targets stay, measurements start empty.
    ...insertStatements(db, indicators, data.indicators.filter((i) => ids.has(i.objectiveId)).map((i) => ({ ...i, id: crypto.randomUUID(), objectiveId: ids.get(i.objectiveId)!, measured: null, measuredAt: null, createdAt: now }))),
  ];
}

export function setupDiagnosesRoutes(deps: AppDeps) {
  const anyRole = requireUser(deps, 'admin', 'analyst', 'moderator');
  const admin = requireUser(deps, 'admin');
  return new Hono<AuthEnv>()
    .get('/diagnoses', anyRole, async (c) => c.json({ items: await describe(deps, undefined) }, 200))
    .post('/diagnoses', admin, requireJson, limitBody(), validate('json', createDiagnosisSchema), async (c) => {
      const body = c.req.valid('json');
      await ensureSlugFree(deps, body.slug);
      const id = crypto.randomUUID();
      const now = deps.clock();
      await runAtomically(deps.db, [
        deps.db.insert(diagnoses).values({ id, slug: body.slug, title: body.title, description: body.description, kThreshold: body.k, settings: body.settings, status: 'draft', wave: 'ex-ante', createdAt: now, updatedAt: now }),
        auditInsert(deps.db, { diagnosisId: id, userId: c.get('user').id, action: 'diagnosis.create', target: body.slug }, now),
      ]);
      return c.json(await one(deps, id), 201);
    })
    .get('/diagnoses/:slug', anyRole, validate('param', slugParam), async (c) => {
      const d = await diagnosisBySlug(deps.db, c.req.valid('param').slug);
      return c.json(await one(deps, d.id), 200);
    })
    .patch('/diagnoses/:slug', admin, validate('param', slugParam), requireJson, limitBody(), validate('json', updateDiagnosisSchema), async (c) => {
      const d = await diagnosisBySlug(deps.db, c.req.valid('param').slug);
      const body = c.req.valid('json');
      const now = deps.clock();
      await runAtomically(deps.db, [
        deps.db
          .update(diagnoses)
          .set({
            ...(body.title !== undefined ? { title: body.title } : {}),
            ...(body.description !== undefined ? { description: body.description } : {}),
            ...(body.status !== undefined ? { status: body.status } : {}),
            ...(body.k !== undefined ? { kThreshold: body.k } : {}),
            ...(body.settings !== undefined ? { settings: { ...d.settings, ...body.settings } } : {}),
            updatedAt: now,
          })
          .where(eq(diagnoses.id, d.id)),
        auditInsert(deps.db, { diagnosisId: d.id, userId: c.get('user').id, action: body.status && body.status !== d.status ? `diagnosis.${body.status}` : 'diagnosis.update', target: d.slug, details: body }, now),
      ]);
      return c.json(await one(deps, d.id), 200);
    })
    .post('/diagnoses/:slug/follow-up', admin, validate('param', slugParam), requireJson, limitBody(), validate('json', followUpSchema), async (c) => {
      const from = await diagnosisBySlug(deps.db, c.req.valid('param').slug);
      const body = c.req.valid('json');
      await ensureSlugFree(deps, body.slug);
      const db = deps.db;
      const [areaRows, municipalityRows, zoneRows, institutionRows, objectiveRows] = await Promise.all([
        db.select().from(areas).where(eq(areas.diagnosisId, from.id)),
        db.select().from(municipalities).where(eq(municipalities.diagnosisId, from.id)),
        db.select().from(zones).where(eq(zones.diagnosisId, from.id)),
        db.select().from(institutions).where(eq(institutions.diagnosisId, from.id)),
        db.select().from(objectives).where(eq(objectives.diagnosisId, from.id)),
      ]);
      const indicatorRows = (await db.select({ i: indicators }).from(indicators).innerJoin(objectives, eq(objectives.id, indicators.objectiveId)).where(eq(objectives.diagnosisId, from.id))).map((r) => r.i);
      const id = crypto.randomUUID();
      const now = deps.clock();
      await runAtomically(db, [
        db.insert(diagnoses).values({ id, slug: body.slug, title: body.title, description: from.description, status: 'draft', wave: 'ex-post', previousWaveId: from.id, kThreshold: from.kThreshold, settings: followUpSettings(from.settings, body), isDemo: from.isDemo, createdAt: now, updatedAt: now }),
        ...carryOver(deps, from, id, now, { areas: areaRows, municipalities: municipalityRows, zones: zoneRows, institutions: institutionRows, objectives: objectiveRows, indicators: indicatorRows }),
        auditInsert(db, { diagnosisId: id, userId: c.get('user').id, action: 'diagnosis.follow-up', target: body.slug, details: { from: from.slug } }, now),
      ]);
      return c.json(await one(deps, id), 201);
    });
}

/**
 * A follow-up wave keeps the previous one's settings but not its observation period: copied, the
 * ex-post wave's reports would fall outside it, go uncounted, and the comparison would test nothing.
 * Without dates of its own the wave's period is the span of its reports (analysis/compare).
 */
function followUpSettings(previous: DiagnosisSettings, body: { periodFrom?: string; periodTo?: string }): DiagnosisSettings {
  const { periodFrom: _from, periodTo: _to, ...rest } = previous;
  return { ...rest, ...(body.periodFrom ? { periodFrom: body.periodFrom } : {}), ...(body.periodTo ? { periodTo: body.periodTo } : {}) };
}
