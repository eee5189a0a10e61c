// Calibration and power of the zone-share test, on seeded synthetic waves with a known truth.
import { describe, expect, it } from 'vitest';
import { compareShares, type ShareInput } from './compare-shares';
import { benjaminiHochberg } from './fdr';
import { gammaPoissonDraw, poissonDraw } from './fixtures/count-draws';
import { mulberry32 } from './fixtures/random';
import { comparePoissonRates } from './two-sample';
import ref from './fixtures/compare-shares.r.json';

interface Scenario {
  zones: number;
  perZone: number;
  /** Participation swing between waves, drawn uniformly in this range, up or down at random. */
  swing: [number, number];
  /** Gamma shape of zone × wave noise (0 = pure Poisson); CV = 1/sqrt(shape). */
  shape: number;
  /** Rate multiplier of zone 0 in the after wave (1 = no change anywhere). */
  planted: number;
  /** Zones of unequal size (means spread over a factor of about 10). */
  unequal?: boolean;
}

function draw(rand: () => number, s: Scenario): ShareInput[] {
  const swing = s.swing[0] + (s.swing[1] - s.swing[0]) * rand();
  const up = rand() < 0.5 ? 1 + swing : 1 / (1 + swing);
  const count = (mean: number) => (s.shape > 0 ? gammaPoissonDraw(rand, mean, s.shape) : poissonDraw(rand, mean));
  return Array.from({ length: s.zones }, (_, i) => {
    const mu = s.unequal ? s.perZone * Math.exp(2.4 * (i / (s.zones - 1) - 0.5)) : s.perZone;
    return { key: `z${i}`, before: count(mu), after: count(mu * up * (i === 0 ? s.planted : 1)) };
  });
}

/** Share of simulated comparisons in which an unchanged zone is flagged, by the new test and by the old per-zone rate test at 0.05. */
function simulate(seed: number, s: Scenario, reps: number) {
  const rand = mulberry32(seed);
  let anyNew = 0;
  let anyOld = 0;
  let found = 0;
  let unchangedFlaggedOld = 0;
  let unchanged = 0;
  for (let r = 0; r < reps; r++) {
    const items = draw(rand, s);
    const f = compareShares(items, { exposureBefore: 12, exposureAfter: 12 });
    const isNull = (key: string) => s.planted === 1 || key !== 'z0';
    if (f.rows.some((row) => isNull(row.key) && row.change !== 'none')) anyNew++;
    if (s.planted !== 1 && f.rows[0].change !== 'none') found++;
    // The old method: each zone's rate tested alone, equal exposures, p < 0.05, no correction.
    const old = items.map((it) => comparePoissonRates({ count: it.before, exposure: 12 }, { count: it.after, exposure: 12 }));
    const oldFlags = old.filter((c, i) => isNull(items[i].key) && 'p' in c.test && c.test.p < 0.05).length;
    if (oldFlags > 0) anyOld++;
    unchangedFlaggedOld += oldFlags;
    unchanged += s.planted === 1 ? s.zones : s.zones - 1;
  }
  return { anyNew: anyNew / reps, anyOld: anyOld / reps, power: found / reps, oldPerZone: unchangedFlaggedOld / unchanged };
}

describe('compareShares: calibration (no zone changed)', () => {
  // Null hypothesis of every row: the zone's share of its wave is the same in both waves. Here it
  // holds for every zone; only participation (the whole wave) and zone × wave noise move.
  const REPS = 300;
  const cases: [string, Scenario][] = [
    ['20 zones, Poisson, 10-30 % swing', { zones: 20, perZone: 50, swing: [0.1, 0.3], shape: 0, planted: 1 }],
    ['20 zones, gamma-Poisson CV 0.22, 10-30 % swing', { zones: 20, perZone: 50, swing: [0.1, 0.3], shape: 20, planted: 1 }],
    ['20 unequal zones, gamma-Poisson CV 0.32, 10-30 % swing', { zones: 20, perZone: 200, swing: [0.1, 0.3], shape: 10, planted: 1, unequal: true }],
    ['6 zones, gamma-Poisson CV 0.22, 10-30 % swing', { zones: 6, perZone: 80, swing: [0.1, 0.3], shape: 20, planted: 1 }],
  ];
  for (const [name, s] of cases) {
    it(`${name}: any zone flagged in at most about 5 % of comparisons`, () => {
      const r = simulate(11, s, REPS);
      console.log(`calibration ${name}: new ${(100 * r.anyNew).toFixed(1)} % of comparisons; old rate test ${(100 * r.anyOld).toFixed(1)} % (${(100 * r.oldPerZone).toFixed(1)} % of unchanged zones)`);
      expect(r.anyNew).toBeLessThanOrEqual(0.065);
      // The defect being fixed: the old per-zone rate test flags unchanged zones.
      expect(r.oldPerZone).toBeGreaterThan(0.1);
    });
  }
});

describe('compareShares: power', () => {
  it('finds a doubling in one zone among 20 with ~50 reports per zone per wave most of the time', () => {
    const r = simulate(23, { zones: 20, perZone: 50, swing: [0.1, 0.3], shape: 0, planted: 2 }, 300);
    console.log(`power, doubling in 1 of 20 zones at 50 reports, 10-30 % swing: ${(100 * r.power).toFixed(1)} %; other zones flagged in ${(100 * r.anyNew).toFixed(1)} % of comparisons`);
    expect(r.power).toBeGreaterThan(0.5);
    expect(r.anyNew).toBeLessThan(0.05);
  });

  it('still finds a large change under overdispersion, at a cost it reports', () => {
    // Zone × wave noise of CV 0.22 makes an unchanged zone's after/before ratio vary by about ±35 %
    // (one SD): a doubling is within two SDs and cannot be told from noise, a quadrupling can.
    const r2 = simulate(29, { zones: 20, perZone: 50, swing: [0.1, 0.3], shape: 20, planted: 2 }, 200);
    const r4 = simulate(31, { zones: 20, perZone: 50, swing: [0.1, 0.3], shape: 20, planted: 4 }, 200);
    console.log(`power at gamma CV 0.22, 1 of 20 zones at 50 reports: doubling ${(100 * r2.power).toFixed(1)} %, quadrupling ${(100 * r4.power).toFixed(1)} %`);
    expect(r4.power).toBeGreaterThan(0.4);
    expect(r4.anyNew).toBeLessThan(0.06);
  });
});

describe('compareShares: against an R implementation of the same method', () => {
  it('gives R’s p, BH q (p.adjust) and dispersion to 1e-9', () => {
    for (const c of ref.cases) {
      const f = compareShares(c.before.map((b, i) => ({ key: `z${i}`, before: b, after: c.after[i] })), { exposureBefore: 1, exposureAfter: 1 });
      f.rows.forEach((row, i) => {
        const [p, q] = [c.p[i], c.q[i]];
        if (p === null) expect(row.p).toBeNull();
        else {
          expect(Math.abs(row.p! - p) / p).toBeLessThan(1e-9);
          expect(Math.abs(row.q! - q!) / q!).toBeLessThan(1e-9);
        }
      });
      expect(f.dispersion.rho).toBeCloseTo(c.rho, 12);
      expect(f.dispersion.phi!).toBeCloseTo(c.phi, 12);
    }
  });
});

describe('compareShares: rows', () => {
  const items: ShareInput[] = [
    { key: 'a', before: 100, after: 200 },
    { key: 'b', before: 100, after: 110 },
    { key: 'c', before: 100, after: 95 },
    { key: 'd', before: 100, after: 105 },
    { key: 'e', before: 3, after: 4 },
  ];

  it('tests each row against the rest, with p, BH q over the tested rows and a change at q <= 0.05', () => {
    const f = compareShares(items, { exposureBefore: 12, exposureAfter: 6 });
    const a = f.rows[0];
    expect(a.status).toBe('tested');
    // Rest after share: (110 + 95 + 105 + 4) / (310 + 303 + 7)... the rest excludes a.
    expect(a.expectedAfter).toBeCloseTo((300 * 314) / (314 + 303), 10);
    expect(a.change).toBe('increase');
    expect(a.before.rate).toBeCloseTo(100 / 12, 12);
    expect(a.after.rate).toBeCloseTo(200 / 6, 12);
    expect(a.rateRatio).toBeCloseTo(4, 12);
    expect(a.shareRatio).toBeCloseTo(200 / 514 / (100 / 403), 12);
    const e = f.rows[4];
    expect(e).toMatchObject({ status: 'insufficient', p: null, q: null, change: 'none' });
    const tested = f.rows.filter((r) => r.status === 'tested');
    expect(f.tested).toBe(4);
    const q = benjaminiHochberg(tested.map((r) => r.p!));
    tested.forEach((r, i) => {
      expect(r.q).toBe(q[i]);
      expect(r.q!).toBeGreaterThanOrEqual(r.p!);
    });
    expect(f.changed).toBe(tested.filter((r) => r.q! <= 0.05).length);
  });

  it('does not depend on the waves’ exposure (only rates do) and is unmoved by a whole-wave swing', () => {
    const f1 = compareShares(items, { exposureBefore: 12, exposureAfter: 6 });
    const f2 = compareShares(items, { exposureBefore: 1, exposureAfter: 1 });
    expect(f2.rows.map((r) => r.p)).toEqual(f1.rows.map((r) => r.p));
    // Every zone doubled: participation, not a change anywhere.
    const doubled = compareShares(items.map((it) => ({ ...it, after: it.before * 2 })), { exposureBefore: 1, exposureAfter: 1 });
    expect(doubled.rows.every((r) => r.change === 'none')).toBe(true);
    expect(doubled.rows.filter((r) => r.status === 'tested').every((r) => r.p === 1)).toBe(true);
  });

  it('says "no overlap" and tests nothing when a wave has no exposure', () => {
    const f = compareShares(items, { exposureBefore: 0, exposureAfter: 6 });
    expect(f.rows.every((r) => r.status === 'no-overlap' && r.p === null && r.change === 'none')).toBe(true);
    expect(f.rows[0].before.rate).toBeNull();
  });

  it('estimates the dispersion: about 0 for Poisson counts, positive for gamma-Poisson ones', () => {
    const rand = mulberry32(5);
    const pois = compareShares(draw(rand, { zones: 40, perZone: 100, swing: [0, 0], shape: 0, planted: 1 }), { exposureBefore: 1, exposureAfter: 1 });
    const over = compareShares(draw(rand, { zones: 40, perZone: 100, swing: [0, 0], shape: 10, planted: 1 }), { exposureBefore: 1, exposureAfter: 1 });
    expect(pois.dispersion.phi!).toBeLessThan(1.6);
    // rho ≈ pi (1 − pi) × 2 CV² = 0.25 × 0.2 = 0.05
    expect(over.dispersion.rho).toBeGreaterThan(0.02);
    expect(over.dispersion.phi!).toBeGreaterThan(3);
    expect(over.dispersion.df).toBe(39);
  });

  it('the O(1) leave-one-out sums give what the general path (any exposure change) gives', () => {
    const rand = mulberry32(41);
    for (const shape of [0, 10]) {
      const data = draw(rand, { zones: 30, perZone: 80, swing: [0.1, 0.3], shape, planted: 2, unequal: true });
      const fast = compareShares(data, { exposureBefore: 1, exposureAfter: 1 });
      // A population change of 1e-12 takes the general path and changes nothing measurable.
      const general = compareShares(data.map((d) => ({ ...d, weightAfter: 1 + 1e-12 })), { exposureBefore: 1, exposureAfter: 1 });
      fast.rows.forEach((row, i) => {
        expect(row.status).toBe(general.rows[i].status);
        if (row.p !== null) expect(Math.abs(row.p - general.rows[i].p!) / general.rows[i].p!).toBeLessThan(1e-7);
      });
    }
  });

  it('offsets a zone’s own change of population', () => {
    // a's population doubled: its doubled count is its share of an unchanged rate.
    const f = compareShares([{ key: 'a', before: 100, after: 200, weightBefore: 1, weightAfter: 2 }, ...items.slice(1).map((it) => ({ ...it, after: it.before }))], { exposureBefore: 1, exposureAfter: 1 });
    expect(f.rows[0].change).toBe('none');
    expect(f.rows[0].rateRatio).toBeCloseTo(1, 12);
  });

  it('rejects counts that are not non-negative integers', () => {
    expect(() => compareShares([{ key: 'x', before: 1.5, after: 2 }], { exposureBefore: 1, exposureAfter: 1 })).toThrow(/x: before/);
    expect(() => compareShares([{ key: 'x', before: 1, after: -2 }], { exposureBefore: 1, exposureAfter: 1 })).toThrow(RangeError);
  });
});
