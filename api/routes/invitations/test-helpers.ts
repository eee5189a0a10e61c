// Helpers for the invitation and response tests: fresh institutions (each has one response, so a
// test that writes answers wants its own), invitations issued straight into the database, and a
// complete answer set for the demo diagnosis.
import { eq } from 'drizzle-orm';
import { completeInstitutionAnswers } from '../../../surveys/testing/institution-answers';
import { runAtomically } from '../../db/client';
import { diagnoses, institutions, invitations, zones } from '../../db/schema';
import type { TestApp } from '../../test/test-app';
import { insertIssued, newInvitation } from './issue';

let n = 0;

export async function demoDiagnosis(t: TestApp) {
  const [d] = await t.db.select().from(diagnoses).where(eq(diagnoses.slug, 'demo'));
  return d;
}

export async function freshInstitution(t: TestApp, kind: 'comune' | 'scuola' | 'asl' = 'comune'): Promise<string> {
  const d = await demoDiagnosis(t);
  const id = crypto.randomUUID();
  await t.db.insert(institutions).values({ id, diagnosisId: d.id, name: `Ente di prova ${++n}`, kind, createdAt: t.now.value });
  return id;
}

/** An invitation for a fresh institution (or the given one), optionally already revoked or expired. */
export async function invite(t: TestApp, opts: { institutionId?: string; days?: number; revoked?: boolean; expired?: boolean } = {}) {
  const d = await demoDiagnosis(t);
  const institutionId = opts.institutionId ?? (await freshInstitution(t));
  const issued = await newInvitation(d.id, institutionId, opts.days ?? 90, t.now.value);
  if (opts.expired) issued.invitation.expiresAt = new Date(t.now.value.getTime() - 1000);
  if (opts.revoked) issued.invitation.revokedAt = t.now.value;
  await runAtomically(t.db, insertIssued(t.db, issued, { via: 'cli' }, t.now.value));
  return { token: issued.token, invitationId: issued.invitation.id, institutionId };
}

export async function invitationRow(t: TestApp, id: string) {
  const [row] = await t.db.select().from(invitations).where(eq(invitations.id, id));
  return row;
}

/** A complete, valid answer set whose places are zones of the demo diagnosis. */
export async function completeAnswers(t: TestApp): Promise<Record<string, unknown>> {
  const d = await demoDiagnosis(t);
  const zoneRows = await t.db.select({ id: zones.id }).from(zones).where(eq(zones.diagnosisId, d.id)).orderBy(zones.name).limit(2);
  return { ...completeInstitutionAnswers(), concernZones: zoneRows.map((z) => z.id) };
}

/** The first two pages only: what a respondent has after "fill two pages". */
export function firstTwoPages(answers: Record<string, unknown>) {
  const names = ['institutionKind', 'territoryScope', 'territoryName', 'populationBand', 'respondentRole', 'jointAnswer', 'dataSources', 'dataSharing', 'observatory', 'analysisFrequency', 'perceptionSurveys', 'knowledgeStatements'];
  return Object.fromEntries(Object.entries(answers).filter(([k]) => names.includes(k)));
}
