// Objectives of the pact, set ex ante and judged ex post through their indicators.
import { index, integer, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { createdAt, id } from './common';
import { diagnoses } from './diagnosis';

export const objectives = sqliteTable(
  'objectives',
  {
    id: id(),
    diagnosisId: text('diagnosis_id').notNull().references(() => diagnoses.id, { onDelete: 'cascade' }),
    code: text('code').notNull(),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    createdAt: createdAt(),
  },
  (t) => [index('objectives_diagnosis_idx').on(t.diagnosisId), uniqueIndex('objectives_code_uq').on(t.diagnosisId, t.code)],
);

/** Which way is better for an indicator: more (e.g. institutions sharing data) or less (e.g. fear). */
export const indicatorDirections = ['increase', 'decrease'] as const;

export const indicators = sqliteTable(
  'indicators',
  {
    id: id(),
    objectiveId: text('objective_id').notNull().references(() => objectives.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    unit: text('unit').notNull().default(''),
    baseline: real('baseline').notNull(),
    target: real('target').notNull(),
    /** Null only on rows older than the column; the API always stores one. */
    direction: text('direction', { enum: indicatorDirections }),
    measured: real('measured'),
    measuredAt: integer('measured_at', { mode: 'timestamp_ms' }),
    createdAt: createdAt(),
  },
  (t) => [index('indicators_objective_idx').on(t.objectiveId)],
);
