// Shapes the workspace reads, taken from the API's own zod schemas (type-only imports, so no API
// code reaches the browser bundle).
import type { z } from 'zod';
import type { SessionUser } from '../../../../api/auth/session';
import type { publicDiagnosisSchema } from '../../../../api/routes/diagnoses/public.routes';
import type { createDiagnosisSchema, diagnosisSchema, followUpSchema, updateDiagnosisSchema } from '../../../../api/routes/setup/diagnoses.schemas';
import type { bulkIssuedSchema, invitationListSchema, issuedInvitationSchema, reissuedSchema } from '../../../../api/routes/invitations/invitations.schemas';
import type { trackingSchema } from '../../../../api/routes/responses/tracking.routes';
import type { moderationItemSchema, moderationListSchema, publicSummarySchema } from '../../../../api/routes/signals/signals.schemas';
import type { auditEntrySchema, auditListSchema } from '../../../../api/routes/audit/audit.schemas';
import type {
  createIndicatorSchema,
  createObjectiveSchema,
  indicatorSchema,
  measurementSchema,
  objectiveListSchema,
  objectiveSchema,
  updateIndicatorSchema,
  updateObjectiveSchema,
} from '../../../../api/routes/objectives/objectives.schemas';
import type { createUserSchema, updateUserSchema, userListSchema, userSchema, userWithPasswordSchema } from '../../../../api/routes/users/users.schemas';

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

export type Account = z.infer<typeof userSchema>;
export type AccountList = z.infer<typeof userListSchema>;
export type AccountWithPassword = z.infer<typeof userWithPasswordSchema>;
export type CreateAccount = z.input<typeof createUserSchema>;
export type UpdateAccount = z.input<typeof updateUserSchema>;

export type Objective = z.infer<typeof objectiveSchema>;
export type ObjectiveList = z.infer<typeof objectiveListSchema>;
export type Indicator = z.infer<typeof indicatorSchema>;
export type CreateObjective = z.input<typeof createObjectiveSchema>;
export type UpdateObjective = z.input<typeof updateObjectiveSchema>;
export type CreateIndicator = z.input<typeof createIndicatorSchema>;
export type UpdateIndicator = z.input<typeof updateIndicatorSchema>;
export type Measurement = z.input<typeof measurementSchema>;

export type AuditEntry = z.infer<typeof auditEntrySchema>;
export type AuditList = z.infer<typeof auditListSchema>;
