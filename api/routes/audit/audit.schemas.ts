// Payloads of the audit log listing: the query (filters and keyset page) and one entry.
import { z } from 'zod';
import { slug } from '../setup/diagnoses.schemas';

const action = z
  .string()
  .max(64)
  .regex(/^[a-z][a-z0-9-]*(\.[a-z0-9-]+)*$/, 'An action such as user.create, or its first part (user) for all of them.')
  .describe('An action (e.g. signal.hide) or its first part (e.g. signal: every signal.* action)');

export const diagnosisAuditQuerySchema = z.object({
  action: action.optional(),
  limit: z.coerce.number().int().min(1).max(100).optional().describe('Page size, default 50'),
  cursor: z
    .string()
    .regex(/^\d{1,15}_[0-9a-f-]{36}$/, 'Use the nextCursor of the previous page.')
    .optional()
    .describe('nextCursor of the previous page'),
});

export const auditQuerySchema = diagnosisAuditQuerySchema.extend({
  diagnosis: slug.optional().describe('Only entries of this diagnosis (its slug)'),
});

export const auditEntrySchema = z.object({
  id: z.string(),
  at: z.string().describe('When (ISO 8601)'),
  action: z.string(),
  diagnosis: z.object({ slug: z.string(), title: z.string() }).nullable().describe('null for account changes'),
  user: z.object({ id: z.string(), email: z.string(), name: z.string() }).nullable().describe('Who did it; null for the command line (details.via = "cli")'),
  target: z.string().nullable().describe('What it was done to: a slug, an email, a signal id, an objective code…'),
  targetName: z.string().nullable().describe('The institution’s name when the target is an institution (invitations)'),
  details: z.record(z.string(), z.unknown()).nullable(),
});

export const auditListSchema = z.object({
  items: z.array(auditEntrySchema),
  nextCursor: z.string().nullable(),
  /** Every action recorded in this scope, for a filter menu. */
  actions: z.array(z.string()),
});
