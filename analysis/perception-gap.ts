// Perception gap: where residents feel less safe than the recorded events would suggest, and the
// reverse. Perceived insecurity and recorded insecurity are put on the same scale and compared
// zone by zone.
//
// Rules (reported in `method`):
// - sources: "perceived" is what residents say (their reports' rate and mean intensity, and the
//   share of perception-survey respondents feeling unsafe); "recorded" is what police record and
//   media cover. The two sides are never mixed: each is its own index;
// - rates per 1,000 residents when every zone has a population, else per km² (exposure.ts), each
//   shrunk by Poisson-gamma empirical Bayes towards the territory rate (shrinkage.ts), and the mean
//   intensity by a normal-normal model, so that one report in a small zone does not make it the
//   most feared place of the territory;
// - no data is not zero: a zone without rated reports has no intensity, an unsurveyed zone no
//   survey share, and a source with no event anywhere (not imported, or not selected) is left out.
//   A side with no component at all (e.g. no police or media figures) cannot be compared: every
//   zone is then `unplaced`, and the method says which side is missing;
// - standardise: each component becomes a percentile rank across zones (0 = lowest, 1 = highest;
//   ties averaged) — rates are skewed and a single extreme zone must not flatten the others, as it
//   would with z-scores; a side's index is the mean of its available component percentiles, then
//   re-ranked as a percentile so that 0.5 is the median zone on both sides;
// - gap = perceived − recorded, in [−1, 1]; quadrants by a median split: a side is "high" when its
//   percentile is above 0.5 (the median zone itself counts as low);
// - few reports: zones with fewer than `minReports` (default 10) resident reports are flagged;
// - public: published zones only, with rounded counts (zone-publication.ts); percentiles are over
//   them; a survey share is shown only where the zone's rounded reports reach k, to one decimal.
import { percentRanks } from './descriptive';
import { exposureOf, rateBasis, type RateBasis } from './exposure';
import { disclosureRule } from './privacy';
import { EB_ESTIMATOR } from './shrinkage';
import type { PrivacyOptions, SignalSource } from './types';
import { publishZones, signalsOf } from './zone-publication';
import { meanColumn, rateColumn } from './zone-rates';

export type PerceptionQuadrant = 'fear-above-risk' | 'risk-above-fear' | 'both-high' | 'both-low';

export const DEFAULT_GAP_MIN_REPORTS = 10;

export interface PerceptionZoneInput {
  zoneId: string;
  name?: string;
  population?: number | null;
  areaKm2?: number | null;
  residentCount: number;
  residentMeanIntensity?: number | null;
  /** Resident reports with an intensity (default residentCount). */
  residentRated?: number;
  residentIntensitySd?: number | null;
  /** Share (0–1) of perception-survey respondents of the zone who feel unsafe, when surveyed. */
  surveyUnsafeShare?: number | null;
  /** null = no data for this zone (not imported, or not selected). */
  police: number | null;
  media: number | null;
}

export interface PerceptionGapOptions extends PrivacyOptions {
  shrinkage?: 'empirical-bayes' | 'none';
  minReports?: number;
}

export interface PerceptionGapZone {
  zoneId: string;
  name?: string;
  signals: number;
  residentReports: number;
  fewReports: boolean;
  perceived: {
    /** The scored (shrunk) rate; `observedRate` is count / exposure. */
    residentRate: number;
    observedRate: number;
    meanIntensity: number | null;
    surveyUnsafeShare: number | null;
    percentile: number;
  };
  recorded: { policeRate: number | null; mediaRate: number | null; percentile: number };
  gap: number;
  quadrant: PerceptionQuadrant;
}

/** A zone that cannot be placed: one side has no data. */
export interface UnplacedZone {
  zoneId: string;
  name?: string;
  signals: number;
  residentReports: number;
  fewReports: boolean;
  missing: ('perceived' | 'recorded')[];
}

export interface PerceptionGapResult {
  method: {
    sources: { perceived: SignalSource[]; recorded: SignalSource[] };
    perceivedFrom: 'residents: their reports and the perception survey';
    recordedFrom: 'police interventions and media attention';
    rateBasis: RateBasis;
    shrinkage: string;
    standardisation: 'percentile rank across zones';
    perceived: string[];
    recorded: string[];
    /** A side with no component in any zone (the gap cannot be computed). */
    missing: ('perceived' | 'recorded')[];
    split: 'median (percentile > 0.5 is high)';
    gap: 'perceived percentile - recorded percentile';
    fewReports: { below: number; source: 'resident' };
    privacy?: { k: number; base: number; suppressedZones: number; rule: string };
  };
  zones: PerceptionGapZone[];
  unplaced: UnplacedZone[];
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
  return v.length ? v.reduce((a, b) => a + b, 0) / v.length : null;
};

export function perceptionGap(input: readonly PerceptionZoneInput[], options: PerceptionGapOptions = {}): PerceptionGapResult {
  const shrink = options.shrinkage !== 'none';
  const minReports = options.minReports ?? DEFAULT_GAP_MIN_REPORTS;
  const rule = disclosureRule(options);
  const pub = rule ? publishZones(input, rule) : null;
  const zones = pub
    ? pub.zones.map((z) => ({
        ...z,
        surveyUnsafeShare: z.surveyUnsafeShare != null && z.residentCount >= rule!.k ? Math.round(z.surveyUnsafeShare * 10) / 10 : null,
      }))
    : [...input];
  const signals = pub ? pub.signals : zones.map(signalsOf);
  const basis = rateBasis(zones);
  const exposure = zones.map((z) => exposureOf(z, basis));

  const resident = rateColumn(zones.map((z) => z.residentCount), exposure, shrink);
  const police = rateColumn(zones.map((z) => z.police), exposure, shrink);
  const media = rateColumn(zones.map((z) => z.media), exposure, shrink);
  const rated = zones.map((z) => Math.min(z.residentCount, z.residentRated ?? z.residentCount));
  const intensity = meanColumn(zones.map((z, i) => (rated[i] > 0 ? z.residentMeanIntensity : null)), rated, zones.map((z) => z.residentIntensitySd), shrink);
  const survey = zones.map((z) => (z.surveyUnsafeShare != null ? z.surveyUnsafeShare : null));

  const pResident = partialPercentiles(resident.estimate);
  const pIntensity = partialPercentiles(intensity.estimate);
  const pSurvey = partialPercentiles(survey);
  const pPolice = partialPercentiles(police.estimate);
  const pMedia = partialPercentiles(media.estimate);
  const perceivedIndex = zones.map((_, i) => meanOf([pResident[i], pIntensity[i], pSurvey[i]]));
  const recordedIndex = zones.map((_, i) => meanOf([pPolice[i], pMedia[i]]));
  const placed = zones.map((_, i) => i).filter((i) => perceivedIndex[i] !== null && recordedIndex[i] !== null);
  const perceived = placed.length ? percentRanks(placed.map((i) => perceivedIndex[i]!)) : [];
  const recorded = placed.length ? percentRanks(placed.map((i) => recordedIndex[i]!)) : [];

  const common = (i: number) => ({
    zoneId: zones[i].zoneId,
    name: zones[i].name,
    signals: signals[i],
    residentReports: zones[i].residentCount,
    fewReports: zones[i].residentCount < minReports,
  });
  const out: PerceptionGapZone[] = placed.map((i, j) => {
    const highP = perceived[j] > 0.5;
    const highR = recorded[j] > 0.5;
    const quadrant: PerceptionQuadrant = highP && highR ? 'both-high' : highP ? 'fear-above-risk' : highR ? 'risk-above-fear' : 'both-low';
    return {
      ...common(i),
      perceived: {
        residentRate: resident.estimate[i] ?? 0,
        observedRate: resident.raw[i] ?? 0,
        meanIntensity: intensity.estimate[i],
        surveyUnsafeShare: survey[i],
        percentile: perceived[j],
      },
      recorded: { policeRate: police.estimate[i], mediaRate: media.estimate[i], percentile: recorded[j] },
      gap: perceived[j] - recorded[j],
      quadrant,
    };
  });
  const isPlaced = new Set(placed);
  const unplaced: UnplacedZone[] = zones.flatMap((_, i) =>
    isPlaced.has(i)
      ? []
      : [{ ...common(i), missing: [...(perceivedIndex[i] === null ? ['perceived' as const] : []), ...(recordedIndex[i] === null ? ['recorded' as const] : [])] }],
  );
  const perceivedSources: SignalSource[] = resident.fit || intensity.fit || survey.some((x) => x !== null) ? ['resident'] : [];
  const recordedSources: SignalSource[] = [...(media.fit ? (['media'] as const) : []), ...(police.fit ? (['police'] as const) : [])];
  const method: PerceptionGapResult['method'] = {
    sources: { perceived: perceivedSources, recorded: recordedSources },
    perceivedFrom: 'residents: their reports and the perception survey',
    recordedFrom: 'police interventions and media attention',
    rateBasis: basis,
    shrinkage: shrink ? `${EB_ESTIMATOR}; mean intensity normal-normal` : 'none',
    standardisation: 'percentile rank across zones',
    perceived: ['resident signal rate', 'resident mean intensity (zones with rated reports)', 'survey share feeling unsafe (where surveyed)'],
    recorded: [...(police.fit ? ['police rate'] : []), ...(media.fit ? ['media rate'] : [])],
    missing: [...(perceivedSources.length ? [] : ['perceived' as const]), ...(recordedSources.length ? [] : ['recorded' as const])],
    split: 'median (percentile > 0.5 is high)',
    gap: 'perceived percentile - recorded percentile',
    fewReports: { below: minReports, source: 'resident' },
  };
  if (rule && pub) {
    method.privacy = { k: rule.k, base: rule.base, suppressedZones: pub.suppressed, rule: 'published zones only (rounded signals ≥ k), counts rounded to the base; rates, priors and percentiles computed over them' };
  }
  return { method, zones: out, unplaced };
}
