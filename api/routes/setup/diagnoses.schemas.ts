// Payloads of the diagnosis set-up API (one zod schema per payload: validator + OpenAPI).
import { z } from 'zod';
import { diagnosisStatuses, waves } from '../../db/schema';

export const slug = z.string().regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'Lowercase letters, digits and dashes (2-63 characters).');

export const settingsSchema = z.strictObject({
  tileUrl: z.string().url().refine((u) => u.includes('{z}') && u.includes('{x}') && u.includes('{y}'), 'A tile template needs {z}, {x} and {y}.').optional(),
  tileAttribution: z.string().max(300).optional(),
  indexWeights: z.record(z.string(), z.number().min(0).max(10)).optional(),
  periodFrom: z.iso.date().optional(),
  periodTo: z.iso.date().optional(),
  // 1 would turn rounding off, and with it the protection against topping a hidden zone up.
  roundingBase: z.number().int().min(2).max(100).optional().describe('Public counts are rounded to a multiple of this before k applies (default 5)'),
  summaryRefreshHours: z.number().int().min(1).max(168).optional().describe('Hours between refreshes of the residents’ public summary (default 24)'),
});

export const createDiagnosisSchema = z.strictObject({
  slug,
  title: z.string().trim().min(3).max(200),
  description: z.string().max(4000).default(''),
  k: z.number().int().min(2).max(100).default(5),
  settings: settingsSchema.default({}),
});

export const updateDiagnosisSchema = z
  .strictObject({
    title: z.string().trim().min(3).max(200),
    description: z.string().max(4000),
    status: z.enum(diagnosisStatuses),
    k: z.number().int().min(2).max(100),
    settings: settingsSchema,
  })
  .partial()
  .refine((v) => Object.keys(v).length > 0, 'Send at least one field to change.');

export const followUpSchema = z
  .strictObject({
    slug,
    title: z.string().trim().min(3).max(200),
    /** The new wave's own observation period; the previous wave's is never carried over. */
    periodFrom: z.iso.date().optional(),
    periodTo: z.iso.date().optional(),
  })
  .refine((b) => !b.periodFrom || !b.periodTo || b.periodTo >= b.periodFrom, { message: 'The period must end on or after its first day.', path: ['periodTo'] });

export const diagnosisSchema = z.object({
  id: z.string(),
  slug: z.string(),
  title: z.string(),
  description: z.string(),
  status: z.enum(diagnosisStatuses),
  wave: z.enum(waves),
  previousWaveSlug: z.string().nullable(),
  k: z.number().int(),
  demo: z.boolean(),
  settings: z.record(z.string(), z.unknown()),
  counts: z.object({ areas: z.number(), municipalities: z.number(), zones: z.number(), institutions: z.number(), signals: z.number(), submitted: z.number() }),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export const diagnosisListSchema = z.object({ items: z.array(diagnosisSchema) });
