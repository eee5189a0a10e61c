import { describe, expect, it } from 'vitest';
import { compareWaves, type WaveInput } from './compare';
import { benjaminiHochberg } from './fdr';
import { poissonDraw } from './fixtures/count-draws';
import { mulberry32 } from './fixtures/random';
import type { SignalPoint } from './types';

const DAY = 86_400_000;
const ZONES = ['station', 'park', 'market', 'port', 'school', 'castle'];

/** Signals at a constant true rate per zone per day over [from, to], Poisson each day, seeded. */
function waveSignals(seed: number, from: string, to: string, perDay: Record<string, number>, over: Partial<SignalPoint> = {}): SignalPoint[] {
  const rand = mulberry32(seed);
  const out: SignalPoint[] = [];
  for (let t = Date.parse(from); t <= Date.parse(to); t += DAY) {
    for (const [zoneId, rate] of Object.entries(perDay)) {
      const n = poissonDraw(rand, rate);
      for (let i = 0; i < n; i++) out.push({ lat: 45, lon: 7, zoneId, categories: [zoneId === 'station' ? 'drugs' : 'theft'], createdAt: new Date(t + 3_600_000 * (1 + i)).toISOString(), timeBands: ['night'], ...over });
    }
  }
  return out;
}

const RATES = Object.fromEntries(ZONES.map((z, i) => [z, 0.3 + 0.15 * i]));

describe('compareWaves: exposure under a filter', () => {
  // A year-long ex-ante wave and a half-year ex-post wave, the same true rate in every zone.
  const before: WaveInput = { period: { from: '2025-01-01', to: '2025-12-31' }, signals: waveSignals(1, '2025-01-01', '2025-12-31', RATES) };
  const after: WaveInput = { period: { from: '2026-01-01', to: '2026-06-30' }, signals: waveSignals(2, '2026-01-01', '2026-06-30', RATES) };

  it('counts and exposure are both the overlap of the filter with each wave (the old code kept the whole periods)', () => {
    // Two months across the boundary: December of one wave, January of the other.
    const c = compareWaves(before, after, { filter: { from: '2025-12-01', to: '2026-01-31' } });
    expect(c.method.exposure.before.days).toBe(31);
    expect(c.method.exposure.after.days).toBe(31);
    expect(c.method.exposure.before).toMatchObject({ from: '2025-12-01T00:00:00.000Z', to: '2025-12-31T23:59:59.999Z' });
    const expected = (w: WaveInput, from: string, to: string) => w.signals.filter((s) => s.createdAt! >= from && s.createdAt! <= to).length;
    expect(c.territory.before).toBe(expected(before, '2025-12-01', '2026-01-01'));
    expect(c.territory.after).toBe(expected(after, '2026-01-01', '2026-02-01'));
    // Same true rate: the territory's rate ratio is near 1 (it was 365/181 ≈ 2 with whole periods).
    expect(c.territory.rateRatio!).toBeGreaterThan(0.75);
    expect(c.territory.rateRatio!).toBeLessThan(1.33);
    const station = c.zones.find((z) => z.zoneId === 'station')!;
    expect(station.before.rate).toBeCloseTo(station.before.count / (31 / 30), 12);
    // Per zone, the rate ratios scatter around 1 (Poisson noise on a month of counts).
    const ratios = c.zones.map((z) => z.rateRatio!).sort((a, b) => a - b);
    expect(ratios[Math.floor(ratios.length / 2)]).toBeGreaterThan(0.7);
    expect(ratios[Math.floor(ratios.length / 2)]).toBeLessThan(1.4);
  });

  it('says "no overlap" and tests nothing for a filter outside one wave (old: 0 before vs all after, p ≈ 1e-20)', () => {
    const c = compareWaves(before, after, { filter: { from: '2026-03-01', to: '2026-03-31' } });
    expect(c.method.exposure.before.days).toBe(0);
    expect(c.method.exposure.after.days).toBe(31);
    expect(c.method.exposure.overlap).toBe(false);
    expect(c.zones.length).toBe(ZONES.length);
    for (const z of [...c.zones, ...c.categories]) expect(z).toMatchObject({ status: 'no-overlap', p: null, q: null, change: 'none' });
    expect(c.territory.rateRatio).toBeNull();
  });

  it('time-band and day filters do not change the exposure', () => {
    const all = compareWaves(before, after);
    const night = compareWaves(before, after, { filter: { timeBands: ['night'] } });
    expect(night.method.exposure).toEqual(all.method.exposure);
    expect(all.method.exposure.before.days).toBe(365);
    expect(all.method.exposure.after.days).toBe(181);
  });

  it('does not count a wave’s signals outside its own period', () => {
    const stray = [...after.signals, ...waveSignals(3, '2026-09-01', '2026-09-30', { station: 5 })];
    const c = compareWaves(before, { ...after, signals: stray });
    expect(c.territory.after).toBe(after.signals.length);
  });

  it('refuses a date filter when a wave has only a length', () => {
    expect(() => compareWaves({ signals: [], periodDays: 30 }, { signals: [], periodDays: 30 }, { filter: { from: '2026-01-01' } })).toThrow(/observation period/);
    expect(() => compareWaves({ signals: [], periodDays: -3 }, { signals: [], periodDays: 30 })).toThrow(RangeError);
  });
});

describe('compareWaves: participation, families, BH', () => {
  // The after wave has 25 % more residents reporting everywhere, and the market really doubled.
  const base = Object.fromEntries(ZONES.map((z) => [z, 0.4]));
  const before: WaveInput = { period: { from: '2025-01-01', to: '2025-06-30' }, signals: waveSignals(7, '2025-01-01', '2025-06-30', base) };
  const after: WaveInput = {
    period: { from: '2026-01-01', to: '2026-06-30' },
    signals: waveSignals(8, '2026-01-01', '2026-06-30', Object.fromEntries(ZONES.map((z) => [z, 0.4 * 1.25 * (z === 'market' ? 2 : 1)]))),
  };

  it('flags the zone that changed, not the participation swing, with p and q on every tested row', () => {
    const c = compareWaves(before, after);
    const flagged = c.zones.filter((z) => z.change !== 'none').map((z) => z.zoneId);
    expect(flagged).toEqual(['market']);
    expect(c.zones.find((z) => z.zoneId === 'market')!.change).toBe('increase');
    // Every rate went up by about 25 %: the rate ratios say so, the share test does not flag them.
    expect(c.zones.filter((z) => z.zoneId !== 'market').every((z) => z.rateRatio! > 1)).toBe(true);
    const q = benjaminiHochberg(c.zones.map((z) => z.p!));
    c.zones.forEach((z, i) => expect(z.q).toBe(q[i]));
    expect(c.method.nullHypothesis.zones).toBe("the zone's share of the wave's reports is the same in both waves");
    expect(c.method.dispersion.zones.df).toBe(ZONES.length - 1);
    expect(c.method.correction).toMatch(/Benjamini-Hochberg within each family/);
  });

  it('tests categories as shares of their wave’s mentions, as their own family', () => {
    const c = compareWaves(before, after);
    // The market's reports are theft: theft's share grows, drugs' (the station's) shrinks.
    expect(c.categories.map((x) => x.category)).toEqual(['drugs', 'theft']);
    const theft = c.categories.find((x) => x.category === 'theft')!;
    expect(theft.shareRatio!).toBeGreaterThan(1);
    expect(theft.before.count + c.categories[0].before.count).toBe(c.territory.before);
    expect(c.method.dispersion.categories.df).toBe(1);
  });

  it('keeps "insufficient" for rows under 10 reports out of the family', () => {
    const few = { ...after, signals: [...after.signals, { lat: 45, lon: 7, zoneId: 'tiny', createdAt: '2026-02-01T10:00:00Z' }] };
    const c = compareWaves(before, few);
    const tiny = c.zones.find((z) => z.zoneId === 'tiny')!;
    expect(tiny).toMatchObject({ status: 'insufficient', p: null, q: null, change: 'none' });
    expect(tiny.reason).toMatch(/fewer than 10/);
    const tested = c.zones.filter((z) => z.status === 'tested');
    expect(tested.length).toBe(ZONES.length);
  });
});

describe('compareWaves: sources', () => {
  const before: WaveInput = { period: { from: '2025-01-01', to: '2025-06-30' }, signals: waveSignals(9, '2025-01-01', '2025-06-30', RATES) };
  const police = waveSignals(10, '2026-01-01', '2026-06-30', { station: 2 }, { source: 'police' });
  const after: WaveInput = { period: { from: '2026-01-01', to: '2026-06-30' }, signals: [...waveSignals(11, '2026-01-01', '2026-06-30', RATES), ...police] };

  it('reads residents only unless sources are named: police imported in one wave change nothing', () => {
    const c = compareWaves(before, after);
    expect(c.method.sources).toEqual(['resident']);
    expect(c.territory.after).toBe(after.signals.length - police.length);
    expect(c.zones.find((z) => z.zoneId === 'station')!.change).toBe('none');
    const p = compareWaves(before, after, { filter: { sources: ['police'] } });
    expect(p.method.sources).toEqual(['police']);
    expect(p.territory.after).toBe(police.length);
  });
});

describe('compareWaves: dimensions', () => {
  const ids = Array.from({ length: 12 }, (_, i) => `inst-${i}`);
  const rand = mulberry32(3);
  // Institutions differ a lot (40..95), each improves by 4 ± 2 points: paired t sees it, Welch would not.
  const level = ids.map(() => 40 + 55 * rand());
  const before = ids.map((id, i) => ({ institutionId: id, kind: 'comune', scores: { cooperation: level[i], resources: 50 + 10 * rand() } }));
  const after = ids.map((id, i) => ({ institutionId: id, kind: 'comune', scores: { cooperation: level[i] + 4 + 4 * (rand() - 0.5), resources: 50 + 10 * rand() } }));
  const wave = (institutions: typeof before, from: string): WaveInput => ({ signals: [], period: { from, to: from.replace('-01-01', '-06-30') }, institutions });

  it('pairs institutions that answered both waves, BH across dimensions', () => {
    const c = compareWaves(wave(before, '2025-01-01'), wave(after, '2026-01-01'));
    const coop = c.dimensions.find((d) => d.dimension === 'cooperation')!;
    expect(coop).toMatchObject({ test: 'paired t', pairs: 12, status: 'tested', change: 'increase' });
    expect(coop.df).toBe(11);
    expect(coop.q!).toBeLessThanOrEqual(0.05);
    const res = c.dimensions.find((d) => d.dimension === 'resources')!;
    expect(res.change).toBe('none');
    const q = benjaminiHochberg(c.dimensions.map((d) => d.p!));
    c.dimensions.forEach((d, i) => expect(d.q).toBe(q[i]));
  });

  it('falls back to Welch when fewer than 5 institutions answered both waves', () => {
    const renamed = after.map((r, i) => (i < 9 ? { ...r, institutionId: `new-${i}` } : r));
    const c = compareWaves(wave(before, '2025-01-01'), wave(renamed, '2026-01-01'));
    const coop = c.dimensions.find((d) => d.dimension === 'cooperation')!;
    expect(coop).toMatchObject({ test: 'Welch t', pairs: 3, change: 'none' });
  });
});

describe('compareWaves: public output', () => {
  const before: WaveInput = {
    period: { from: '2025-01-01', to: '2025-06-30' },
    zones: ZONES.map((zoneId) => ({ zoneId, population: 2000 })),
    signals: waveSignals(12, '2025-01-01', '2025-06-30', { ...RATES, castle: 0.004 }),
  };
  const after: WaveInput = { ...before, period: { from: '2026-01-01', to: '2026-06-30' }, signals: waveSignals(13, '2026-01-01', '2026-06-30', { ...RATES, castle: 0.004 }) };

  it('rounds counts to the base, drops rows below k in either wave, and tests the published rows only', () => {
    const staff = compareWaves(before, after);
    const c = compareWaves(before, after, { public: true, k: 5, base: 5 });
    const castle = staff.zones.find((z) => z.zoneId === 'castle')!;
    expect(castle.before.count + castle.after.count).toBeLessThan(12);
    expect(c.zones.map((z) => z.zoneId)).not.toContain('castle');
    expect(c.method.privacy).toMatchObject({ k: 5, base: 5, suppressedZones: 1 });
    for (const z of c.zones) {
      expect(z.before.count % 5).toBe(0);
      expect(z.after.count % 5).toBe(0);
      expect(z.before.count).toBeGreaterThanOrEqual(5);
    }
    // Shares and totals are of the published rows: the hidden zone cannot be solved for.
    expect(c.territory.before).toBe(c.zones.reduce((s, z) => s + z.before.count, 0));
    expect(c.zones.reduce((s, z) => s + z.before.share!, 0)).toBeCloseTo(1, 12);
    // Moving the hidden zone's reports changes nothing that is published.
    const more = compareWaves(before, { ...after, signals: [...after.signals, ...waveSignals(14, '2026-01-01', '2026-01-02', { castle: 1 })] }, { public: true, k: 5, base: 5 });
    expect(more.zones).toEqual(c.zones);
  });

  it('keeps the objectives’ progress', () => {
    const c = compareWaves(before, after, { objectives: [{ id: 'o1', baseline: 40, target: 20, measured: 30 }] });
    expect(c.objectives[0]).toMatchObject({ id: 'o1', share: 0.5, status: 'on-the-way' });
    expect(c.method.zoneRateUnit).toBe('events per 1,000 residents per 30 days');
  });
});
