import { describe, expect, it } from 'vitest';
import { perceptionGap, type PerceptionZoneInput } from './perception-gap';

const z = (zoneId: string, residentCount: number, police: number | null, over: Partial<PerceptionZoneInput> = {}): PerceptionZoneInput => ({
  zoneId,
  population: 1000,
  residentCount,
  police,
  media: police,
  ...over,
});

describe('perceptionGap', () => {
  it('puts zones in the four quadrants by a median split of percentile ranks', () => {
    const r = perceptionGap([z('fear', 50, 1), z('risk', 1, 50), z('both', 40, 40), z('calm', 2, 2), z('mid', 10, 10)]);
    const q = Object.fromEntries(r.zones.map((x) => [x.zoneId, x.quadrant]));
    expect(q).toEqual({ fear: 'fear-above-risk', risk: 'risk-above-fear', both: 'both-high', calm: 'both-low', mid: 'both-low' });
    const fear = r.zones.find((x) => x.zoneId === 'fear')!;
    expect(fear.perceived.percentile).toBe(1);
    expect(fear.recorded.percentile).toBe(0);
    expect(fear.gap).toBe(1);
    expect(r.method.rateBasis).toBe('per-1000-residents');
  });

  it('uses intensity and survey shares where available, and no intensity without rated reports', () => {
    const r = perceptionGap([
      z('a', 10, 5, { residentMeanIntensity: 5, surveyUnsafeShare: 0.8 }),
      z('b', 10, 5, { residentMeanIntensity: 1, surveyUnsafeShare: 0.2 }),
      z('c', 0, 5, { residentMeanIntensity: 4 }),
    ], { shrinkage: 'none' });
    const byId = Object.fromEntries(r.zones.map((x) => [x.zoneId, x]));
    expect(byId.c.perceived.meanIntensity).toBeNull();
    expect(byId.a.perceived.percentile).toBeGreaterThan(byId.b.perceived.percentile);
    expect(byId.b.perceived.percentile).toBeGreaterThan(byId.c.perceived.percentile);
  });

  it('says which sources are perceived and which recorded', () => {
    const r = perceptionGap([z('a', 10, 5), z('b', 3, 8)]);
    expect(r.method.sources).toEqual({ perceived: ['resident'], recorded: ['media', 'police'] });
    expect(r.method.perceivedFrom).toMatch(/residents/);
    expect(r.method.recordedFrom).toMatch(/police/);
    const noMedia = perceptionGap([z('a', 10, 5, { media: null }), z('b', 3, 8, { media: 0 })]);
    expect(noMedia.method.sources.recorded).toEqual(['police']);
    expect(noMedia.method.recorded).toEqual(['police rate']);
  });

  it('does not place zones when there are no recorded figures at all', () => {
    // Defect: with no police or media figures every zone's recorded percentile was 0.5 (a tie of
    // zeros), and zones were called "fear above risk" against a risk nobody had measured.
    const r = perceptionGap([z('a', 30, 0), z('b', 3, 0), z('c', 12, 0)]);
    expect(r.zones).toEqual([]);
    expect(r.unplaced.map((x) => x.missing)).toEqual([['recorded'], ['recorded'], ['recorded']]);
    expect(r.method.missing).toEqual(['recorded']);
  });

  it('shrinks a one-report rate in a tiny zone instead of calling it the most feared place', () => {
    // H0 (by construction): every zone has about the same resident rate; one tiny zone has 1 report.
    const zones = [z('tiny', 1, 0, { population: 30 }), ...Array.from({ length: 12 }, (_, i) => z(`z${i}`, 8 + (i % 5) * 3, 5 + (i % 3)))];
    const raw = perceptionGap(zones, { shrinkage: 'none' });
    expect(raw.zones.find((x) => x.zoneId === 'tiny')!.perceived.percentile).toBe(1); // the defect
    const r = perceptionGap(zones);
    const tiny = r.zones.find((x) => x.zoneId === 'tiny')!;
    expect(tiny.perceived.observedRate).toBeCloseTo(1000 / 30, 9);
    expect(tiny.perceived.percentile).toBeLessThan(0.9);
    expect(tiny.fewReports).toBe(true);
    expect(r.method.fewReports.below).toBe(10);
  });

  it('public: percentiles over published zones only, nothing that depends on a hidden zone', () => {
    const zones = [z('hidden', 1, 0), z('a', 12, 8), z('b', 30, 3), z('c', 6, 21)];
    const options = { public: true, k: 5, base: 5 } as const;
    const r = perceptionGap(zones, options);
    expect(r.zones.map((x) => x.zoneId)).toEqual(['a', 'b', 'c']);
    expect(r.method.privacy).toMatchObject({ k: 5, base: 5, suppressedZones: 1 });
    for (const x of r.zones) expect(x.signals % 5).toBe(0);
    expect(r.zones.map((x) => x.perceived.percentile).sort()).toEqual([0, 0.5, 1]);
    const moved = perceptionGap([z('hidden', 2, 0), ...zones.slice(1)], options);
    expect(moved).toEqual(r);
  });
});
