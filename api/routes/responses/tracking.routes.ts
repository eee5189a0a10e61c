// Response tracking for analysts: where each institution of a diagnosis stands on the
// questionnaire (not invited, invited, opened, draft, submitted) with dates, and totals by
// institution kind and by area. Admins and analysts.
import { count, desc, eq } from 'drizzle-orm';
import { Hono } from 'hono';
import { z } from 'zod';
import { type AuthEnv, requireUser } from '../../auth/session';
import { institutionKindIds, institutionKinds } from '../../../surveys/taxonomy';
import { areas, diagnosisStatuses, institutions, invitations, responseRevisions, responses, responseStatuses } from '../../db/schema';
import type { AppDeps } from '../../deps';
import { validate } from '../../lib/json-body';
import type { RouteDoc } from '../../lib/openapi';
import { slugParam } from '../diagnoses/public.routes';
import { diagnosisBySlug } from '../diagnoses/territory';
import { invitationStates, progressStages } from '../invitations/invitations.schemas';
import { invitationState, progressOf } from '../invitations/status';

export const trackingStages = ['not-invited', ...progressStages] as const;
type Stage = (typeof trackingStages)[number];

const stageCounts = z.object({
  institutions: z.number().int(),
  'not-invited': z.number().int(),
  invited: z.number().int().describe('Invited, link not opened yet'),
  opened: z.number().int().describe('Opened, nothing saved yet'),
  draft: z.number().int(),
  submitted: z.number().int(),
});

export const trackingSchema = z.object({
  diagnosis: z.object({ slug: z.string(), title: z.string(), status: z.enum(diagnosisStatuses) }),
  institutions: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      kind: z.enum(institutionKindIds),
      area: z.object({ id: z.string(), name: z.string() }).nullable(),
      stage: z.enum(trackingStages).describe('Each institution is in exactly one stage'),
      amending: z.boolean().describe('Submitted, and an amendment is being drafted'),
      invitation: z.object({ state: z.enum(invitationStates), createdAt: z.string(), expiresAt: z.string() }).nullable().describe('The newest invitation'),
      invitedAt: z.string().nullable().describe('First invitation'),
      openedAt: z.string().nullable().describe('First time any of its links was opened'),
      savedAt: z.string().nullable(),
      submittedAt: z.string().nullable().describe('Last submission'),
      status: z.enum(responseStatuses).nullable(),
      revisions: z.number().int(),
    }),
  ),
  totals: z.object({
    all: stageCounts,
    byKind: z.array(stageCounts.extend({ kind: z.enum(institutionKindIds), label: z.object({ it: z.string(), en: z.string() }) })),
    byArea: z.array(stageCounts.extend({ areaId: z.string().nullable(), name: z.string().nullable().describe('null: institutions not tied to one area') })),
  }),
});

export const trackingDocs: RouteDoc[] = [
  { method: 'get', path: '/api/diagnoses/{slug}/responses', summary: 'Questionnaire progress of every institution, with totals by kind and area', tags: ['invitations'], security: 'session', params: slugParam, responses: { 200: { description: 'Tracking', schema: trackingSchema } } },
];

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);
const emptyCounts = (): z.infer<typeof stageCounts> => ({ institutions: 0, 'not-invited': 0, invited: 0, opened: 0, draft: 0, submitted: 0 });

export function trackingRoutes(deps: AppDeps) {
  const analysts = requireUser(deps, 'admin', 'analyst');
  return new Hono<AuthEnv>().get('/diagnoses/:slug/responses', analysts, validate('param', slugParam), async (c) => {
    const d = await diagnosisBySlug(deps.db, c.req.valid('param').slug);
    const now = deps.clock();
    const [instRows, areaRows, invRows, respRows, revCounts] = await Promise.all([
      deps.db.select().from(institutions).where(eq(institutions.diagnosisId, d.id)).orderBy(institutions.name),
      deps.db.select({ id: areas.id, name: areas.name }).from(areas).where(eq(areas.diagnosisId, d.id)).orderBy(areas.name),
      deps.db.select().from(invitations).where(eq(invitations.diagnosisId, d.id)).orderBy(desc(invitations.createdAt)),
      deps.db.select().from(responses).where(eq(responses.diagnosisId, d.id)),
      deps.db
        .select({ responseId: responseRevisions.responseId, n: count() })
        .from(responseRevisions)
        .innerJoin(responses, eq(responses.id, responseRevisions.responseId))
        .where(eq(responses.diagnosisId, d.id))
        .groupBy(responseRevisions.responseId),
    ]);
    const areaName = new Map(areaRows.map((a) => [a.id, a.name]));
    const invitationsOf = new Map<string, typeof invRows>();
    for (const inv of invRows) invitationsOf.set(inv.institutionId, [...(invitationsOf.get(inv.institutionId) ?? []), inv]);
    const responseOf = new Map(respRows.map((r) => [r.institutionId, r]));
    const revisionsOf = new Map(revCounts.map((r) => [r.responseId, r.n]));

    const items = instRows.map((inst) => {
      const invs = invitationsOf.get(inst.id) ?? [];
      const newest = invs[0];
      const opened = invs.map((i) => i.firstOpenedAt).filter((x): x is Date => x !== null).sort((a, b) => a.getTime() - b.getTime())[0] ?? null;
      const r = responseOf.get(inst.id) ?? null;
      const stage: Stage = !newest && !r ? 'not-invited' : progressOf(opened, r);
      return {
        id: inst.id,
        name: inst.name,
        kind: inst.kind,
        area: inst.areaId ? { id: inst.areaId, name: areaName.get(inst.areaId) ?? '' } : null,
        stage,
        amending: r?.status === 'draft' && r.submittedAt !== null,
        invitation: newest ? { state: invitationState(newest, now), createdAt: newest.createdAt.toISOString(), expiresAt: newest.expiresAt.toISOString() } : null,
        invitedAt: iso(invs[invs.length - 1]?.createdAt),
        openedAt: iso(opened),
        savedAt: iso(r?.updatedAt),
        submittedAt: iso(r?.submittedAt),
        status: r?.status ?? null,
        revisions: r ? (revisionsOf.get(r.id) ?? 0) : 0,
      };
    });

    const all = emptyCounts();
    const byKind = new Map(institutionKinds.map((k) => [k.id, { kind: k.id, label: k.label, ...emptyCounts() }]));
    const byArea = new Map<string | null, z.infer<typeof stageCounts> & { areaId: string | null; name: string | null }>(
      [...areaRows.map((a) => [a.id, { areaId: a.id, name: a.name, ...emptyCounts() }] as const), [null, { areaId: null, name: null, ...emptyCounts() }]],
    );
    for (const item of items) {
      for (const bucket of [all, byKind.get(item.kind)!, byArea.get(item.area?.id ?? null)!]) {
        bucket.institutions++;
        bucket[item.stage]++;
      }
    }
    c.header('cache-control', 'no-store');
    return c.json(
      {
        diagnosis: { slug: d.slug, title: d.title, status: d.status },
        institutions: items,
        totals: { all, byKind: [...byKind.values()].filter((k) => k.institutions > 0), byArea: [...byArea.values()].filter((a) => a.areaId !== null || a.institutions > 0) },
      },
      200,
    );
  });
}
