import { describe, expect, it } from 'vitest';
import { residentPlaces } from './resident-places';
import type { SignalPoint, ZoneExposure } from './types';

const zones: ZoneExposure[] = [
  { zoneId: 'station', population: 1000 },
  { zoneId: 'park', population: 1000 },
  { zoneId: 'centre', population: 2000 },
];
const sig = (zoneId: string, n: number, intensity: number, categories: string[], source: SignalPoint['source'] = 'resident'): SignalPoint[] =>
  Array.from({ length: n }, () => ({ lat: 45, lon: 7, zoneId, intensity, categories, source }));

describe('residentPlaces', () => {
  const signals = [...sig('station', 20, 4, ['drugs']), ...sig('park', 2, 2, ['lighting']), ...sig('centre', 8, 2, ['theft', 'drugs']), ...sig('station', 50, 5, ['drugs'], 'police')];

  it('rates zones against the territory, weighting by intensity', () => {
    const r = residentPlaces(signals, zones);
    // territory: 30 signals / 4 thousand residents = 7.5; mean intensity (80 + 4 + 16) / 30
    expect(r.method.territoryRate).toBe(7.5);
    expect(r.method.territoryMeanIntensity).toBeCloseTo(100 / 30, 12);
    const station = r.zones.find((z) => z.zoneId === 'station')!;
    expect(station.rate).toBe(20);
    expect(station.relativeRate).toBeCloseTo(20 / 7.5, 12);
    expect(station.relativeIntensity).toBeCloseTo(4 / (100 / 30), 12);
    expect(station.perceived).toBe('unsafe');
    expect(r.zones.find((z) => z.zoneId === 'park')!.perceived).toBe('safe');
    expect(r.zones.find((z) => z.zoneId === 'centre')!.perceived).toBe('safe'); // 4/7.5 × 0.6 = 0.32
    expect(r.zones[0].zoneId).toBe('station');
  });

  it('profiles categories by share and relative intensity', () => {
    const r = residentPlaces(signals, zones);
    expect(r.categories[0]).toMatchObject({ category: 'drugs', signals: 28, share: 28 / 30 });
    expect(r.categories[0].meanIntensity).toBeCloseTo(96 / 28, 12);
  });

  it('suppresses zones and categories below k in public output', () => {
    const r = residentPlaces(signals, zones, { public: true, k: 5 });
    expect(r.zones.map((z) => z.zoneId)).toEqual(['station', 'centre']);
    expect(r.categories.map((c) => c.category)).toEqual(['drugs', 'theft']);
  });
});
