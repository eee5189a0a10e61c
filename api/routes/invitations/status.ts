// Where an invitation and its institution stand: whether the link still opens (state) and how far
// the questionnaire got (progress). Used by the invitation list, the tracking view and the CLI.
import { and, desc, eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { AppDb } from '../../db/client';
import { institutions, invitations, responses } from '../../db/schema';
import type { invitationSchema, invitationStates, progressStages } from './invitations.schemas';

export type InvitationState = (typeof invitationStates)[number];
export type Progress = (typeof progressStages)[number];

export function invitationState(inv: { revokedAt: Date | null; expiresAt: Date }, now: Date): InvitationState {
  if (inv.revokedAt) return 'revoked';
  return inv.expiresAt.getTime() > now.getTime() ? 'active' : 'expired';
}

/** A response that was ever submitted counts as submitted, even while an amendment is in draft. */
export function progressOf(openedAt: Date | null, response: { submittedAt: Date | null } | null): Progress {
  if (response?.submittedAt) return 'submitted';
  if (response) return 'draft';
  return openedAt ? 'opened' : 'invited';
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** Every invitation of a diagnosis (or one), newest first within each institution. */
export async function listInvitations(db: AppDb, diagnosisId: string, now: Date, invitationId?: string): Promise<z.infer<typeof invitationSchema>[]> {
  const rows = await db
    .select({ inv: invitations, inst: institutions, submittedAt: responses.submittedAt, responseId: responses.id })
    .from(invitations)
    .innerJoin(institutions, eq(institutions.id, invitations.institutionId))
    .leftJoin(responses, and(eq(responses.diagnosisId, invitations.diagnosisId), eq(responses.institutionId, invitations.institutionId)))
    .where(invitationId ? and(eq(invitations.diagnosisId, diagnosisId), eq(invitations.id, invitationId)) : eq(invitations.diagnosisId, diagnosisId))
    .orderBy(institutions.name, desc(invitations.createdAt));
  return rows.map(({ inv, inst, submittedAt, responseId }) => ({
    id: inv.id,
    institution: { id: inst.id, name: inst.name, kind: inst.kind, areaId: inst.areaId },
    state: invitationState(inv, now),
    progress: progressOf(inv.firstOpenedAt, responseId ? { submittedAt } : null),
    createdAt: inv.createdAt.toISOString(),
    expiresAt: inv.expiresAt.toISOString(),
    revokedAt: iso(inv.revokedAt),
    firstOpenedAt: iso(inv.firstOpenedAt),
  }));
}
