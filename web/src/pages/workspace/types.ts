// Shapes the workspace reads, taken from the API's own zod schemas (type-only imports, so no API
// code reaches the browser bundle).
import type { z } from 'zod';
import type { SessionUser } from '../../../../api/auth/session';
import type { publicDiagnosisSchema } from '../../../../api/routes/diagnoses/public.routes';
import type { createDiagnosisSchema, diagnosisSchema, followUpSchema, updateDiagnosisSchema } from '../../../../api/routes/setup/diagnoses.schemas';
import type { bulkIssuedSchema, invitationListSchema, issuedInvitationSchema, reissuedSchema } from '../../../../api/routes/invitations/invitations.schemas';
import type { trackingSchema } from '../../../../api/routes/responses/tracking.routes';
import type { moderationItemSchema, moderationListSchema, publicSummarySchema } from '../../../../api/routes/signals/signals.schemas';

export type User = SessionUser;
export type Role = User['role'];
export type Diagnosis = z.infer<typeof diagnosisSchema>;
export type DiagnosisStatus = Diagnosis['status'];
export type CreateDiagnosis = z.input<typeof createDiagnosisSchema>;
export type UpdateDiagnosis = z.input<typeof updateDiagnosisSchema>;
export type FollowUp = z.input<typeof followUpSchema>;
export type PublicDiagnosis = z.infer<typeof publicDiagnosisSchema>;

export type Invitation = z.infer<typeof invitationListSchema>['items'][number];
export type IssuedInvitation = z.infer<typeof issuedInvitationSchema>;
export type BulkIssued = z.infer<typeof bulkIssuedSchema>;
export type Reissued = z.infer<typeof reissuedSchema>;
export type Tracking = z.infer<typeof trackingSchema>;
export type TrackedInstitution = Tracking['institutions'][number];
export type StageCounts = Tracking['totals']['all'];
export type ModerationItem = z.infer<typeof moderationItemSchema>;
export type ModerationList = z.infer<typeof moderationListSchema>;
export type PublicSummary = z.infer<typeof publicSummarySchema>;
