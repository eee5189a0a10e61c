// Counts become rates before zones are compared, so that a large or populous zone does not look
// insecure just for being large. One denominator for all zones, so the rates are comparable:
// per 1,000 residents when every zone has a population, otherwise per km² for all of them.
import type { ZoneExposure } from './types';

export type RateBasis = 'per-1000-residents' | 'per-km2';

export function rateBasis(zones: readonly ZoneExposure[]): RateBasis {
  return zones.length > 0 && zones.every((z) => (z.population ?? 0) > 0) ? 'per-1000-residents' : 'per-km2';
}

/** The zone's denominator: thousands of residents or km²; throws when the zone lacks it. */
export function exposureOf(zone: ZoneExposure, basis: RateBasis): number {
  const denominator = basis === 'per-1000-residents' ? (zone.population ?? 0) / 1000 : (zone.areaKm2 ?? 0);
  if (!(denominator > 0)) {
    throw new RangeError(`zone ${zone.zoneId} has no ${basis === 'per-km2' ? 'area (areaKm2 > 0)' : 'population'}: cannot compute a rate ${basis}`);
  }
  return denominator;
}

/** count per 1,000 residents or per km². */
export function rateOf(count: number, zone: ZoneExposure, basis: RateBasis): number {
  return count / exposureOf(zone, basis);
}
