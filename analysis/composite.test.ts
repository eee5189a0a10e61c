import { describe, expect, it } from 'vitest';
import { compositeIndex, type CompositeResult, type CompositeZoneInput } from './composite';
import { descendingRanks, spearman } from './descriptive';
import { poissonDraw, seededRng, type Rng } from './shrinkage';

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
const byId = (r: CompositeResult, id: string) => r.zones.find((z) => z.zoneId === id)!;
const rankOf = (r: CompositeResult, id: string) => byId(r, id).rank;

/** Zones with Poisson counts at the given true rates per 1,000 residents; no intensity, no concern. */
function simulate(rng: Rng, truth: { id: string; population: number; resident: number; police: number; media: number }[]): CompositeZoneInput[] {
  return truth.map((t) => ({
    zoneId: t.id,
    name: t.id,
    population: t.population,
    areaKm2: 1,
    residentCount: poissonDraw((t.resident * t.population) / 1000, rng),
    residentMeanIntensity: null,
    police: poissonDraw((t.police * t.population) / 1000, rng),
    media: poissonDraw((t.media * t.population) / 1000, rng),
    concern: null,
  }));
}
const rates = { intensity: 0, concern: 0 };

/** A true rate from Gamma(integer shape, mean): a sum of exponentials. */
function gammaRate(rng: Rng, mean: number, shape: number): number {
  let g = 0;
  for (let i = 0; i < shape; i++) g -= Math.log(1 - rng.uniform());
  return (g / shape) * mean;
}

/** n ratings, uniform on 1..5 (the same true mean everywhere): their mean and SD. */
function ratings(rng: Rng, n: number) {
  const xs = Array.from({ length: n }, () => 1 + Math.floor(5 * rng.uniform()));
  const mean = n ? xs.reduce((a, b) => a + b, 0) / n : null;
  const sd = n > 1 ? Math.sqrt(xs.reduce((a, b) => a + (b - mean!) ** 2, 0) / (n - 1)) : null;
  return { residentMeanIntensity: mean, residentIntensitySd: sd };
}

describe('compositeIndex: arithmetic', () => {
  const zones = [
    zone('a', { population: 2000, residentCount: 40, residentMeanIntensity: 4, police: 20, media: 4, concern: 3 }),
    zone('b', { population: 1000, residentCount: 10, residentMeanIntensity: 2, police: 10, media: 0, concern: 1 }),
    zone('c', { population: 4000, residentCount: 8, residentMeanIntensity: 3, police: 4, media: 2, concern: 0 }),
  ];

  it('without shrinkage: rates per 1,000 residents, min–max, equal weights (the old arithmetic)', () => {
    const r = compositeIndex(zones, { shrinkage: 'none', draws: 0 });
    expect(r.method.rateBasis).toBe('per-1000-residents');
    const a = byId(r, 'a');
    expect(a.normalised).toEqual({ resident: 20, intensity: 4, police: 10, media: 2, concern: 3 });
    expect(a.scaled).toEqual({ resident: 100, intensity: 100, police: 100, media: 100, concern: 100 });
    const b = byId(r, 'b');
    expect(b.scaled.resident).toBeCloseTo((8 / 18) * 100, 9);
    expect(b.composite).toBeCloseTo(((8 / 18) * 100 + 0 + 100 + 0 + (1 / 3) * 100) / 5, 6);
    expect(r.zones.map((z) => z.rank)).toEqual([1, 2, 3]);
    expect(r.zones[0].rankInterval).toBeNull();
  });

  it('falls back to per km² for every zone when one population is missing', () => {
    const r = compositeIndex([zone('a', { population: null, areaKm2: 2, police: 4 }), zone('b', { areaKm2: 0.5, police: 4 })], { shrinkage: 'none', draws: 0 });
    expect(r.method.rateBasis).toBe('per-km2');
    expect(byId(r, 'b').normalised.police).toBe(8);
  });

  it('honours weights and percentile scaling, and refuses negative weights', () => {
    const onlyPolice = compositeIndex(zones, { shrinkage: 'none', draws: 0, weights: { resident: 0, intensity: 0, media: 0, concern: 0, police: 2 } });
    expect(onlyPolice.method.weights.police).toBe(1);
    expect(onlyPolice.zones.map((z) => z.rank)).toEqual([1, 1, 3]); // a and b tie on police rate
    const pct = compositeIndex(zones, { scaling: 'percentile', draws: 0 });
    expect(byId(pct, 'c').scaled.resident).toBe(0);
    expect(() => compositeIndex(zones, { weights: { resident: -1 } })).toThrow(RangeError);
  });

  it('reports rank sensitivity to ±20 % weights', () => {
    const close = [zone('a', { residentCount: 10, police: 0 }), zone('b', { residentCount: 0, police: 10 }), zone('c', { residentCount: 1, police: 1 })];
    const r = compositeIndex(close, { shrinkage: 'none', draws: 0, weights: { intensity: 0, media: 0, concern: 0 } });
    expect(r.sensitivity.scenarios).toHaveLength(4); // resident and police (media, concern, intensity carry no weight)
    const up = r.sensitivity.scenarios.find((s) => s.component === 'resident' && s.factor === 1.2)!;
    expect(up.ranks).toEqual({ a: 1, b: 2, c: 3 });
    expect(up.maxShift).toBe(1);
    expect(r.zones.map((z) => z.rank)).toEqual([1, 1, 3]);
    expect(up.meanShift).toBeCloseTo(1 / 3, 12);
    expect(r.sensitivity.zones.find((z) => z.zoneId === 'c')!.maxShift).toBe(0);
  });

  it('names its sources and says the combination is deliberate', () => {
    const r = compositeIndex(zones, { draws: 0 });
    expect(r.method.sources).toEqual(['media', 'police', 'resident']);
    expect(r.method.combination).toMatch(/^deliberate/);
    expect(r.method.concern).toMatch(/institutions/);
    expect(r.method.shrinkage).toMatchObject({ estimator: expect.stringMatching(/Marshall/) });
  });

  it('gives the same intervals for the same seed', () => {
    const a = compositeIndex(zones, { seed: 5 });
    const b = compositeIndex(zones, { seed: 5 });
    expect(a).toEqual(b);
  });
});

describe('compositeIndex: no data is not zero', () => {
  // Defect (issue 12, finding 5): a zone without resident reports got intensity 0 on a 1–5 scale,
  // i.e. the lowest possible intensity, and ranked as if residents had called it calm.
  const zones = [
    zone('busy', { residentCount: 30, residentMeanIntensity: 2, police: 30, media: 3, concern: 1 }),
    zone('calm', { residentCount: 10, residentMeanIntensity: 1, police: 5, media: 1, concern: 0 }),
    zone('quiet', { residentCount: 0, residentMeanIntensity: null, police: 20, media: 2, concern: 2 }),
  ];

  it('leaves a missing intensity null and renormalises the weights over the zone’s other components', () => {
    const r = compositeIndex(zones, { shrinkage: 'none', draws: 0 });
    const quiet = byId(r, 'quiet');
    expect(quiet.normalised.intensity).toBeNull();
    expect(quiet.scaled.intensity).toBeNull();
    expect(quiet.missing).toEqual(['intensity']);
    const s = quiet.scaled;
    expect(quiet.composite).toBeCloseTo((s.resident! + s.police! + s.media! + s.concern!) / 4, 6);
    expect(byId(r, 'busy').missing).toEqual([]);
  });

  it('treats a source with no event anywhere as no data, not as a column of zeros', () => {
    const noPolice = zones.map((z) => ({ ...z, police: 0 }));
    const r = compositeIndex(noPolice, { draws: 0 });
    expect(r.method.missingComponents).toEqual(['police']);
    expect(r.method.weights.police).toBe(0);
    expect(r.method.sources).toEqual(['media', 'resident']);
    expect(byId(r, 'busy').scaled.police).toBeNull();
    const notSelected = compositeIndex(zones.map((z) => ({ ...z, media: null })), { draws: 0 });
    expect(notSelected.method.missingComponents).toEqual(['media']);
  });

  it('does not rank a zone whose components carry less than half the weight', () => {
    const r = compositeIndex(zones, { draws: 0, weights: { resident: 0, police: 0, media: 0, intensity: 1, concern: 0.5 } });
    expect(r.unranked.map((z) => z.zoneId)).toEqual(['quiet']);
    expect(r.unranked[0]).toMatchObject({ composite: null, rank: null, missing: ['intensity'] });
    expect(r.zones.map((z) => z.rank)).toEqual([1, 2]);
  });
});

describe('compositeIndex: small numbers', () => {
  // Defect: one report in a zone of 40 residents is a rate of 25 per 1,000, three times a busy
  // square's, and (with one police event) put that zone at the top of the table.
  // Truth: rates differ between zones (gamma, as in real territories); the tiny zone's true rates
  // are the territory's average, so its place is mid-table and only its noise puts it on top.
  const rng = seededRng(2026);
  const truth = Array.from({ length: 24 }, (_, i) => ({ id: `z${i}`, population: 1000 + 200 * i, resident: gammaRate(rng, 8, 4), police: gammaRate(rng, 5, 4), media: gammaRate(rng, 1.5, 4) }));
  const zones = [
    ...simulate(rng, truth).map((z) => ({ ...z, ...ratings(rng, z.residentCount) })),
    zone('tiny', { population: 40, residentCount: 1, residentMeanIntensity: 5, police: 1, media: 0, concern: null }),
  ];

  it('shrinks a one-report rate to the territory rate, flags it, and keeps it out of the top five', () => {
    const raw = compositeIndex(zones, { shrinkage: 'none', draws: 0, weights: rates });
    expect(rankOf(raw, 'tiny')).toBeLessThanOrEqual(5); // the defect, reproduced without shrinkage
    const r = compositeIndex(zones, { weights: rates });
    const tiny = byId(r, 'tiny');
    const prior = (r.method.shrinkage as { priors: { resident: { mean: number } } }).priors.resident.mean;
    expect(tiny.observed.resident).toBe(25);
    // pulled more than 90 % of the way from its raw rate to the territory rate
    expect((25 - tiny.normalised.resident!) / (25 - prior)).toBeGreaterThan(0.9);
    expect(tiny.rank).toBeGreaterThan(5);
    expect(tiny.fewReports).toBe(true);
    expect(r.method.fewReports).toEqual({ below: 10, source: 'resident' });
    for (const z of r.zones) expect(z.fewReports).toBe(z.residentReports < 10);
  });

  it('with every component, the one-report zone’s rank interval spans most of the table', () => {
    const r = compositeIndex(zones);
    const tiny = byId(r, 'tiny');
    expect(tiny.rankInterval!.upper - tiny.rankInterval!.lower).toBeGreaterThan(zones.length / 2);
    // its single rating of 5 is pulled most of the way to the territory's mean intensity
    expect(tiny.normalised.intensity!).toBeLessThan(3.6);
  });

  it('says the zones cannot be told apart when no component varies beyond noise', () => {
    // H0 true: equal rates; Marshall's between-zone variance is then often 0 for every source.
    const flat = [zone('a', { residentCount: 10, police: 5, concern: null }), zone('b', { residentCount: 11, police: 4, concern: null }), zone('c', { residentCount: 9, police: 6, concern: null })];
    const r = compositeIndex(flat, { weights: rates });
    expect(r.method.uninformative).toEqual(['resident', 'police']);
    expect(r.method.missingComponents).toEqual(['media']);
    expect(r.method.note).toMatch(/cannot be told apart/);
    expect(r.zones.every((z) => z.rankInterval!.lower === 1 && z.rankInterval!.upper === 3)).toBe(true);
  });
});

describe('compositeIndex: uncertainty of the ranks', () => {
  // The finding (issue 12): two independent Poisson draws of the same true rates rank zones
  // almost independently (rho ≈ 0), while the ±20 % weight scenarios report rho ≈ 0.97.
  // H0 here is true by construction: every zone has the same true rates.
  const equal = Array.from({ length: 60 }, (_, i) => ({ id: `z${i}`, population: 1000, resident: 6, police: 4, media: 2 }));

  it('reproduces rho ≈ 0 between two draws of equal rates, against rho ≈ 0.97 for the weights', () => {
    const rhos: number[] = [];
    const weightRhos: number[] = [];
    for (let s = 0; s < 20; s++) {
      const rng = seededRng(100 + s);
      const a = compositeIndex(simulate(rng, equal), { shrinkage: 'none', draws: 0, weights: rates });
      const b = compositeIndex(simulate(rng, equal), { shrinkage: 'none', draws: 0, weights: rates });
      const rankA = new Map(a.zones.map((z) => [z.zoneId, z.rank]));
      rhos.push(spearman(equal.map((t) => rankA.get(t.id)!), equal.map((t) => b.zones.find((z) => z.zoneId === t.id)!.rank)));
      weightRhos.push(Math.min(...a.sensitivity.scenarios.map((x) => x.spearman)));
    }
    const mean = (xs: number[]) => xs.reduce((p, q) => p + q, 0) / xs.length;
    expect(Math.abs(mean(rhos))).toBeLessThan(0.1);
    expect(mean(weightRhos)).toBeGreaterThan(0.9);
  });

  it('says so: wide rank intervals and a low sampling rho when the rates are equal', () => {
    const widths: number[] = [];
    const between: number[] = [];
    for (let s = 0; s < 10; s++) {
      const r = compositeIndex(simulate(seededRng(200 + s), equal), { weights: rates });
      widths.push(r.sensitivity.sampling!.meanIntervalWidth);
      between.push(r.sensitivity.sampling!.betweenDraws ?? 0);
    }
    // 60 zones: a 90 % interval of a uniformly random rank spans about 54 places.
    expect(Math.min(...widths)).toBeGreaterThan(30);
    expect(Math.max(...between)).toBeLessThan(0.3);
  });

  it('covers the true ranks about as often as stated (90 %) when the rates differ', () => {
    // H0: the interval's coverage is its nominal 90 %; true rates differ between zones (gamma).
    let covered = 0;
    let total = 0;
    for (let s = 0; s < 30; s++) {
      const rng = seededRng(300 + s);
      const truth = Array.from({ length: 30 }, (_, i) => ({ id: `z${i}`, population: 600 + 150 * i, resident: gammaRate(rng, 10, 4), police: gammaRate(rng, 5, 4), media: gammaRate(rng, 2, 4) }));
      const r = compositeIndex(simulate(rng, truth), { weights: rates, draws: 500 });
      const trueScore = scoreOf(truth);
      const trueRank = descendingRanks(trueScore);
      truth.forEach((t, i) => {
        const z = byId(r, t.id);
        total++;
        if (trueRank[i] >= z.rankInterval!.lower && trueRank[i] <= z.rankInterval!.upper) covered++;
      });
    }
    expect(covered / total).toBeGreaterThan(0.8);
  });

  it('is narrow for a planted zone with three times the rate and enough reports (power)', () => {
    // H1: one zone's resident and police rates are 3× the others' (about 60 reports against 20).
    let top = 0;
    const uppers: number[] = [];
    for (let s = 0; s < 20; s++) {
      const truth = Array.from({ length: 40 }, (_, i) => ({ id: i === 0 ? 'planted' : `z${i}`, population: 1000, resident: i === 0 ? 60 : 20, police: i === 0 ? 30 : 10, media: 3 }));
      const r = compositeIndex(simulate(seededRng(400 + s), truth), { weights: rates });
      const p = byId(r, 'planted');
      if (p.rank === 1) top++;
      uppers.push(p.rankInterval!.upper);
    }
    expect(top).toBeGreaterThanOrEqual(19);
    expect(uppers.filter((u) => u <= 3).length).toBeGreaterThanOrEqual(18);
  });
});

/** The composite of the true rates, scaled as the index scales (min–max per component, equal weights). */
function scoreOf(truth: { resident: number; police: number; media: number }[]): number[] {
  const cols = (['resident', 'police', 'media'] as const).map((c) => {
    const xs = truth.map((t) => t[c]);
    const lo = Math.min(...xs);
    const hi = Math.max(...xs);
    return xs.map((x) => ((x - lo) / (hi - lo)) * 100);
  });
  return truth.map((_, i) => (cols[0][i] + cols[1][i] + cols[2][i]) / 3);
}

describe('compositeIndex: public output', () => {
  // Defect (issue 12, finding 6): ranks were computed over every zone and the hidden ones then
  // dropped, so a gap in the published ranks (no 1st) said a hidden zone ranked first.
  const zones = [
    zone('hidden', { population: 100, residentCount: 2, residentMeanIntensity: 5, police: 0, media: 0, concern: null }), // 2 rounds to 0
    zone('a', { population: 2000, residentCount: 42, residentMeanIntensity: 4, police: 21, media: 4, concern: null }),
    zone('b', { population: 1000, residentCount: 11, residentMeanIntensity: 2, police: 9, media: 0, concern: null }),
    zone('c', { population: 4000, residentCount: 8, residentMeanIntensity: 3, police: 4, media: 2, concern: null }),
  ];
  const options = { public: true, k: 5, base: 5 } as const;

  it('ranks 1..n over the published zones only', () => {
    const r = compositeIndex(zones, options);
    expect(r.zones.map((z) => z.zoneId).sort()).toEqual(['a', 'b', 'c']);
    expect(r.zones.map((z) => z.rank).sort()).toEqual([1, 2, 3]);
    expect(r.method.privacy).toMatchObject({ k: 5, base: 5, suppressedZones: 1 });
    for (const s of r.sensitivity.scenarios) expect(Object.keys(s.ranks).sort()).toEqual(['a', 'b', 'c']);
    for (const z of r.zones) expect(z.rankInterval!.upper).toBeLessThanOrEqual(3);
  });

  it('publishes rounded counts and rates computed from them', () => {
    const r = compositeIndex(zones, options);
    for (const z of r.zones) expect(z.signals % 5).toBe(0);
    expect(byId(r, 'a')).toMatchObject({ signals: 65, residentReports: 40, observed: { resident: 20, police: 10 } });
  });

  it('publishes nothing that depends on the hidden zone', () => {
    // Attack: vary the hidden zone's counts; if any published figure moves, it can be solved for.
    const base = compositeIndex(zones, options);
    const moved = compositeIndex([{ ...zones[0], residentCount: 0, police: 2, residentMeanIntensity: null }, ...zones.slice(1)], options);
    expect(moved).toEqual(base);
    const without = compositeIndex(zones.slice(1), options);
    expect({ ...without, method: { ...without.method, privacy: undefined } }).toEqual({ ...base, method: { ...base.method, privacy: undefined } });
  });
});
