// Ex-ante / ex-post: what changed between two waves of a diagnosis, per zone, per category and per
// questionnaire dimension, and how far the objectives' indicators have moved.
//
// Rules (reported in `method`):
// - exposure of a wave = its period in units of 30 days, times thousands of residents for zones
//   when every zone of both waves has a population (so a longer wave or a grown zone does not
//   look worse); categories use the period only;
// - counts are compared as Poisson rates with the conditional binomial test (two-sample.ts):
//   exact, "insufficient" under 10 events in both waves together, significant at alpha 0.05;
// - dimensions: difference of mean scores (after − before), Welch t when both waves have ≥ 2
//   respondents and some spread;
// - objectives: share of the way from baseline to target (objectives.ts);
// - public output drops zones and categories with fewer than k signals in either wave.
import { mean } from './descriptive';
import { signalPredicate } from './filter';
import { objectiveProgress, type ObjectiveInput, type ObjectiveProgress } from './objectives';
import { publicK } from './privacy';
import type { InstitutionScores } from './strengths';
import { comparePoissonRates, welchTTest, type RateComparison, type RateTestOptions, type WelchResult } from './two-sample';
import type { PrivacyOptions, SignalFilter, SignalPoint, ZoneExposure } from './types';

export interface WaveInput {
  signals: readonly SignalPoint[];
  /** Length of the wave's observation period in days. */
  periodDays: number;
  /** Zones with their population in that wave; default the zone ids found in the signals. */
  zones?: readonly ZoneExposure[];
  /** Per-respondent dimension scores of the institutions' questionnaire in that wave. */
  institutions?: readonly InstitutionScores[];
}

export interface CompareOptions extends RateTestOptions, PrivacyOptions {
  filter?: SignalFilter;
  objectives?: readonly ObjectiveInput[];
}

export interface DimensionChange {
  dimension: string;
  before: { n: number; mean: number };
  after: { n: number; mean: number };
  difference: number;
  welch: WelchResult | null;
  significant: boolean | null;
}

export interface WaveComparison {
  method: {
    zoneRateUnit: 'events per 1,000 residents per 30 days' | 'events per 30 days';
    categoryRateUnit: 'events per 30 days';
    countTest: 'conditional binomial (Poisson rates), exact up to 100,000 events';
    dimensionTest: 'Welch t';
    alpha: number;
    minTotal: number;
    privacy?: { k: number; suppressedZones: number; suppressedCategories: number };
  };
  zones: (RateComparison & { zoneId: string; name?: string })[];
  categories: (RateComparison & { category: string })[];
  dimensions: DimensionChange[];
  objectives: ObjectiveProgress[];
}

const MONTH_DAYS = 30;

function tally(wave: WaveInput, keep: (s: SignalPoint) => boolean) {
  const zones = new Map<string, number>();
  const categories = new Map<string, number>();
  for (const s of wave.signals) {
    if (!keep(s)) continue;
    const k = s.count ?? 1;
    if (s.zoneId != null) zones.set(s.zoneId, (zones.get(s.zoneId) ?? 0) + k);
    for (const c of new Set(s.categories ?? [])) categories.set(c, (categories.get(c) ?? 0) + k);
  }
  return { zones, categories };
}

function scoresByDimension(rows: readonly InstitutionScores[] = []): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (const r of rows) {
    for (const [d, v] of Object.entries(r.scores)) {
      if (typeof v !== 'number' || !Number.isFinite(v)) continue;
      if (!out.has(d)) out.set(d, []);
      out.get(d)!.push(v);
    }
  }
  return out;
}

export function compareWaves(before: WaveInput, after: WaveInput, options: CompareOptions = {}): WaveComparison {
  for (const w of [before, after]) if (!(w.periodDays > 0)) throw new RangeError(`periodDays must be positive, got ${w.periodDays}`);
  const keep = signalPredicate(options.filter);
  const tb = tally(before, keep);
  const ta = tally(after, keep);
  const testOptions = { alpha: options.alpha, minTotal: options.minTotal };
  const mb = before.periodDays / MONTH_DAYS;
  const ma = after.periodDays / MONTH_DAYS;

  // Zones: the listed ones, or those seen in the signals.
  const zb = new Map((before.zones ?? []).map((z) => [z.zoneId, z]));
  const za = new Map((after.zones ?? []).map((z) => [z.zoneId, z]));
  const ids = before.zones || after.zones ? new Set([...zb.keys(), ...za.keys()]) : new Set([...tb.zones.keys(), ...ta.zones.keys()]);
  const listed = [...zb.values(), ...za.values()];
  const perResident = listed.length > 0 && listed.every((z) => (z.population ?? 0) > 0) && [...ids].every((id) => zb.has(id) && za.has(id));
  const residents = (z: ZoneExposure | undefined) => (perResident ? (z!.population as number) / 1000 : 1);
  let zones = [...ids].map((zoneId) => ({
    zoneId,
    name: zb.get(zoneId)?.name ?? za.get(zoneId)?.name,
    ...comparePoissonRates(
      { count: tb.zones.get(zoneId) ?? 0, exposure: mb * residents(zb.get(zoneId)) },
      { count: ta.zones.get(zoneId) ?? 0, exposure: ma * residents(za.get(zoneId)) },
      testOptions,
    ),
  }));
  let categories = [...new Set([...tb.categories.keys(), ...ta.categories.keys()])].sort().map((category) => ({
    category,
    ...comparePoissonRates({ count: tb.categories.get(category) ?? 0, exposure: mb }, { count: ta.categories.get(category) ?? 0, exposure: ma }, testOptions),
  }));

  const alpha = options.alpha ?? 0.05;
  const db = scoresByDimension(before.institutions);
  const da = scoresByDimension(after.institutions);
  const dimensions: DimensionChange[] = [...new Set([...db.keys(), ...da.keys()])].map((dimension) => {
    const b = db.get(dimension) ?? [];
    const a = da.get(dimension) ?? [];
    const welch = welchTTest(b, a);
    return {
      dimension,
      before: { n: b.length, mean: mean(b) },
      after: { n: a.length, mean: mean(a) },
      difference: mean(a) - mean(b),
      welch,
      significant: welch ? welch.p < alpha : null,
    };
  });

  const method: WaveComparison['method'] = {
    zoneRateUnit: perResident ? 'events per 1,000 residents per 30 days' : 'events per 30 days',
    categoryRateUnit: 'events per 30 days',
    countTest: 'conditional binomial (Poisson rates), exact up to 100,000 events',
    dimensionTest: 'Welch t',
    alpha,
    minTotal: options.minTotal ?? 10,
  };
  const k = publicK(options);
  if (k !== null) {
    const enough = (c: RateComparison) => c.before.count >= k && c.after.count >= k;
    const z0 = zones.length;
    const c0 = categories.length;
    zones = zones.filter(enough);
    categories = categories.filter(enough);
    method.privacy = { k, suppressedZones: z0 - zones.length, suppressedCategories: c0 - categories.length };
  }
  return { method, zones, categories, dimensions, objectives: (options.objectives ?? []).map(objectiveProgress) };
}
