// The residents' public summary as published for one refresh window. It is computed once per
// window, from the reports made before the window began, and stored so every request of the
// window (on any process or Workers isolate) gets the same figures: polling within a window
// learns nothing, and no request can make the figures move.
import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { diagnoses } from './diagnosis';

/** What the snapshot keeps: the published (rounded, suppressed) figures, and which texts the window shows. */
export type SummarySnapshot = {
  zones: { zoneId: string; name: string; count: number }[];
  categories: { id: string; count: number }[];
  /** Sum of the published zone counts (never a figure that includes hidden zones). */
  shownTotal: number;
  /** Whether the reports behind the window reach k once rounded (below it nothing is shown). */
  overK: boolean;
  /** Approved texts chosen for the window, by signal id; each is re-read at every answer, so a text hidden since drops out at once. */
  textIds: string[];
};

export const publicSummaries = sqliteTable('public_summaries', {
  diagnosisId: text('diagnosis_id')
    .primaryKey()
    .references(() => diagnoses.id, { onDelete: 'cascade' }),
  /** Start of the window: the snapshot counts the reports created before it. */
  windowStart: integer('window_start', { mode: 'timestamp_ms' }).notNull(),
  /** The rule it was computed with: a change of k or base by staff makes a new snapshot. */
  k: integer('k').notNull(),
  base: integer('base').notNull(),
  body: text('body', { mode: 'json' }).$type<SummarySnapshot>().notNull(),
});

/**
 * The secret of each diagnosis's record keys (analysis/privacy.ts, cell-key perturbation of the
 * public summary): made once, at random, the first time a summary is computed, and kept for good,
 * apart from the snapshots (which are dropped and remade), so an unchanged zone keeps its figure
 * from window to window. Never sent to any client: with it, anyone could undo the perturbation.
 */
export const publicSummaryKeys = sqliteTable('public_summary_keys', {
  diagnosisId: text('diagnosis_id')
    .primaryKey()
    .references(() => diagnoses.id, { onDelete: 'cascade' }),
  /** The polynomial's coefficients, a JSON array of integers in [0, 2^31 − 1). */
  secret: text('secret', { mode: 'json' }).$type<number[]>().notNull(),
  createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
});
