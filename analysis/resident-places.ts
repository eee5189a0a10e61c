// The residents' side of strengths and weaknesses: which zones residents perceive as unsafe or
// safe, and which categories weigh most, relative to the territory as a whole.
//
// Rules (defaults configurable, reported in `method`):
// - resident signals are those with source 'resident' (or no source); filters apply first;
// - zone rate per 1,000 residents when every zone has a population, else per km² (exposure.ts);
// - relative rate = zone rate / territory rate (all listed zones together); relative intensity =
//   zone mean intensity / territory mean intensity (signals without an intensity count as 1);
// - index = relative rate × relative intensity, i.e. the intensity-weighted rate relative to the
//   territory's (1 = as the territory). 'unsafe' when ≥ 1.5, 'safe' when ≤ 0.5, 'average' between;
// - categories: events, share of resident events, mean intensity and its ratio to the territory's;
// - public output drops zones with fewer than k signals; the territory rates still count them.
import { exposureOf, rateBasis, rateOf, type RateBasis } from './exposure';
import { signalPredicate } from './filter';
import { publicK } from './privacy';
import type { PrivacyOptions, SignalFilter, SignalPoint, ZoneExposure } from './types';

export type PlacePerception = 'unsafe' | 'safe' | 'average';

export interface ResidentPlacesOptions extends PrivacyOptions {
  filter?: SignalFilter;
  unsafeAt?: number;
  safeAt?: number;
}

export interface ResidentZone {
  zoneId: string;
  name?: string;
  signals: number;
  rate: number;
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
  method: { rateBasis: RateBasis; territoryRate: number; territoryMeanIntensity: number; unsafeAt: number; safeAt: number; index: 'relative rate × relative intensity'; privacy?: { k: number; suppressedZones: number } };
  zones: ResidentZone[];
  categories: ResidentCategory[];
}

export function residentPlaces(signals: readonly SignalPoint[], zones: readonly ZoneExposure[], options: ResidentPlacesOptions = {}): ResidentPlacesResult {
  const unsafeAt = options.unsafeAt ?? 1.5;
  const safeAt = options.safeAt ?? 0.5;
  const keep = signalPredicate(options.filter);
  const basis = rateBasis(zones);
  const perZone = new Map(zones.map((z) => [z.zoneId, { events: 0, intensity: 0 }]));
  const perCategory = new Map<string, { events: number; intensity: number }>();
  let events = 0;
  let intensity = 0;
  let zoneEvents = 0;
  let zoneIntensity = 0;
  for (const s of signals) {
    if ((s.source !== undefined && s.source !== 'resident') || !keep(s)) continue;
    const k = s.count ?? 1;
    const i = k * (s.intensity ?? 1);
    events += k;
    intensity += i;
    const z = s.zoneId != null ? perZone.get(s.zoneId) : undefined;
    if (z) {
      z.events += k;
      z.intensity += i;
      zoneEvents += k;
      zoneIntensity += i;
    }
    for (const c of new Set(s.categories ?? [])) {
      const acc = perCategory.get(c) ?? { events: 0, intensity: 0 };
      acc.events += k;
      acc.intensity += i;
      perCategory.set(c, acc);
    }
  }
  // Territory = the listed zones together, so that relative rates average out to about 1.
  const territoryExposure = zones.reduce((a, z) => a + exposureOf(z, basis), 0);
  const territoryRate = territoryExposure > 0 ? zoneEvents / territoryExposure : 0;
  const territoryMeanIntensity = zoneEvents > 0 ? zoneIntensity / zoneEvents : 0;
  const overallMeanIntensity = events > 0 ? intensity / events : 0;

  let out: ResidentZone[] = zones.map((zone) => {
    const acc = perZone.get(zone.zoneId)!;
    const rate = rateOf(acc.events, zone, basis);
    const relativeRate = territoryRate > 0 ? rate / territoryRate : 0;
    const meanIntensity = acc.events > 0 ? acc.intensity / acc.events : null;
    const relativeIntensity = meanIntensity !== null && territoryMeanIntensity > 0 ? meanIntensity / territoryMeanIntensity : null;
    const index = relativeRate * (relativeIntensity ?? 1);
    const perceived: PlacePerception = index >= unsafeAt ? 'unsafe' : index <= safeAt ? 'safe' : 'average';
    return { zoneId: zone.zoneId, name: zone.name, signals: acc.events, rate, relativeRate, meanIntensity, relativeIntensity, index, perceived };
  });
  const method: ResidentPlacesResult['method'] = { rateBasis: basis, territoryRate, territoryMeanIntensity, unsafeAt, safeAt, index: 'relative rate × relative intensity' };
  const k = publicK(options);
  if (k !== null) {
    const kept = out.filter((z) => z.signals >= k);
    method.privacy = { k, suppressedZones: out.length - kept.length };
    out = kept;
  }
  out.sort((a, b) => b.index - a.index);
  const categories = [...perCategory.entries()]
    .map(([category, acc]) => {
      const meanIntensity = acc.intensity / acc.events;
      return { category, signals: acc.events, share: acc.events / events, meanIntensity, relativeIntensity: overallMeanIntensity > 0 ? meanIntensity / overallMeanIntensity : 0 };
    })
    .filter((c) => k === null || c.signals >= k)
    .sort((a, b) => b.signals - a.signals || a.category.localeCompare(b.category));
  return { method, zones: out, categories };
}
