// Payloads of the invitation API: the analysts' side (issue, list, revoke, re-issue) and the
// institution's side behind the token (read, save a draft, submit). One schema per payload.
import { z } from 'zod';
import { institutionKindIds } from '../../../surveys/taxonomy';
import { diagnosisStatuses, responseStatuses } from '../../db/schema';

/** How long a new link stays valid, in days (default 90). */
const days = z.number().int().min(1).max(366).describe('Days the link stays valid (default 90)');

export const createInvitationSchema = z.strictObject({ institutionId: z.string().min(1).max(64), days: days.optional() });
export const bulkInvitationSchema = z.strictObject({ days: days.optional() });
export const reissueInvitationSchema = z.strictObject({ days: days.optional() });

export const invitationIdParam = z.object({
  slug: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'A slug is lowercase letters, digits and dashes.'),
  id: z.string().min(1).max(64),
});

export const invitationStates = ['active', 'expired', 'revoked'] as const;
/** How far the institution got: each stage implies the ones before it. */
export const progressStages = ['invited', 'opened', 'draft', 'submitted'] as const;

export const invitationSchema = z.object({
  id: z.string(),
  institution: z.object({ id: z.string(), name: z.string(), kind: z.enum(institutionKindIds), areaId: z.string().nullable() }),
  state: z.enum(invitationStates).describe('Whether the link still opens'),
  progress: z.enum(progressStages).describe("The institution's progress on the questionnaire"),
  createdAt: z.string(),
  expiresAt: z.string(),
  revokedAt: z.string().nullable(),
  firstOpenedAt: z.string().nullable(),
});
export const invitationListSchema = z.object({ items: z.array(invitationSchema) });

/** The only time a token is seen: in the answer to the request that created it. */
export const issuedInvitationSchema = z.object({
  invitation: invitationSchema,
  token: z.string().describe('Shown once; only its SHA-256 is stored'),
  path: z.string().describe('/q/{token}'),
  link: z.string().describe('Absolute link to send to the institution'),
});
export const bulkIssuedSchema = z.object({
  created: z.array(issuedInvitationSchema),
  skipped: z.number().int().describe('Institutions that already had an active invitation'),
});
export const reissuedSchema = issuedInvitationSchema.extend({ revokedId: z.string() });

// ---- the institution's side --------------------------------------------------------------

export const tokenParam = z.object({ token: z.string().describe('The invitation token from the link') });

const answers = z.record(z.string(), z.unknown()).describe('Answers keyed by question name');

export const saveResponseSchema = z.strictObject({
  answers,
  version: z.number().int().min(0).describe('The version this edit is based on (0 when nothing was saved yet)'),
});
export const submitResponseSchema = saveResponseSchema;

export const savedResponseSchema = z.object({
  answers,
  status: z.enum(responseStatuses),
  version: z.number().int(),
  surveyVersion: z.number().int(),
  updatedAt: z.string(),
  submittedAt: z.string().nullable().describe('Last submission; kept while an amendment is in draft'),
});

export const invitationViewSchema = z.object({
  institution: z.object({ id: z.string(), name: z.string(), kind: z.enum(institutionKindIds) }),
  diagnosis: z.object({ slug: z.string(), title: z.string(), status: z.enum(diagnosisStatuses), demo: z.boolean() }),
  invitation: z.object({ expiresAt: z.string() }),
  survey: z.object({ version: z.number().int(), definition: z.record(z.string(), z.unknown()).describe('SurveyJS JSON with it/en texts') }),
  response: savedResponseSchema.nullable(),
  editable: z.boolean().describe('False once the diagnosis is closed'),
});

export const saveResultSchema = z.object({
  status: z.enum(responseStatuses),
  version: z.number().int(),
  updatedAt: z.string(),
  submittedAt: z.string().nullable(),
});
