// The pact's objectives and their indicators: admins set them up (ex ante), admins and analysts
// record measured values (ex post). Every write is one batch with its audit row and a bump of the
// diagnosis's dataVersion, so cached analyses (the dashboard's objectives) refresh.
import { and, asc, eq, ne, sql } from 'drizzle-orm';
import { Hono } from 'hono';
import type { z } from 'zod';
import { impliedDirection, objectiveProgress } from '../../../analysis/objectives';
import { type AuthEnv, requireUser } from '../../auth/session';
import { insertStatements, isUniqueViolation, runAtomically, type Statement } from '../../db/client';
import { diagnoses, indicators, objectives } from '../../db/schema';
import type { AppDeps } from '../../deps';
import { auditInsert } from '../../lib/audit';
import { limitBody, requireJson, validate } from '../../lib/json-body';
import type { RouteDoc } from '../../lib/openapi';
import { type FieldError, Problem } from '../../lib/problem';
import { slugParam } from '../diagnoses/public.routes';
import { type Diagnosis, diagnosisBySlug } from '../diagnoses/territory';
import {
  createIndicatorSchema,
  createObjectiveSchema,
  directionErrors,
  indicatorPathSchema,
  indicatorSchema,
  measurementSchema,
  objectiveListSchema,
  objectivePathSchema,
  objectiveSchema,
  updateIndicatorSchema,
  updateObjectiveSchema,
} from './objectives.schemas';

const SMALL_BODY = 16 * 1024;

export const objectiveDocs: RouteDoc[] = [
  { method: 'get', path: '/api/diagnoses/{slug}/objectives', summary: 'Objectives of the pact with their indicators and progress', tags: ['objectives'], security: 'session', params: slugParam, responses: { 200: { description: 'Objectives by code', schema: objectiveListSchema } } },
  { method: 'post', path: '/api/diagnoses/{slug}/objectives', summary: 'Create an objective, with its indicators if given (admin)', tags: ['objectives'], security: 'session', params: slugParam, body: createObjectiveSchema, responses: { 201: { description: 'Created', schema: objectiveSchema }, 409: { description: 'Code already used in this diagnosis' } } },
  { method: 'patch', path: '/api/diagnoses/{slug}/objectives/{id}', summary: 'Edit an objective’s code, title or description (admin)', tags: ['objectives'], security: 'session', params: objectivePathSchema, body: updateObjectiveSchema, responses: { 200: { description: 'Updated', schema: objectiveSchema }, 404: { description: 'No such objective in this diagnosis' }, 409: { description: 'Code already used in this diagnosis' } } },
  { method: 'delete', path: '/api/diagnoses/{slug}/objectives/{id}', summary: 'Delete an objective and its indicators (admin)', tags: ['objectives'], security: 'session', params: objectivePathSchema, responses: { 204: { description: 'Deleted' }, 404: { description: 'No such objective in this diagnosis' } } },
  { method: 'post', path: '/api/diagnoses/{slug}/objectives/{id}/indicators', summary: 'Add an indicator to an objective (admin)', tags: ['objectives'], security: 'session', params: objectivePathSchema, body: createIndicatorSchema, responses: { 201: { description: 'Created', schema: indicatorSchema }, 404: { description: 'No such objective in this diagnosis' } } },
  { method: 'patch', path: '/api/diagnoses/{slug}/indicators/{id}', summary: 'Edit an indicator (admin)', tags: ['objectives'], security: 'session', params: indicatorPathSchema, body: updateIndicatorSchema, responses: { 200: { description: 'Updated', schema: indicatorSchema }, 404: { description: 'No such indicator in this diagnosis' } } },
  {
    method: 'put',
    path: '/api/diagnoses/{slug}/indicators/{id}/measurement',
    summary: 'Record (or clear) an indicator’s measured value (admin, analyst)',
    tags: ['objectives'],
    security: 'session',
    params: indicatorPathSchema,
    body: measurementSchema,
    responses: { 200: { description: 'Recorded', schema: indicatorSchema }, 404: { description: 'No such indicator in this diagnosis' } },
  },
  { method: 'delete', path: '/api/diagnoses/{slug}/indicators/{id}', summary: 'Delete an indicator (admin)', tags: ['objectives'], security: 'session', params: indicatorPathSchema, responses: { 204: { description: 'Deleted' }, 404: { description: 'No such indicator in this diagnosis' } } },
];

type IndicatorRow = typeof indicators.$inferSelect;
type ObjectiveRow = typeof objectives.$inferSelect;
type Indicator = z.infer<typeof indicatorSchema>;
type Objective = z.infer<typeof objectiveSchema>;

const dateOf = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);

function toIndicator(i: IndicatorRow): Indicator {
  const { share, clipped, status } = objectiveProgress({ baseline: i.baseline, target: i.target, measured: i.measured, direction: i.direction ?? undefined });
  return {
    id: i.id,
    objectiveId: i.objectiveId,
    name: i.name,
    description: i.description,
    unit: i.unit,
    baseline: i.baseline,
    target: i.target,
    direction: i.direction,
    measured: i.measured,
    measuredAt: dateOf(i.measuredAt),
    progress: { share, clipped, status },
  };
}

async function loadObjectives(deps: AppDeps, diagnosisId: string, only?: string): Promise<Objective[]> {
  const where = and(eq(objectives.diagnosisId, diagnosisId), only ? eq(objectives.id, only) : undefined);
  const [rows, inds] = await Promise.all([
    deps.db.select().from(objectives).where(where).orderBy(asc(objectives.code)),
    deps.db
      .select({ i: indicators })
      .from(indicators)
      .innerJoin(objectives, eq(objectives.id, indicators.objectiveId))
      .where(where)
      .orderBy(asc(indicators.createdAt), asc(indicators.name)),
  ]);
  return rows.map((o) => ({ id: o.id, code: o.code, title: o.title, description: o.description, indicators: inds.filter((r) => r.i.objectiveId === o.id).map((r) => toIndicator(r.i)) }));
}

async function objectiveOf(deps: AppDeps, d: Diagnosis, id: string): Promise<ObjectiveRow> {
  const [row] = await deps.db.select().from(objectives).where(and(eq(objectives.id, id), eq(objectives.diagnosisId, d.id))).limit(1);
  if (!row) throw new Problem(404, 'No objective with this id in this diagnosis.');
  return row;
}

async function indicatorOf(deps: AppDeps, d: Diagnosis, id: string): Promise<{ i: IndicatorRow; o: ObjectiveRow }> {
  const [row] = await deps.db
    .select({ i: indicators, o: objectives })
    .from(indicators)
    .innerJoin(objectives, eq(objectives.id, indicators.objectiveId))
    .where(and(eq(indicators.id, id), eq(objectives.diagnosisId, d.id)))
    .limit(1);
  if (!row) throw new Problem(404, 'No indicator with this id in this diagnosis.');
  return row;
}

const codeTaken = (code: string) => new Problem(409, `The code "${code}" is already used by another objective of this diagnosis.`, { errors: [{ field: 'code', message: 'Already used.' }] });

async function ensureCodeFree(deps: AppDeps, d: Diagnosis, code: string, except?: string) {
  const [taken] = await deps.db
    .select({ id: objectives.id })
    .from(objectives)
    .where(and(eq(objectives.diagnosisId, d.id), eq(objectives.code, code), except ? ne(objectives.id, except) : undefined))
    .limit(1);
  if (taken) throw codeTaken(code);
}

const invalid = (errors: FieldError[]) => new Problem(422, `The body has ${errors.length} invalid field(s).`, { errors });

/**
 * The latest date it is anywhere on Earth now (UTC+14): "today" for someone entering a date in
 * their own time zone, never refused as a future date.
 */
const latestToday = (now: Date) => new Date(now.getTime() + 14 * 3600_000).toISOString().slice(0, 10);

/**
 * The measurement after a write: `measured` and `measuredAt` as sent, the current ones otherwise.
 * A value without a date is dated today; no value means no date; a date may not be in the future.
 */
function nextMeasurement(current: { measured: number | null; measuredAt: Date | null } | null, sent: { measured?: number | null; measuredAt?: string | null }, now: Date, prefix = '') {
  const measured = sent.measured !== undefined ? sent.measured : (current?.measured ?? null);
  const errors: FieldError[] = [];
  let measuredAt: string | null;
  if (measured === null) {
    if (sent.measuredAt) errors.push({ field: `${prefix}measuredAt`, message: 'A date needs a measured value.' });
    measuredAt = null;
  } else {
    const currentDate = sent.measured === undefined ? dateOf(current?.measuredAt ?? null) : null;
    measuredAt = sent.measuredAt ?? currentDate ?? now.toISOString().slice(0, 10);
    if (measuredAt > latestToday(now)) errors.push({ field: `${prefix}measuredAt`, message: 'The date of a measurement cannot be in the future.' });
  }
  return { measured, measuredAt: measuredAt ? new Date(`${measuredAt}T00:00:00Z`) : null, errors };
}

/** The fields that differ, as { field: { from, to } } for the audit log. */
function changed<T extends Record<string, unknown>>(before: T, after: Partial<T>): Record<string, { from: unknown; to: unknown }> {
  const out: Record<string, { from: unknown; to: unknown }> = {};
  for (const [k, v] of Object.entries(after)) {
    const was = before[k];
    const same = v instanceof Date || was instanceof Date ? (v as Date | null)?.getTime() === (was as Date | null)?.getTime() : v === was;
    if (!same) out[k] = { from: was instanceof Date ? dateOf(was) : was, to: v instanceof Date ? dateOf(v) : v };
  }
  return out;
}

export function objectiveRoutes(deps: AppDeps) {
  const { db } = deps;
  const readers = requireUser(deps, 'admin', 'analyst');
  const admin = requireUser(deps, 'admin');
  const bump = (d: Diagnosis, now: Date) => db.update(diagnoses).set({ dataVersion: sql`${diagnoses.dataVersion} + 1`, updatedAt: now }).where(eq(diagnoses.id, d.id));

  /** Runs a write, turning a race on the unique code into the same 409 as the check before it. */
  async function write(statements: Statement[], code?: string) {
    try {
      await runAtomically(db, statements);
    } catch (err) {
      if (code !== undefined && isUniqueViolation(err)) throw codeTaken(code);
      throw err;
    }
  }

  async function updateIndicator(d: Diagnosis, id: string, userId: string, action: 'indicator.update' | 'indicator.measure', next: (current: IndicatorRow) => Partial<IndicatorRow>) {
    const { i, o } = await indicatorOf(deps, d, id);
    const set = next(i);
    const changes = changed(i as unknown as Record<string, unknown>, set as Record<string, unknown>);
    if (Object.keys(changes).length === 0) return toIndicator(i);
    const now = deps.clock();
    await write([
      db.update(indicators).set(set).where(eq(indicators.id, i.id)),
      bump(d, now),
      auditInsert(db, { diagnosisId: d.id, userId, action, target: `${o.code} · ${set.name ?? i.name}`, details: { id: i.id, changes } }, now),
    ]);
    const [row] = await db.select().from(indicators).where(eq(indicators.id, i.id));
    return toIndicator(row);
  }

  return new Hono<AuthEnv>()
    .get('/diagnoses/:slug/objectives', readers, validate('param', slugParam), async (c) => {
      const d = await diagnosisBySlug(db, c.req.valid('param').slug);
      c.header('cache-control', 'private, no-cache');
      return c.json({ items: await loadObjectives(deps, d.id) }, 200);
    })
    .post('/diagnoses/:slug/objectives', admin, validate('param', slugParam), requireJson, limitBody(), validate('json', createObjectiveSchema), async (c) => {
      const d = await diagnosisBySlug(db, c.req.valid('param').slug);
      const body = c.req.valid('json');
      const now = deps.clock();
      const measurements = body.indicators.map((ind, n) => nextMeasurement(null, ind, now, `indicators.${n}.`));
      const errors = measurements.flatMap((m) => m.errors);
      if (errors.length) throw invalid(errors);
      await ensureCodeFree(deps, d, body.code);
      const id = crypto.randomUUID();
      const rows = body.indicators.map((ind, n) => ({
        id: crypto.randomUUID(),
        objectiveId: id,
        name: ind.name,
        description: ind.description,
        unit: ind.unit,
        baseline: ind.baseline,
        target: ind.target,
        // Equal baseline and target come with a direction (the schema requires it).
        direction: ind.direction ?? impliedDirection(ind.baseline, ind.target)!,
        measured: measurements[n].measured,
        measuredAt: measurements[n].measuredAt,
        // Distinct times keep the order they were given in.
        createdAt: new Date(now.getTime() + n),
      }));
      await write(
        [
          db.insert(objectives).values({ id, diagnosisId: d.id, code: body.code, title: body.title, description: body.description, createdAt: now }),
          ...insertStatements(db, indicators, rows),
          bump(d, now),
          auditInsert(db, { diagnosisId: d.id, userId: c.get('user').id, action: 'objective.create', target: body.code, details: { id, title: body.title, indicators: rows.map((r) => r.name) } }, now),
        ],
        body.code,
      );
      const [created] = await loadObjectives(deps, d.id, id);
      return c.json(created, 201);
    })
    .patch('/diagnoses/:slug/objectives/:id', admin, validate('param', objectivePathSchema), requireJson, limitBody(SMALL_BODY), validate('json', updateObjectiveSchema), async (c) => {
      const { slug, id } = c.req.valid('param');
      const d = await diagnosisBySlug(db, slug);
      const o = await objectiveOf(deps, d, id);
      const body = c.req.valid('json');
      const changes = changed(o as unknown as Record<string, unknown>, body);
      if (Object.keys(changes).length > 0) {
        if (body.code !== undefined && body.code !== o.code) await ensureCodeFree(deps, d, body.code, o.id);
        const now = deps.clock();
        await write(
          [
            db.update(objectives).set(body).where(eq(objectives.id, o.id)),
            bump(d, now),
            auditInsert(db, { diagnosisId: d.id, userId: c.get('user').id, action: 'objective.update', target: body.code ?? o.code, details: { id: o.id, changes } }, now),
          ],
          body.code,
        );
      }
      const [updated] = await loadObjectives(deps, d.id, o.id);
      return c.json(updated, 200);
    })
    .delete('/diagnoses/:slug/objectives/:id', admin, validate('param', objectivePathSchema), async (c) => {
      const { slug, id } = c.req.valid('param');
      const d = await diagnosisBySlug(db, slug);
      const o = await objectiveOf(deps, d, id);
      const inds = await db.select({ name: indicators.name }).from(indicators).where(eq(indicators.objectiveId, o.id));
      const now = deps.clock();
      await write([
        // Explicit rather than trusting ON DELETE CASCADE, which needs foreign keys switched on.
        db.delete(indicators).where(eq(indicators.objectiveId, o.id)),
        db.delete(objectives).where(eq(objectives.id, o.id)),
        bump(d, now),
        auditInsert(db, { diagnosisId: d.id, userId: c.get('user').id, action: 'objective.delete', target: o.code, details: { id: o.id, title: o.title, indicators: inds.map((i) => i.name) } }, now),
      ]);
      return c.body(null, 204);
    })
    .post('/diagnoses/:slug/objectives/:id/indicators', admin, validate('param', objectivePathSchema), requireJson, limitBody(SMALL_BODY), validate('json', createIndicatorSchema), async (c) => {
      const { slug, id } = c.req.valid('param');
      const d = await diagnosisBySlug(db, slug);
      const o = await objectiveOf(deps, d, id);
      const body = c.req.valid('json');
      const now = deps.clock();
      const m = nextMeasurement(null, body, now);
      if (m.errors.length) throw invalid(m.errors);
      const row = {
        id: crypto.randomUUID(),
        objectiveId: o.id,
        name: body.name,
        description: body.description,
        unit: body.unit,
        baseline: body.baseline,
        target: body.target,
        direction: body.direction ?? impliedDirection(body.baseline, body.target)!,
        measured: m.measured,
        measuredAt: m.measuredAt,
        createdAt: now,
      };
      await write([
        db.insert(indicators).values(row),
        bump(d, now),
        auditInsert(db, { diagnosisId: d.id, userId: c.get('user').id, action: 'indicator.create', target: `${o.code} · ${row.name}`, details: { id: row.id, baseline: row.baseline, target: row.target, unit: row.unit, direction: row.direction, measured: row.measured } }, now),
      ]);
      return c.json(toIndicator(row), 201);
    })
    .patch('/diagnoses/:slug/indicators/:id', admin, validate('param', indicatorPathSchema), requireJson, limitBody(SMALL_BODY), validate('json', updateIndicatorSchema), async (c) => {
      const { slug, id } = c.req.valid('param');
      const d = await diagnosisBySlug(db, slug);
      const body = c.req.valid('json');
      const now = deps.clock();
      const updated = await updateIndicator(d, id, c.get('user').id, 'indicator.update', (i) => {
        const { measured: _m, measuredAt: _at, ...fields } = body;
        const errors: FieldError[] = [];
        let direction: IndicatorRow['direction'] | undefined;
        // A new baseline or target re-derives the direction unless one is sent; an indicator stored
        // before directions were recorded keeps none until its figures are edited.
        if (fields.baseline !== undefined || fields.target !== undefined || fields.direction !== undefined) {
          const baseline = fields.baseline ?? i.baseline;
          const target = fields.target ?? i.target;
          direction = fields.direction ?? impliedDirection(baseline, target) ?? i.direction;
          errors.push(...directionErrors({ baseline, target, direction }));
        }
        const m = body.measured !== undefined || body.measuredAt !== undefined ? nextMeasurement(i, body, now) : null;
        errors.push(...(m?.errors ?? []));
        if (errors.length) throw invalid(errors);
        return { ...fields, ...(direction !== undefined ? { direction } : {}), ...(m ? { measured: m.measured, measuredAt: m.measuredAt } : {}) };
      });
      return c.json(updated, 200);
    })
    .put('/diagnoses/:slug/indicators/:id/measurement', readers, validate('param', indicatorPathSchema), requireJson, limitBody(SMALL_BODY), validate('json', measurementSchema), async (c) => {
      const { slug, id } = c.req.valid('param');
      const d = await diagnosisBySlug(db, slug);
      const body = c.req.valid('json');
      const now = deps.clock();
      const updated = await updateIndicator(d, id, c.get('user').id, 'indicator.measure', (i) => {
        // A PUT replaces the measurement: no date sent means today, not the previous date.
        const m = nextMeasurement(i, { measured: body.measured, measuredAt: body.measuredAt ?? null }, now);
        if (m.errors.length) throw invalid(m.errors);
        return { measured: m.measured, measuredAt: m.measuredAt };
      });
      return c.json(updated, 200);
    })
    .delete('/diagnoses/:slug/indicators/:id', admin, validate('param', indicatorPathSchema), async (c) => {
      const { slug, id } = c.req.valid('param');
      const d = await diagnosisBySlug(db, slug);
      const { i, o } = await indicatorOf(deps, d, id);
      const now = deps.clock();
      await write([
        db.delete(indicators).where(eq(indicators.id, i.id)),
        bump(d, now),
        auditInsert(db, { diagnosisId: d.id, userId: c.get('user').id, action: 'indicator.delete', target: `${o.code} · ${i.name}`, details: { id: i.id, baseline: i.baseline, target: i.target, measured: i.measured } }, now),
      ]);
      return c.body(null, 204);
    });
}
