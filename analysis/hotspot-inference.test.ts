import { describe, expect, it } from 'vitest';
import ref from './fixtures/hotspots.r.json';
import { mulberry32 } from './fixtures/random';
import { binomialTails, binomialTwoSided, boundedWindowTests, windowCountTests } from './hotspot-inference';

describe('binomialTails', () => {
  it('equals R pbinom in both tails, from N = 10 to N = 1,000,000', () => {
    for (const t of ref.tails) {
      const { lower, upper } = binomialTails(t.s, t.n, t.p);
      expect(Math.abs(upper - t.upper) / Math.max(t.upper, 1e-300)).toBeLessThan(1e-9);
      expect(Math.abs(lower - t.lower) / Math.max(t.lower, 1e-300)).toBeLessThan(1e-9);
    }
  });

  it('handles the ends of the support and degenerate shares', () => {
    expect(binomialTails(0, 10, 0.1).upper).toBe(1);
    expect(binomialTails(0, 10, 0.1).lower).toBeCloseTo(0.9 ** 10, 14);
    expect(binomialTails(10, 10, 0.1).lower).toBe(1);
    expect(binomialTails(3, 10, 0)).toEqual({ lower: 1, upper: 0 });
    expect(binomialTails(10, 10, 1)).toEqual({ lower: 1, upper: 1 });
  });

  it('gives two-sided p = min(1, 2 × the smaller tail) and its direction', () => {
    const r = binomialTwoSided(7, 100, 0.03);
    expect(r.direction).toBe(1);
    expect(r.p).toBeCloseTo(2 * binomialTails(7, 100, 0.03).upper, 14);
    expect(binomialTwoSided(3, 100, 0.03)).toEqual({ p: 1, direction: 0 });
  });
});

describe('windowCountTests', () => {
  // H0: the test is exact, so P(p ≤ α) ≤ α for every α (discrete, hence ≤ rather than =).
  it('is valid: under H0 the share of p ≤ α is at most α (exact, by enumeration)', () => {
    const n = 200;
    const share = 9 / 2500;
    for (const alpha of [0.001, 0.01, 0.05, 0.2]) {
      let mass = 0;
      let logPmf = n * Math.log1p(-share);
      for (let s = 0; s <= n; s++) {
        if (s > 0) logPmf += Math.log((n - s + 1) / s) + Math.log(share / (1 - share));
        if (binomialTwoSided(s, n, share).p <= alpha) mass += Math.exp(logPmf);
      }
      expect(mass).toBeLessThanOrEqual(alpha);
    }
  });

  it('skips cells that are not analysed and uses each window\'s area share', () => {
    const t = windowCountTests([5, 5, 5], [1, 0.5, 1], [1, 1, 0], 10, 10);
    expect(t.expected[0]).toBeCloseTo(1, 12);
    expect(t.expected[1]).toBeCloseTo(0.5, 12);
    expect(Number.isNaN(t.p[2])).toBe(true);
    expect(t.p[1]).toBeLessThan(t.p[0]); // the same count is more surprising in half the area
  });
});

describe('boundedWindowTests', () => {
  // Validity of the public test: whatever true window count s in [low, high] and total N in
  // [N_low, N_high] lie behind the published figures, the bounded p is never below the exact p,
  // so P(bounded p ≤ α) ≤ P(exact p ≤ α) ≤ α under H0.
  it('is never below the exact p of any true counts the published ones stand for', () => {
    const r = mulberry32(5);
    for (let k = 0; k < 2000; k++) {
      const nLow = 50 + Math.floor(r() * 3000);
      const nHigh = nLow + Math.floor(r() * 5);
      const share = 9 / (500 + Math.floor(r() * 3000));
      const low = Math.floor(r() * 60);
      const high = low + Math.floor(r() * 20);
      const bounded = boundedWindowTests([low], [high], [share], [1], nLow, nHigh, 1).p[0];
      const n = nLow + Math.floor(r() * (nHigh - nLow + 1));
      const s = low + Math.floor(r() * (high - low + 1));
      expect(bounded).toBeGreaterThanOrEqual(binomialTwoSided(s, n, share).p * (1 - 1e-12));
    }
  });
});
