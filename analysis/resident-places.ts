// The residents' side of strengths and weaknesses: which zones residents perceive as unsafe or
// safe, and which categories weigh most, relative to the territory as a whole.
//
// Rules (defaults configurable, reported in `method`):
// - sources: residents' reports only (source 'resident' or none), whatever sources the request
//   names: this is what residents perceive, police and media figures are not part of it;
//   filters apply first;
// - zone rate per 1,000 residents when every zone has a population, else per km² (exposure.ts),
//   shrunk by Poisson-gamma empirical Bayes towards the territory rate (shrinkage.ts), and the
//   zone's mean intensity by a normal-normal model, so that one report in a small zone does not
//   make it "unsafe" and no report in a small zone does not make it "safe";
// - relative rate = zone rate / territory rate (the listed zones together); relative intensity =
//   zone mean intensity / territory mean intensity (signals without an intensity count as 1);
// - index = relative rate × relative intensity, i.e. the intensity-weighted rate relative to the
//   territory's (1 = as the territory). 'unsafe' when ≥ 1.5, 'safe' when ≤ 0.5, 'average' between;
//   zones with fewer than `minReports` (default 10) reports are flagged `fewReports`;
// - categories: events, share of resident events, mean intensity and its ratio to the territory's;
// - public: only zones whose rounded count reaches k, with rounded counts; the territory rate and
//   mean intensity are computed over those zones from those counts, so a hidden zone's count
//   cannot be recovered as territory rate × exposure − the published zones. Categories below k
//   (after rounding) are dropped, their counts rounded and their shares taken of the rounded total.
import { exposureOf, rateBasis, type RateBasis } from './exposure';
import { signalPredicate } from './filter';
import { disclosureRule, publishedCount, roundToBase } from './privacy';
import { EB_ESTIMATOR } from './shrinkage';
import type { PrivacyOptions, SignalFilter, SignalPoint, ZoneExposure } from './types';
import { meanColumn, rateColumn } from './zone-rates';

export type PlacePerception = 'unsafe' | 'safe' | 'average';

export const DEFAULT_PLACES_MIN_REPORTS = 10;

export interface ResidentPlacesOptions extends PrivacyOptions {
  filter?: SignalFilter;
  unsafeAt?: number;
  safeAt?: number;
  shrinkage?: 'empirical-bayes' | 'none';
  minReports?: number;
}

export interface ResidentZone {
  zoneId: string;
  name?: string;
  signals: number;
  fewReports: boolean;
  /** The scored (shrunk) rate; observedRate is count / exposure. */
  rate: number;
  observedRate: number;
  relativeRate: number;
  meanIntensity: number | null;
  relativeIntensity: number | null;
  index: number;
  perceived: PlacePerception;
}

export interface ResidentCategory {
  category: string;
  signals: number;
  share: number;
  meanIntensity: number;
  relativeIntensity: number;
}

export interface ResidentPlacesResult {
  method: {
    sources: ['resident'];
    sourcesNote: 'residents’ reports only, whatever sources the request names';
    rateBasis: RateBasis;
    shrinkage: string;
    territoryRate: number;
    territoryMeanIntensity: number;
    unsafeAt: number;
    safeAt: number;
    index: 'relative rate × relative intensity';
    fewReports: { below: number; source: 'resident' };
    privacy?: { k: number; base: number; suppressedZones: number; rule: string };
  };
  zones: ResidentZone[];
  categories: ResidentCategory[];
}

export function residentPlaces(signals: readonly SignalPoint[], zones: readonly ZoneExposure[], options: ResidentPlacesOptions = {}): ResidentPlacesResult {
  const unsafeAt = options.unsafeAt ?? 1.5;
  const safeAt = options.safeAt ?? 0.5;
  const shrink = options.shrinkage !== 'none';
  const minReports = options.minReports ?? DEFAULT_PLACES_MIN_REPORTS;
  const keep = signalPredicate(options.filter);
  const perZone = new Map(zones.map((z) => [z.zoneId, { events: 0, intensity: 0, squares: 0 }]));
  const perCategory = new Map<string, { events: number; intensity: number }>();
  let events = 0;
  let intensity = 0;
  for (const s of signals) {
    if ((s.source !== undefined && s.source !== 'resident') || !keep(s)) continue;
    const k = s.count ?? 1;
    const v = s.intensity ?? 1;
    events += k;
    intensity += k * v;
    const z = s.zoneId != null ? perZone.get(s.zoneId) : undefined;
    if (z) {
      z.events += k;
      z.intensity += k * v;
      z.squares += k * v * v;
    }
    for (const c of new Set(s.categories ?? [])) {
      const acc = perCategory.get(c) ?? { events: 0, intensity: 0 };
      acc.events += k;
      acc.intensity += k * v;
      perCategory.set(c, acc);
    }
  }

  // Public: the published zones, with rounded counts; everything below is computed from them.
  const rule = disclosureRule(options);
  const rows = zones.map((zone) => {
    const acc = perZone.get(zone.zoneId)!;
    const mean = acc.events > 0 ? acc.intensity / acc.events : null;
    const sd = acc.events > 1 && mean !== null ? Math.sqrt(Math.max(0, (acc.squares - acc.events * mean * mean) / (acc.events - 1))) : null;
    return { zone, events: acc.events, mean, sd };
  });
  const listed = rule
    ? rows.flatMap((r) => {
        const n = publishedCount(r.events, rule);
        return n === null ? [] : [{ zone: r.zone, events: n, mean: r.mean === null ? null : Math.round(r.mean * 10) / 10, sd: null }];
      })
    : rows;
  const basis = rateBasis(listed.map((r) => r.zone));
  const exposure = listed.map((r) => exposureOf(r.zone, basis));
  const rates = rateColumn(listed.map((r) => r.events), exposure, shrink);
  const means = meanColumn(listed.map((r) => r.mean), listed.map((r) => r.events), listed.map((r) => r.sd), shrink);
  // Territory = the listed (public: published) zones together, so that relative rates average about 1.
  const territoryEvents = listed.reduce((a, r) => a + r.events, 0);
  const territoryExposure = exposure.reduce((a, e) => a + e, 0);
  const territoryRate = territoryExposure > 0 ? territoryEvents / territoryExposure : 0;
  const territoryMeanIntensity = territoryEvents > 0 ? listed.reduce((a, r) => a + (r.mean ?? 0) * r.events, 0) / territoryEvents : 0;

  const out: ResidentZone[] = listed.map((r, i) => {
    const rate = rates.estimate[i] ?? 0;
    const relativeRate = territoryRate > 0 ? rate / territoryRate : 0;
    const meanIntensity = means.estimate[i];
    const relativeIntensity = meanIntensity !== null && territoryMeanIntensity > 0 ? meanIntensity / territoryMeanIntensity : null;
    const index = relativeRate * (relativeIntensity ?? 1);
    const perceived: PlacePerception = index >= unsafeAt ? 'unsafe' : index <= safeAt ? 'safe' : 'average';
    return {
      zoneId: r.zone.zoneId,
      name: r.zone.name,
      signals: r.events,
      fewReports: r.events < minReports,
      rate,
      observedRate: rates.raw[i] ?? 0,
      relativeRate,
      meanIntensity,
      relativeIntensity,
      index,
      perceived,
    };
  });
  // Highest index first; indices equal to 1e-9 (e.g. every zone shrunk to the territory) keep the zones' order.
  const key = (x: number) => Math.round(x * 1e9);
  out.sort((a, b) => key(b.index) - key(a.index));

  // Public: the overall mean to two decimals (with the exact total it would give the exact intensity sum).
  const overallExact = events > 0 ? intensity / events : 0;
  const overallMeanIntensity = rule ? Math.round(overallExact * 100) / 100 : overallExact;
  const categoryTotal = rule ? roundToBase(events, rule.base) : events;
  const categories = [...perCategory.entries()]
    .flatMap(([category, acc]) => {
      const n = rule ? publishedCount(acc.events, rule) : acc.events;
      if (n === null) return [];
      const exact = acc.intensity / acc.events;
      const meanIntensity = rule ? Math.round(exact * 10) / 10 : exact;
      return [{ category, signals: n, share: categoryTotal > 0 ? n / categoryTotal : 0, meanIntensity, relativeIntensity: overallMeanIntensity > 0 ? meanIntensity / overallMeanIntensity : 0 }];
    })
    .sort((a, b) => b.signals - a.signals || a.category.localeCompare(b.category));

  const method: ResidentPlacesResult['method'] = {
    sources: ['resident'],
    sourcesNote: 'residents’ reports only, whatever sources the request names',
    rateBasis: basis,
    shrinkage: shrink ? `${EB_ESTIMATOR}; mean intensity normal-normal` : 'none',
    territoryRate,
    territoryMeanIntensity,
    unsafeAt,
    safeAt,
    index: 'relative rate × relative intensity',
    fewReports: { below: minReports, source: 'resident' },
  };
  if (rule) {
    method.privacy = {
      k: rule.k,
      base: rule.base,
      suppressedZones: zones.length - listed.length,
      rule: 'published zones only (rounded reports ≥ k), counts rounded to the base; territory rate, mean intensity and shrinkage computed over them',
    };
  }
  return { method, zones: out, categories };
}
