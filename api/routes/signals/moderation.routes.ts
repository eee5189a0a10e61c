// Moderation of residents' reports. Two separate decisions:
// - a report's free text: approve it (it may be shown publicly) or hide it with a reason. Hiding
//   hides the text only: the report still counts in every analysis and public figure.
// - the whole report: exclude it as abuse or spam (with or without text), which takes it out of
//   every analysis and public output, or restore it. This reaches reports without text too: the
//   list reaches every resident report: `reports` (newest first, optionally one zone's) to find
//   a flood of reports without text, `excluded` to review and restore what was excluded.
// Each action records who, when and why on the signal and leaves a row in the audit log.
import { and, asc, count, desc, eq, gt, isNotNull, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import { Hono } from 'hono';
import type { z } from 'zod';
import { type AuthEnv, requireUser } from '../../auth/session';
import { diagnoses, publicSummaries, signals, users, zones } from '../../db/schema';
import type { AppDeps } from '../../deps';
import { auditInsert } from '../../lib/audit';
import { limitBody, requireJson, validate } from '../../lib/json-body';
import type { RouteDoc } from '../../lib/openapi';
import { Problem } from '../../lib/problem';
import { slugParam } from '../diagnoses/public.routes';
import { diagnosisBySlug } from '../diagnoses/territory';
import {
  EXCLUDE_BODY_MAX_BYTES,
  excludeInputSchema,
  hideInputSchema,
  moderationItemSchema,
  moderationListQuerySchema,
  moderationListSchema,
  restoreInputSchema,
  signalPathSchema,
} from './signals.schemas';

const MODERATORS = ['admin', 'analyst', 'moderator'] as const;

export const moderationDocs: RouteDoc[] = [
  {
    method: 'get',
    path: '/api/diagnoses/{slug}/moderation/signals',
    summary: 'Residents’ texts waiting for (or after) moderation, or the reports excluded as abuse or spam; oldest first, paged by cursor',
    description:
      'The text states (pending, approved, hidden) list reports with text that are not excluded, oldest first; `reports` lists every resident report that counts, with or without text, newest first (to find abuse without text); `excluded` lists every excluded report. `zoneId` narrows any of them to one zone.',
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
    summary: 'Hide a text, saying why; the report still counts in every analysis and public figure',
    tags: ['moderation'],
    security: 'session',
    params: signalPathSchema,
    body: hideInputSchema,
    responses: { 200: { description: 'Hidden', schema: moderationItemSchema }, 404: { description: 'No text to moderate with this id' } },
  },
  {
    method: 'post',
    path: '/api/diagnoses/{slug}/moderation/signals/{id}/exclude',
    summary: 'Exclude a resident report as abuse or spam: it leaves every analysis and public output',
    description:
      'Works on any resident report, with or without text. Recorded on the report (who, when, reason, note) and in the audit log; the public summary is recomputed, still from the reports made before its current window. Reversible with restore.',
    tags: ['moderation'],
    security: 'session',
    params: signalPathSchema,
    body: excludeInputSchema,
    responses: {
      200: { description: 'Excluded', schema: moderationItemSchema },
      404: { description: 'No resident report with this id' },
      413: { description: 'Body too large' },
      415: { description: 'Not JSON' },
      422: { description: 'Invalid body' },
    },
  },
  {
    method: 'post',
    path: '/api/diagnoses/{slug}/moderation/signals/{id}/restore',
    summary: 'Restore an excluded report, saying why: it counts again',
    tags: ['moderation'],
    security: 'session',
    params: signalPathSchema,
    body: restoreInputSchema,
    responses: {
      200: { description: 'Restored', schema: moderationItemSchema },
      404: { description: 'No resident report with this id' },
      409: { description: 'The report is not excluded' },
      413: { description: 'Body too large' },
      415: { description: 'Not JSON' },
      422: { description: 'Invalid body' },
    },
  },
];

type Item = z.infer<typeof moderationItemSchema>;

/** The account that made the last exclusion decision (a second join of users). */
const excluder = alias(users, 'excluder');

const itemColumns = {
  id: signals.id,
  text: signals.text,
  categories: signals.categories,
  intensity: signals.intensity,
  zoneId: signals.zoneId,
  zoneName: zones.name,
  createdAt: signals.createdAt,
  occurredAt: signals.occurredAt,
  moderation: signals.moderation,
  moderatedBy: users.email,
  moderatedAt: signals.moderatedAt,
  moderationReason: signals.moderationReason,
  exclusion: signals.exclusion,
  exclusionBy: excluder.email,
  exclusionAt: signals.exclusionAt,
  exclusionNote: signals.exclusionNote,
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
    exclusion: (r.exclusion as Item['exclusion']) ?? null,
    exclusionBy: (r.exclusionBy as string | null) ?? null,
    exclusionAt: r.exclusionAt ? (r.exclusionAt as Date).toISOString() : null,
    exclusionNote: (r.exclusionNote as string | null) ?? null,
  };
}

function selectItems(deps: AppDeps) {
  return deps.db
    .select(itemColumns)
    .from(signals)
    .leftJoin(zones, eq(zones.id, signals.zoneId))
    .leftJoin(users, eq(users.id, signals.moderatedBy))
    .leftJoin(excluder, eq(excluder.id, signals.exclusionBy));
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

  /**
   * Exclude (reason given) or restore (reason null) a resident report. The analyses reload (data
   * version), and the public summary's snapshot is dropped so the next answer recomputes it from
   * the reports made before its window, without (or again with) this one.
   */
  async function setExclusion(diagnosisSlug: string, id: string, userId: string, reason: 'abuse' | 'spam' | null, note: string | null): Promise<Item> {
    const d = await diagnosisBySlug(db, diagnosisSlug);
    const [current] = await db
      .select({ exclusion: signals.exclusion, exclusionNote: signals.exclusionNote })
      .from(signals)
      .where(and(eq(signals.id, id), eq(signals.diagnosisId, d.id), eq(signals.source, 'resident')))
      .limit(1);
    if (!current) throw new Problem(404, 'No resident report with this id in this diagnosis.');
    if (reason === null && current.exclusion === null) throw new Problem(409, 'This report is not excluded: there is nothing to restore.');
    // A retried exclusion (same reason, same note) is recorded once: nothing is written again.
    if (reason !== null && current.exclusion === reason && current.exclusionNote === note) {
      const [row] = await selectItems(deps).where(eq(signals.id, id));
      return toItem(row);
    }
    const now = deps.clock();
    const details = reason ? { reason, from: current.exclusion, ...(note ? { note } : {}) } : { from: current.exclusion, note };
    await db.batch([
      db.update(signals).set({ exclusion: reason, exclusionBy: userId, exclusionAt: now, exclusionNote: note }).where(eq(signals.id, id)),
      auditInsert(db, { diagnosisId: d.id, userId, action: reason ? 'signal.exclude' : 'signal.restore', target: id, details }, now),
      db
        .update(diagnoses)
        .set({ dataVersion: sql`${diagnoses.dataVersion} + 1` })
        .where(eq(diagnoses.id, d.id)),
      db.delete(publicSummaries).where(eq(publicSummaries.diagnosisId, d.id)),
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
        const { state = 'pending', limit = 20, cursor, zoneId } = c.req.valid('query');
        const d = await diagnosisBySlug(db, c.req.valid('param').slug);
        // A text state lists the reports that still count; `excluded` every excluded report, text or
        // not; `reports` every resident report that counts, text or not, newest first (where a flood
        // of reports without text is found).
        const ofDiagnosis = and(eq(signals.diagnosisId, d.id), eq(signals.source, 'resident'), zoneId ? eq(signals.zoneId, zoneId) : undefined);
        const inState: SQL | undefined =
          state === 'excluded'
            ? and(ofDiagnosis, isNotNull(signals.exclusion))
            : state === 'reports'
              ? and(ofDiagnosis, isNull(signals.exclusion))
              : and(ofDiagnosis, eq(signals.moderation, state), isNull(signals.exclusion));
        const newestFirst = state === 'reports';
        // Keyset paging on (time, id): stable while items leave the list as they are moderated. The
        // reports list walks the (diagnosis, occurred_at) index newest first (a resident report's
        // occurredAt is its createdAt), so a page costs a few rows, not a sort of the diagnosis.
        const time = newestFirst ? signals.occurredAt : signals.createdAt;
        let after = undefined;
        if (cursor) {
          const [ms, id] = [Number(cursor.slice(0, cursor.indexOf('_'))), cursor.slice(cursor.indexOf('_') + 1)];
          const at = new Date(ms);
          const beyond = newestFirst ? lt : gt;
          after = or(beyond(time, at), and(eq(time, at), beyond(signals.id, id)));
        }
        const by = newestFirst ? desc : asc;
        const [rows, [{ n }]] = await Promise.all([
          selectItems(deps)
            .where(and(inState, after))
            .orderBy(by(time), by(signals.id))
            .limit(limit + 1),
          db.select({ n: count() }).from(signals).where(and(eq(signals.diagnosisId, d.id), eq(signals.moderation, 'pending'), isNull(signals.exclusion))),
        ]);
        const page = rows.slice(0, limit);
        const last = page[page.length - 1];
        c.header('cache-control', 'no-store');
        return c.json(
          {
            items: page.map(toItem),
            nextCursor: rows.length > limit && last ? `${((newestFirst ? last.occurredAt : last.createdAt) as Date).getTime()}_${last.id}` : null,
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
    )
    .post(
      '/diagnoses/:slug/moderation/signals/:id/exclude',
      requireUser(deps, ...MODERATORS),
      requireJson,
      limitBody(EXCLUDE_BODY_MAX_BYTES),
      validate('param', signalPathSchema),
      validate('json', excludeInputSchema),
      async (c) => {
        const { slug, id } = c.req.valid('param');
        const { reason, note } = c.req.valid('json');
        return c.json(await setExclusion(slug, id, c.get('user').id, reason, note ?? null), 200);
      },
    )
    .post(
      '/diagnoses/:slug/moderation/signals/:id/restore',
      requireUser(deps, ...MODERATORS),
      requireJson,
      limitBody(EXCLUDE_BODY_MAX_BYTES),
      validate('param', signalPathSchema),
      validate('json', restoreInputSchema),
      async (c) => {
        const { slug, id } = c.req.valid('param');
        return c.json(await setExclusion(slug, id, c.get('user').id, null, c.req.valid('json').note), 200);
      },
    );
}
