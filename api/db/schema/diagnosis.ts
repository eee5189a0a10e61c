// A diagnosis (one campaign, one wave) and its territory: areas, municipalities, zones.
import { sql } from 'drizzle-orm';
import { type AnySQLiteColumn, index, integer, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { createdAt, id } from './common';

import type { PolygonGeometry } from '../../../analysis/geometry';

export type { PolygonGeometry };

export const diagnosisStatuses = ['draft', 'open', 'closed'] as const;
export const waves = ['ex-ante', 'ex-post'] as const;

export type DiagnosisSettings = {
  /** Tile URL template for the resident map; the default OpenStreetMap is used when absent. */
  tileUrl?: string;
  tileAttribution?: string;
  /** Composite-index weights per component; equal when absent. */
  indexWeights?: Record<string, number>;
  /** Date range the wave covers (ISO dates). */
  periodFrom?: string;
  periodTo?: string;
  /** Public counts are rounded to a multiple of this before k applies (default 5). */
  roundingBase?: number;
  /** Hours between refreshes of the residents' public summary, windows aligned on UTC midnight of 1970-01-01 (default 24). */
  summaryRefreshHours?: number;
};

export const diagnoses = sqliteTable(
  'diagnoses',
  {
    id: id(),
    slug: text('slug').notNull(),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    status: text('status', { enum: diagnosisStatuses }).notNull().default('draft'),
    wave: text('wave', { enum: waves }).notNull().default('ex-ante'),
    previousWaveId: text('previous_wave_id').references((): AnySQLiteColumn => diagnoses.id),
    /** Public aggregates hide any cell or zone with fewer than k signals. */
    kThreshold: integer('k_threshold').notNull().default(5),
    settings: text('settings', { mode: 'json' }).$type<DiagnosisSettings>().notNull().default(sql`'{}'`),
    isDemo: integer('is_demo', { mode: 'boolean' }).notNull().default(false),
    /** Bumped on every write that changes the evidence, so cached analyses know they are stale. */
    dataVersion: integer('data_version').notNull().default(0),
    createdAt: createdAt(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull().$defaultFn(() => new Date()),
  },
  (t) => [uniqueIndex('diagnoses_slug_uq').on(t.slug)],
);

export const areas = sqliteTable(
  'areas',
  {
    id: id(),
    diagnosisId: text('diagnosis_id').notNull().references(() => diagnoses.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('areas_diagnosis_idx').on(t.diagnosisId)],
);

export const municipalities = sqliteTable(
  'municipalities',
  {
    id: id(),
    diagnosisId: text('diagnosis_id').notNull().references(() => diagnoses.id, { onDelete: 'cascade' }),
    areaId: text('area_id').references(() => areas.id, { onDelete: 'set null' }),
    /** ISTAT municipality code (6 digits). */
    istatCode: text('istat_code').notNull(),
    name: text('name').notNull(),
    population: integer('population').notNull(),
    /** Municipal boundary; the diagnosis territory is the union of these. */
    geometry: text('geometry', { mode: 'json' }).$type<PolygonGeometry>(),
    createdAt: createdAt(),
  },
  (t) => [
    index('municipalities_diagnosis_idx').on(t.diagnosisId),
    uniqueIndex('municipalities_istat_uq').on(t.diagnosisId, t.istatCode),
  ],
);

export const zones = sqliteTable(
  'zones',
  {
    id: id(),
    diagnosisId: text('diagnosis_id').notNull().references(() => diagnoses.id, { onDelete: 'cascade' }),
    municipalityId: text('municipality_id').references(() => municipalities.id, { onDelete: 'set null' }),
    name: text('name').notNull(),
    /** e.g. piazza, parco, stazione, strada, quartiere */
    kind: text('kind').notNull().default('quartiere'),
    geometry: text('geometry', { mode: 'json' }).$type<PolygonGeometry>().notNull(),
    // Bounding box: the first filter of every point-in-zone lookup.
    minLon: real('min_lon').notNull(),
    minLat: real('min_lat').notNull(),
    maxLon: real('max_lon').notNull(),
    maxLat: real('max_lat').notNull(),
    areaKm2: real('area_km2').notNull(),
    /** Residents living in the zone, when known (rates per 1,000 residents). */
    population: integer('population'),
    createdAt: createdAt(),
  },
  (t) => [
    index('zones_diagnosis_idx').on(t.diagnosisId),
    index('zones_bbox_idx').on(t.diagnosisId, t.minLon, t.maxLon, t.minLat, t.maxLat),
  ],
);
