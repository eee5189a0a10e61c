// Shapes shared by the diagnosis methods. The API maps database rows onto these; the CLI maps CSV
// rows onto them; nothing here knows where the data came from.
import type { CategoryId, DayKind, InstitutionKind, SignalSource, TimeBand } from '../surveys/taxonomy';

export type { CategoryId, DayKind, InstitutionKind, SignalSource, TimeBand };

/** One signal (resident report, police or media record). Imported aggregates stand for `count` events. */
export interface SignalPoint {
  lat: number;
  lon: number;
  /** Analyst weight, default 1. */
  weight?: number;
  /** Imported aggregates: one row may stand for N events, default 1. */
  count?: number;
  source?: SignalSource;
  categories?: string[];
  /** 'morning' | 'afternoon' | 'evening' | 'night' */
  timeBands?: string[];
  dayKind?: DayKind;
  /** ISO 8601 */
  createdAt?: string;
  zoneId?: string | null;
  /** Resident-rated intensity, 1..5 */
  intensity?: number;
}

/** Filters applied before any aggregation. Every set filter excludes signals that lack the field. */
export interface SignalFilter {
  /** ISO date or date-time, inclusive. */
  from?: string;
  /** ISO date or date-time, inclusive; a date-only value means the end of that day (UTC). */
  to?: string;
  categories?: string[];
  sources?: SignalSource[];
  timeBands?: string[];
  dayKind?: DayKind;
}

/**
 * Options shared by outputs that may be published: counts are rounded to a multiple of `base` and a
 * cell or zone whose rounded count is below k is not shown (privacy.ts).
 */
export interface PrivacyOptions {
  public?: boolean;
  /** Minimum rounded count for a public cell or zone (DESIGN.md: per diagnosis, default 5). */
  k?: number;
  /** Public counts are rounded to the nearest multiple of this (per diagnosis, default 5). */
  base?: number;
}

export const DEFAULT_K = 5;
export const DEFAULT_ROUNDING_BASE = 5;

/** Exposure of a zone, used to turn counts into rates. */
export interface ZoneExposure {
  zoneId: string;
  name?: string;
  population?: number | null;
  areaKm2?: number | null;
}

/** A rejected CSV row: 1-based line number (the header is line 1), the column, and why. */
export interface RowError {
  line: number;
  field: string;
  message: string;
}
