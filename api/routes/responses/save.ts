// Writing an institution's questionnaire response: draft saves and submissions, with optimistic
// concurrency (every write names the version it was based on; a stale one gets 409).
//
// `responses` holds the working copy: status `submitted` when it equals the last submission,
// `draft` while it is being written or amended. Every submission is also kept in
// `response_revisions`, and the analysis reads the latest revision (see ./submitted.ts), so an
// amendment in progress never replaces submitted evidence with half-written answers.
import { and, eq, sql } from 'drizzle-orm';
import { type Answers, type Lang, type SurveyDefinition, clearHiddenAnswers, institutionSurveyVersion, validateAnswers } from '../../../surveys';
import type { AppDb } from '../../db/client';
import { diagnoses, responseRevisions, responses } from '../../db/schema';
import { Problem } from '../../lib/problem';

type Response = typeof responses.$inferSelect;
export type Target = { diagnosisId: string; diagnosisStatus: 'draft' | 'open' | 'closed'; institutionId: string; response: Response | null };
export type SaveResult = { status: Response['status']; version: number; updatedAt: string; submittedAt: string | null };

/** JSON with object keys sorted, so two answer sets compare equal whatever their key order. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_k, v) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, (v as Record<string, unknown>)[k]])) : v,
  );
}

const resultOf = (r: Pick<Response, 'status' | 'version' | 'updatedAt' | 'submittedAt'>): SaveResult => ({
  status: r.status,
  version: r.version,
  updatedAt: r.updatedAt.toISOString(),
  submittedAt: r.submittedAt ? r.submittedAt.toISOString() : null,
});

export function ensureEditable(t: Target) {
  if (t.diagnosisStatus === 'closed') {
    throw new Problem(409, 'The diagnosis is closed: answers can no longer be changed.', { type: 'https://osservatorio.dev/problems/diagnosis-closed' });
  }
}

async function currentOf(db: AppDb, t: Target): Promise<Response | null> {
  const [row] = await db.select().from(responses).where(and(eq(responses.diagnosisId, t.diagnosisId), eq(responses.institutionId, t.institutionId))).limit(1);
  return row ?? null;
}

function stale(current: Response | null): Problem {
  return new Problem(409, 'Someone else saved these answers in the meantime. Reload to see the current version before saving again.', {
    type: 'https://osservatorio.dev/problems/stale-version',
    currentVersion: current?.version ?? 0,
    currentStatus: current?.status ?? null,
  });
}

function invalid(errors: { name: string; message: { it: string; en: string } }[], lang: Lang): Problem {
  return new Problem(422, `${errors.length} answer(s) do not fit the questionnaire.`, {
    errors: errors.map((e) => ({ field: e.name || '(answers)', message: e.message[lang] })),
  });
}

export async function saveDraft(db: AppDb, t: Target, definition: SurveyDefinition, body: { answers: Answers; version: number }, now: Date, lang: Lang): Promise<SaveResult> {
  ensureEditable(t);
  const check = validateAnswers(definition, body.answers, { mode: 'draft' });
  if (!check.ok) throw invalid(check.errors, lang);
  const current = t.response;
  if (body.version !== (current?.version ?? 0)) throw stale(current);
  // Autosave sends the page on every change of page: an unchanged page is not a new version.
  if (current && canonicalJson(current.answers) === canonicalJson(body.answers)) return resultOf(current);

  if (!current) {
    const [created] = await db
      .insert(responses)
      .values({ id: crypto.randomUUID(), diagnosisId: t.diagnosisId, institutionId: t.institutionId, answers: body.answers, status: 'draft', version: 1, surveyVersion: institutionSurveyVersion, createdAt: now, updatedAt: now })
      .onConflictDoNothing()
      .returning();
    if (!created) throw stale(await currentOf(db, t));
    return resultOf(created);
  }
  const [updated] = await db
    .update(responses)
    .set({ answers: body.answers, status: 'draft', version: current.version + 1, surveyVersion: institutionSurveyVersion, updatedAt: now })
    .where(and(eq(responses.id, current.id), eq(responses.version, current.version)))
    .returning();
  if (!updated) throw stale(await currentOf(db, t));
  return resultOf(updated);
}

export async function submit(db: AppDb, t: Target, definition: SurveyDefinition, body: { answers: Answers; version: number }, now: Date, lang: Lang): Promise<SaveResult> {
  ensureEditable(t);
  const check = validateAnswers(definition, body.answers, { mode: 'submit' });
  if (!check.ok) throw invalid(check.errors, lang);
  // Answers to questions hidden by the other answers are not part of the submission.
  const answers = clearHiddenAnswers(definition, body.answers);
  const current = t.response;
  const sameAsStored = current !== null && canonicalJson(current.answers) === canonicalJson(answers);
  // A retried submit (lost reply, double click) finds its own submission: answer it, store nothing.
  if (current?.status === 'submitted' && sameAsStored && (body.version === current.version || body.version === current.version - 1)) return resultOf(current);
  if (body.version !== (current?.version ?? 0)) throw stale(current);

  const [lastRevision] = current
    ? await db.select({ answers: responseRevisions.answers }).from(responseRevisions).where(eq(responseRevisions.responseId, current.id)).orderBy(sql`${responseRevisions.version} desc`).limit(1)
    : [];
  const changesEvidence = !lastRevision || canonicalJson(lastRevision.answers) !== canonicalJson(answers);

  const responseId = current?.id ?? crypto.randomUUID();
  const version = body.version + 1;
  const write = current
    ? db
        .update(responses)
        .set({ answers, status: 'submitted', version, surveyVersion: institutionSurveyVersion, submittedAt: now, updatedAt: now })
        .where(and(eq(responses.id, current.id), eq(responses.version, current.version)))
        .returning()
    : db
        .insert(responses)
        .values({ id: responseId, diagnosisId: t.diagnosisId, institutionId: t.institutionId, answers, status: 'submitted', version, surveyVersion: institutionSurveyVersion, submittedAt: now, createdAt: now, updatedAt: now })
        .onConflictDoNothing()
        .returning();
  // The revision and the data-version bump copy from the row just written, so when the write lost
  // a race (no row at that version) they do nothing; a concurrent submit of the same version makes
  // the revision collide on (response, version) and the whole batch rolls back.
  const ours = sql`select 1 from ${responses} where ${responses.id} = ${responseId} and ${responses.version} = ${version} and ${responses.status} = 'submitted'`;
  const revision = db
    .insert(responseRevisions)
    .select(
      sql`select ${crypto.randomUUID()}, ${responses.id}, ${responses.version}, ${responses.answers}, ${responses.surveyVersion}, ${responses.submittedAt} from ${responses} where ${responses.id} = ${responseId} and ${responses.version} = ${version} and ${responses.status} = 'submitted'`,
    );
  const bump = db
    .update(diagnoses)
    .set({ dataVersion: sql`${diagnoses.dataVersion} + 1` })
    .where(and(eq(diagnoses.id, t.diagnosisId), sql`exists (${ours})`));
  let written: Response[];
  try {
    const results = changesEvidence ? await db.batch([write, revision, bump]) : await db.batch([write, revision]);
    written = results[0] as Response[];
  } catch (err) {
    const latest = await currentOf(db, t);
    if (latest?.status === 'submitted' && canonicalJson(latest.answers) === canonicalJson(answers)) return resultOf(latest);
    if (latest && latest.version !== body.version) throw stale(latest);
    throw err;
  }
  if (written.length === 0) {
    const latest = await currentOf(db, t);
    if (latest?.status === 'submitted' && canonicalJson(latest.answers) === canonicalJson(answers)) return resultOf(latest);
    throw stale(latest);
  }
  return resultOf(written[0]);
}
