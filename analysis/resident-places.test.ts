import { describe, expect, it } from 'vitest';
import { exposureOf } from './exposure';
import { residentPlaces } from './resident-places';
import { poissonDraw, seededRng } from './shrinkage';
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

  it('rates zones against the territory, weighting by intensity (raw rates)', () => {
    const r = residentPlaces(signals, zones, { shrinkage: 'none' });
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

  it('reads residents only and says so', () => {
    const r = residentPlaces(signals, zones);
    expect(r.method.sources).toEqual(['resident']);
    expect(r.method.sourcesNote).toMatch(/residents’ reports only/);
    expect(r.zones.reduce((a, z) => a + z.signals, 0)).toBe(30); // the 50 police events are not counted
  });

  it('profiles categories by share and relative intensity', () => {
    const r = residentPlaces(signals, zones);
    expect(r.categories[0]).toMatchObject({ category: 'drugs', signals: 28, share: 28 / 30 });
    expect(r.categories[0].meanIntensity).toBeCloseTo(96 / 28, 12);
  });

  it('does not call a small zone unsafe on one report, nor safe on none', () => {
    // H0 (by construction): the same true rate everywhere; 'tiny' has 50 residents and 1 report,
    // 'empty' 50 residents and none. Raw rates call them unsafe (×2.6) and safe (×0).
    const many = Array.from({ length: 10 }, (_, i) => ({ zoneId: `z${i}`, population: 1000 }));
    const counts = [7, 9, 6, 8, 10, 7, 8, 9, 6, 8];
    const all: ZoneExposure[] = [...many, { zoneId: 'tiny', population: 50 }, { zoneId: 'empty', population: 50 }];
    const s = [...many.flatMap((z, i) => sig(z.zoneId, counts[i], 3, ['theft'])), ...sig('tiny', 1, 3, ['theft'])];
    const raw = residentPlaces(s, all, { shrinkage: 'none' });
    expect(raw.zones.find((z) => z.zoneId === 'tiny')!.perceived).toBe('unsafe'); // the defect
    expect(raw.zones.find((z) => z.zoneId === 'empty')!.perceived).toBe('safe');
    const r = residentPlaces(s, all);
    const tiny = r.zones.find((z) => z.zoneId === 'tiny')!;
    expect(tiny.observedRate).toBe(20);
    expect(tiny.perceived).toBe('average');
    expect(tiny.fewReports).toBe(true);
    expect(r.zones.find((z) => z.zoneId === 'empty')!.perceived).toBe('average');
  });

  it('calibration and power: equal rates are rarely called unsafe or safe; a 3× zone is unsafe', () => {
    // H0: every zone has the same true rate (8 per 1,000) and intensity; populations 100–5,000.
    // Raw rates call about 11 % of such zones unsafe or safe; shrunk rates should almost never.
    // H1 (power): one zone of 2,000 residents has three times the rate (about 48 reports).
    let wrong = 0;
    let total = 0;
    let found = 0;
    for (let s = 0; s < 50; s++) {
      const rng = seededRng(5000 + s);
      const all = Array.from({ length: 30 }, (_, i) => ({ zoneId: `z${i}`, population: 100 + 170 * i }));
      all.push({ zoneId: 'hot', population: 2000 });
      const points = all.flatMap((z) =>
        Array.from({ length: poissonDraw(((z.zoneId === 'hot' ? 24 : 8) * z.population) / 1000, rng) }, () => ({ lat: 0, lon: 0, zoneId: z.zoneId, intensity: 1 + Math.floor(5 * rng.uniform()) })),
      );
      const r = residentPlaces(points, all);
      for (const z of r.zones) {
        if (z.zoneId === 'hot') found += z.perceived === 'unsafe' ? 1 : 0;
        else {
          total++;
          if (z.perceived !== 'average') wrong++;
        }
      }
    }
    expect(wrong / total).toBeLessThan(0.02);
    expect(found).toBeGreaterThanOrEqual(40); // 43 of 50 with these seeds
  });

  it('public: drops zones and categories below k and rounds counts', () => {
    const r = residentPlaces(signals, zones, { public: true, k: 5, base: 5 });
    expect(r.zones.map((z) => z.zoneId)).toEqual(['station', 'centre']);
    expect(r.zones.map((z) => z.signals)).toEqual([20, 10]); // 8 rounds to 10
    expect(r.categories.map((c) => [c.category, c.signals])).toEqual([['drugs', 30], ['theft', 10]]);
    expect(r.method.privacy).toMatchObject({ k: 5, base: 5, suppressedZones: 1 });
  });

  it('public: the territory rate cannot be used to solve for a hidden zone', () => {
    // Attack (issue 12, finding 6): hidden = territory rate × total exposure − published counts.
    // The territory rate is now over the published zones' rounded counts only, so the attack gives
    // 0 whatever the hidden zone holds, and nothing published moves when its count changes.
    const run = (parkReports: number) => residentPlaces([...signals.filter((s) => s.zoneId !== 'park'), ...sig('park', parkReports, 2, ['lighting'])], zones, { public: true, k: 5, base: 5 });
    const r = run(2);
    const published = r.zones.reduce((a, z) => a + z.signals, 0);
    const exposure = zones.reduce((a, z) => a + exposureOf(z, 'per-1000-residents'), 0);
    const publishedExposure = zones.filter((z) => z.zoneId !== 'park').reduce((a, z) => a + exposureOf(z, 'per-1000-residents'), 0);
    expect(r.method.territoryRate * publishedExposure - published).toBeCloseTo(0, 9);
    expect(r.method.territoryRate * exposure - published).not.toBeCloseTo(2, 1);
    expect({ ...run(1), categories: [] }).toEqual({ ...r, categories: [] });
  });
});
