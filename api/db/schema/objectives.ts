// Objectives of the pact, set ex ante and judged ex post through their indicators.
import { index, integer, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';
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
  (t) => [index('objectives_diagnosis_idx').on(t.diagnosisId)],
);

export const indicators = sqliteTable(
  'indicators',
  {
    id: id(),
    objectiveId: text('objective_id').notNull().references(() => objectives.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    unit: text('unit').notNull().default(''),
    baseline: real('baseline').notNull(),
    target: real('target').notNull(),
    measured: real('measured'),
    measuredAt: integer('measured_at', { mode: 'timestamp_ms' }),
    createdAt: createdAt(),
  },
  (t) => [index('indicators_objective_idx').on(t.objectiveId)],
);
