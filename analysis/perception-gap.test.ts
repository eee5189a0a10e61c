import { describe, expect, it } from 'vitest';
import { perceptionGap, type PerceptionZoneInput } from './perception-gap';

const z = (zoneId: string, residentCount: number, police: number, over: Partial<PerceptionZoneInput> = {}): PerceptionZoneInput => ({
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

  it('uses intensity and survey shares where available', () => {
    const r = perceptionGap([
      z('a', 10, 5, { residentMeanIntensity: 5, surveyUnsafeShare: 0.8 }),
      z('b', 10, 5, { residentMeanIntensity: 1, surveyUnsafeShare: 0.2 }),
      z('c', 0, 5, { residentMeanIntensity: 4 }),
    ]);
    const byId = Object.fromEntries(r.zones.map((x) => [x.zoneId, x]));
    expect(byId.c.perceived.meanIntensity).toBeNull(); // no resident signal, no intensity
    expect(byId.a.perceived.percentile).toBeGreaterThan(byId.b.perceived.percentile);
    expect(byId.b.perceived.percentile).toBeGreaterThan(byId.c.perceived.percentile);
  });

  it('suppresses zones below k in public output', () => {
    const r = perceptionGap([z('a', 1, 1), z('b', 10, 10)], { public: true, k: 5 });
    expect(r.zones.map((x) => x.zoneId)).toEqual(['b']);
    expect(r.method.privacy).toEqual({ k: 5, suppressedZones: 1 });
  });
});
