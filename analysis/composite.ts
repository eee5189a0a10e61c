// Composite zone index: one number per zone combining what residents, police, media and
// institutions say, with a sensitivity report so that nobody reads more into a rank than the
// weights support.
//
// Rules (reported in `method`):
// - normalise: resident signals, police and media become rates — per 1,000 residents when every
//   zone has a population, else per km² for all zones (exposure.ts). Resident mean intensity (1–5,
//   0 where a zone has no resident signal) and concern (institutions naming the zone as a place of
//   concern: a judgement, not an exposure-driven count) are used as they are;
// - scale: min–max to 0–100 across zones (default; a component equal in every zone scores 0 — it
//   cannot rank anything), or percentile rank × 100 (robust to one extreme zone);
// - weight: default equal, any non-negative weights, renormalised to sum 1; composite in 0–100;
// - rank: 1 = highest composite (most insecure); ties share the better rank;
// - sensitivity: each component's weight × 0.8 and × 1.2 (then renormalised); per scenario the
//   ranks, the max and mean absolute rank shift and Spearman's rho with the base ranking; per zone
//   the max and mean absolute shift across all scenarios.
import { descendingRanks, percentRanks, spearman } from './descriptive';
import { rateBasis, rateOf, type RateBasis } from './exposure';
import { publicK } from './privacy';
import type { PrivacyOptions } from './types';

export const COMPOSITE_COMPONENTS = ['resident', 'intensity', 'police', 'media', 'concern'] as const;
export type CompositeComponent = (typeof COMPOSITE_COMPONENTS)[number];
type ByComponent = Record<CompositeComponent, number>;

export interface CompositeZoneInput {
  zoneId: string;
  name: string;
  population?: number | null;
  areaKm2: number;
  residentCount: number;
  residentMeanIntensity: number | null;
  police: number;
  media: number;
  /** Number of institutions naming the zone as a place of concern. */
  concern: number;
}

export interface CompositeOptions extends PrivacyOptions {
  weights?: Partial<ByComponent>;
  scaling?: 'min-max' | 'percentile';
  /** Weight multipliers of the sensitivity report; default [0.8, 1.2]. */
  sensitivityFactors?: number[];
}

export interface CompositeZone {
  zoneId: string;
  name: string;
  /** Signals behind the zone's figures (resident + police + media), for k-suppression. */
  signals: number;
  normalised: ByComponent;
  scaled: ByComponent;
  composite: number;
  rank: number;
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

export interface CompositeResult {
  method: {
    rateBasis: RateBasis;
    rates: CompositeComponent[];
    scaling: 'min-max 0-100' | 'percentile 0-100';
    weights: ByComponent;
    rank: '1 = highest composite';
    privacy?: { k: number; suppressedZones: number };
  };
  /** Sorted by rank. */
  zones: CompositeZone[];
  sensitivity: {
    scenarios: SensitivityScenario[];
    zones: { zoneId: string; maxShift: number; meanShift: number }[];
  };
}

const RATES: CompositeComponent[] = ['resident', 'police', 'media'];

function normaliseWeights(w: ByComponent): ByComponent {
  const total = COMPOSITE_COMPONENTS.reduce((a, c) => a + w[c], 0);
  if (!(total > 0)) throw new RangeError('composite weights must not all be zero');
  return Object.fromEntries(COMPOSITE_COMPONENTS.map((c) => [c, w[c] / total])) as ByComponent;
}

function scaleColumn(xs: number[], scaling: 'min-max' | 'percentile'): number[] {
  if (scaling === 'percentile') return percentRanks(xs).map((p) => p * 100);
  const min = Math.min(...xs);
  const max = Math.max(...xs);
  return xs.map((x) => (max > min ? ((x - min) / (max - min)) * 100 : 0));
}

// Round before ranking so that sums equal in exact arithmetic rank as ties.
const composites = (scaled: ByComponent[], w: ByComponent) =>
  scaled.map((s) => Math.round(COMPOSITE_COMPONENTS.reduce((a, c) => a + w[c] * s[c], 0) * 1e9) / 1e9);

export function compositeIndex(zones: readonly CompositeZoneInput[], options: CompositeOptions = {}): CompositeResult {
  const scaling = options.scaling ?? 'min-max';
  const raw: ByComponent = { resident: 1, intensity: 1, police: 1, media: 1, concern: 1, ...options.weights };
  for (const c of COMPOSITE_COMPONENTS) if (!(raw[c] >= 0)) throw new RangeError(`weight of ${c} must be ≥ 0`);
  const weights = normaliseWeights(raw);
  const basis = rateBasis(zones);

  const normalised: ByComponent[] = zones.map((z) => ({
    resident: rateOf(z.residentCount, z, basis),
    intensity: z.residentCount > 0 ? (z.residentMeanIntensity ?? 0) : 0,
    police: rateOf(z.police, z, basis),
    media: rateOf(z.media, z, basis),
    concern: z.concern,
  }));
  const columns = COMPOSITE_COMPONENTS.map((c) => scaleColumn(normalised.map((n) => n[c]), scaling));
  const scaled: ByComponent[] = zones.map((_, i) => Object.fromEntries(COMPOSITE_COMPONENTS.map((c, j) => [c, columns[j][i]])) as ByComponent);
  const base = composites(scaled, weights);
  const baseRanks = descendingRanks(base);

  const factors = options.sensitivityFactors ?? [0.8, 1.2];
  const scenarios: SensitivityScenario[] = [];
  const shifts: number[][] = zones.map(() => []);
  for (const component of COMPOSITE_COMPONENTS) {
    for (const factor of factors) {
      const w = normaliseWeights({ ...weights, [component]: weights[component] * factor });
      const ranks = descendingRanks(composites(scaled, w));
      const shift = ranks.map((r, i) => Math.abs(r - baseRanks[i]));
      shift.forEach((s, i) => shifts[i].push(s));
      scenarios.push({
        component,
        factor,
        weights: w,
        ranks: Object.fromEntries(zones.map((z, i) => [z.zoneId, ranks[i]])),
        maxShift: Math.max(0, ...shift),
        meanShift: shift.length ? shift.reduce((a, b) => a + b, 0) / shift.length : 0,
        spearman: zones.length > 1 ? spearman(baseRanks, ranks) : 1,
      });
    }
  }

  let out: CompositeZone[] = zones.map((z, i) => ({
    zoneId: z.zoneId,
    name: z.name,
    signals: z.residentCount + z.police + z.media,
    normalised: normalised[i],
    scaled: scaled[i],
    composite: base[i],
    rank: baseRanks[i],
  }));
  let zoneShifts = zones.map((z, i) => ({
    zoneId: z.zoneId,
    maxShift: Math.max(0, ...shifts[i]),
    meanShift: shifts[i].length ? shifts[i].reduce((a, b) => a + b, 0) / shifts[i].length : 0,
  }));
  const method: CompositeResult['method'] = {
    rateBasis: basis,
    rates: RATES,
    scaling: scaling === 'min-max' ? 'min-max 0-100' : 'percentile 0-100',
    weights,
    rank: '1 = highest composite',
  };
  // Ranks are computed on every zone; zones below k are then left out of what is published.
  const k = publicK(options);
  if (k !== null) {
    const hidden = new Set(out.filter((z) => z.signals < k).map((z) => z.zoneId));
    out = out.filter((z) => !hidden.has(z.zoneId));
    zoneShifts = zoneShifts.filter((z) => !hidden.has(z.zoneId));
    for (const s of scenarios) for (const id of hidden) delete s.ranks[id];
    method.privacy = { k, suppressedZones: hidden.size };
  }
  out.sort((a, b) => a.rank - b.rank || a.name.localeCompare(b.name));
  return { method, zones: out, sensitivity: { scenarios, zones: zoneShifts } };
}
