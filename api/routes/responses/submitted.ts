// The submitted answers of a diagnosis: for each institution its latest revision. This, not the
// working copy in `responses` (which may be an amendment in draft), is the evidence to analyse.
import { and, eq, sql } from 'drizzle-orm';
import type { AppDb } from '../../db/client';
import { responseRevisions, responses } from '../../db/schema';

export type Submission = { institutionId: string; responseId: string; version: number; answers: Record<string, unknown>; surveyVersion: number; submittedAt: Date };

export async function latestSubmissions(db: AppDb, diagnosisId: string): Promise<Submission[]> {
  return db
    .select({
      institutionId: responses.institutionId,
      responseId: responseRevisions.responseId,
      version: responseRevisions.version,
      answers: responseRevisions.answers,
      surveyVersion: responseRevisions.surveyVersion,
      submittedAt: responseRevisions.submittedAt,
    })
    .from(responseRevisions)
    .innerJoin(responses, eq(responses.id, responseRevisions.responseId))
    .where(
      and(
        eq(responses.diagnosisId, diagnosisId),
        sql`${responseRevisions.version} = (select max(x.version) from response_revisions x where x.response_id = ${responseRevisions.responseId})`,
      ),
    )
    .orderBy(responses.institutionId);
}
