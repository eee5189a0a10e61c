// Ex-ante / ex-post: what changed between two waves of a diagnosis, per zone, per category and per
// questionnaire dimension, and how far the objectives' indicators have moved.
//
// Rules (all reported in `method`):
// - what is counted: the filter's signals, residents only unless it names sources, inside each
//   wave's observation window = the overlap of the filter's dates with the wave's period
//   (compare-window.ts); exposure is that window's length, times thousands of residents for zones
//   when every zone of both waves has a population. A wave outside the filter: "no overlap".
// - zones and categories: each item's share of its wave, conditional on the wave totals, so that
//   a change of participation in the whole territory is not read as a change in every zone;
//   overdispersion across items allowed for (compare-shares.ts). Null hypothesis: "the item's
//   share of the wave's reports is the same in both waves". A category's share is of its wave's
//   category mentions (a report may name several).
// - dimensions: paired t for institutions that answered both waves, Welch otherwise
//   (compare-dimensions.ts).
// - Benjamini-Hochberg within each family (zones, categories, dimensions); `change` at q <= 0.05;
//   "insufficient" under `minTotal` (10) reports in both waves together (not in the family).
// - the territory's own before/after rate is descriptive only: one pair of totals cannot tell a
//   change in insecurity from a change in how many residents took part.
// - public output: counts rounded to the base and rows below k (after rounding) in either wave
//   dropped (privacy.ts) before anything is computed, so every share, rate, dispersion and test
//   is of the published rows only.
import { compareDimensions, type DimensionChange } from './compare-dimensions';
import { compareShares, type FamilyDispersion, type ShareInput, type ShareRow } from './compare-shares';
import { observationWindow, type ObservationWindow, type Period } from './compare-window';
import { signalPredicate } from './filter';
import { objectiveProgress, type ObjectiveInput, type ObjectiveProgress } from './objectives';
import { disclosureRule, publishedCount, type DisclosureRule } from './privacy';
import { sourcesOf, withSources } from './sources';
import type { InstitutionScores } from './strengths';
import type { PrivacyOptions, SignalFilter, SignalPoint, SignalSource, ZoneExposure } from './types';

export type { DimensionChange } from './compare-dimensions';
export type { ShareRow } from './compare-shares';

export interface WaveInput {
  signals: readonly SignalPoint[];
  /** The wave's observation period (ISO dates, inclusive); needed when the filter has dates. null: nothing observed. */
  period?: Period | null;
  /** Length of the observation period in days, when its dates are not known (the CLI). */
  periodDays?: number;
  /** Zones with their population in that wave; default the zone ids found in the signals. */
  zones?: readonly ZoneExposure[];
  /** Per-respondent dimension scores of the institutions' questionnaire in that wave (ids matched across waves). */
  institutions?: readonly InstitutionScores[];
  /** With `prefiltered`: events the filter selects that fall outside the wave's period (not counted). */
  outsidePeriod?: number;
}

export interface CompareOptions extends PrivacyOptions {
  filter?: SignalFilter;
  /**
   * The signals were already selected by `filter` and clipped to each wave's window (the API's
   * column path): only the window lengths and `method` are derived from the filter here.
   */
  prefiltered?: boolean;
  objectives?: readonly ObjectiveInput[];
  /** Below this many reports in both waves together a row is "insufficient". Default 10. */
  minTotal?: number;
  /** FDR level for `change`. Default 0.05. */
  q?: number;
  /** Paired t when at least this many institutions scored a dimension in both waves. Default 5. */
  minPairs?: number;
}

export type ZoneChange = ShareRow & { zoneId: string; name?: string };
export type CategoryChange = ShareRow & { category: string };

export const NULL_HYPOTHESES = {
  zones: "the zone's share of the wave's reports is the same in both waves",
  categories: "the category's share of the wave's category mentions is the same in both waves",
  dimensions: "the dimension's mean score is the same in both waves",
} as const;

export const COUNT_TEST =
  "zone (category) vs the rest of the territory, before vs after, conditional on the wave totals: the larger of the exact binomial p and the quasi-likelihood t p (Pearson residual scaled by the beta-binomial dispersion estimated across the other rows, Student's t on their degrees of freedom)";

export interface WaveComparison {
  method: {
    nullHypothesis: typeof NULL_HYPOTHESES;
    countTest: typeof COUNT_TEST;
    dimensionTest: string;
    correction: 'Benjamini-Hochberg within each family (zones, categories, dimensions)';
    q: number;
    minTotal: number;
    minPairs: number;
    sources: SignalSource[];
    /** Each wave's window, and the filter's events outside its period (not counted: set the wave's dates if they belong). */
    exposure: { before: ObservationWindow & { outsidePeriod: number }; after: ObservationWindow & { outsidePeriod: number }; overlap: boolean };
    zoneRateUnit: 'events per 1,000 residents per 30 days' | 'events per 30 days';
    categoryRateUnit: 'mentions per 30 days';
    dispersion: { zones: FamilyDispersion; categories: FamilyDispersion };
    privacy?: { k: number; base: number; suppressedZones: number; suppressedCategories: number; suppressedDimensions: number };
  };
  /** The zones' reports added up, and their rate ratio: descriptive, not tested (participation confounds it). */
  territory: { before: number; after: number; rateRatio: number | null };
  zones: ZoneChange[];
  categories: CategoryChange[];
  dimensions: DimensionChange[];
  objectives: ObjectiveProgress[];
}

const MONTH_DAYS = 30;

function tally(signals: readonly SignalPoint[], keep: ((s: SignalPoint) => boolean) | null) {
  const zones = new Map<string, number>();
  const categories = new Map<string, number>();
  for (const s of signals) {
    if (keep && !keep(s)) continue;
    const k = s.count ?? 1;
    if (s.zoneId != null) zones.set(s.zoneId, (zones.get(s.zoneId) ?? 0) + k);
    for (const c of new Set(s.categories ?? [])) categories.set(c, (categories.get(c) ?? 0) + k);
  }
  return { zones, categories };
}

/** Events the filter selects in a wave that fall outside its window (object path). */
function outside(w: WaveInput, filter: SignalFilter, win: ObservationWindow, options: CompareOptions): number {
  if (options.prefiltered) return w.outsidePeriod ?? 0;
  const inFilter = signalPredicate(filter);
  const inWindow = win.days > 0 ? windowPredicate(filter, win) : () => false;
  let n = 0;
  for (const s of w.signals) if (inFilter(s) && !inWindow(s)) n += s.count ?? 1;
  return n;
}

/** The counts as published: rounded, and a row dropped when either wave's rounded count is below k. */
export function publishRows<T extends ShareInput>(rows: T[], rule: DisclosureRule | null): { rows: T[]; suppressed: number } {
  if (!rule) return { rows, suppressed: 0 };
  const out: T[] = [];
  for (const r of rows) {
    const b = publishedCount(r.before, rule);
    const a = publishedCount(r.after, rule);
    if (b !== null && a !== null) out.push({ ...r, before: b, after: a });
  }
  return { rows: out, suppressed: rows.length - out.length };
}

/** Signals of one wave inside its window (the object path; the API clips on its columns). */
function windowPredicate(filter: SignalFilter, w: ObservationWindow): (s: SignalPoint) => boolean {
  const keep = signalPredicate({ ...filter, from: undefined, to: undefined });
  if (w.from === null || w.to === null) return keep;
  const from = Date.parse(w.from);
  const to = Date.parse(w.to);
  return (s) => {
    const t = s.createdAt ? Date.parse(s.createdAt) : NaN;
    return t >= from && t <= to && keep(s);
  };
}

export function compareWaves(before: WaveInput, after: WaveInput, options: CompareOptions = {}): WaveComparison {
  const filter = withSources(options.filter);
  const wb = observationWindow(before, filter);
  const wa = observationWindow(after, filter);
  // A period given without any date filter still clips: events outside a wave's period are not its own.
  const clip = (win: ObservationWindow) => (options.prefiltered ? null : win.days > 0 ? windowPredicate(filter, win) : () => false);
  const tb = tally(before.signals, clip(wb));
  const ta = tally(after.signals, clip(wa));
  const mb = wb.days / MONTH_DAYS;
  const ma = wa.days / MONTH_DAYS;
  const rule = disclosureRule(options);
  const familyOptions = { exposureBefore: mb, exposureAfter: ma, minTotal: options.minTotal, q: options.q };

  // Zones: the listed ones, or those seen in the signals.
  const zb = new Map((before.zones ?? []).map((z) => [z.zoneId, z]));
  const za = new Map((after.zones ?? []).map((z) => [z.zoneId, z]));
  const ids = before.zones || after.zones ? new Set([...zb.keys(), ...za.keys()]) : new Set([...tb.zones.keys(), ...ta.zones.keys()]);
  const listed = [...zb.values(), ...za.values()];
  const perResident = listed.length > 0 && listed.every((z) => (z.population ?? 0) > 0) && [...ids].every((id) => zb.has(id) && za.has(id));
  const residents = (z: ZoneExposure | undefined) => (perResident ? (z!.population as number) / 1000 : 1);
  const zoneInputs = publishRows(
    [...ids].map((zoneId) => ({ key: zoneId, before: tb.zones.get(zoneId) ?? 0, after: ta.zones.get(zoneId) ?? 0, weightBefore: residents(zb.get(zoneId)), weightAfter: residents(za.get(zoneId)) })),
    rule,
  );
  const zoneFamily = compareShares(zoneInputs.rows, familyOptions);
  const zones: ZoneChange[] = zoneFamily.rows.map((r) => ({ zoneId: r.key, name: zb.get(r.key)?.name ?? za.get(r.key)?.name, ...r }));

  const categoryInputs = publishRows(
    [...new Set([...tb.categories.keys(), ...ta.categories.keys()])].sort().map((c) => ({ key: c, before: tb.categories.get(c) ?? 0, after: ta.categories.get(c) ?? 0 })),
    rule,
  );
  const categoryFamily = compareShares(categoryInputs.rows, familyOptions);
  const categories: CategoryChange[] = categoryFamily.rows.map((r) => ({ category: r.key, ...r }));

  let dimensions = compareDimensions(before.institutions, after.institutions, { minPairs: options.minPairs, q: options.q });
  let suppressedDimensions = 0;
  if (rule) {
    // A mean of fewer than k institutions is not published (nor tested for the public).
    const kept = new Set(dimensions.filter((d) => d.before.n >= rule.k && d.after.n >= rule.k).map((d) => d.dimension));
    suppressedDimensions = dimensions.length - kept.size;
    const keepInst = (rows: readonly InstitutionScores[] = []) => rows.map((r) => ({ ...r, scores: Object.fromEntries(Object.entries(r.scores).filter(([d]) => kept.has(d))) }));
    dimensions = compareDimensions(keepInst(before.institutions), keepInst(after.institutions), { minPairs: options.minPairs, q: options.q });
  }

  const totalB = zoneInputs.rows.reduce((s, r) => s + r.before, 0);
  const totalA = zoneInputs.rows.reduce((s, r) => s + r.after, 0);
  const method: WaveComparison['method'] = {
    nullHypothesis: NULL_HYPOTHESES,
    countTest: COUNT_TEST,
    dimensionTest: `paired t on the differences when at least ${options.minPairs ?? 5} institutions answered both waves, else Welch t`,
    correction: 'Benjamini-Hochberg within each family (zones, categories, dimensions)',
    q: options.q ?? 0.05,
    minTotal: options.minTotal ?? 10,
    minPairs: options.minPairs ?? 5,
    sources: sourcesOf(filter),
    exposure: {
      before: { ...wb, outsidePeriod: outside(before, filter, wb, options) },
      after: { ...wa, outsidePeriod: outside(after, filter, wa, options) },
      overlap: wb.days > 0 && wa.days > 0,
    },
    zoneRateUnit: perResident ? 'events per 1,000 residents per 30 days' : 'events per 30 days',
    categoryRateUnit: 'mentions per 30 days',
    dispersion: { zones: zoneFamily.dispersion, categories: categoryFamily.dispersion },
  };
  if (rule) method.privacy = { k: rule.k, base: rule.base, suppressedZones: zoneInputs.suppressed, suppressedCategories: categoryInputs.suppressed, suppressedDimensions };
  return {
    method,
    territory: { before: totalB, after: totalA, rateRatio: mb > 0 && ma > 0 && totalB > 0 ? totalA / ma / (totalB / mb) : null },
    zones,
    categories,
    dimensions,
    objectives: (options.objectives ?? []).map(objectiveProgress),
  };
}
