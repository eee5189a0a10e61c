import { describe, expect, it } from 'vitest';
import { compareWaves } from './compare';
import type { SignalPoint } from './types';

const BINOM_8_48 = 0.013759920952788569;

const many = (n: number, over: Partial<SignalPoint>): SignalPoint[] => Array.from({ length: n }, () => ({ lat: 45, lon: 7, ...over }));

describe('compareWaves', () => {
  const before = {
    periodDays: 60,
    zones: [
      { zoneId: 'station', population: 2000 },
      { zoneId: 'park', population: 1000 },
    ],
    signals: [...many(40, { zoneId: 'station', categories: ['drugs'] }), ...many(3, { zoneId: 'park', categories: ['lighting'] })],
    institutions: [
      { institutionId: 'a', kind: 'comune', scores: { cooperation: 40 } },
      { institutionId: 'b', kind: 'asl', scores: { cooperation: 50 } },
      { institutionId: 'c', kind: 'scuola', scores: { cooperation: 45 } },
    ],
  };
  const after = {
    periodDays: 30,
    zones: before.zones,
    signals: [...many(8, { zoneId: 'station', categories: ['drugs'] }), ...many(4, { zoneId: 'park', categories: ['lighting'] })],
    institutions: [
      { institutionId: 'a', kind: 'comune', scores: { cooperation: 70 } },
      { institutionId: 'b', kind: 'asl', scores: { cooperation: 75 } },
      { institutionId: 'c', kind: 'scuola', scores: { cooperation: 80 } },
    ],
  };

  it('compares zones as rates per 1,000 residents per 30 days', () => {
    const c = compareWaves(before, after);
    expect(c.method.zoneRateUnit).toBe('events per 1,000 residents per 30 days');
    const station = c.zones.find((z) => z.zoneId === 'station')!;
    // before 40 over 2 months × 2 thousand = 10; after 8 over 1 × 2 = 4
    expect(station.before.rate).toBe(10);
    expect(station.after.rate).toBe(4);
    expect(station.direction).toBe('decrease');
    expect(station.rateRatio).toBe(0.4);
    // scipy.stats.binomtest(8, 48, 1/3).pvalue
    expect('p' in station.test && station.test.p).toBeCloseTo(BINOM_8_48, 10);
    expect(station.test).toMatchObject({ method: 'exact conditional binomial', significant: true });
    const park = c.zones.find((z) => z.zoneId === 'park')!;
    expect(park.direction).toBe('increase');
    expect(park.test).toMatchObject({ status: 'insufficient' });
  });

  it('compares categories per 30 days and dimensions with Welch t', () => {
    const c = compareWaves(before, after);
    expect(c.categories.find((x) => x.category === 'drugs')).toMatchObject({ before: { rate: 20 }, after: { rate: 8 }, direction: 'decrease' });
    const coop = c.dimensions[0];
    expect(coop).toMatchObject({ dimension: 'cooperation', before: { n: 3, mean: 45 }, after: { n: 3, mean: 75 }, difference: 30, significant: true });
    expect(coop.welch!.p).toBeLessThan(0.01);
  });

  it('falls back to per 30 days when a population is missing, and evaluates objectives', () => {
    const c = compareWaves(
      { ...before, zones: [{ zoneId: 'station' }, { zoneId: 'park', population: 1000 }] },
      after,
      { objectives: [{ id: 'o1', baseline: 40, target: 20, measured: 30 }] },
    );
    expect(c.method.zoneRateUnit).toBe('events per 30 days');
    expect(c.objectives[0]).toMatchObject({ id: 'o1', share: 0.5, status: 'on-the-way' });
  });

  it('drops zones and categories below k in either wave from public output', () => {
    const c = compareWaves(before, after, { public: true, k: 5 });
    expect(c.zones.map((z) => z.zoneId)).toEqual(['station']);
    expect(c.categories.map((x) => x.category)).toEqual(['drugs']);
    expect(c.method.privacy).toEqual({ k: 5, suppressedZones: 1, suppressedCategories: 1 });
  });
});
