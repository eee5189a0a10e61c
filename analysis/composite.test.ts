import { describe, expect, it } from 'vitest';
import { compositeIndex, type CompositeZoneInput } from './composite';

const zone = (zoneId: string, over: Partial<CompositeZoneInput>): CompositeZoneInput => ({
  zoneId,
  name: zoneId.toUpperCase(),
  population: 1000,
  areaKm2: 1,
  residentCount: 0,
  residentMeanIntensity: null,
  police: 0,
  media: 0,
  concern: 0,
  ...over,
});

describe('compositeIndex', () => {
  const zones = [
    zone('a', { population: 2000, residentCount: 40, residentMeanIntensity: 4, police: 20, media: 4, concern: 3 }),
    zone('b', { population: 1000, residentCount: 10, residentMeanIntensity: 2, police: 10, media: 0, concern: 1 }),
    zone('c', { population: 4000, residentCount: 8, residentMeanIntensity: 3, police: 4, media: 2, concern: 0 }),
  ];

  it('normalises per 1,000 residents, scales min–max and weights equally', () => {
    const r = compositeIndex(zones);
    expect(r.method.rateBasis).toBe('per-1000-residents');
    const a = r.zones.find((z) => z.zoneId === 'a')!;
    // rates per 1,000: resident a 20, b 10, c 2; police a 10, b 10, c 1; media a 2, b 0, c 0.5
    expect(a.normalised).toEqual({ resident: 20, intensity: 4, police: 10, media: 2, concern: 3 });
    expect(a.scaled).toEqual({ resident: 100, intensity: 100, police: 100, media: 100, concern: 100 });
    const b = r.zones.find((z) => z.zoneId === 'b')!;
    expect(b.scaled.resident).toBeCloseTo((8 / 18) * 100, 9);
    expect(b.scaled.police).toBe(100);
    expect(b.composite).toBeCloseTo(((8 / 18) * 100 + 0 + 100 + 0 + (1 / 3) * 100) / 5, 6);
    expect(r.zones.map((z) => z.zoneId)).toEqual(['a', 'b', 'c']);
    expect(r.zones.map((z) => z.rank)).toEqual([1, 2, 3]);
  });

  it('falls back to per km² for every zone when one population is missing', () => {
    const r = compositeIndex([zone('a', { population: null, areaKm2: 2, police: 4 }), zone('b', { areaKm2: 0.5, police: 4 })]);
    expect(r.method.rateBasis).toBe('per-km2');
    expect(r.zones.find((z) => z.zoneId === 'b')!.normalised.police).toBe(8);
  });

  it('honours weights and percentile scaling', () => {
    const onlyPolice = compositeIndex(zones, { weights: { resident: 0, intensity: 0, media: 0, concern: 0, police: 2 } });
    expect(onlyPolice.method.weights.police).toBe(1);
    expect(onlyPolice.zones.map((z) => z.rank)).toEqual([1, 1, 3]); // a and b tie on police rate
    const pct = compositeIndex(zones, { scaling: 'percentile' });
    expect(pct.zones.find((z) => z.zoneId === 'c')!.scaled.resident).toBe(0);
    expect(() => compositeIndex(zones, { weights: { resident: -1 } })).toThrow(RangeError);
  });

  it('reports rank sensitivity to ±20 % weights', () => {
    const close = [
      zone('a', { residentCount: 10, police: 0 }),
      zone('b', { residentCount: 0, police: 10 }),
      zone('c', { residentCount: 1, police: 1 }),
    ];
    const r = compositeIndex(close, { weights: { intensity: 0, media: 0, concern: 0 } });
    expect(r.sensitivity.scenarios).toHaveLength(10);
    const up = r.sensitivity.scenarios.find((s) => s.component === 'resident' && s.factor === 1.2)!;
    expect(up.ranks).toEqual({ a: 1, b: 2, c: 3 });
    expect(up.maxShift).toBe(1);
    expect(r.zones.map((z) => z.rank)).toEqual([1, 1, 3]); // a and b tie at equal weights
    expect(up.meanShift).toBeCloseTo(1 / 3, 12);
    expect(r.sensitivity.zones.find((z) => z.zoneId === 'c')!.maxShift).toBe(0);
    const unchanged = r.sensitivity.scenarios.find((s) => s.component === 'media')!;
    expect(unchanged.spearman).toBeCloseTo(1, 12);
  });

  it('drops zones with fewer than k signals from public output, keeping the ranks', () => {
    const r = compositeIndex(zones, { public: true, k: 20 });
    // signals: a 64, b 20, c 14
    expect(r.zones.map((z) => z.zoneId)).toEqual(['a', 'b']);
    expect(r.zones.map((z) => z.rank)).toEqual([1, 2]);
    expect(r.method.privacy).toEqual({ k: 20, suppressedZones: 1 });
    expect(r.sensitivity.scenarios[0].ranks).not.toHaveProperty('c');
    expect(r.sensitivity.zones.map((z) => z.zoneId)).toEqual(['a', 'b']);
  });
});
