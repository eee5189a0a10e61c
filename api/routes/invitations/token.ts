// Resolving the token of an invitation link. Every token, right or wrong, costs the same: one
// SHA-256 and one lookup on the unique token_hash index, with the verdict decided afterwards in
// memory, so response times do not tell a revoked or expired token from one that never existed.
import { and, eq } from 'drizzle-orm';
import { sha256Hex } from '../../auth/tokens';
import type { AppDb } from '../../db/client';
import { diagnoses, institutions, invitations, responses } from '../../db/schema';
import { Problem } from '../../lib/problem';

export type WrongToken = 'unknown' | 'revoked' | 'expired';

export const wrongTokenType = (kind: WrongToken) => `https://osservatorio.dev/problems/invitation-${kind}`;

const wrongTokenProblems: Record<WrongToken, () => Problem> = {
  unknown: () => new Problem(404, 'This invitation link does not exist. Check that the whole link was copied.', { type: wrongTokenType('unknown') }),
  revoked: () => new Problem(410, 'This invitation link has been revoked. Ask the diagnosis coordinators for a new one.', { type: wrongTokenType('revoked') }),
  expired: () => new Problem(410, 'This invitation link has expired. Ask the diagnosis coordinators for a new one.', { type: wrongTokenType('expired') }),
};

export async function lookupToken(db: AppDb, token: string) {
  const tokenHash = await sha256Hex(token);
  const [row] = await db
    .select({
      invitation: invitations,
      institution: { id: institutions.id, name: institutions.name, kind: institutions.kind },
      diagnosis: { id: diagnoses.id, slug: diagnoses.slug, title: diagnoses.title, status: diagnoses.status, isDemo: diagnoses.isDemo },
      response: responses,
    })
    .from(invitations)
    .innerJoin(institutions, eq(institutions.id, invitations.institutionId))
    .innerJoin(diagnoses, eq(diagnoses.id, invitations.diagnosisId))
    .leftJoin(responses, and(eq(responses.diagnosisId, invitations.diagnosisId), eq(responses.institutionId, invitations.institutionId)))
    .where(eq(invitations.tokenHash, tokenHash))
    .limit(1);
  return row;
}

export type ResolvedInvitation = NonNullable<Awaited<ReturnType<typeof lookupToken>>>;

/** The invitation behind a token, or why there is none. */
export async function resolveToken(db: AppDb, token: string, now: Date): Promise<{ ok: true; found: ResolvedInvitation } | { ok: false; problem: Problem }> {
  const row = await lookupToken(db, token);
  const verdict: WrongToken | null = !row ? 'unknown' : row.invitation.revokedAt ? 'revoked' : row.invitation.expiresAt.getTime() <= now.getTime() ? 'expired' : null;
  return verdict || !row ? { ok: false, problem: wrongTokenProblems[verdict ?? 'unknown']() } : { ok: true, found: row };
}
