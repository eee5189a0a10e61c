// Institutions, their personal invitations, and their questionnaire responses with revisions.
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { institutionKindIds } from '../../../surveys/taxonomy';
import { createdAt, id } from './common';
import { areas, diagnoses, municipalities } from './diagnosis';

export const institutions = sqliteTable(
  'institutions',
  {
    id: id(),
    diagnosisId: text('diagnosis_id').notNull().references(() => diagnoses.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    kind: text('kind', { enum: institutionKindIds }).notNull(),
    areaId: text('area_id').references(() => areas.id, { onDelete: 'set null' }),
    municipalityId: text('municipality_id').references(() => municipalities.id, { onDelete: 'set null' }),
    /** Institutional address the invitation goes to (an office, not a person). */
    email: text('email'),
    createdAt: createdAt(),
  },
  (t) => [index('institutions_diagnosis_idx').on(t.diagnosisId)],
);

export const invitations = sqliteTable(
  'invitations',
  {
    id: id(),
    diagnosisId: text('diagnosis_id').notNull().references(() => diagnoses.id, { onDelete: 'cascade' }),
    institutionId: text('institution_id').notNull().references(() => institutions.id, { onDelete: 'cascade' }),
    /** SHA-256 of the token; the token itself is shown once and never stored. */
    tokenHash: text('token_hash').notNull(),
    expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull(),
    revokedAt: integer('revoked_at', { mode: 'timestamp_ms' }),
    firstOpenedAt: integer('first_opened_at', { mode: 'timestamp_ms' }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('invitations_token_uq').on(t.tokenHash),
    index('invitations_institution_idx').on(t.diagnosisId, t.institutionId),
  ],
);

export const responseStatuses = ['draft', 'submitted'] as const;

export const responses = sqliteTable(
  'responses',
  {
    id: id(),
    diagnosisId: text('diagnosis_id').notNull().references(() => diagnoses.id, { onDelete: 'cascade' }),
    institutionId: text('institution_id').notNull().references(() => institutions.id, { onDelete: 'cascade' }),
    answers: text('answers', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
    status: text('status', { enum: responseStatuses }).notNull().default('draft'),
    /** Optimistic concurrency: every save names the version it was based on. */
    version: integer('version').notNull().default(1),
    surveyVersion: integer('survey_version').notNull(),
    submittedAt: integer('submitted_at', { mode: 'timestamp_ms' }),
    createdAt: createdAt(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull().$defaultFn(() => new Date()),
  },
  (t) => [uniqueIndex('responses_institution_uq').on(t.diagnosisId, t.institutionId)],
);

/** Every submission (first or amended) is kept. */
export const responseRevisions = sqliteTable(
  'response_revisions',
  {
    id: id(),
    responseId: text('response_id').notNull().references(() => responses.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    answers: text('answers', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
    surveyVersion: integer('survey_version').notNull(),
    submittedAt: integer('submitted_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [uniqueIndex('response_revisions_uq').on(t.responseId, t.version)],
);
