// Perception gap: where residents feel less safe than the recorded events would suggest, and the
// reverse. Perceived insecurity and recorded insecurity are put on the same scale and compared
// zone by zone.
//
// Rules (reported in `method`):
// - components: perceived = resident signal rate, resident mean intensity (only where the zone
//   has resident signals), share of perception-survey respondents feeling unsafe (only where
//   available); recorded = police rate and media rate. Rates per 1,000 residents when every zone
//   has a population, else per km² (exposure.ts);
// - standardise: each component becomes a percentile rank across zones (0 = lowest, 1 = highest;
//   ties averaged) — rates are skewed and a single extreme zone must not flatten the others, as it
//   would with z-scores; a side's index is the mean of its available component percentiles, then
//   re-ranked as a percentile so that 0.5 is the median zone on both sides;
// - gap = perceived − recorded, in [−1, 1]; quadrants by a median split: a side is "high" when its
//   percentile is above 0.5 (the median zone itself counts as low).
import { percentRanks } from './descriptive';
import { rateBasis, rateOf, type RateBasis } from './exposure';
import { publicK } from './privacy';
import type { PrivacyOptions } from './types';

export type PerceptionQuadrant = 'fear-above-risk' | 'risk-above-fear' | 'both-high' | 'both-low';

export interface PerceptionZoneInput {
  zoneId: string;
  name?: string;
  population?: number | null;
  areaKm2?: number | null;
  residentCount: number;
  residentMeanIntensity?: number | null;
  /** Share (0–1) of perception-survey respondents of the zone who feel unsafe, when surveyed. */
  surveyUnsafeShare?: number | null;
  police: number;
  media: number;
}

export interface PerceptionGapZone {
  zoneId: string;
  name?: string;
  signals: number;
  perceived: { residentRate: number; meanIntensity: number | null; surveyUnsafeShare: number | null; percentile: number };
  recorded: { policeRate: number; mediaRate: number; percentile: number };
  gap: number;
  quadrant: PerceptionQuadrant;
}

export interface PerceptionGapResult {
  method: {
    rateBasis: RateBasis;
    standardisation: 'percentile rank across zones';
    perceived: string[];
    recorded: string[];
    split: 'median (percentile > 0.5 is high)';
    gap: 'perceived percentile - recorded percentile';
    privacy?: { k: number; suppressedZones: number };
  };
  zones: PerceptionGapZone[];
}

/** Percentile ranks of the zones that have a value, null for the others. */
function partialPercentiles(xs: (number | null)[]): (number | null)[] {
  const present = xs.map((x, i) => [x, i] as const).filter((p): p is readonly [number, number] => p[0] !== null);
  const ranks = present.length ? percentRanks(present.map((p) => p[0])) : [];
  const out: (number | null)[] = xs.map(() => null);
  present.forEach(([, i], j) => (out[i] = ranks[j]));
  return out;
}

const meanOf = (xs: (number | null)[]) => {
  const v = xs.filter((x): x is number => x !== null);
  return v.reduce((a, b) => a + b, 0) / v.length;
};

export function perceptionGap(zones: readonly PerceptionZoneInput[], options: PrivacyOptions = {}): PerceptionGapResult {
  const basis = rateBasis(zones);
  const residentRate = zones.map((z) => rateOf(z.residentCount, z, basis));
  const intensity = zones.map((z) => (z.residentCount > 0 && z.residentMeanIntensity != null ? z.residentMeanIntensity : null));
  const survey = zones.map((z) => (z.surveyUnsafeShare != null ? z.surveyUnsafeShare : null));
  const policeRate = zones.map((z) => rateOf(z.police, z, basis));
  const mediaRate = zones.map((z) => rateOf(z.media, z, basis));

  const pResident = partialPercentiles(residentRate);
  const pIntensity = partialPercentiles(intensity);
  const pSurvey = partialPercentiles(survey);
  const pPolice = partialPercentiles(policeRate);
  const pMedia = partialPercentiles(mediaRate);
  const perceivedIndex = zones.map((_, i) => meanOf([pResident[i], pIntensity[i], pSurvey[i]]));
  const recordedIndex = zones.map((_, i) => meanOf([pPolice[i], pMedia[i]]));
  const perceived = zones.length ? percentRanks(perceivedIndex) : [];
  const recorded = zones.length ? percentRanks(recordedIndex) : [];

  let out: PerceptionGapZone[] = zones.map((z, i) => {
    const highP = perceived[i] > 0.5;
    const highR = recorded[i] > 0.5;
    const quadrant: PerceptionQuadrant = highP && highR ? 'both-high' : highP ? 'fear-above-risk' : highR ? 'risk-above-fear' : 'both-low';
    return {
      zoneId: z.zoneId,
      name: z.name,
      signals: z.residentCount + z.police + z.media,
      perceived: { residentRate: residentRate[i], meanIntensity: intensity[i], surveyUnsafeShare: survey[i], percentile: perceived[i] },
      recorded: { policeRate: policeRate[i], mediaRate: mediaRate[i], percentile: recorded[i] },
      gap: perceived[i] - recorded[i],
      quadrant,
    };
  });
  const method: PerceptionGapResult['method'] = {
    rateBasis: basis,
    standardisation: 'percentile rank across zones',
    perceived: ['resident signal rate', 'resident mean intensity (zones with signals)', 'survey share feeling unsafe (where surveyed)'],
    recorded: ['police rate', 'media rate'],
    split: 'median (percentile > 0.5 is high)',
    gap: 'perceived percentile - recorded percentile',
  };
  const k = publicK(options);
  if (k !== null) {
    const kept = out.filter((z) => z.signals >= k);
    method.privacy = { k, suppressedZones: out.length - kept.length };
    out = kept;
  }
  return { method, zones: out };
}
