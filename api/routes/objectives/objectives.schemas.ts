// Payloads of the objectives API: the pact's objectives, set ex ante by an admin, and their
// indicators, whose measured value an analyst may record ex post.
import { z } from 'zod';
import { impliedDirection, objectiveStatuses } from '../../../analysis/objectives';
import { indicatorDirections } from '../../db/schema';
import type { FieldError } from '../../lib/problem';
import { slugParam } from '../diagnoses/public.routes';

const figure = z.number().min(-1e12).max(1e12);
const isoDate = z.iso.date().describe('YYYY-MM-DD');

export const objectivePathSchema = slugParam.extend({ id: z.uuid('An objective id is a UUID.') });
export const indicatorPathSchema = slugParam.extend({ id: z.uuid('An indicator id is a UUID.') });

const objectiveFields = {
  code: z
    .string()
    .trim()
    .max(20)
    .regex(/^[\p{L}\p{N}][\p{L}\p{N}._-]*$/u, 'Letters, digits, dots, dashes (e.g. OB1, OB-2.1).')
    .describe('Short code, unique in the diagnosis (e.g. OB1)'),
  title: z.string().trim().min(3).max(300),
  description: z.string().max(4000),
};

const indicatorFields = {
  name: z.string().trim().min(1).max(300),
  description: z.string().max(2000),
  unit: z.string().trim().max(30).describe('e.g. %, enti, ore'),
  baseline: figure.describe('Value when the objective was set (ex ante)'),
  target: figure.describe('Value the pact aims at'),
  direction: z.enum(indicatorDirections).describe('Which way is better; implied by the target unless it equals the baseline'),
  measured: figure.nullable().describe('Last measured value (ex post); null when not measured yet'),
  measuredAt: isoDate.nullable().describe('When it was measured; default today when a value is given'),
};

type Direction = (typeof indicatorDirections)[number];

/** Direction against baseline and target: required when they are equal, else it must agree. */
export function directionErrors(v: { baseline: number; target: number; direction?: Direction | null }, prefix = ''): FieldError[] {
  const implied = impliedDirection(v.baseline, v.target);
  const field = `${prefix}direction`;
  if (!implied && !v.direction) return [{ field, message: 'The target equals the baseline: say whether an increase or a decrease is better.' }];
  if (implied && v.direction && v.direction !== implied) {
    return [{ field, message: `The target is ${implied === 'increase' ? 'above' : 'below'} the baseline, so the direction is "${implied}".` }];
  }
  return [];
}

const indicatorRules = (v: { baseline: number; target: number; direction?: Direction; measured?: number | null; measuredAt?: string | null }, ctx: z.RefinementCtx) => {
  for (const e of directionErrors(v)) ctx.addIssue({ code: 'custom', path: ['direction'], message: e.message });
  if ((v.measured === null || v.measured === undefined) && v.measuredAt) ctx.addIssue({ code: 'custom', path: ['measuredAt'], message: 'A date needs a measured value.' });
};

export const createIndicatorSchema = z
  .strictObject({
    ...indicatorFields,
    description: indicatorFields.description.default(''),
    unit: indicatorFields.unit.default(''),
    direction: indicatorFields.direction.optional(),
    measured: indicatorFields.measured.optional(),
    measuredAt: indicatorFields.measuredAt.optional(),
  })
  .superRefine(indicatorRules);

export const updateIndicatorSchema = z
  .strictObject(indicatorFields)
  .partial()
  .refine((v) => Object.keys(v).length > 0, 'Send at least one field to change.');

export const measurementSchema = z
  .strictObject({ measured: indicatorFields.measured, measuredAt: isoDate.optional().describe('When it was measured; default today') })
  .refine((v) => v.measured !== null || v.measuredAt === undefined, { path: ['measuredAt'], message: 'A date needs a measured value.' });

export const createObjectiveSchema = z.strictObject({
  ...objectiveFields,
  description: objectiveFields.description.default(''),
  indicators: z.array(createIndicatorSchema).max(20).default([]).describe('Indicators created with the objective'),
});

export const updateObjectiveSchema = z
  .strictObject(objectiveFields)
  .partial()
  .refine((v) => Object.keys(v).length > 0, 'Send at least one field to change.');

export const indicatorSchema = z.object({
  id: z.string(),
  objectiveId: z.string(),
  name: z.string(),
  description: z.string(),
  unit: z.string(),
  baseline: z.number(),
  target: z.number(),
  direction: z.enum(indicatorDirections).nullable().describe('null only on indicators stored before directions were recorded'),
  measured: z.number().nullable(),
  measuredAt: z.string().nullable(),
  progress: z.object({
    share: z.number().nullable().describe('(measured − baseline) / (target − baseline)'),
    clipped: z.number().nullable(),
    status: z.enum(objectiveStatuses),
  }),
});

export const objectiveSchema = z.object({
  id: z.string(),
  code: z.string(),
  title: z.string(),
  description: z.string(),
  indicators: z.array(indicatorSchema),
});
export const objectiveListSchema = z.object({ items: z.array(objectiveSchema) });
