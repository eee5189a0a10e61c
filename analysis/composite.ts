// Composite zone index: one number per zone combining residents' reports, police interventions,
// media attention, residents' intensity and institutions' places of concern, with the
// uncertainty of its ranks stated, so that nobody reads more into a league table than the data
// support.
//
// Rules (reported in `method`):
// - sources: the one analysis that combines residents, police and media, deliberately and with
//   stated weights (analysis/sources.ts); each is its own component, never summed into another;
// - rates: resident, police and media counts per 1,000 residents when every zone has a population,
//   else per km² (exposure.ts), each shrunk by Poisson-gamma empirical Bayes towards the territory
//   rate (Marshall's global moments, shrinkage.ts), so one report in a small zone does not top the
//   table; the residents' mean intensity (1–5) likewise by a normal-normal model; concern (how
//   many institutions name the zone) is used as it is;
// - no data is not zero: a zone without rated reports has no intensity, a source with no event in
//   the whole territory (not imported or not selected) is no data for every zone. A zone's
//   composite is the weighted mean of the components it has (weights renormalised over them);
//   a zone whose components carry less than `minWeightShare` (default half) of the weight is not
//   ranked. A component equal in every zone ranks nothing and is left out (`uninformative`);
// - scale: min–max to 0–100 across zones (default) or percentile rank × 100;
// - rank: 1 = highest composite; ties share the better rank;
// - uncertainty: `draws` (default 1,000; fewer above 250 zones, see defaultDraws) seeded draws of every zone's rates from their gamma
//   posteriors and of its intensity from its normal posterior, rescaled and ranked each time
//   (ties broken at random); a zone's rank interval is the 5th–95th percentile of its ranks
//   (`level` 0.9). The sampling sensitivity is Spearman's rho between the ranking and each draw's
//   ranking, and between pairs of draws; the ±20 % weight scenarios are kept beside it;
// - few reports: a zone with fewer than `minReports` (default 10) resident reports is flagged;
// - public: only zones whose rounded signals reach k are used, with rounded counts
//   (zone-publication.ts), so rates, the territory rate, priors and ranks are over published zones.
import { averageRanks, descendingRanks, percentRanks, spearman } from './descriptive';
import { exposureOf, rateBasis, type RateBasis } from './exposure';
import { disclosureRule } from './privacy';
import { rankDraws, type ComponentDraw } from './rank-intervals';
import { EB_ESTIMATOR, type PoissonGammaFit } from './shrinkage';
import type { PrivacyOptions, SignalSource } from './types';
import { publishZones, signalsOf } from './zone-publication';
import { meanColumn, rateColumn, type RateColumn } from './zone-rates';

export const COMPOSITE_COMPONENTS = ['resident', 'intensity', 'police', 'media', 'concern'] as const;
export type CompositeComponent = (typeof COMPOSITE_COMPONENTS)[number];
export const RATE_COMPONENTS = ['resident', 'police', 'media'] as const;
export type RateComponent = (typeof RATE_COMPONENTS)[number];
type ByComponent<T = number> = Record<CompositeComponent, T>;

export const DEFAULT_MIN_REPORTS = 10;
/**
 * Posterior draws by default: 1,000 up to 250 zones, then 250,000 / zones (at least 400), so that
 * the draws stay about a quarter of a million zone-draws (≈ 0.1 s) however many zones there are.
 */
export const defaultDraws = (zones: number) => Math.max(400, Math.min(1000, Math.ceil(250_000 / Math.max(1, zones))));
export const DEFAULT_LEVEL = 0.9;
export const DEFAULT_MIN_WEIGHT_SHARE = 0.5;
export const DEFAULT_SEED = 12;

export interface CompositeZoneInput {
  zoneId: string;
  name: string;
  population?: number | null;
  areaKm2: number;
  residentCount: number;
  residentMeanIntensity: number | null;
  /** Resident reports with an intensity (default residentCount). */
  residentRated?: number;
  /** SD of the zone's intensities, when known (pooled across zones for the intensity model). */
  residentIntensitySd?: number | null;
  /** Police interventions; null = no data for this zone (not imported, or not selected). */
  police: number | null;
  media: number | null;
  /** Institutions naming the zone as a place of concern; null = no questionnaire asked it. */
  concern: number | null;
}

export interface CompositeOptions extends PrivacyOptions {
  weights?: Partial<ByComponent>;
  scaling?: 'min-max' | 'percentile';
  /** Weight multipliers of the sensitivity report; default [0.8, 1.2]. */
  sensitivityFactors?: number[];
  /** 'empirical-bayes' (default) or 'none' (raw rates and means, as before; draws then use Jeffreys posteriors). */
  shrinkage?: 'empirical-bayes' | 'none';
  /** Posterior draws for the rank intervals (0: none; default defaultDraws(zones)). */
  draws?: number;
  seed?: number;
  /** Coverage of the rank interval, default 0.9. */
  level?: number;
  minReports?: number;
  minWeightShare?: number;
}

export interface CompositeZone {
  zoneId: string;
  name: string;
  /** Signals behind the zone's figures (resident + police + media); rounded when public. */
  signals: number;
  residentReports: number;
  /** Fewer than method.fewReports.below resident reports: the rank rests on little. */
  fewReports: boolean;
  /** Components this zone has no data for (left out of its composite). */
  missing: CompositeComponent[];
  /** Raw rates (count / exposure), null = no data. */
  observed: Record<RateComponent, number | null>;
  /** The values scored: shrunk rates, shrunk mean intensity, concern; null = no data. */
  normalised: ByComponent<number | null>;
  /** 0–100; null = no data or a component left out. */
  scaled: ByComponent<number | null>;
  composite: number;
  rank: number;
  /** The `level` interval of the zone's rank over the posterior draws; null without draws. */
  rankInterval: { lower: number; upper: number } | null;
}

/** A zone whose available components carry too little of the weight to be ranked. */
export interface UnrankedZone {
  zoneId: string;
  name: string;
  signals: number;
  residentReports: number;
  fewReports: boolean;
  missing: CompositeComponent[];
  composite: null;
  rank: null;
}

export interface SensitivityScenario {
  component: CompositeComponent;
  factor: number;
  weights: ByComponent;
  ranks: Record<string, number>;
  maxShift: number;
  meanShift: number;
  spearman: number;
}

export interface SamplingSensitivity {
  draws: number;
  level: number;
  /** Spearman's rho between the ranking and each draw's ranking: median and 5th percentile. */
  spearmanMedian: number | null;
  spearmanLow: number | null;
  /** Median rho between two independent draws (what two samples of the same truth would agree on). */
  betweenDraws: number | null;
  /** Mean width (upper − lower + 1) of the rank intervals, in places. */
  meanIntervalWidth: number;
}

export interface CompositeResult {
  method: {
    sources: SignalSource[];
    combination: string;
    concern: 'institutions naming the zone as a place of concern (questionnaires)' | null;
    rateBasis: RateBasis;
    rates: RateComponent[];
    shrinkage: { estimator: string; priors: Partial<Record<RateComponent, { mean: number; variance: number }>>; intensity: { mean: number; between: number; within: number } | null } | 'none';
    scaling: 'min-max 0-100' | 'percentile 0-100';
    /** Effective weights: over the components used, summing to 1 (0 for those left out). */
    weights: ByComponent;
    /** Components with no data in any zone (left out, weights renormalised). */
    missingComponents: CompositeComponent[];
    /** Components equal in every zone (left out: they rank nothing). */
    uninformative: CompositeComponent[];
    missingRule: string;
    rank: '1 = highest composite';
    rankInterval: { level: number; draws: number; seed: number; from: string } | null;
    fewReports: { below: number; source: 'resident' };
    note?: string;
    privacy?: { k: number; base: number; suppressedZones: number; rule: string };
  };
  /** Ranked zones, sorted by rank. */
  zones: CompositeZone[];
  unranked: UnrankedZone[];
  sensitivity: {
    sampling: SamplingSensitivity | null;
    scenarios: SensitivityScenario[];
    zones: { zoneId: string; maxShift: number; meanShift: number }[];
  };
}

const SOURCE_OF: Record<RateComponent, SignalSource> = { resident: 'resident', police: 'police', media: 'media' };

function normaliseWeights(w: ByComponent, use: readonly CompositeComponent[]): ByComponent {
  const total = use.reduce((a, c) => a + w[c], 0);
  return Object.fromEntries(COMPOSITE_COMPONENTS.map((c) => [c, total > 0 && use.includes(c) ? w[c] / total : 0])) as ByComponent;
}

/** Scale the present values of one column to 0–100 in place (NaN = absent). */
function scaleInPlace(xs: Float64Array, out: Float64Array, scaling: 'min-max' | 'percentile'): void {
  if (scaling === 'percentile') {
    const idx: number[] = [];
    for (let i = 0; i < xs.length; i++) if (!Number.isNaN(xs[i])) idx.push(i);
    const p = idx.length ? percentRanks(idx.map((i) => xs[i])) : [];
    out.fill(NaN);
    idx.forEach((i, j) => (out[i] = p[j] * 100));
    return;
  }
  let min = Infinity;
  let max = -Infinity;
  for (const x of xs) {
    if (Number.isNaN(x)) continue;
    if (x < min) min = x;
    if (x > max) max = x;
  }
  const span = max - min;
  for (let i = 0; i < xs.length; i++) out[i] = Number.isNaN(xs[i]) ? NaN : span > 0 ? ((xs[i] - min) / span) * 100 : 0;
}

/** Weighted mean of the present components; rounded so that sums equal in exact arithmetic tie. */
function compositeOf(scaled: Record<string, Float64Array>, use: readonly CompositeComponent[], w: ByComponent, i: number): number {
  let s = 0;
  let t = 0;
  for (const c of use) {
    const v = scaled[c][i];
    if (Number.isNaN(v)) continue;
    s += w[c] * v;
    t += w[c];
  }
  return t > 0 ? Math.round((s / t) * 1e9) / 1e9 : 0;
}

const toNull = (x: number) => (Number.isNaN(x) ? null : x);

export function compositeIndex(input: readonly CompositeZoneInput[], options: CompositeOptions = {}): CompositeResult {
  const scaling = options.scaling ?? 'min-max';
  const stated: ByComponent = { resident: 1, intensity: 1, police: 1, media: 1, concern: 1, ...options.weights };
  for (const c of COMPOSITE_COMPONENTS) if (!(stated[c] >= 0)) throw new RangeError(`weight of ${c} must be ≥ 0`);
  if (!COMPOSITE_COMPONENTS.some((c) => stated[c] > 0)) throw new RangeError('composite weights must not all be zero');
  const shrink = options.shrinkage !== 'none';
  const level = options.level ?? DEFAULT_LEVEL;
  const seed = options.seed ?? DEFAULT_SEED;
  const minReports = options.minReports ?? DEFAULT_MIN_REPORTS;
  const minShare = options.minWeightShare ?? DEFAULT_MIN_WEIGHT_SHARE;
  if (!(level > 0 && level < 1)) throw new RangeError('level must be in (0, 1)');

  // Public: published zones only, with rounded counts; everything below is computed from them.
  const rule = disclosureRule(options);
  const pub = rule ? publishZones(input, rule) : null;
  const zones = pub ? pub.zones : [...input];
  const signals = pub ? pub.signals : zones.map(signalsOf);
  const n = zones.length;
  const drawsN = options.draws ?? defaultDraws(n);
  const basis = rateBasis(zones);
  const exposure = zones.map((z) => exposureOf(z, basis));

  const rates: Record<RateComponent, RateColumn> = {
    resident: rateColumn(zones.map((z) => z.residentCount), exposure, shrink),
    police: rateColumn(zones.map((z) => z.police), exposure, shrink),
    media: rateColumn(zones.map((z) => z.media), exposure, shrink),
  };
  const rated = zones.map((z) => Math.min(z.residentCount, z.residentRated ?? z.residentCount));
  const intensity = meanColumn(
    zones.map((z, i) => (rated[i] > 0 ? z.residentMeanIntensity : null)),
    rated,
    zones.map((z) => z.residentIntensitySd),
    shrink,
  );
  const concern = zones.map((z) => (z.concern == null ? null : z.concern));
  const values: Record<CompositeComponent, (number | null)[]> = {
    resident: rates.resident.estimate,
    intensity: intensity.estimate,
    police: rates.police.estimate,
    media: rates.media.estimate,
    concern,
  };

  // Which components the index uses: weighted, with data somewhere, and not equal everywhere.
  const missingComponents: CompositeComponent[] = [];
  const uninformative: CompositeComponent[] = [];
  const use: CompositeComponent[] = [];
  for (const c of COMPOSITE_COMPONENTS) {
    if (!(stated[c] > 0)) continue;
    const present = values[c].filter((v): v is number => v !== null);
    if (present.length === 0) missingComponents.push(c);
    else if (Math.max(...present) - Math.min(...present) <= 1e-12 * Math.max(1, Math.abs(present[0]))) uninformative.push(c);
    else use.push(c);
  }
  const weights = normaliseWeights(stated, use);

  const column = (c: CompositeComponent) => Float64Array.from(values[c], (v) => (v === null ? NaN : v));
  const base: Record<string, Float64Array> = {};
  const scaledBase: Record<string, Float64Array> = {};
  for (const c of COMPOSITE_COMPONENTS) {
    base[c] = column(c);
    scaledBase[c] = new Float64Array(n).fill(NaN);
    if (use.includes(c)) scaleInPlace(base[c], scaledBase[c], scaling);
  }
  const missingOf = (i: number) => COMPOSITE_COMPONENTS.filter((c) => stated[c] > 0 && values[c][i] === null);
  // Share of the used weight a zone's own components carry.
  const shareOf = (i: number) => (use.length === 0 ? 1 : use.reduce((a, c) => a + (values[c][i] === null ? 0 : weights[c]), 0));
  const rankedIdx = zones.map((_, i) => i).filter((i) => shareOf(i) >= minShare);
  const m = rankedIdx.length;
  const baseComposite = rankedIdx.map((i) => compositeOf(scaledBase, use, weights, i));
  const baseRanks = competitionRanks(baseComposite);

  // Posterior draws of every component the index uses, ranked each time (rank-intervals.ts).
  const drawOf = (c: CompositeComponent): ComponentDraw => {
    if (c === 'resident' || c === 'police' || c === 'media') {
      const col = rates[c];
      const fit = col.fit as PoissonGammaFit;
      const shape = new Float64Array(n).fill(NaN);
      const rate = new Float64Array(n);
      const point = new Float64Array(n);
      col.counts.forEach((y, i) => {
        if (y === null) return;
        if (!shrink) {
          // Without shrinkage, each raw rate's own uncertainty: the Jeffreys posterior Gamma(y + ½, e).
          shape[i] = y + 0.5;
          rate[i] = exposure[i];
        } else if (fit.shape === null || fit.rate === null) {
          shape[i] = 1;
          rate[i] = Infinity;
          point[i] = fit.mean;
        } else {
          shape[i] = fit.shape + y;
          rate[i] = fit.rate + exposure[i];
        }
      });
      return { kind: 'gamma', shape, rate, point };
    }
    if (c === 'intensity') {
      return { kind: 'normal', mean: base.intensity, sd: Float64Array.from(intensity.sd, (x) => x ?? 0), lo: 1, hi: 5 };
    }
    return { kind: 'fixed', value: base[c] };
  };
  const drawn = rankDraws({
    n,
    components: use.map((c) => ({ draw: drawOf(c), weight: weights[c] })),
    scaling,
    ranked: rankedIdx,
    baseComposite,
    draws: drawsN,
    seed,
    level,
  });
  const intervals = rankedIdx.map((_, j) => (drawsN > 0 ? drawn.intervals[j] : null));

  // ±20 % weights, on the ranked zones.
  const factors = options.sensitivityFactors ?? [0.8, 1.2];
  const scenarios: SensitivityScenario[] = [];
  const shifts: number[][] = rankedIdx.map(() => []);
  for (const component of use) {
    for (const factor of factors) {
      const w = normaliseWeights({ ...weights, [component]: weights[component] * factor }, use);
      const ranks = competitionRanks(rankedIdx.map((i) => compositeOf(scaledBase, use, w, i)));
      const shift = ranks.map((r, j) => Math.abs(r - baseRanks[j]));
      shift.forEach((s, j) => shifts[j].push(s));
      scenarios.push({
        component,
        factor,
        weights: w,
        ranks: Object.fromEntries(rankedIdx.map((i, j) => [zones[i].zoneId, ranks[j]])),
        maxShift: Math.max(0, ...shift),
        meanShift: shift.length ? shift.reduce((a, b) => a + b, 0) / shift.length : 0,
        spearman: m > 1 ? nullToOne(spearman(baseRanks, ranks)) : 1,
      });
    }
  }

  const common = (i: number) => ({
    zoneId: zones[i].zoneId,
    name: zones[i].name,
    signals: signals[i],
    residentReports: zones[i].residentCount,
    fewReports: zones[i].residentCount < minReports,
    missing: missingOf(i),
  });
  const out: CompositeZone[] = rankedIdx.map((i, j) => ({
    ...common(i),
    observed: { resident: rates.resident.raw[i], police: rates.police.raw[i], media: rates.media.raw[i] },
    normalised: Object.fromEntries(COMPOSITE_COMPONENTS.map((c) => [c, values[c][i]])) as ByComponent<number | null>,
    scaled: Object.fromEntries(COMPOSITE_COMPONENTS.map((c) => [c, toNull(scaledBase[c][i])])) as ByComponent<number | null>,
    composite: baseComposite[j],
    rank: baseRanks[j],
    rankInterval: intervals[j],
  }));
  const ranked = new Set(rankedIdx);
  const unranked: UnrankedZone[] = zones.flatMap((_, i) => (ranked.has(i) ? [] : [{ ...common(i), composite: null, rank: null }]));
  const zoneShifts = rankedIdx.map((i, j) => ({
    zoneId: zones[i].zoneId,
    maxShift: Math.max(0, ...shifts[j]),
    meanShift: shifts[j].length ? shifts[j].reduce((a, b) => a + b, 0) / shifts[j].length : 0,
  }));

  const sources = RATE_COMPONENTS.filter((c) => rates[c].fit !== null && stated[c] > 0).map((c) => SOURCE_OF[c]).sort();
  const priors: Partial<Record<RateComponent, { mean: number; variance: number }>> = {};
  for (const c of RATE_COMPONENTS) if (rates[c].fit) priors[c] = { mean: rates[c].fit!.mean, variance: rates[c].fit!.variance };
  const method: CompositeResult['method'] = {
    sources,
    combination:
      'deliberate: residents’ reports, police interventions and media attention measure different things and stay separate components, each a rate shrunk on its own, combined only here with the stated weights',
    concern: use.includes('concern') || uninformative.includes('concern') ? 'institutions naming the zone as a place of concern (questionnaires)' : null,
    rateBasis: basis,
    rates: [...RATE_COMPONENTS],
    shrinkage: shrink
      ? { estimator: EB_ESTIMATOR, priors, intensity: intensity.fit ? { mean: intensity.fit.mean, between: intensity.fit.between, within: intensity.fit.within } : null }
      : 'none',
    scaling: scaling === 'min-max' ? 'min-max 0-100' : 'percentile 0-100',
    weights,
    missingComponents,
    uninformative,
    missingRule: `a component a zone has no data for is left out of its composite and the weights renormalised over the rest; a zone whose components carry less than ${Math.round(minShare * 100)} % of the weight is not ranked`,
    rank: '1 = highest composite',
    rankInterval: drawsN > 0
      ? { level, draws: drawsN, seed, from: shrink ? 'gamma posterior of each rate, normal posterior of mean intensity, concern fixed; ties broken at random' : 'Jeffreys gamma posterior of each raw rate, normal sampling error of mean intensity, concern fixed' }
      : null,
    fewReports: { below: minReports, source: 'resident' },
  };
  if (use.length === 0) method.note = 'no component varies across zones: the zones cannot be told apart';
  if (rule && pub) {
    method.privacy = { k: rule.k, base: rule.base, suppressedZones: pub.suppressed, rule: 'published zones only (rounded signals ≥ k), counts rounded to the base; rates, priors and ranks computed over them' };
  }
  const order = out.map((z, j) => j).sort((a, b) => out[a].rank - out[b].rank || out[a].name.localeCompare(out[b].name));
  const sampling: SamplingSensitivity | null =
    drawsN > 0 && m > 0
      ? {
          draws: drawsN,
          level,
          spearmanMedian: drawn.spearmanMedian,
          spearmanLow: drawn.spearmanLow,
          betweenDraws: drawn.betweenDraws,
          meanIntervalWidth: intervals.reduce((a, iv) => a + (iv ? iv.upper - iv.lower + 1 : 0), 0) / m,
        }
      : null;
  return {
    method,
    zones: order.map((j) => out[j]),
    unranked,
    sensitivity: { sampling, scenarios, zones: order.map((j) => zoneShifts[j]) },
  };
}

const nullToOne = (x: number) => (Number.isNaN(x) ? 1 : x);

/** Competition ranks, highest first (1, 2, 2, 4), in O(n log n). */
function competitionRanks(xs: readonly number[]): number[] {
  const order = xs.map((_, i) => i).sort((a, b) => xs[b] - xs[a]);
  const ranks = new Array<number>(xs.length);
  order.forEach((i, r) => (ranks[i] = r > 0 && xs[order[r - 1]] === xs[i] ? ranks[order[r - 1]] : r + 1));
  return ranks;
}
