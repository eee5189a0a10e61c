import { describe, expect, it } from 'vitest';
import { exactBetaBinomialTwoSidedP } from './compare-exact';
import ref from './fixtures/compare.r.json';
import { binomialTwoSidedP } from './stats';

const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(Math.abs(b), 1e-300);

describe('exactBetaBinomialTwoSidedP', () => {
  it('equals a direct R sum of beta-binomial probabilities (relative 1e-9), U-shaped ones too', () => {
    for (const c of ref.betaBinomial) {
      const p = exactBetaBinomialTwoSidedP(c.k, c.n, c.p, c.rho);
      expect(rel(p, c.pValue), `bb(${c.k}, ${c.n}, ${c.p}, ${c.rho})`).toBeLessThan(1e-9);
    }
  });

  it('is cheap at 10^6 events (a walk of a few standard deviations, not n terms)', () => {
    const t0 = performance.now();
    let s = 0;
    for (let i = 0; i < 20; i++) s += exactBetaBinomialTwoSidedP(500_000 + 1000 * i, 1_000_000, 0.5, 1e-4);
    const ms = (performance.now() - t0) / 20;
    console.log(`exact beta-binomial at n = 10^6: ${ms.toFixed(3)} ms a test`);
    expect(s).toBeGreaterThan(0);
    expect(ms).toBeLessThan(100);
  });

  it('rejects impossible arguments', () => {
    expect(() => exactBetaBinomialTwoSidedP(11, 10, 0.5, 0.1)).toThrow(RangeError);
    expect(() => exactBetaBinomialTwoSidedP(1.5, 10, 0.5, 0.1)).toThrow(RangeError);
    expect(() => exactBetaBinomialTwoSidedP(1, 10, 0.5, 1)).toThrow(RangeError);
  });

  it('is the binomial at rho = 0 and wider (larger p) as rho grows', () => {
    expect(exactBetaBinomialTwoSidedP(70, 100, 0.5, 0)).toBe(binomialTwoSidedP(70, 100, 0.5));
    const ps = [0, 0.001, 0.01, 0.05].map((r) => exactBetaBinomialTwoSidedP(70, 100, 0.5, r));
    for (let i = 1; i < ps.length; i++) expect(ps[i]).toBeGreaterThan(ps[i - 1]);
  });
});
