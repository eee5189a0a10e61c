import { describe, expect, it } from 'vitest';
import ref from './fixtures/compare.r.json';
import { comparePoissonRates, pairedTTest, welchTTest } from './two-sample';

const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(Math.abs(b), 1e-300);

describe('comparePoissonRates', () => {
  it('is the exact conditional binomial test (scipy binomtest(20, 30, 0.5) = 0.0987)', () => {
    const c = comparePoissonRates({ count: 10, exposure: 1 }, { count: 20, exposure: 1 });
    expect(c.direction).toBe('increase');
    expect(c.rateRatio).toBe(2);
    expect(c.change).toBe(10);
    expect(c.test).toMatchObject({ method: 'exact conditional binomial', significant: false });
    expect('p' in c.test && c.test.p).toBeCloseTo(0.09873714670538905, 10);
  });

  it('accounts for unequal exposure (binomtest(40, 100, 1/3) = 0.168)', () => {
    // 60 events over 2 units of exposure vs 40 over 1: p0 = 1/3
    const c = comparePoissonRates({ count: 60, exposure: 2 }, { count: 40, exposure: 1 });
    expect(c.before.rate).toBe(30);
    expect(c.after.rate).toBe(40);
    expect('p' in c.test && c.test.p).toBeCloseTo(0.16809202939892737, 10);
  });

  it('says "insufficient" below the minimum count and handles a zero baseline', () => {
    const c = comparePoissonRates({ count: 0, exposure: 1 }, { count: 4, exposure: 1 });
    expect(c.test).toMatchObject({ status: 'insufficient' });
    expect(c.rateRatio).toBeNull();
    expect(comparePoissonRates({ count: 5, exposure: 1 }, { count: 5, exposure: 1 }).direction).toBe('stable');
  });

  // Finding 8: above 100,000 events the old code switched to a normal approximation.
  it("stays exact above 100,000 events: R's poisson.test to 1e-10, up to a million events", () => {
    for (const c of ref.poissonTest) {
      const r = comparePoissonRates({ count: c.before, exposure: c.exposureBefore }, { count: c.after, exposure: c.exposureAfter });
      expect(r.test.method).toBe('exact conditional binomial');
      expect(rel((r.test as { p: number }).p, c.pValue), `poisson.test(c(${c.before}, ${c.after}))`).toBeLessThan(1e-10);
    }
  });
});

describe('pairedTTest', () => {
  it("matches R's t.test(after, before, paired = TRUE)", () => {
    for (const c of ref.pairedT) {
      const r = pairedTTest(c.before, c.after)!;
      expect(r.t).toBeCloseTo(c.t, 12);
      expect(r.df).toBe(c.df);
      expect(rel(r.p, c.pValue)).toBeLessThan(1e-10);
    }
  });

  it('returns null with fewer than 2 pairs or no spread in the differences', () => {
    expect(pairedTTest([1], [2])).toBeNull();
    expect(pairedTTest([1, 2, 3], [2, 3, 4])).toBeNull();
    expect(() => pairedTTest([1, 2], [1])).toThrow(RangeError);
  });
});

describe('welchTTest', () => {
  it('matches scipy ttest_ind(equal_var=False)', () => {
    const w = welchTTest([1, 2, 3, 4, 5], [2, 4, 6, 8, 10])!;
    expect(w.t).toBeCloseTo(1.8973665961010275, 12);
    expect(w.df).toBeCloseTo(5.882352941176471, 12);
    expect(w.p).toBeCloseTo(0.10753119493062728, 9);
    const w2 = welchTTest([40, 45, 52, 48, 50], [55, 60, 70, 62, 58, 61])!;
    expect(w2.df).toBeCloseTo(8.856513992244, 9);
    expect(w2.p).toBeCloseTo(0.001083250752020126, 9);
  });

  it('returns null when it cannot be computed', () => {
    expect(welchTTest([1], [2, 3])).toBeNull();
    expect(welchTTest([2, 2], [2, 2])).toBeNull();
  });
});
