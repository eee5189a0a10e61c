// Shapes the workspace reads, taken from the API's own zod schemas (type-only imports, so no API
// code reaches the browser bundle).
import type { z } from 'zod';
import type { SessionUser } from '../../../../api/auth/session';
import type { publicDiagnosisSchema } from '../../../../api/routes/diagnoses/public.routes';
import type { createDiagnosisSchema, diagnosisSchema, followUpSchema, updateDiagnosisSchema } from '../../../../api/routes/setup/diagnoses.schemas';

export type User = SessionUser;
export type Role = User['role'];
export type Diagnosis = z.infer<typeof diagnosisSchema>;
export type DiagnosisStatus = Diagnosis['status'];
export type CreateDiagnosis = z.input<typeof createDiagnosisSchema>;
export type UpdateDiagnosis = z.input<typeof updateDiagnosisSchema>;
export type FollowUp = z.input<typeof followUpSchema>;
export type PublicDiagnosis = z.infer<typeof publicDiagnosisSchema>;
