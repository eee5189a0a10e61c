import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { benjaminiHochberg } from './fdr';

describe('benjaminiHochberg', () => {
  it('matches scipy.stats.false_discovery_control', () => {
    const p = [0.01, 0.04, 0.03, 0.005, 0.2, 0.5, 0.04, 0.9];
    const expected = [0.04, 0.064, 0.064, 0.04, 0.26666666666666666, 0.5714285714285714, 0.064, 0.9];
    const q = benjaminiHochberg(p);
    expected.forEach((e, i) => expect(q[i]).toBeCloseTo(e, 14));
  });

  it('handles empty input, caps at 1 and leaves NaN out of the family', () => {
    expect(benjaminiHochberg([]).length).toBe(0);
    expect(Array.from(benjaminiHochberg([1, 1, NaN]))).toEqual([1, 1, NaN]);
    // Two tests, not three: 0.02 * 2 / 1, not 0.02 * 3 / 1.
    expect(Array.from(benjaminiHochberg([0.02, NaN, 0.5]))).toEqual([0.04, NaN, 0.5]);
    expect(Array.from(benjaminiHochberg([NaN, NaN]))).toEqual([NaN, NaN]);
  });

  it('is monotone in p, never below p, at most 1', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 200 }), (p) => {
        const q = benjaminiHochberg(p);
        const order = p.map((_, i) => i).sort((a, b) => p[a] - p[b]);
        for (let k = 0; k < order.length; k++) {
          const i = order[k];
          expect(q[i]).toBeGreaterThanOrEqual(p[i]);
          expect(q[i]).toBeLessThanOrEqual(1);
          if (k > 0) expect(q[i]).toBeGreaterThanOrEqual(q[order[k - 1]]);
        }
      }),
    );
  });
});
