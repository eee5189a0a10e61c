// Issuing and revoking invitations, shared by the analysts' API and `npm run cli -- invite`.
// A token is 192 random bits, returned once to the caller and stored only as its SHA-256.
import { and, eq, gt, isNull } from 'drizzle-orm';
import { randomToken, sha256Hex } from '../../auth/tokens';
import type { AppDb } from '../../db/client';
import { auditLog, invitations } from '../../db/schema';

export const DEFAULT_INVITATION_DAYS = 90;
const DAY_MS = 86_400_000;

export type Invitation = typeof invitations.$inferSelect;
/** Who acts: a signed-in analyst, or the command line (audit rows without a user). */
export type Actor = { userId: string } | { via: 'cli' };
export type Issued = { invitation: Invitation; token: string };

export async function newInvitation(diagnosisId: string, institutionId: string, days: number, now: Date): Promise<Issued> {
  const token = randomToken(24);
  return {
    token,
    invitation: {
      id: crypto.randomUUID(),
      diagnosisId,
      institutionId,
      tokenHash: await sha256Hex(token),
      expiresAt: new Date(now.getTime() + days * DAY_MS),
      revokedAt: null,
      firstOpenedAt: null,
      createdAt: now,
    },
  };
}

export const invitationPath = (token: string) => `/q/${token}`;

function audit(db: AppDb, actor: Actor, diagnosisId: string, action: string, target: string, details: Record<string, unknown>, now: Date) {
  return db.insert(auditLog).values({
    id: crypto.randomUUID(),
    diagnosisId,
    userId: 'userId' in actor ? actor.userId : null,
    action,
    target,
    // Never the token: the audit log says that a link was made, not what it is.
    details: 'via' in actor ? { ...details, via: actor.via } : details,
    createdAt: now,
  });
}

/** Insert statements (invitation + audit row) for one issued invitation; run them in one batch. */
export function insertIssued(db: AppDb, issued: Issued, actor: Actor, now: Date, action = 'invitation.create') {
  const inv = issued.invitation;
  return [
    db.insert(invitations).values(inv),
    audit(db, actor, inv.diagnosisId, action, inv.institutionId, { invitationId: inv.id, expiresAt: inv.expiresAt.toISOString() }, now),
  ];
}

export function revokeStatements(db: AppDb, inv: Invitation, actor: Actor, now: Date) {
  return [
    db.update(invitations).set({ revokedAt: now }).where(and(eq(invitations.id, inv.id), isNull(invitations.revokedAt))),
    audit(db, actor, inv.diagnosisId, 'invitation.revoke', inv.institutionId, { invitationId: inv.id }, now),
  ];
}

/** The links of one institution that still open. */
export function activeInvitationsOf(db: AppDb, diagnosisId: string, institutionId: string, now: Date) {
  return db
    .select()
    .from(invitations)
    .where(and(eq(invitations.diagnosisId, diagnosisId), eq(invitations.institutionId, institutionId), isNull(invitations.revokedAt), gt(invitations.expiresAt, now)));
}

/** Institutions of a diagnosis that hold a link that still opens (not revoked, not expired). */
export async function institutionsWithActiveInvitation(db: AppDb, diagnosisId: string, now: Date): Promise<Set<string>> {
  const rows = await db
    .select({ institutionId: invitations.institutionId })
    .from(invitations)
    .where(and(eq(invitations.diagnosisId, diagnosisId), isNull(invitations.revokedAt), gt(invitations.expiresAt, now)));
  return new Set(rows.map((r) => r.institutionId));
}
