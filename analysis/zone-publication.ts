// What a public zone table may be computed from (privacy.ts): the zones whose signals, rounded
// to the base, reach k, each with its counts rounded. Rates, territory rates, shrinkage priors,
// percentiles and ranks are then computed from these figures alone, so a hidden zone changes
// nothing that is published (it cannot be solved for by subtracting the published zones from a
// territory figure), and ranks run 1..n over the published zones (no gap betrays a hidden one).
// A component whose rounded count is below k counts as 0 ("fewer than k"), which says no more
// than the suppression itself. A mean intensity is published only where the residents' rounded
// count reaches k, to one decimal; the zone's own SD is dropped (the draws pool one SD).
import { publishedCount, type DisclosureRule } from './privacy';

export interface ZoneCounts {
  residentCount: number;
  residentMeanIntensity?: number | null;
  residentIntensitySd?: number | null;
  police?: number | null;
  media?: number | null;
}

export const signalsOf = (z: ZoneCounts) => z.residentCount + (z.police ?? 0) + (z.media ?? 0);

export interface PublishedZones<T> {
  zones: T[];
  /** The published (rounded) signals of each kept zone, in order. */
  signals: number[];
  suppressed: number;
}

export function publishZones<T extends ZoneCounts>(zones: readonly T[], rule: DisclosureRule): PublishedZones<T> {
  const out: T[] = [];
  const signals: number[] = [];
  for (const z of zones) {
    const total = publishedCount(signalsOf(z), rule);
    if (total === null) continue;
    const count = (n: number | null | undefined) => (n == null ? n : (publishedCount(n, rule) ?? 0));
    const residentCount = count(z.residentCount) as number;
    const intensity = residentCount >= rule.k && z.residentMeanIntensity != null ? Math.round(z.residentMeanIntensity * 10) / 10 : null;
    out.push({ ...z, residentCount, residentMeanIntensity: intensity, residentIntensitySd: null, police: count(z.police), media: count(z.media) });
    signals.push(total);
  }
  return { zones: out, signals, suppressed: zones.length - out.length };
}
