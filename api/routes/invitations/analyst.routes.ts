// Analysts invite institutions: issue one link or one for every institution still without an
// active link, list the links with their state and progress, revoke, re-issue. Admins and analysts.
import { and, eq } from 'drizzle-orm';
import { Hono } from 'hono';
import { type AuthEnv, requireUser } from '../../auth/session';
import { runAtomically } from '../../db/client';
import { institutions, invitations } from '../../db/schema';
import type { AppDeps } from '../../deps';
import { limitBody, requireJson, validate } from '../../lib/json-body';
import type { RouteDoc } from '../../lib/openapi';
import { Problem } from '../../lib/problem';
import { slugParam } from '../diagnoses/public.routes';
import { type Diagnosis, diagnosisBySlug } from '../diagnoses/territory';
import {
  bulkInvitationSchema,
  bulkIssuedSchema,
  createInvitationSchema,
  invitationIdParam,
  invitationListSchema,
  invitationSchema,
  issuedInvitationSchema,
  reissueInvitationSchema,
  reissuedSchema,
} from './invitations.schemas';
import { type Actor, DEFAULT_INVITATION_DAYS, type Issued, activeInvitationsOf, insertIssued, institutionsWithActiveInvitation, invitationPath, newInvitation, revokeStatements } from './issue';
import { listInvitations } from './status';

const tags = ['invitations'];
export const invitationAnalystDocs: RouteDoc[] = [
  { method: 'get', path: '/api/diagnoses/{slug}/invitations', summary: 'Invitations of a diagnosis with their state and progress', tags, security: 'session', params: slugParam, responses: { 200: { description: 'Invitations', schema: invitationListSchema } } },
  { method: 'post', path: '/api/diagnoses/{slug}/invitations', summary: 'Invite one institution (the link is shown once)', tags, security: 'session', params: slugParam, body: createInvitationSchema, responses: { 201: { description: 'Issued', schema: issuedInvitationSchema }, 409: { description: 'Already invited, or the diagnosis is closed' } } },
  { method: 'post', path: '/api/diagnoses/{slug}/invitations/bulk', summary: 'Invite every institution without an active link', tags, security: 'session', params: slugParam, body: bulkInvitationSchema, responses: { 201: { description: 'Issued', schema: bulkIssuedSchema }, 409: { description: 'The diagnosis is closed' } } },
  { method: 'post', path: '/api/diagnoses/{slug}/invitations/{id}/revoke', summary: 'Revoke a link (it stops opening at once)', tags, security: 'session', params: invitationIdParam, responses: { 200: { description: 'Revoked', schema: invitationSchema } } },
  { method: 'post', path: '/api/diagnoses/{slug}/invitations/{id}/reissue', summary: 'Revoke a link and issue a new one for the same institution (shown once)', tags, security: 'session', params: invitationIdParam, body: reissueInvitationSchema, responses: { 201: { description: 'Issued', schema: reissuedSchema }, 409: { description: 'The diagnosis is closed' } } },
];

function ensureOpen(d: Diagnosis) {
  if (d.status === 'closed') throw new Problem(409, `The diagnosis "${d.slug}" is closed: it takes no new invitations.`);
}

export function invitationAnalystRoutes(deps: AppDeps) {
  const analysts = requireUser(deps, 'admin', 'analyst');
  const actorOf = (c: { get(k: 'user'): { id: string } }): Actor => ({ userId: c.get('user').id });

  async function describeIssued(d: Diagnosis, issued: Issued) {
    const [invitation] = await listInvitations(deps.db, d.id, deps.clock(), issued.invitation.id);
    const path = invitationPath(issued.token);
    return { invitation, token: issued.token, path, link: `${deps.config.publicUrl}${path}` };
  }

  async function invitationOf(d: Diagnosis, id: string) {
    const [inv] = await deps.db.select().from(invitations).where(and(eq(invitations.diagnosisId, d.id), eq(invitations.id, id))).limit(1);
    if (!inv) throw new Problem(404, `No invitation ${id} in the diagnosis "${d.slug}".`);
    return inv;
  }

  return new Hono<AuthEnv>()
    .get('/diagnoses/:slug/invitations', analysts, validate('param', slugParam), async (c) => {
      const d = await diagnosisBySlug(deps.db, c.req.valid('param').slug);
      c.header('cache-control', 'no-store');
      return c.json({ items: await listInvitations(deps.db, d.id, deps.clock()) }, 200);
    })
    .post('/diagnoses/:slug/invitations', analysts, validate('param', slugParam), requireJson, limitBody(4096), validate('json', createInvitationSchema), async (c) => {
      const d = await diagnosisBySlug(deps.db, c.req.valid('param').slug);
      ensureOpen(d);
      const body = c.req.valid('json');
      const [inst] = await deps.db.select({ id: institutions.id }).from(institutions).where(and(eq(institutions.diagnosisId, d.id), eq(institutions.id, body.institutionId))).limit(1);
      if (!inst) throw new Problem(422, 'No such institution in this diagnosis.', { errors: [{ field: 'institutionId', message: 'Not an institution of this diagnosis.' }] });
      const now = deps.clock();
      if ((await institutionsWithActiveInvitation(deps.db, d.id, now)).has(inst.id)) {
        throw new Problem(409, 'This institution already has an active invitation: re-issue it to get a new link.');
      }
      const issued = await newInvitation(d.id, inst.id, body.days ?? DEFAULT_INVITATION_DAYS, now);
      await runAtomically(deps.db, insertIssued(deps.db, issued, actorOf(c), now));
      c.header('cache-control', 'no-store');
      return c.json(await describeIssued(d, issued), 201);
    })
    .post('/diagnoses/:slug/invitations/bulk', analysts, validate('param', slugParam), requireJson, limitBody(4096), validate('json', bulkInvitationSchema), async (c) => {
      const d = await diagnosisBySlug(deps.db, c.req.valid('param').slug);
      ensureOpen(d);
      const now = deps.clock();
      const days = c.req.valid('json').days ?? DEFAULT_INVITATION_DAYS;
      const [all, covered] = await Promise.all([
        deps.db.select({ id: institutions.id }).from(institutions).where(eq(institutions.diagnosisId, d.id)).orderBy(institutions.name),
        institutionsWithActiveInvitation(deps.db, d.id, now),
      ]);
      const issued = await Promise.all(all.filter((i) => !covered.has(i.id)).map((i) => newInvitation(d.id, i.id, days, now)));
      await runAtomically(deps.db, issued.flatMap((x) => insertIssued(deps.db, x, actorOf(c), now)));
      const listed = new Map((await listInvitations(deps.db, d.id, now)).map((i) => [i.id, i]));
      c.header('cache-control', 'no-store');
      return c.json(
        {
          created: issued.map((x) => ({ invitation: listed.get(x.invitation.id)!, token: x.token, path: invitationPath(x.token), link: `${deps.config.publicUrl}${invitationPath(x.token)}` })),
          skipped: all.length - issued.length,
        },
        201,
      );
    })
    .post('/diagnoses/:slug/invitations/:id/revoke', analysts, validate('param', invitationIdParam), async (c) => {
      const { slug, id } = c.req.valid('param');
      const d = await diagnosisBySlug(deps.db, slug);
      const inv = await invitationOf(d, id);
      const now = deps.clock();
      // Revoking twice changes nothing and writes no second audit row.
      if (!inv.revokedAt) await runAtomically(deps.db, revokeStatements(deps.db, inv, actorOf(c), now));
      const [described] = await listInvitations(deps.db, d.id, now, inv.id);
      return c.json(described, 200);
    })
    .post('/diagnoses/:slug/invitations/:id/reissue', analysts, validate('param', invitationIdParam), requireJson, limitBody(4096), validate('json', reissueInvitationSchema), async (c) => {
      const { slug, id } = c.req.valid('param');
      const d = await diagnosisBySlug(deps.db, slug);
      ensureOpen(d);
      const old = await invitationOf(d, id);
      const now = deps.clock();
      const issued = await newInvitation(d.id, old.institutionId, c.req.valid('json').days ?? DEFAULT_INVITATION_DAYS, now);
      // The new link replaces every link of the institution that still opens, not only this one.
      const replaced = [old, ...(await activeInvitationsOf(deps.db, d.id, old.institutionId, now)).filter((i) => i.id !== old.id)].filter((i) => !i.revokedAt);
      await runAtomically(deps.db, [
        ...replaced.flatMap((inv) => revokeStatements(deps.db, inv, actorOf(c), now)),
        ...insertIssued(deps.db, issued, actorOf(c), now, 'invitation.reissue'),
      ]);
      c.header('cache-control', 'no-store');
      return c.json({ ...(await describeIssued(d, issued)), revokedId: old.id }, 201);
    });
}
