// Signals: every perceived-insecurity record, whatever its source. A resident report is one
// signal; an imported police or media figure is one signal standing for `count` events.
import { index, integer, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { signalSources } from '../../../surveys/taxonomy';
import { diagnoses, zones } from './diagnosis';

/**
 * The state of a report's free text: 'none' (no text), 'pending', 'approved' (may be shown
 * publicly) or 'hidden'. It concerns the text only: a report whose text is hidden still counts in
 * every analysis and public figure (DESIGN.md). Excluding a report is `exclusion`, below.
 */
export const moderationStates = ['none', 'pending', 'approved', 'hidden'] as const;
/** Why a moderator took a whole report out of every analysis and public output. */
export const exclusionReasons = ['abuse', 'spam'] as const;

export type SignalProfile = { age?: string; gender?: string; relation?: string };

export const signals = sqliteTable(
  'signals',
  {
    /** For residents, the UUID their device made: a retry with the same id is stored once. */
    id: text('id').primaryKey(),
    diagnosisId: text('diagnosis_id').notNull().references(() => diagnoses.id, { onDelete: 'cascade' }),
    source: text('source', { enum: signalSources }).notNull(),
    lat: real('lat'),
    lon: real('lon'),
    zoneId: text('zone_id').references(() => zones.id, { onDelete: 'set null' }),
    categories: text('categories', { mode: 'json' }).$type<string[]>().notNull(),
    timeBands: text('time_bands', { mode: 'json' }).$type<string[]>().notNull(),
    days: text('days', { mode: 'json' }).$type<string[]>(),
    /** How unsafe, 1-5 (residents); null for imported figures. */
    intensity: integer('intensity'),
    /** Events this row stands for: 1 for a report, N for an imported monthly figure. */
    count: integer('count').notNull().default(1),
    helps: text('helps', { mode: 'json' }).$type<string[]>(),
    text: text('text'),
    moderation: text('moderation', { enum: moderationStates }).notNull().default('none'),
    moderatedBy: text('moderated_by'),
    moderatedAt: integer('moderated_at', { mode: 'timestamp_ms' }),
    moderationReason: text('moderation_reason'),
    profile: text('profile', { mode: 'json' }).$type<SignalProfile>(),
    perception: text('perception', { mode: 'json' }).$type<Record<string, unknown>>(),
    /** Hash of the submitted content: a replay with other content under the same id is a conflict. */
    contentHash: text('content_hash'),
    /** When the event happened (imported figures: first day of their month). Minute precision. */
    occurredAt: integer('occurred_at', { mode: 'timestamp_ms' }).notNull(),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    // Last in the table, as migration 0003 added them (insert-selects list columns in this order).
    /** Null: the report counts. 'abuse' | 'spam': a moderator excluded it from every analysis and public output. */
    exclusion: text('exclusion', { enum: exclusionReasons }),
    /** The last exclusion decision (exclude or restore): who, when and the moderator's note; the audit log keeps them all. */
    exclusionBy: text('exclusion_by'),
    exclusionAt: integer('exclusion_at', { mode: 'timestamp_ms' }),
    exclusionNote: text('exclusion_note'),
  },
  (t) => [
    index('signals_diagnosis_time_idx').on(t.diagnosisId, t.occurredAt),
    // No (diagnosis, zone) index: every reader of zones groups a whole diagnosis (a scan either
    // way), while each resident insert paid for it in WAL pages (about a sixth of bench:ingest).
    index('signals_moderation_idx').on(t.diagnosisId, t.moderation),
  ],
);
