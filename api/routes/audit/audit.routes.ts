// Reading the audit log, newest first, paged by keyset: the whole log for admins (accounts
// included), one diagnosis's entries for its admins and analysts.
import { and, desc, eq, like, lt, or, type SQL } from 'drizzle-orm';
import { Hono } from 'hono';
import type { z } from 'zod';
import { type AuthEnv, requireUser } from '../../auth/session';
import { auditLog, diagnoses, institutions, users } from '../../db/schema';
import type { AppDeps } from '../../deps';
import { validate } from '../../lib/json-body';
import type { RouteDoc } from '../../lib/openapi';
import { slugParam } from '../diagnoses/public.routes';
import { diagnosisBySlug } from '../diagnoses/territory';
import { auditListSchema, auditQuerySchema, diagnosisAuditQuerySchema } from './audit.schemas';

export const auditDocs: RouteDoc[] = [
  {
    method: 'get',
    path: '/api/audit',
    summary: 'The whole audit log, newest first (admin)',
    description: 'Set-up, objectives, invitations, imports, moderation and account changes: who, when, what, to which target.',
    tags: ['audit'],
    security: 'session',
    query: auditQuerySchema,
    responses: { 200: { description: 'A page of entries', schema: auditListSchema }, 404: { description: 'No diagnosis with this slug' } },
  },
  {
    method: 'get',
    path: '/api/diagnoses/{slug}/audit',
    summary: 'The audit log of one diagnosis, newest first',
    tags: ['audit'],
    security: 'session',
    params: slugParam,
    query: diagnosisAuditQuerySchema,
    responses: { 200: { description: 'A page of entries', schema: auditListSchema } },
  },
];

type Query = z.infer<typeof auditQuerySchema>;
type List = z.infer<typeof auditListSchema>;

async function list(deps: AppDeps, scope: SQL | undefined, q: Query): Promise<List> {
  const { db } = deps;
  const limit = q.limit ?? 50;
  // "signal" matches every signal.* action; the regex of the query leaves no LIKE wildcard.
  const byAction = q.action ? or(eq(auditLog.action, q.action), like(auditLog.action, `${q.action}.%`)) : undefined;
  let after: SQL | undefined;
  if (q.cursor) {
    const cut = q.cursor.indexOf('_');
    const at = new Date(Number(q.cursor.slice(0, cut)));
    const id = q.cursor.slice(cut + 1);
    after = or(lt(auditLog.createdAt, at), and(eq(auditLog.createdAt, at), lt(auditLog.id, id)));
  }
  const [rows, actions] = await Promise.all([
    db
      .select({
        id: auditLog.id,
        createdAt: auditLog.createdAt,
        action: auditLog.action,
        target: auditLog.target,
        institutionName: institutions.name,
        details: auditLog.details,
        diagnosisSlug: diagnoses.slug,
        diagnosisTitle: diagnoses.title,
        userId: users.id,
        userEmail: users.email,
        userName: users.name,
      })
      .from(auditLog)
      .leftJoin(diagnoses, eq(diagnoses.id, auditLog.diagnosisId))
      .leftJoin(users, eq(users.id, auditLog.userId))
      // Invitation entries name their institution by id; the listing adds its name.
      .leftJoin(institutions, eq(institutions.id, auditLog.target))
      .where(and(scope, byAction, after))
      .orderBy(desc(auditLog.createdAt), desc(auditLog.id))
      .limit(limit + 1),
    db.selectDistinct({ action: auditLog.action }).from(auditLog).where(scope).orderBy(auditLog.action),
  ]);
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    items: page.map((r) => ({
      id: r.id,
      at: r.createdAt.toISOString(),
      action: r.action,
      diagnosis: r.diagnosisSlug ? { slug: r.diagnosisSlug, title: r.diagnosisTitle ?? '' } : null,
      user: r.userId ? { id: r.userId, email: r.userEmail ?? '', name: r.userName ?? '' } : null,
      target: r.target,
      targetName: r.institutionName ?? null,
      details: r.details ?? null,
    })),
    nextCursor: rows.length > limit && last ? `${last.createdAt.getTime()}_${last.id}` : null,
    actions: actions.map((a) => a.action),
  };
}

export function auditRoutes(deps: AppDeps) {
  return new Hono<AuthEnv>()
    .get('/audit', requireUser(deps, 'admin'), validate('query', auditQuerySchema), async (c) => {
      const q = c.req.valid('query');
      const scope = q.diagnosis ? eq(auditLog.diagnosisId, (await diagnosisBySlug(deps.db, q.diagnosis)).id) : undefined;
      c.header('cache-control', 'no-store');
      return c.json(await list(deps, scope, q), 200);
    })
    .get('/diagnoses/:slug/audit', requireUser(deps, 'admin', 'analyst'), validate('param', slugParam), validate('query', diagnosisAuditQuerySchema), async (c) => {
      const d = await diagnosisBySlug(deps.db, c.req.valid('param').slug);
      c.header('cache-control', 'no-store');
      return c.json(await list(deps, eq(auditLog.diagnosisId, d.id), c.req.valid('query')), 200);
    });
}
