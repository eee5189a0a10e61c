// Moderation of residents' free text: list what waits, approve it, or hide it with a reason.
// Each action records who and when on the signal and leaves a row in the audit log.
import { and, asc, count, eq, gt, or, sql } from 'drizzle-orm';
import { Hono } from 'hono';
import type { z } from 'zod';
import { type AuthEnv, requireUser } from '../../auth/session';
import { diagnoses, signals, users, zones } from '../../db/schema';
import type { AppDeps } from '../../deps';
import { auditInsert } from '../../lib/audit';
import { limitBody, requireJson, validate } from '../../lib/json-body';
import type { RouteDoc } from '../../lib/openapi';
import { Problem } from '../../lib/problem';
import { slugParam } from '../diagnoses/public.routes';
import { diagnosisBySlug } from '../diagnoses/territory';
import { hideInputSchema, moderationItemSchema, moderationListQuerySchema, moderationListSchema, signalPathSchema } from './signals.schemas';

const MODERATORS = ['admin', 'analyst', 'moderator'] as const;

export const moderationDocs: RouteDoc[] = [
  {
    method: 'get',
    path: '/api/diagnoses/{slug}/moderation/signals',
    summary: 'Residents’ texts waiting for (or after) moderation, oldest first, paged by cursor',
    tags: ['moderation'],
    security: 'session',
    params: slugParam,
    query: moderationListQuerySchema,
    responses: { 200: { description: 'A page', schema: moderationListSchema } },
  },
  {
    method: 'post',
    path: '/api/diagnoses/{slug}/moderation/signals/{id}/approve',
    summary: 'Approve a text: it may appear in the public summary',
    tags: ['moderation'],
    security: 'session',
    params: signalPathSchema,
    responses: { 200: { description: 'Approved', schema: moderationItemSchema }, 404: { description: 'No text to moderate with this id' } },
  },
  {
    method: 'post',
    path: '/api/diagnoses/{slug}/moderation/signals/{id}/hide',
    summary: 'Hide a text, saying why; the report still counts in aggregates',
    tags: ['moderation'],
    security: 'session',
    params: signalPathSchema,
    body: hideInputSchema,
    responses: { 200: { description: 'Hidden', schema: moderationItemSchema }, 404: { description: 'No text to moderate with this id' } },
  },
];

type Item = z.infer<typeof moderationItemSchema>;

const itemColumns = {
  id: signals.id,
  text: signals.text,
  categories: signals.categories,
  intensity: signals.intensity,
  zoneId: signals.zoneId,
  zoneName: zones.name,
  createdAt: signals.createdAt,
  moderation: signals.moderation,
  moderatedBy: users.email,
  moderatedAt: signals.moderatedAt,
  moderationReason: signals.moderationReason,
};

function toItem(r: { [K in keyof typeof itemColumns]: unknown }): Item {
  return {
    id: r.id as string,
    text: (r.text as string | null) ?? '',
    categories: r.categories as string[],
    intensity: (r.intensity as number | null) ?? null,
    zoneId: (r.zoneId as string | null) ?? null,
    zoneName: (r.zoneName as string | null) ?? null,
    createdAt: (r.createdAt as Date).toISOString(),
    moderation: r.moderation as Item['moderation'],
    moderatedBy: (r.moderatedBy as string | null) ?? null,
    moderatedAt: r.moderatedAt ? (r.moderatedAt as Date).toISOString() : null,
    moderationReason: (r.moderationReason as string | null) ?? null,
  };
}

function selectItems(deps: AppDeps) {
  return deps.db
    .select(itemColumns)
    .from(signals)
    .leftJoin(zones, eq(zones.id, signals.zoneId))
    .leftJoin(users, eq(users.id, signals.moderatedBy));
}

export function moderationRoutes(deps: AppDeps) {
  const { db } = deps;

  async function act(diagnosisSlug: string, id: string, userId: string, action: 'approved' | 'hidden', reason: string | null): Promise<Item> {
    const d = await diagnosisBySlug(db, diagnosisSlug);
    const [current] = await db
      .select({ moderation: signals.moderation })
      .from(signals)
      .where(and(eq(signals.id, id), eq(signals.diagnosisId, d.id)))
      .limit(1);
    // Only signals with free text are moderated ('none' means there is nothing to publish).
    if (!current || current.moderation === 'none') throw new Problem(404, 'No text to moderate with this id in this diagnosis.');
    const now = deps.clock();
    await db.batch([
      db
        .update(signals)
        .set({ moderation: action, moderatedBy: userId, moderatedAt: now, moderationReason: reason })
        .where(eq(signals.id, id)),
      auditInsert(db, { diagnosisId: d.id, userId, action: action === 'approved' ? 'signal.approve' : 'signal.hide', target: id, details: { from: current.moderation, ...(reason ? { reason } : {}) } }, now),
      // The public summary and cached analyses change with what is published.
      db
        .update(diagnoses)
        .set({ dataVersion: sql`${diagnoses.dataVersion} + 1` })
        .where(eq(diagnoses.id, d.id)),
    ]);
    const [row] = await selectItems(deps).where(eq(signals.id, id));
    return toItem(row);
  }

  return new Hono<AuthEnv>()
    .get(
      '/diagnoses/:slug/moderation/signals',
      requireUser(deps, ...MODERATORS),
      validate('param', slugParam),
      validate('query', moderationListQuerySchema),
      async (c) => {
        const { state = 'pending', limit = 20, cursor } = c.req.valid('query');
        const d = await diagnosisBySlug(db, c.req.valid('param').slug);
        const inState = and(eq(signals.diagnosisId, d.id), eq(signals.moderation, state));
        // Keyset paging on (createdAt, id): stable while items leave the list as they are moderated.
        let after = undefined;
        if (cursor) {
          const [ms, id] = [Number(cursor.slice(0, cursor.indexOf('_'))), cursor.slice(cursor.indexOf('_') + 1)];
          const at = new Date(ms);
          after = or(gt(signals.createdAt, at), and(eq(signals.createdAt, at), gt(signals.id, id)));
        }
        const [rows, [{ n }]] = await Promise.all([
          selectItems(deps)
            .where(and(inState, after))
            .orderBy(asc(signals.createdAt), asc(signals.id))
            .limit(limit + 1),
          db.select({ n: count() }).from(signals).where(and(eq(signals.diagnosisId, d.id), eq(signals.moderation, 'pending'))),
        ]);
        const page = rows.slice(0, limit);
        const last = page[page.length - 1];
        c.header('cache-control', 'no-store');
        return c.json(
          {
            items: page.map(toItem),
            nextCursor: rows.length > limit && last ? `${(last.createdAt as Date).getTime()}_${last.id}` : null,
            pendingTotal: n,
          },
          200,
        );
      },
    )
    .post('/diagnoses/:slug/moderation/signals/:id/approve', requireUser(deps, ...MODERATORS), validate('param', signalPathSchema), async (c) => {
      const { slug, id } = c.req.valid('param');
      return c.json(await act(slug, id, c.get('user').id, 'approved', null), 200);
    })
    .post(
      '/diagnoses/:slug/moderation/signals/:id/hide',
      requireUser(deps, ...MODERATORS),
      requireJson,
      limitBody(4096),
      validate('param', signalPathSchema),
      validate('json', hideInputSchema),
      async (c) => {
        const { slug, id } = c.req.valid('param');
        return c.json(await act(slug, id, c.get('user').id, 'hidden', c.req.valid('json').reason), 200);
      },
    );
}
